//! Plain HTML form posts, so that generating and deleting work without
//! JavaScript. A problem shows the same page again with the visitor's input
//! and the error in place.

use std::convert::Infallible;

use app::api::port::{Requester, Sets};
use app::components::GeneratorEcho;
use app::model::{AppError, GenerateInput, ProgressEvent, Stage};
use axum::body::{Body, Bytes};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures::StreamExt;
use leptos::prelude::provide_context;

use super::cookies;
use crate::db::tokens;
use crate::state::AppState;

pub async fn generate(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let input = parse_generate_form(&body);
    let from = safe_path(uri.path());
    match state.sets.create(input.clone(), &requester).await {
        Ok(created) => {
            let mut response = Redirect::to(&format!("/s/{}", created.slug)).into_response();
            if let Some(token) = created.new_claim_token {
                response.headers_mut().append(
                    header::SET_COOKIE,
                    cookies::claim(&token, state.settings.secure_cookies()),
                );
            }
            response
        }
        Err(error) => render_again(&state, requester, &from, GeneratorEcho { input, error }).await,
    }
}

/// How often the progress stream says something while the work is quiet.
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(1);

/// The content type of the progress stream: one JSON object per line.
pub const PROGRESS_CONTENT_TYPE: &str = "application/x-ndjson";

/// The generator form, answered with a line per stage as the set is made,
/// then one with the set's address or the error. Used by the page once it
/// is interactive, so the visitor sees what is happening and can cancel:
/// closing the connection stops the work, the model call included.
pub async fn generate_stream(
    State(state): State<AppState>,
    Extension(mut requester): Extension<Requester>,
    body: Bytes,
) -> Response {
    let input = parse_generate_form(&body);
    // An anonymous browser's claim cookie has to go out with the headers,
    // before the set exists.
    let new_claim_token =
        (requester.user.is_none() && requester.claim_token.is_none()).then(tokens::new_secret);
    if let Some(token) = &new_claim_token {
        requester.claim_token = Some(token.clone());
    }

    let (events, mut received) = tokio::sync::mpsc::unbounded_channel::<ProgressEvent>();
    let sets = state.sets.clone();
    let work = tokio::spawn(async move {
        let progress = {
            let events = events.clone();
            move |stage: Stage| {
                let _ = events.send(ProgressEvent::Stage(stage));
            }
        };
        let last = match sets
            .create_with_progress(input, &requester, &progress)
            .await
        {
            Ok(created) => ProgressEvent::Done {
                url: format!("/s/{}", created.slug),
                slug: created.slug,
            },
            Err(error) => ProgressEvent::Failed { error },
        };
        let _ = events.send(last);
    });
    let cancel_on_drop = AbortOnDrop(work);
    // A blank line every few seconds while nothing else is said: a server
    // only learns that the visitor left when a write fails, and proxies
    // close connections that stay silent.
    let mut heartbeat =
        tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
    let lines = futures::stream::poll_fn(move |cx| {
        let _keep = &cancel_on_drop;
        match received.poll_recv(cx) {
            std::task::Poll::Ready(Some(event)) => {
                let mut line = serde_json::to_vec(&event).expect("progress events serialise");
                line.push(b'\n');
                std::task::Poll::Ready(Some(Bytes::from(line)))
            }
            std::task::Poll::Ready(None) => std::task::Poll::Ready(None),
            std::task::Poll::Pending => heartbeat
                .poll_tick(cx)
                .map(|_| Some(Bytes::from_static(b"\n"))),
        }
    })
    .map(Ok::<_, Infallible>);

    let mut response = Response::new(Body::from_stream(lines));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(PROGRESS_CONTENT_TYPE),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Tells nginx and similar proxies not to hold the lines back.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    if let Some(token) = new_claim_token {
        headers.append(
            header::SET_COOKIE,
            cookies::claim(&token, state.settings.secure_cookies()),
        );
    }
    response
}

/// Stops a spawned task when the response that waits for it goes away.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub async fn delete_set(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
) -> Response {
    match state.sets.delete(&slug, &requester).await {
        Ok(()) => Redirect::to("/?deleted=1").into_response(),
        // Back to the set's own address, where the page can say what happened.
        Err(AppError::Forbidden) if tokens::is_slug(&slug) => {
            Redirect::to(&format!("/s/{slug}?error=forbidden")).into_response()
        }
        Err(_) if tokens::is_slug(&slug) => Redirect::to(&format!("/s/{slug}")).into_response(),
        Err(_) => Redirect::to("/").into_response(),
    }
}

/// The form's fields. `kinds` repeats, once per ticked box.
pub fn parse_generate_form(body: &[u8]) -> GenerateInput {
    let mut input = GenerateInput::default();
    let mut kinds = Vec::new();
    for (key, value) in url::form_urlencoded::parse(body) {
        let value = value.into_owned();
        match key.as_ref() {
            "role" => input.role = Some(value),
            "job_description" => input.job_description = Some(value),
            "seniority" => input.seniority = Some(value),
            "kinds" => kinds.push(value),
            // An unreadable number becomes 0, which earns the count's own
            // message rather than a generic one.
            "count" if !value.trim().is_empty() => {
                input.count = Some(value.trim().parse().unwrap_or(0));
            }
            _ => {}
        }
    }
    if !kinds.is_empty() {
        input.kinds = Some(kinds);
    }
    // A form with an empty job description box means "no description".
    if input.role.as_deref().is_some_and(|r| !r.trim().is_empty())
        && input
            .job_description
            .as_deref()
            .is_some_and(|jd| jd.trim().is_empty())
    {
        input.job_description = None;
    }
    input
}

/// The page to show again: one of this site's generator pages.
fn safe_path(path: &str) -> String {
    let ok = path == "/"
        || path.strip_prefix("/roles/").is_some_and(|slug| {
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ok {
        path.to_string()
    } else {
        "/".to_string()
    }
}

async fn render_again(
    state: &AppState,
    requester: Requester,
    from: &str,
    echo: GeneratorEcho,
) -> Response {
    let error = echo.error.clone();
    super::rerender::page_with_error(state, requester, from, &error, move || {
        provide_context(echo.clone())
    })
    .await
}
