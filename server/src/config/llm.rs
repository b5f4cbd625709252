//! Settings for the model server, checked once at start-up.

use std::time::Duration;

use super::{Args, ConfigError};

/// How the model is asked for JSON. Servers differ: some refuse
/// `json_schema`, some ignore `json_object`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    /// `response_format: {type: "json_schema", strict: true}`.
    JsonSchema,
    /// `response_format: {type: "json_object"}`, shape described in the prompt.
    JsonObject,
    /// No response format; the prompt alone asks for JSON.
    Prompt,
}

impl OutputMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::JsonSchema => "json_schema",
            Self::JsonObject => "json_object",
            Self::Prompt => "prompt",
        }
    }
}

/// A configured model server and the limits on using it.
#[derive(Clone, PartialEq, Eq)]
pub struct LlmSettings {
    /// Base URL without a trailing slash, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    pub api_key: Option<String>,
    pub model: String,
    pub attempt_timeout: Duration,
    pub deadline: Duration,
    pub retries: u32,
    pub output: OutputMode,
    pub max_tokens: u32,
    pub max_input_chars: usize,
    /// Tokens per UTC day across every instance; 0 means no limit.
    pub daily_tokens: u64,
    /// Model-made sets per address per UTC day, without an account; 0 means
    /// no limit.
    pub ip_quota: u32,
    /// Model-made sets per account per UTC day; 0 means no limit.
    pub user_quota: u32,
    /// Answers assessed by the model per account per UTC day; 0 means no
    /// limit.
    pub assess_quota: u32,
    pub breaker_failures: u32,
    pub breaker_cooldown: Duration,
}

impl std::fmt::Debug for LlmSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSettings")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("model", &self.model)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("deadline", &self.deadline)
            .field("retries", &self.retries)
            .field("output", &self.output)
            .field("max_tokens", &self.max_tokens)
            .field("max_input_chars", &self.max_input_chars)
            .field("daily_tokens", &self.daily_tokens)
            .field("ip_quota", &self.ip_quota)
            .field("user_quota", &self.user_quota)
            .field("assess_quota", &self.assess_quota)
            .field("breaker_failures", &self.breaker_failures)
            .field("breaker_cooldown", &self.breaker_cooldown)
            .finish()
    }
}

impl LlmSettings {
    /// Settings for `model` at `base_url`, every limit at its default.
    pub fn new(base_url: &str, model: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_string(),
            api_key: None,
            model: model.to_string(),
            attempt_timeout: Duration::from_secs(45),
            deadline: Duration::from_secs(90),
            retries: 2,
            output: OutputMode::JsonSchema,
            max_tokens: 4000,
            max_input_chars: 12_000,
            daily_tokens: 1_000_000,
            ip_quota: 20,
            user_quota: 50,
            assess_quota: 200,
            breaker_failures: 5,
            breaker_cooldown: Duration::from_secs(30),
        }
    }
}

impl Args {
    /// The model server, or `None` when none is configured.
    pub fn llm_settings(&self) -> Result<Option<LlmSettings>, ConfigError> {
        let base_url = self
            .llm_base_url
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let model = self
            .llm_model
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let api_key = self
            .llm_api_key
            .as_ref()
            .map(|k| k.0.trim().to_string())
            .filter(|v| !v.is_empty());
        let Some(base_url) = base_url else {
            if model.is_some() || api_key.is_some() {
                return Err(ConfigError::new(
                    "REHEARSE_LLM_BASE_URL (--llm-base-url)",
                    "is needed with a model or an API key; for OpenAI it is https://api.openai.com/v1",
                ));
            }
            return Ok(None);
        };
        check_base_url(base_url)?;
        let Some(model) = model else {
            return Err(ConfigError::new(
                "REHEARSE_LLM_MODEL (--llm-model)",
                "is needed with REHEARSE_LLM_BASE_URL: name the model to ask for, such as gpt-4o-mini",
            ));
        };
        if model.chars().count() > 200 || model.chars().any(char::is_control) {
            return Err(ConfigError::new(
                "REHEARSE_LLM_MODEL (--llm-model)",
                "must be a model name of at most 200 printable characters",
            ));
        }

        let mut settings = LlmSettings::new(base_url, model);
        settings.api_key = api_key;
        settings.attempt_timeout = seconds(
            "REHEARSE_LLM_TIMEOUT (--llm-timeout)",
            &self.llm_timeout,
            1..=600,
        )?;
        settings.deadline = seconds(
            "REHEARSE_LLM_DEADLINE (--llm-deadline)",
            &self.llm_deadline,
            1..=1800,
        )?;
        settings.retries = number(
            "REHEARSE_LLM_RETRIES (--llm-retries)",
            &self.llm_retries,
            0..=10,
        )? as u32;
        settings.output = match self.llm_output.trim().to_ascii_lowercase().as_str() {
            "json_schema" => OutputMode::JsonSchema,
            "json_object" => OutputMode::JsonObject,
            "prompt" => OutputMode::Prompt,
            other => {
                return Err(ConfigError::new(
                    "REHEARSE_LLM_OUTPUT (--llm-output)",
                    format!(
                        "'{other}' is not an output mode; use json_schema, json_object or prompt"
                    ),
                ));
            }
        };
        settings.max_tokens = number(
            "REHEARSE_LLM_MAX_TOKENS (--llm-max-tokens)",
            &self.llm_max_tokens,
            256..=100_000,
        )? as u32;
        settings.max_input_chars = number(
            "REHEARSE_LLM_MAX_INPUT (--llm-max-input)",
            &self.llm_max_input,
            500..=20_000,
        )? as usize;
        settings.daily_tokens = number(
            "REHEARSE_LLM_DAILY_TOKENS (--llm-daily-tokens)",
            &self.llm_daily_tokens,
            0..=u64::MAX,
        )?;
        settings.ip_quota = number(
            "REHEARSE_LLM_IP_QUOTA (--llm-ip-quota)",
            &self.llm_ip_quota,
            0..=1_000_000,
        )? as u32;
        settings.user_quota = number(
            "REHEARSE_LLM_USER_QUOTA (--llm-user-quota)",
            &self.llm_user_quota,
            0..=1_000_000,
        )? as u32;
        settings.assess_quota = number(
            "REHEARSE_LLM_ASSESS_QUOTA (--llm-assess-quota)",
            &self.llm_assess_quota,
            0..=1_000_000,
        )? as u32;
        settings.breaker_failures = number(
            "REHEARSE_LLM_BREAKER_FAILURES (--llm-breaker-failures)",
            &self.llm_breaker_failures,
            1..=1000,
        )? as u32;
        settings.breaker_cooldown = seconds(
            "REHEARSE_LLM_BREAKER_COOLDOWN (--llm-breaker-cooldown)",
            &self.llm_breaker_cooldown,
            1..=3600,
        )?;
        Ok(Some(settings))
    }
}

fn check_base_url(raw: &str) -> Result<(), ConfigError> {
    const SETTING: &str = "REHEARSE_LLM_BASE_URL (--llm-base-url)";
    let url = super::web_url(SETTING, raw, "http://127.0.0.1:11434/v1")?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(ConfigError::new(
            SETTING,
            "must be a plain base URL, without credentials, query or fragment; put the key in REHEARSE_LLM_API_KEY",
        ));
    }
    Ok(())
}

fn number(
    setting: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, ConfigError> {
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            ConfigError::new(
                setting,
                format!(
                    "'{raw}' is not a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        })
}

fn seconds(
    setting: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<Duration, ConfigError> {
    number(setting, raw, range).map(Duration::from_secs)
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
    fn no_base_url_means_no_model() {
        assert_eq!(args(&[]).llm_settings().unwrap(), None);
    }

    #[test]
    fn a_model_needs_a_base_url_and_the_reverse() {
        let e = args(&["--llm-model", "gpt-4o-mini"])
            .llm_settings()
            .unwrap_err();
        assert!(e.setting.starts_with("REHEARSE_LLM_BASE_URL"), "{e}");
        let e = args(&["--llm-base-url", "http://127.0.0.1:11434/v1"])
            .llm_settings()
            .unwrap_err();
        assert!(e.setting.starts_with("REHEARSE_LLM_MODEL"), "{e}");
    }

    #[test]
    fn every_limit_is_read_and_checked() {
        let s = args(&[
            "--llm-base-url",
            "http://127.0.0.1:8080/v1/",
            "--llm-model",
            "m",
            "--llm-api-key",
            "sk-secret",
            "--llm-timeout",
            "3",
            "--llm-deadline",
            "7",
            "--llm-retries",
            "1",
            "--llm-output",
            "json_object",
            "--llm-daily-tokens",
            "0",
        ])
        .llm_settings()
        .unwrap()
        .unwrap();
        assert_eq!(s.base_url, "http://127.0.0.1:8080/v1");
        assert_eq!(s.attempt_timeout, Duration::from_secs(3));
        assert_eq!(s.deadline, Duration::from_secs(7));
        assert_eq!(s.retries, 1);
        assert_eq!(s.output, OutputMode::JsonObject);
        assert_eq!(s.daily_tokens, 0);
        assert!(!format!("{s:?}").contains("sk-secret"));
        assert!(!format!("{:?}", args(&["--llm-api-key", "sk-secret"])).contains("sk-secret"));

        for (flag, value) in [
            ("--llm-timeout", "0"),
            ("--llm-retries", "many"),
            ("--llm-output", "xml"),
            ("--llm-max-tokens", "10"),
        ] {
            let e = args(&[
                "--llm-base-url",
                "http://127.0.0.1:8080/v1",
                "--llm-model",
                "m",
                flag,
                value,
            ])
            .llm_settings()
            .unwrap_err();
            assert!(e.setting.contains(flag), "{flag}: {e}");
        }
        let e = args(&["--llm-base-url", "ftp://x", "--llm-model", "m"])
            .llm_settings()
            .unwrap_err();
        assert!(e.message.contains("http"), "{e}");
    }
}
