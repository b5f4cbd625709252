//! The generator's and the shared set's form posts, so that generating and
//! deleting work without JavaScript (a problem shows the same page again
//! with the visitor's input and the error in place), and the generator's
//! progress stream for the interactive page.

use std::convert::Infallible;

use app::api::port::{Requester, unwatched};
use app::model::{
    AppError, GenerateForm, GenerateInput, GeneratorEcho, Outcome, ProgressEvent, Stage,
};
use axum::body::{Body, Bytes};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures::StreamExt;

use super::form::Form;
use super::{cookies, rerender};
use crate::auth::tokens;
use crate::state::AppState;

pub async fn generate(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    uri: Uri,
    Form(form): Form<GenerateForm>,
) -> Response {
    let input = GenerateInput::from(form);
    match state
        .ports
        .sets
        .create(input.clone(), &requester, &unwatched)
        .await
    {
        Ok(created) => {
            let mut response = Redirect::to(&format!("/s/{}", created.slug)).into_response();
            cookies::set_claim(&mut response, created.new_claim_token, &state.settings);
            response
        }
        Err(error) => {
            let echo = GeneratorEcho { input, error };
            rerender::page_again(
                &state,
                requester,
                &safe_path(uri.path()),
                echo.error.clone(),
                echo,
            )
            .await
        }
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
    Form(form): Form<GenerateForm>,
) -> Response {
    let input = GenerateInput::from(form);
    // An anonymous browser's claim cookie has to go out with the headers,
    // before the set exists.
    let new_claim_token =
        (requester.user.is_none() && requester.claim_token.is_none()).then(tokens::new_secret);
    if let Some(token) = &new_claim_token {
        requester.claim_token = Some(token.clone());
    }

    let (events, mut received) = tokio::sync::mpsc::unbounded_channel::<ProgressEvent>();
    let sets = state.ports.sets.clone();
    let work = tokio::spawn(async move {
        let progress = {
            let events = events.clone();
            move |stage: Stage| {
                let _ = events.send(ProgressEvent::Stage(stage));
            }
        };
        let last = match sets.create(input, &requester, &progress).await {
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
    cookies::set_claim(&mut response, new_claim_token, &state.settings);
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
    match state.ports.sets.delete(&slug, &requester).await {
        Ok(()) => Redirect::to(&Outcome::SetDeleted.at("/")).into_response(),
        // Back to the set's own address, where the page can say what happened.
        Err(AppError::Forbidden) if tokens::is_slug(&slug) => {
            Redirect::to(&Outcome::SetNotYours.at(&format!("/s/{slug}"))).into_response()
        }
        Err(_) if tokens::is_slug(&slug) => Redirect::to(&format!("/s/{slug}")).into_response(),
        Err(_) => Redirect::to("/").into_response(),
    }
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
