//! One Chat Completions call to an OpenAI-compatible server, through
//! async-openai, with every failure sorted into what the retry policy needs
//! to know. Retrying, budgets and the breaker live a level up.

use std::time::{Duration, SystemTime};

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::middleware::HttpRequestFactory;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestUserMessage, CreateChatCompletionRequest, FinishReason, ResponseFormat,
    ResponseFormatJsonSchema,
};
use reqwest::StatusCode;

use crate::config::{LlmSettings, OutputMode};

/// Bytes of an error body kept for the log.
const ERROR_BODY_LIMIT: usize = 600;

/// What one call asks for.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub system: String,
    pub user: String,
    /// Names the schema in `json_schema` mode: letters, digits, `_` and `-`.
    pub schema_name: &'static str,
    pub schema: serde_json::Value,
    pub max_tokens: u32,
}

/// The text the model wrote and what it cost.
#[derive(Debug, Clone)]
pub struct Completion {
    pub content: String,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    /// Whether the server reported token usage at all.
    pub usage_reported: bool,
}

/// Why a call produced nothing usable.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("could not reach the model server: {0}")]
    Transport(String),
    #[error("HTTP {status}: {detail}")]
    Status {
        status: u16,
        retry_after: Option<Duration>,
        /// The account is out of credit: waiting will not help.
        quota: bool,
        detail: String,
    },
    #[error("the server's answer is not a chat completion: {0}")]
    Malformed(String),
    #[error("the model wrote no usable text: {0}")]
    Empty(String),
}

impl CallError {
    /// Whether another attempt could succeed: timeouts, connection failures,
    /// 408, 409, 429 (unless the quota is spent) and 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout(_) | Self::Transport(_) => true,
            Self::Status { status, quota, .. } => {
                !quota && (matches!(status, 408 | 409 | 429) || *status >= 500)
            }
            Self::Malformed(_) | Self::Empty(_) => false,
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A short label for logs and usage records.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Timeout(_) => "timeout",
            Self::Transport(_) => "transport",
            Self::Status { quota: true, .. } => "quota",
            Self::Status { .. } => "status",
            Self::Malformed(_) => "malformed",
            Self::Empty(_) => "empty",
        }
    }
}

/// A non-success HTTP answer, caught below async-openai so that the status
/// and `Retry-After` survive.
#[derive(Debug)]
struct HttpFailure {
    status: StatusCode,
    retry_after: Option<Duration>,
    body: String,
}

impl std::fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {}", self.status)
    }
}

impl std::error::Error for HttpFailure {}

#[derive(Clone)]
pub struct ModelClient {
    client: Client<OpenAIConfig>,
    model: String,
    output: OutputMode,
}

impl ModelClient {
    pub fn new(settings: &LlmSettings) -> Self {
        // Only what the operator configured is sent: no key, organisation or
        // project is picked up from OPENAI_* variables.
        let config = OpenAIConfig::new()
            .with_api_base(settings.base_url.clone())
            .with_api_key(settings.api_key.clone().unwrap_or_default())
            .with_org_id("")
            .with_project_id("");
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("rehearse/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("an HTTP client with static settings builds");
        // No retry layer: attempts, backoff and deadlines are decided by the
        // engine, which sees every failure through `HttpFailure`.
        let transport = {
            let http = http.clone();
            tower::service_fn(move |factory: HttpRequestFactory| {
                let http = http.clone();
                async move {
                    let request = factory.build().await?;
                    let response = http.execute(request).await.map_err(OpenAIError::Reqwest)?;
                    let status = response.status();
                    if status.is_success() {
                        return Ok(response);
                    }
                    let retry_after = response
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let body = response.text().await.unwrap_or_default();
                    Err(OpenAIError::Boxed(Box::new(HttpFailure {
                        status,
                        retry_after,
                        body: truncate(&body, ERROR_BODY_LIMIT),
                    })))
                }
            })
        };
        Self {
            client: Client::build(http, config).with_http_service(transport),
            model: settings.model.clone(),
            output: settings.output,
        }
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// The request body for `prompt`, as sent.
    // `max_tokens` is deprecated by OpenAI in favour of
    // `max_completion_tokens`, which not every compatible server reads yet.
    #[allow(deprecated)]
    pub fn request(&self, prompt: &Prompt) -> CreateChatCompletionRequest {
        let system = match self.output {
            OutputMode::JsonSchema => prompt.system.clone(),
            // Without server-side enforcement the schema goes in the prompt.
            OutputMode::JsonObject | OutputMode::Prompt => format!(
                "{}\n\nAnswer with one JSON object, and nothing else, that matches this JSON Schema:\n{}",
                prompt.system, prompt.schema
            ),
        };
        let response_format = match self.output {
            OutputMode::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: None,
                    name: prompt.schema_name.to_string(),
                    schema: prompt.schema.clone(),
                    strict: Some(true),
                },
            }),
            OutputMode::JsonObject => Some(ResponseFormat::JsonObject),
            OutputMode::Prompt => None,
        };
        CreateChatCompletionRequest {
            model: self.model.clone(),
            messages: vec![
                ChatCompletionRequestMessage::from(ChatCompletionRequestSystemMessage::from(
                    system,
                )),
                ChatCompletionRequestMessage::from(ChatCompletionRequestUserMessage::from(
                    prompt.user.as_str(),
                )),
            ],
            response_format,
            // `max_tokens` rather than `max_completion_tokens`: Ollama,
            // vLLM, llama.cpp and OpenAI's chat models all read it.
            max_tokens: Some(prompt.max_tokens),
            ..Default::default()
        }
    }

    /// One attempt, abandoned after `timeout`.
    pub async fn call(&self, prompt: &Prompt, timeout: Duration) -> Result<Completion, CallError> {
        let request = self.request(prompt);
        let response = match tokio::time::timeout(timeout, self.client.chat().create(request)).await
        {
            Err(_) => return Err(CallError::Timeout(timeout)),
            Ok(Err(error)) => return Err(classify(error)),
            Ok(Ok(response)) => response,
        };
        let (prompt_tokens, completion_tokens, usage_reported) = match &response.usage {
            Some(u) => (
                u64::from(u.prompt_tokens),
                u64::from(u.completion_tokens),
                true,
            ),
            None => (0, 0, false),
        };
        let Some(choice) = response.choices.into_iter().next() else {
            return Err(CallError::Empty("no choices".into()));
        };
        if choice.finish_reason == Some(FinishReason::Length) {
            return Err(CallError::Empty(
                "the answer was cut off at max_tokens".into(),
            ));
        }
        if let Some(refusal) = choice.message.refusal.filter(|r| !r.trim().is_empty()) {
            return Err(CallError::Empty(format!(
                "refused ({} bytes, hash {:016x})",
                refusal.len(),
                crate::coach::offline::fnv1a(&refusal)
            )));
        }
        match choice.message.content {
            Some(content) if !content.trim().is_empty() => Ok(Completion {
                content,
                prompt_tokens,
                completion_tokens,
                usage_reported,
            }),
            _ => Err(CallError::Empty("empty content".into())),
        }
    }
}

/// reqwest is built without a bundled TLS crypto provider; this installs
/// ring's for the whole process. Calling it again does nothing.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn classify(error: OpenAIError) -> CallError {
    match error {
        OpenAIError::Boxed(boxed) => match boxed.downcast::<HttpFailure>() {
            Ok(failure) => {
                let quota = is_quota_error(failure.status, &failure.body);
                CallError::Status {
                    status: failure.status.as_u16(),
                    retry_after: failure.retry_after,
                    quota,
                    detail: failure.body,
                }
            }
            Err(other) => CallError::Transport(other.to_string()),
        },
        OpenAIError::Reqwest(e) => CallError::Transport(e.to_string()),
        OpenAIError::JSONDeserialize(e, content) => {
            // Logged: its length and hash, never the text.
            CallError::Malformed(format!(
                "{}; {} bytes, hash {:016x}",
                super::questions::json_error(&e),
                content.len(),
                crate::coach::offline::fnv1a(&content)
            ))
        }
        OpenAIError::StreamError(e) => CallError::Transport(e.to_string()),
        OpenAIError::ApiError(e) => CallError::Status {
            status: e.status_code.as_u16(),
            retry_after: None,
            quota: is_quota_code(e.api_error.code.as_deref())
                || is_quota_code(e.api_error.r#type.as_deref()),
            detail: e.api_error.to_string(),
        },
        other => CallError::Malformed(other.to_string()),
    }
}

/// OpenAI answers 429 both for "slow down" and for "out of credit"; only
/// the body tells them apart. 402 is what some gateways send for the latter.
fn is_quota_error(status: StatusCode, body: &str) -> bool {
    if status == StatusCode::PAYMENT_REQUIRED {
        return true;
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return false;
    };
    let error = &value["error"];
    is_quota_code(error["code"].as_str()) || is_quota_code(error["type"].as_str())
}

fn is_quota_code(code: Option<&str>) -> bool {
    matches!(
        code,
        Some("insufficient_quota" | "billing_hard_limit_reached" | "quota_exceeded")
    )
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::from_secs_f64(seconds.min(86_400.0)));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(when.timestamp().max(0) as u64);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("0.5", now),
            Some(Duration::from_millis(500))
        );
        // 1_700_000_030 is Tue, 14 Nov 2023 22:13:50 GMT.
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:50 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn spent_credit_is_not_worth_retrying_but_a_rate_limit_is() {
        let quota = r#"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"#;
        let slow = r#"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#;
        assert!(is_quota_error(StatusCode::TOO_MANY_REQUESTS, quota));
        assert!(!is_quota_error(StatusCode::TOO_MANY_REQUESTS, slow));
        let status = |status: u16, quota: bool| CallError::Status {
            status,
            retry_after: None,
            quota,
            detail: String::new(),
        };
        assert!(status(429, false).is_transient());
        assert!(!status(429, true).is_transient());
        assert!(status(503, false).is_transient());
        assert!(!status(400, false).is_transient());
        assert!(!status(401, false).is_transient());
        assert!(CallError::Timeout(Duration::from_secs(1)).is_transient());
        assert!(!CallError::Malformed(String::new()).is_transient());
    }

    #[test]
    fn a_malformed_reply_is_described_by_its_length_and_hash_not_its_text() {
        let content = r#"{"choices": "the user's secret answer text"}"#;
        let parse = serde_json::from_str::<std::collections::HashMap<String, Vec<u8>>>(content)
            .unwrap_err();
        let error = classify(OpenAIError::JSONDeserialize(parse, content.to_string()));
        let message = error.to_string();
        assert!(!message.contains("secret"), "{message}");
        assert!(
            message.contains(&format!("{} bytes", content.len())),
            "{message}"
        );
        assert_eq!(error.label(), "malformed");
    }
}
