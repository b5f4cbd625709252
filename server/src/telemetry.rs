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
