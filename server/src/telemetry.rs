//! Log output.

use tracing_subscriber::{EnvFilter, fmt};

use crate::config::{LogFormat, LogSettings};

/// Installs the global log subscriber. Logs go to standard error so that
/// command output on standard out stays clean for scripts.
pub fn init(settings: &LogSettings) {
    // The database driver reports routine notices ("relation already
    // exists, skipping") at info; keep them out unless asked for by name.
    let directives = if settings.filter.contains("sqlx") {
        settings.filter.clone()
    } else {
        format!("{},sqlx=warn", settings.filter)
    };
    // The filter was checked when the settings were read.
    let filter = EnvFilter::try_new(&directives).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // Fails only if a subscriber is already installed, as in tests that
    // start several servers; the first one keeps logging.
    let _ = match settings.format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Enough of a share slug or token to find it again in the logs, and too
/// little to open what it opens.
pub fn short(capability: &str) -> String {
    let cut = capability
        .char_indices()
        .nth(4)
        .map_or(capability.len(), |(i, _)| i);
    if cut == capability.len() {
        capability.to_string()
    } else {
        format!("{}…", &capability[..cut])
    }
}

/// A request path for the logs, with the slug in `/s/{slug}` and
/// `/practice/{slug}` cut short: the full slug opens the set.
pub fn loggable_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut after_capability_prefix = false;
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if after_capability_prefix {
            out.push_str(&short(segment));
        } else {
            out.push_str(segment);
        }
        after_capability_prefix = i == 1 && matches!(segment, "s" | "practice");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{loggable_path, short};

    #[test]
    fn logs_keep_a_prefix_of_a_capability() {
        assert_eq!(short("Xy7kQ9aBcD12"), "Xy7k…");
        assert_eq!(short("abc"), "abc");
        assert_eq!(loggable_path("/s/Xy7kQ9aBcD12"), "/s/Xy7k…");
        assert_eq!(
            loggable_path("/practice/Xy7kQ9aBcD12/export.md"),
            "/practice/Xy7k…/export.md"
        );
        assert_eq!(
            loggable_path("/roles/backend-engineer"),
            "/roles/backend-engineer"
        );
        assert_eq!(loggable_path("/"), "/");
    }
}
