//! Errors as the JSON API reports them:
//! `{"error": {"code", "message", "fields"?}}`.

use app::model::AppError;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        Self(AppError::invalid("body", rejection.body_text()))
    }
}

/// A path that does not parse (`/assessments/abc`) names nothing.
impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        Self(AppError::NotFound)
    }
}

fn code(error: &AppError) -> &'static str {
    match error {
        AppError::Validation { .. } => "validation_failed",
        AppError::Unauthorized => "unauthorized",
        AppError::BadCredentials => "bad_credentials",
        AppError::Forbidden => "forbidden",
        AppError::NotFound => "not_found",
        AppError::RateLimited { .. } => "rate_limited",
        AppError::AiUnavailable => "ai_unavailable",
        AppError::Internal { .. } => "internal",
        AppError::Network { .. } => "bad_gateway",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = self.0;
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = json!({ "code": code(&error), "message": error.to_string() });
        if let AppError::Validation { fields } = &error {
            body["fields"] = json!(
                fields
                    .iter()
                    .map(|f| json!({ "field": f.field, "message": f.message }))
                    .collect::<Vec<_>>()
            );
        }
        let mut response = (status, Json(json!({ "error": body }))).into_response();
        if let AppError::RateLimited { retry_after_secs } = error {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}
