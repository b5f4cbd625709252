//! The JSON API, version 1. The same services as the web pages, with JSON in
//! and out; the OpenAPI document describes it.

mod accounts;
mod error;
mod mock;
mod openapi;
mod practice;
mod stories;

use app::api::port::{Requester, unwatched};
use app::model::{GenerateInput, ListingInput, RolePage, RoleSummary, SharedSet};
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Serialize;

pub use self::error::ApiError;
use super::cookies;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/question-sets", post(create_set))
        .route("/question-sets/{slug}", get(get_set))
        .route("/question-sets/{slug}/listing", put(set_listing))
        .route("/question-sets/{slug}/private", get(get_private))
        .route("/roles", get(list_roles))
        .route("/roles/{slug}", get(get_role))
        .route("/auth/signup", post(accounts::signup))
        .route("/auth/login", post(accounts::login))
        .route("/auth/logout", post(accounts::logout))
        .route("/me", get(accounts::me).delete(accounts::delete))
        .route("/me/export", get(accounts::export))
        .route("/me/password", post(accounts::change_password))
        .route("/me/reviews", get(practice::reviews))
        .route("/me/stories", get(stories::list).post(stories::create))
        .route(
            "/me/stories/{id}",
            get(stories::get)
                .put(stories::update)
                .delete(stories::delete),
        )
        .route("/me/stories/{id}/use", post(stories::use_on))
        .route("/assessments/{id}/story", post(stories::draft_from_attempt))
        .route(
            "/me/reviews/{question}/postpone",
            post(practice::postpone_review),
        )
        .route("/assessments", post(practice::create))
        .route(
            "/assessments/{id}",
            get(practice::get).delete(practice::delete),
        )
        .route("/assessments/{id}/feedback", post(practice::assess))
        .route("/mock-interviews", post(mock::create))
        .route("/mock-interviews/{id}", get(mock::get))
        .route("/mock-interviews/{id}/skip", post(mock::skip))
        .route("/mock-interviews/{id}/finish", post(mock::finish))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { ApiError(app::model::AppError::NotFound) })
}

/// A set as the API returns it: the set's own JSON form plus where it lives.
#[derive(Serialize)]
struct SetResponse {
    slug: String,
    url: String,
    created_at: String,
    /// Listed for search engines by its owner.
    listed: bool,
    /// Questions drawn from the maker's résumé: never here, only at
    /// `/question-sets/{slug}/private`, for the maker.
    private_questions: u32,
    #[serde(flatten)]
    set: app::model::QuestionSet,
}

impl From<SharedSet> for SetResponse {
    fn from(shared: SharedSet) -> Self {
        Self {
            slug: shared.slug,
            url: shared.url,
            created_at: shared.created_at,
            listed: shared.listed,
            private_questions: shared.private_questions,
            set: shared.set,
        }
    }
}

async fn create_set(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Result<Json<GenerateInput>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body?;
    let created = state.ports.sets.create(input, &requester, &unwatched);
    let created = created.await?;
    // Read back what was stored, so the answer is exactly what the link shows.
    let reader = requester.claiming(created.new_claim_token.clone());
    let shared = state.ports.sets.shared(&created.slug, &reader).await?;
    let location = format!("/api/v1/question-sets/{}", created.slug);
    let response = (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(SetResponse::from(shared)),
    );
    Ok(cookies::with_claim(
        response.into_response(),
        created.new_claim_token,
        &state.settings,
    ))
}

async fn get_set(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
) -> Result<Json<SetResponse>, ApiError> {
    Ok(Json(
        state.ports.sets.shared(&slug, &requester).await?.into(),
    ))
}

/// The questions drawn from the maker's résumé: the maker only; 404 for
/// anyone else.
async fn get_private(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
) -> Result<Json<app::model::PrivateQuestions>, ApiError> {
    Ok(Json(state.ports.sets.private(&slug, &requester).await?))
}

/// Lists the set for search engines, or unlists it: its owner only.
async fn set_listing(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    body: Result<Json<ListingInput>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<SetResponse>, ApiError> {
    let Json(input) = body?;
    let shared = state
        .ports
        .sets
        .set_listing(&slug, input.listed, &requester);
    Ok(Json(shared.await?.into()))
}

async fn list_roles(State(state): State<AppState>) -> Json<Vec<RoleSummary>> {
    Json(state.ports.roles.list())
}

async fn get_role(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<RolePage>, ApiError> {
    Ok(Json(state.ports.roles.page(&slug)?))
}
