//! The practice page's form posts: submitting an answer and asking again
//! for feedback. They work without JavaScript. The answer is committed
//! before feedback is computed, so a failure there loses nothing.

use app::api::port::{Practice, Requester};
use app::components::PracticeEcho;
use app::model::{AppError, Submission};
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::account_forms::fields;
use super::rerender;
use crate::db::tokens;
use crate::state::AppState;

fn to_login(slug: &str) -> Response {
    let next: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", &format!("/practice/{slug}"))
        .finish();
    Redirect::to(&format!("/login?{next}")).into_response()
}

/// Refuses a path no set could have, before it goes near a redirect.
fn unknown(slug: &str) -> Option<Response> {
    (!tokens::is_slug(slug))
        .then(|| (StatusCode::NOT_FOUND, "No such question set.").into_response())
}

fn attempt_page(slug: &str, attempt: i64) -> String {
    format!("/practice/{slug}?attempt={attempt}")
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(refused) = unknown(&slug) {
        return refused;
    }
    if requester.user.is_none() {
        return to_login(&slug);
    }
    let mut submission = Submission {
        question_set: slug.clone(),
        question_index: 0,
        answer: String::new(),
        idempotency_key: String::new(),
    };
    for (key, value) in fields(&body) {
        match key.as_str() {
            "q" => submission.question_index = value.trim().parse().unwrap_or(0),
            "answer" => submission.answer = value,
            "idempotency_key" => submission.idempotency_key = value,
            _ => {}
        }
    }
    let (position, typed) = (submission.question_index, submission.answer.clone());
    let attempt = match state.practice.submit(submission, &requester).await {
        Ok(attempt) => attempt,
        Err(AppError::NotFound) => {
            return Redirect::to(&format!("/practice/{slug}")).into_response();
        }
        Err(error) => {
            // Keep what was typed as the draft too, so a reload still has it.
            if let Err(e) = state
                .practice
                .save_draft(&slug, position, typed.clone(), &requester)
                .await
            {
                tracing::warn!(error = %e, "keeping a refused answer as a draft failed");
            }
            let echo = PracticeEcho {
                answer: typed,
                error,
            };
            let path = format!("/practice/{slug}?q={position}");
            let error = echo.error.clone();
            return rerender::page_with_error(&state, requester, &path, &error, move || {
                provide_context(echo.clone())
            })
            .await;
        }
    };
    // The answer is safe. Feedback may still fail; the attempt's page then
    // offers to try again.
    if attempt.feedback.is_none()
        && let Err(error) = state.practice.assess(attempt.id, &requester).await
    {
        tracing::warn!(%error, attempt = attempt.id, "feedback could not be computed");
    }
    Redirect::to(&attempt_page(&slug, attempt.id)).into_response()
}

pub async fn assess(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path((slug, attempt)): Path<(String, i64)>,
) -> Response {
    if let Some(refused) = unknown(&slug) {
        return refused;
    }
    if requester.user.is_none() {
        return to_login(&slug);
    }
    match state.practice.assess(attempt, &requester).await {
        Ok(done) => Redirect::to(&attempt_page(&done.question_set, done.id)).into_response(),
        Err(AppError::NotFound) => Redirect::to(&format!("/practice/{slug}")).into_response(),
        Err(error) => {
            tracing::warn!(%error, attempt, "feedback could not be computed");
            Redirect::to(&format!("{}&feedback=failed", attempt_page(&slug, attempt)))
                .into_response()
        }
    }
}
