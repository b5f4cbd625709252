//! Accounts over the JSON API, on the same cookie session as the pages, so
//! that scripts can use accounts too.

use app::api::port::{Requester, Session};
use app::model::{
    AccountDeletion, AccountExport, AppError, LoginInput, PasswordChange, SignupInput, Viewer,
};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Extension, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::ApiError;
use crate::http::cookies;
use crate::state::AppState;

fn with_session(
    state: &AppState,
    requester: &Requester,
    status: StatusCode,
    opened: Session,
) -> Response {
    let response = (status, Json(json!({ "user": opened.viewer }))).into_response();
    cookies::with_session(response, &opened.token, requester, &state.settings)
}

fn without_session(state: &AppState) -> Response {
    cookies::without_session(StatusCode::NO_CONTENT.into_response(), &state.settings)
}

pub async fn signup(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<SignupInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body?;
    let opened = state.ports.accounts.signup(input, &requester).await?;
    Ok(with_session(
        &state,
        &requester,
        StatusCode::CREATED,
        opened,
    ))
}

pub async fn login(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<LoginInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body?;
    let opened = state.ports.accounts.login(input, &requester).await?;
    Ok(with_session(&state, &requester, StatusCode::OK, opened))
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> Result<Response, ApiError> {
    state.ports.accounts.logout(&requester).await?;
    Ok(without_session(&state))
}

pub async fn me(Extension(requester): Extension<Requester>) -> Result<Json<Viewer>, ApiError> {
    requester
        .user
        .map(Json)
        .ok_or(ApiError(AppError::Unauthorized))
}

pub async fn export(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> Result<Response, ApiError> {
    let export: AccountExport = state.ports.accounts.export(&requester).await?;
    let mut response = Json(export).into_response();
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"rehearse-export.json\""),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(change) = body?;
    state
        .ports
        .accounts
        .change_password(&requester, change)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<AccountDeletion>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(deletion) = body?;
    state.ports.accounts.delete(&requester, deletion).await?;
    Ok(without_session(&state))
}
