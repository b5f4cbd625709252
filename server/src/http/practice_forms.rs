//! The practice page's form posts, sent to the page itself so that a
//! refused answer is shown again at the same address: submitting an
//! answer (`form=answer`) and asking again for feedback (`form=feedback`).
//! They work without JavaScript. The answer is committed before feedback
//! is computed, so a failure there loses nothing.

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

fn attempt_page(slug: &str, attempt: i64) -> String {
    format!("/practice/{slug}?attempt={attempt}")
}

fn question_page(slug: &str, position: u32) -> String {
    format!("/practice/{slug}?q={position}")
}

/// After logging in, back to the question. The browser keeps its copy of
/// the answer meanwhile, and the page brings it back.
fn to_login(back: &str) -> Response {
    let next: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", back)
        .finish();
    Redirect::to(&format!("/login?{next}")).into_response()
}

pub async fn post(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    // Refuse a path no set could have before it goes near a redirect.
    if !tokens::is_slug(&slug) {
        return (StatusCode::NOT_FOUND, "No such question set.").into_response();
    }
    let mut form = String::new();
    let mut attempt = None;
    let mut submission = Submission {
        question_set: slug.clone(),
        question_index: 0,
        answer: String::new(),
        idempotency_key: String::new(),
        draft_revision: None,
    };
    for (key, value) in fields(&body) {
        match key.as_str() {
            "form" => form = value,
            "attempt" => attempt = value.trim().parse::<i64>().ok(),
            "q" => submission.question_index = value.trim().parse().unwrap_or(0),
            "answer" => submission.answer = value,
            "idempotency_key" => submission.idempotency_key = value,
            "draft_revision" => submission.draft_revision = value.trim().parse().ok(),
            _ => {}
        }
    }
    match (form.as_str(), attempt) {
        ("feedback", Some(attempt)) => assess(&state, &requester, &slug, attempt).await,
        ("delete", Some(attempt)) => delete(&state, &requester, &slug, attempt).await,
        ("answer", _) => submit(&state, requester, &slug, submission).await,
        _ => (StatusCode::BAD_REQUEST, "Unknown form.").into_response(),
    }
}

async fn submit(
    state: &AppState,
    requester: Requester,
    slug: &str,
    submission: Submission,
) -> Response {
    let position = submission.question_index;
    if requester.user.is_none() {
        return to_login(&question_page(slug, position.max(1)));
    }
    let typed = submission.answer.clone();
    let revision = submission.draft_revision;
    let attempt = match state.practice.submit(submission, &requester).await {
        Ok(attempt) => attempt,
        Err(AppError::NotFound) => {
            return Redirect::to(&format!("/practice/{slug}")).into_response();
        }
        Err(error) => {
            // Keep what was typed as the draft too, so a reload still has it.
            if let Err(e) = state
                .practice
                .keep_draft(
                    slug,
                    position,
                    &typed,
                    revision.unwrap_or_else(|| chrono::Utc::now().timestamp_millis()),
                    &requester,
                )
                .await
            {
                tracing::warn!(error = %e, "keeping a refused answer as a draft failed");
            }
            let echo = PracticeEcho {
                answer: typed,
                error,
            };
            let error = echo.error.clone();
            return rerender::page_with_error(
                state,
                requester,
                &question_page(slug, position),
                &error,
                move || provide_context(echo.clone()),
            )
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
    Redirect::to(&attempt_page(slug, attempt.id)).into_response()
}

async fn assess(state: &AppState, requester: &Requester, slug: &str, attempt: i64) -> Response {
    if requester.user.is_none() {
        return to_login(&attempt_page(slug, attempt));
    }
    match state.practice.assess_again(attempt, requester).await {
        Ok(done) => Redirect::to(&attempt_page(&done.question_set, done.id)).into_response(),
        Err(AppError::NotFound) => Redirect::to(&format!("/practice/{slug}")).into_response(),
        Err(error) => {
            tracing::warn!(%error, attempt, "feedback could not be computed");
            Redirect::to(&format!("{}&feedback=failed", attempt_page(slug, attempt)))
                .into_response()
        }
    }
}

/// Deletes an attempt, then shows its question again.
async fn delete(state: &AppState, requester: &Requester, slug: &str, attempt: i64) -> Response {
    if requester.user.is_none() {
        return to_login(&attempt_page(slug, attempt));
    }
    let position = state
        .practice
        .attempt(attempt, requester)
        .await
        .map(|a| a.question_index)
        .unwrap_or(0);
    match state.practice.delete_attempt(attempt, requester).await {
        Ok(()) if position > 0 => {
            Redirect::to(&format!("{}&deleted=1", question_page(slug, position))).into_response()
        }
        _ => Redirect::to(&format!("/practice/{slug}")).into_response(),
    }
}
