//! Files to take elsewhere: a set with your latest answers as Markdown,
//! and a set's questions as CSV for flashcard apps.

use app::api::port::Requester;
use app::model::AppError;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::export;
use crate::state::AppState;

fn attachment(body: String, content_type: &'static str, name: &str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // A download is a copy of a page, never a page to find in a search.
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

fn refused(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}

/// `GET /practice/{slug}/export.md`
pub async fn practice_markdown(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
) -> Response {
    match state.ports.practice.export(&slug, &requester).await {
        Ok(export) => attachment(
            export::markdown::practice(&export),
            "text/markdown; charset=utf-8",
            &format!("rehearse-{}.md", export.slug),
        ),
        Err(error) => refused(error),
    }
}

/// `GET /s/{slug}/questions.csv`: public, like the set's page.
pub async fn questions_csv(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
) -> Response {
    match state.ports.sets.shared(&slug, &requester).await {
        Ok(shared) => attachment(
            export::csv::questions(&shared.set),
            "text/csv; charset=utf-8",
            &format!("rehearse-{}-questions.csv", shared.slug),
        ),
        Err(error) => refused(error),
    }
}
