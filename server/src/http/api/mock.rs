//! Mock interviews over the JSON API. A run's answers go through
//! `POST /assessments` with `mock_interview` set to the run's id.

use app::api::port::Requester;
use app::model::{MockRun, MockSetup};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::ApiError;
use crate::state::AppState;

/// Starts a run: 201 with the run, whose `next` is its first question.
pub async fn create(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<MockSetup>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(setup) = body?;
    let run = state.ports.practice.start_mock(setup, &requester).await?;
    let location = format!("/api/v1/mock-interviews/{}", run.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(run),
    )
        .into_response())
}

/// A run: what comes next while it lasts, and its report throughout.
pub async fn get(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<MockRun>, ApiError> {
    let Path(id) = id?;
    Ok(Json(state.ports.practice.mock_run(id, &requester).await?))
}

/// The question (or follow-up) a skip moves past.
#[derive(Deserialize)]
pub struct Skip {
    question_index: u32,
    #[serde(default)]
    follow_up: bool,
    #[serde(default)]
    seconds_used: u32,
}

pub async fn skip(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<Skip>, JsonRejection>,
) -> Result<Json<MockRun>, ApiError> {
    let Path(id) = id?;
    let Json(skip) = body?;
    Ok(Json(
        state
            .ports
            .practice
            .skip_mock(
                id,
                skip.question_index,
                skip.follow_up,
                skip.seconds_used,
                &requester,
            )
            .await?,
    ))
}

/// Ends a run where it is.
pub async fn finish(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<MockRun>, ApiError> {
    let Path(id) = id?;
    Ok(Json(
        state.ports.practice.finish_mock(id, &requester).await?,
    ))
}
