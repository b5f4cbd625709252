//! The one error type every server function returns.
//!
//! It is serialisable so that it crosses the wire intact, and each variant maps
//! to an HTTP status. Messages are written for the person using the app: the
//! detail behind an `Internal` error stays in the server log, keyed by its
//! reference id.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Gathers every field's problem so that a form reports them all at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// The parsed value, or `None` with its message noted under `field`.
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        parsed.map_err(|message| self.add(field, message)).ok()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a problem was noted under `field`.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|f| f.field == field)
    }

    pub fn into_error(self) -> AppError {
        AppError::Validation { fields: self.0 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    #[error("Please correct the highlighted fields.")]
    Validation { fields: Vec<FieldError> },
    #[error("Please log in to continue.")]
    Unauthorized,
    /// A login with an unknown email or a wrong password: the same answer
    /// for both, so that nobody learns which emails have accounts.
    #[error("The email or password is not right.")]
    BadCredentials,
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("Too many requests. Please try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u64 },
    #[error("The AI model is unavailable right now.")]
    AiUnavailable,
    #[error("Something went wrong on our side (reference {reference}).")]
    Internal { reference: String },
    /// The request never reached the server or its reply could not be read.
    #[error("We could not reach the server. Check your connection and try again.")]
    Network { detail: String },
}

impl AppError {
    /// A validation error about a single field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            fields: vec![FieldError::new(field, message)],
        }
    }

    /// The HTTP status code this error is served with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation { .. } => 422,
            Self::Unauthorized | Self::BadCredentials => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::RateLimited { .. } => 429,
            Self::AiUnavailable => 503,
            Self::Internal { .. } => 500,
            Self::Network { .. } => 502,
        }
    }

    /// The message for one field, if this is a validation error that names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Validation { fields } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.as_str()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(detail)
            | ServerFnErrorErr::Deserialization(detail)
            | ServerFnErrorErr::Response(detail) => Self::Network { detail },
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                Self::invalid("request", detail)
            }
            other => Self::Internal {
                reference: format!("server-fn: {other}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_http_status() {
        let cases = [
            (AppError::invalid("email", "Enter an email address."), 422),
            (AppError::Unauthorized, 401),
            (AppError::Forbidden, 403),
            (AppError::NotFound, 404),
            (
                AppError::RateLimited {
                    retry_after_secs: 30,
                },
                429,
            ),
            (AppError::AiUnavailable, 503),
            (
                AppError::Internal {
                    reference: "abc".into(),
                },
                500,
            ),
        ];
        for (error, status) in cases {
            assert_eq!(error.status(), status, "{error:?}");
        }
    }

    #[test]
    fn errors_survive_the_wire_encoding() {
        let error = AppError::Validation {
            fields: vec![FieldError::new(
                "count",
                "Choose between 5 and 20 questions.",
            )],
        };
        let decoded = AppError::de(error.ser());
        assert_eq!(decoded, error);
        assert_eq!(
            decoded.field_message("count"),
            Some("Choose between 5 and 20 questions.")
        );
    }

    #[test]
    fn undecodable_replies_become_a_network_error() {
        let decoded = AppError::de("not json".into());
        assert!(matches!(decoded, AppError::Network { .. }), "{decoded:?}");
    }

    #[test]
    fn rate_limit_message_says_when_to_retry() {
        let error = AppError::RateLimited {
            retry_after_secs: 42,
        };
        assert!(error.to_string().contains("42 seconds"));
    }
}
