//! Configuration from flags, the environment and `.env`.
//!
//! Every option is a flag and an environment variable. Values are read as text
//! and checked here, so that a bad one stops the program with a single line
//! that names the setting, rather than a usage dump or a panic.

mod args;
mod database_url;
mod llm;
mod proxy;

use std::net::SocketAddr;
use std::path::PathBuf;

pub use args::{
    ApiKey, Args, AssessArgs, Command, FeedbackFormat, GenerateArgs, MigrateAction, OutputFormat,
    UsageArgs,
};
pub use database_url::{DatabaseKind, DatabaseUrl};
pub use llm::{LlmSettings, OutputMode};
pub use proxy::{Network, TrustProxy};

/// A setting that could not be used, named as the operator wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {setting}: {message}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub message: String,
}

impl ConfigError {
    pub fn new(setting: &'static str, message: impl Into<String>) -> Self {
        Self {
            setting,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Checked settings for logging, needed by every subcommand.
#[derive(Debug, Clone)]
pub struct LogSettings {
    pub filter: String,
    pub format: LogFormat,
}

/// Checked settings for `rehearse serve`.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub addr: SocketAddr,
    pub public_url: Option<url::Url>,
    pub site_root: PathBuf,
    pub generate_limit: u32,
    /// Accounts one address may create per hour (0: no limit).
    pub signup_limit: u32,
    /// Per-account limits on a logged-in person's writes.
    pub write_limits: WriteLimits,
    pub trust_proxy: TrustProxy,
    /// The model server, when one is configured.
    pub llm: Option<LlmSettings>,
    /// `Some` when `REHEARSE_SECURE_COOKIES` forces the choice.
    pub secure_cookies: Option<bool>,
}

/// How much one account may write, generous for a person and a wall for a
/// script. 0 turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteLimits {
    pub answers_per_hour: u32,
    pub drafts_per_minute: u32,
    pub drills_per_hour: u32,
    pub feedback_per_hour: u32,
}

impl Default for WriteLimits {
    fn default() -> Self {
        Self {
            answers_per_hour: 120,
            drafts_per_minute: 60,
            drills_per_hour: 120,
            feedback_per_hour: 60,
        }
    }
}

impl ServeSettings {
    /// Settings for a server on `addr` with everything else at its default.
    pub fn local(addr: SocketAddr, site_root: PathBuf) -> Self {
        Self {
            addr,
            public_url: None,
            site_root,
            generate_limit: 30,
            signup_limit: 10,
            write_limits: WriteLimits::default(),
            trust_proxy: TrustProxy::Off,
            llm: None,
            secure_cookies: None,
        }
    }

    /// Whether cookies get the `Secure` flag and the `__Host-` prefix. By
    /// default they do when people reach the server over HTTPS, as
    /// `REHEARSE_PUBLIC_URL` says; browsers drop such cookies on plain HTTP,
    /// so local use without TLS gets plain ones. `REHEARSE_SECURE_COOKIES`
    /// decides it outright.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| {
            self.public_url
                .as_ref()
                .is_some_and(|u| u.scheme() == "https")
        })
    }
}

impl Args {
    pub fn log_settings(&self) -> Result<LogSettings, ConfigError> {
        let format = match self.log_format.trim().to_ascii_lowercase().as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError::new(
                    "REHEARSE_LOG_FORMAT (--log-format)",
                    format!("'{other}' is not a log format; use text or json"),
                ));
            }
        };
        let filter = self.log_level.trim().to_string();
        tracing_subscriber::EnvFilter::try_new(&filter).map_err(|e| {
            ConfigError::new(
                "REHEARSE_LOG_LEVEL (--log-level)",
                format!("'{filter}' is not a log filter ({e}); try info or rehearse=debug"),
            )
        })?;
        Ok(LogSettings { filter, format })
    }

    pub fn database_url(&self) -> Result<DatabaseUrl, ConfigError> {
        DatabaseUrl::parse(&self.database_url)
    }

    pub fn serve_settings(&self) -> Result<ServeSettings, ConfigError> {
        let addr = self.addr.trim().parse::<SocketAddr>().map_err(|_| {
            ConfigError::new(
                "REHEARSE_ADDR (--addr)",
                format!(
                    "'{}' is not an address and port such as 127.0.0.1:3000",
                    self.addr
                ),
            )
        })?;
        let public_url = match self.public_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(web_url(
                "REHEARSE_PUBLIC_URL (--public-url)",
                raw,
                "https://rehearse.example.org",
            )?),
        };
        let site_root = PathBuf::from(&self.site_root);
        if site_root.as_os_str().is_empty() {
            return Err(ConfigError::new(
                "REHEARSE_SITE_ROOT (--site-root)",
                "must name the folder that holds the built site",
            ));
        }
        let count = |raw: &str, setting: &'static str, what: &str| {
            raw.trim().parse::<u32>().map_err(|_| {
                ConfigError::new(setting, format!("'{raw}' is not a whole number of {what}"))
            })
        };
        let generate_limit = count(
            &self.generate_limit,
            "REHEARSE_GENERATE_LIMIT (--generate-limit)",
            "sets per hour",
        )?;
        let signup_limit = count(
            &self.signup_limit,
            "REHEARSE_SIGNUP_LIMIT (--signup-limit)",
            "accounts per hour",
        )?;
        let write_limits = WriteLimits {
            answers_per_hour: count(
                &self.answer_limit,
                "REHEARSE_ANSWER_LIMIT (--answer-limit)",
                "answers per hour",
            )?,
            drafts_per_minute: count(
                &self.draft_limit,
                "REHEARSE_DRAFT_LIMIT (--draft-limit)",
                "draft saves per minute",
            )?,
            drills_per_hour: count(
                &self.drill_limit,
                "REHEARSE_DRILL_LIMIT (--drill-limit)",
                "drills per hour",
            )?,
            feedback_per_hour: count(
                &self.feedback_limit,
                "REHEARSE_FEEDBACK_LIMIT (--feedback-limit)",
                "feedback requests per hour",
            )?,
        };
        let trust_proxy = TrustProxy::parse(&self.trust_proxy).ok_or_else(|| {
            ConfigError::new(
                "REHEARSE_TRUST_PROXY (--trust-proxy)",
                format!(
                    "'{}' is not true, false or a list of proxy addresses and networks such as 10.0.0.0/8",
                    self.trust_proxy.trim()
                ),
            )
        })?;
        let secure_cookies = match self.secure_cookies.trim() {
            "" => None,
            raw if raw.eq_ignore_ascii_case("auto") => None,
            raw => Some(yes_no(raw).ok_or_else(|| {
                ConfigError::new(
                    "REHEARSE_SECURE_COOKIES (--secure-cookies)",
                    format!("'{raw}' is not auto, true or false"),
                )
            })?),
        };
        Ok(ServeSettings {
            addr,
            public_url,
            site_root,
            generate_limit,
            signup_limit,
            write_limits,
            trust_proxy,
            llm: self.llm_settings()?,
            secure_cookies,
        })
    }
}

/// `true` or `false` (also `1`/`0` and `yes`/`no`), in any case.
fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// An http:// or https:// URL with a host; `example` shows a good one.
fn web_url(setting: &'static str, raw: &str, example: &str) -> Result<url::Url, ConfigError> {
    let url = url::Url::parse(raw).map_err(|e| {
        ConfigError::new(
            setting,
            format!("'{raw}' is not a URL ({e}); use e.g. {example}"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(ConfigError::new(
            setting,
            format!("'{raw}' must be an http:// or https:// URL with a host"),
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(extra: &[&str]) -> Args {
        let mut argv = vec!["rehearse"];
        argv.extend_from_slice(extra);
        Args::try_parse_from(argv).expect("arguments parse")
    }

    #[test]
    fn defaults_serve_on_localhost_3000() {
        let settings = args(&["--addr", "127.0.0.1:3000"])
            .serve_settings()
            .unwrap();
        assert_eq!(settings.addr, "127.0.0.1:3000".parse().unwrap());
        assert!(settings.public_url.is_none());
    }

    #[test]
    fn bad_address_names_the_setting() {
        let error = args(&["--addr", "localhost"]).serve_settings().unwrap_err();
        assert_eq!(error.setting, "REHEARSE_ADDR (--addr)");
        assert!(error.to_string().starts_with("invalid REHEARSE_ADDR"));
    }

    #[test]
    fn public_url_must_be_http_with_a_host() {
        let ok = args(&["--public-url", "https://rehearse.example.org/"])
            .serve_settings()
            .unwrap();
        assert_eq!(
            ok.public_url.unwrap().as_str(),
            "https://rehearse.example.org/"
        );
        for bad in ["ftp://example.org", "not a url", "mailto:a@b.c"] {
            let error = args(&["--public-url", bad]).serve_settings().unwrap_err();
            assert_eq!(error.setting, "REHEARSE_PUBLIC_URL (--public-url)", "{bad}");
        }
    }

    #[test]
    fn limits_and_proxy_trust_are_checked() {
        let settings = args(&[
            "--generate-limit",
            "5",
            "--signup-limit",
            "0",
            "--trust-proxy",
            "yes",
        ])
        .serve_settings()
        .unwrap();
        assert_eq!(settings.generate_limit, 5);
        assert_eq!(settings.signup_limit, 0);
        let error = args(&["--signup-limit", "many"])
            .serve_settings()
            .unwrap_err();
        assert_eq!(error.setting, "REHEARSE_SIGNUP_LIMIT (--signup-limit)");
        assert_eq!(settings.trust_proxy, TrustProxy::Peer);
        let error = args(&["--generate-limit", "lots"])
            .serve_settings()
            .unwrap_err();
        assert_eq!(error.setting, "REHEARSE_GENERATE_LIMIT (--generate-limit)");
        let error = args(&["--trust-proxy", "maybe"])
            .serve_settings()
            .unwrap_err();
        assert_eq!(error.setting, "REHEARSE_TRUST_PROXY (--trust-proxy)");
        let settings = args(&["--answer-limit", "7", "--draft-limit", "0"])
            .serve_settings()
            .unwrap();
        assert_eq!(settings.write_limits.answers_per_hour, 7);
        assert_eq!(settings.write_limits.drafts_per_minute, 0);
        assert_eq!(settings.write_limits.drills_per_hour, 120);
        let error = args(&["--feedback-limit", "many"])
            .serve_settings()
            .unwrap_err();
        assert_eq!(error.setting, "REHEARSE_FEEDBACK_LIMIT (--feedback-limit)");
    }

    #[test]
    fn cookies_are_secure_only_behind_https() {
        let plain = args(&[]).serve_settings().unwrap();
        assert!(!plain.secure_cookies());
        let https = args(&["--public-url", "https://rehearse.example.org"])
            .serve_settings()
            .unwrap();
        assert!(https.secure_cookies());
    }

    #[test]
    fn log_format_and_filter_are_checked() {
        assert_eq!(
            args(&["--log-format", "JSON"])
                .log_settings()
                .unwrap()
                .format,
            LogFormat::Json
        );
        let error = args(&["--log-format", "xml"]).log_settings().unwrap_err();
        assert_eq!(error.setting, "REHEARSE_LOG_FORMAT (--log-format)");
        let error = args(&["--log-level", "rehearse=loud"])
            .log_settings()
            .unwrap_err();
        assert_eq!(error.setting, "REHEARSE_LOG_LEVEL (--log-level)");
    }

    #[test]
    fn no_subcommand_means_serve() {
        assert!(args(&[]).command.is_none());
        assert!(matches!(args(&["serve"]).command, Some(Command::Serve)));
        assert!(matches!(
            args(&["migrate", "status"]).command,
            Some(Command::Migrate {
                action: MigrateAction::Status
            })
        ));
    }
}
