//! Showing a page again after a form post went wrong: rendered as if asked
//! for with GET, with what the visitor typed and the error in place, and
//! the error's status.

use app::api::port::Requester;
use app::model::{AppError, Echo};
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use crate::state::AppState;

/// Renders the app's page at `path` (a path this server chose, never one a
/// visitor supplied unchecked) with the form's `echo` in the render's
/// context, served with its error's status.
pub async fn page_again(
    state: &AppState,
    requester: Requester,
    path: &str,
    echo: impl Echo,
) -> Response {
    let error = echo.error().clone();
    let ports = state.ports.clone();
    let options = state.leptos.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(ports.clone());
            provide_context(echo.clone());
            super::headers::provide_page_nonce();
        },
        move || app::shell(options.clone()),
    );
    let mut request = Request::builder()
        .uri(path)
        .body(Body::empty())
        .expect("the server's own paths are valid URIs");
    request.extensions_mut().insert(requester);
    let mut response = handler(request).await.into_response();
    *response.status_mut() =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    if let AppError::RateLimited { retry_after_secs } = error {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    response
}
