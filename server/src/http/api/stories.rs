//! The story bank over the JSON API, for the logged-in account.

use app::api::port::Requester;
use app::model::{Story, StoryInput};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::ApiError;
use crate::state::AppState;

fn created(story: Story) -> Response {
    let location = format!("/api/v1/me/stories/{}", story.id);
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(story),
    )
        .into_response()
}

pub async fn list(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> Result<Json<Vec<Story>>, ApiError> {
    Ok(Json(state.ports.stories.list(&requester).await?))
}

pub async fn create(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<StoryInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body?;
    Ok(created(
        state.ports.stories.create(input, &requester).await?,
    ))
}

pub async fn get(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Story>, ApiError> {
    let Path(id) = id?;
    Ok(Json(state.ports.stories.get(id, &requester).await?))
}

pub async fn update(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<StoryInput>, JsonRejection>,
) -> Result<Json<Story>, ApiError> {
    let Path(id) = id?;
    let Json(input) = body?;
    Ok(Json(
        state.ports.stories.update(id, input, &requester).await?,
    ))
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = id?;
    state.ports.stories.delete(id, &requester).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A story drafted from one of the account's attempts.
pub async fn draft_from_attempt(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    attempt: Result<Path<i64>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(attempt) = attempt?;
    Ok(created(
        state
            .ports
            .stories
            .draft_from_attempt(attempt, &requester)
            .await?,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseOn {
    question_set: String,
    question_index: u32,
}

/// Starts an answer to a question from the story: into its draft.
pub async fn use_on(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<UseOn>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = id?;
    let Json(target) = body?;
    let stories = &state.ports.stories;
    stories
        .use_on(id, &target.question_set, target.question_index, &requester)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
