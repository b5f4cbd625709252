//! Answers and their feedback over the JSON API, for the logged-in account.

use app::api::port::Requester;
use app::model::{Attempt, Submission};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::ApiError;
use crate::state::AppState;

fn located(status: StatusCode, attempt: Attempt) -> Response {
    let location = format!("/api/v1/assessments/{}", attempt.id);
    let mut response = (status, Json(attempt)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Commits the answer (once per idempotency key), then assesses it. When
/// feedback fails, the answer is kept: 202 with `"feedback": null`, and
/// `POST /assessments/{id}/feedback` asks again.
pub async fn create(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<Submission>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(submission) = body?;
    let answered = state.ports.practice.answer(submission, &requester).await?;
    let status = match answered.feedback_error {
        None => StatusCode::CREATED,
        Some(_) => StatusCode::ACCEPTED,
    };
    Ok(located(status, answered.attempt))
}

pub async fn get(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Attempt>, ApiError> {
    let Path(id) = id?;
    Ok(Json(state.ports.practice.attempt(id, &requester).await?))
}

/// Computes the feedback of an attempt that has none yet.
pub async fn assess(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Attempt>, ApiError> {
    let Path(id) = id?;
    Ok(Json(state.ports.practice.feedback(id, &requester).await?))
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = id?;
    state.ports.practice.delete_attempt(id, &requester).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?on=YYYY-MM-DD` asks what is due by another day than today.
#[derive(serde::Deserialize)]
pub struct ReviewQuery {
    on: Option<String>,
}

/// The questions due for review, across every set practised.
pub async fn reviews(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    query: Result<axum::extract::Query<ReviewQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<app::model::ReviewView>, ApiError> {
    let on = query.map(|q| q.0.on).unwrap_or_default();
    Ok(Json(state.ports.practice.review(on, &requester).await?))
}

/// Moves a due question to tomorrow; `404` for a question the account has
/// never answered.
pub async fn postpone_review(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    question: Result<Path<i64>, PathRejection>,
) -> Result<Json<app::model::ReviewView>, ApiError> {
    let Path(question) = question?;
    let review = state.ports.practice.postpone_review(question, &requester);
    Ok(Json(review.await?))
}
