//! The practice page's form posts, sent to the page itself so that a
//! refused answer is shown again at the same address: submitting an answer,
//! asking again for feedback and deleting an attempt. They work without
//! JavaScript. The answer is committed before feedback is computed, so a
//! failure there loses nothing.

use app::api::port::Requester;
use app::model::{AppError, Number, Outcome, PracticeEcho, PracticeForm, Submission};
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{self, Form};
use super::rerender;
use crate::auth::tokens;
use crate::state::AppState;

fn attempt_page(slug: &str, attempt: i64) -> String {
    format!("/practice/{slug}?attempt={attempt}")
}

fn question_page(slug: &str, position: u32) -> String {
    format!("/practice/{slug}?q={position}")
}

fn first_page(slug: &str) -> Response {
    Redirect::to(&format!("/practice/{slug}")).into_response()
}

/// After logging in, back to where the visitor was. The browser keeps its
/// copy of an answer meanwhile, and the page brings it back.
pub(super) fn to_login(back: &str) -> Response {
    let next: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", back)
        .finish();
    Redirect::to(&format!("/login?{next}")).into_response()
}

pub async fn post(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    Form(posted): Form<PracticeForm>,
) -> Response {
    // Refuse a path no set could have before it goes near a redirect.
    if !tokens::is_slug(&slug) {
        return (StatusCode::NOT_FOUND, "No such question set.").into_response();
    }
    match posted {
        PracticeForm::Answer(post) => {
            submit(&state, requester, &slug, post.submission(&slug)).await
        }
        PracticeForm::Feedback {
            attempt: Number(Some(attempt)),
        } => feedback(&state, &requester, &slug, attempt).await,
        PracticeForm::Delete {
            attempt: Number(Some(attempt)),
        } => delete(&state, &requester, &slug, attempt).await,
        _ => form::unknown(),
    }
}

async fn submit(state: &AppState, requester: Requester, slug: &str, sub: Submission) -> Response {
    let page = question_page(slug, sub.question_index.max(1));
    if requester.user.is_none() {
        return to_login(&page);
    }
    let page = question_page(slug, sub.question_index);
    let answer = sub.answer.clone();
    match state.ports.practice.answer(sub, &requester).await {
        // Feedback that failed can be asked for again from the attempt's page.
        Ok(answered) => Redirect::to(&attempt_page(slug, answered.attempt.id)).into_response(),
        Err(AppError::NotFound) => first_page(slug),
        Err(error) => {
            let echo = PracticeEcho { answer, error };
            rerender::page_again(state, requester, &page, echo).await
        }
    }
}

async fn feedback(state: &AppState, requester: &Requester, slug: &str, attempt: i64) -> Response {
    if requester.user.is_none() {
        return to_login(&attempt_page(slug, attempt));
    }
    match state.ports.practice.feedback(attempt, requester).await {
        Ok(done) => Redirect::to(&attempt_page(&done.question_set, done.id)).into_response(),
        Err(AppError::NotFound) => first_page(slug),
        Err(error) => {
            tracing::warn!(%error, attempt, "feedback could not be computed");
            let page = Outcome::FeedbackFailed.at(&attempt_page(slug, attempt));
            Redirect::to(&page).into_response()
        }
    }
}

/// Deletes an attempt, then shows its question again.
async fn delete(state: &AppState, requester: &Requester, slug: &str, attempt: i64) -> Response {
    if requester.user.is_none() {
        return to_login(&attempt_page(slug, attempt));
    }
    let practice = &state.ports.practice;
    let position = practice
        .attempt(attempt, requester)
        .await
        .map_or(0, |a| a.question_index);
    match practice.delete_attempt(attempt, requester).await {
        Ok(()) if position > 0 => {
            let page = Outcome::AttemptDeleted.at(&question_page(slug, position));
            Redirect::to(&page).into_response()
        }
        _ => first_page(slug),
    }
}

/// The review page's "Postpone to tomorrow": back to the page, which says
/// so. Someone else's question, or one never answered, changes nothing.
pub async fn postpone_review(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Form(form): Form<app::model::PostponeForm>,
) -> Response {
    if requester.user.is_none() {
        return to_login("/me/review");
    }
    let Ok(question) = form.question.trim().parse::<i64>() else {
        return Redirect::to("/me/review").into_response();
    };
    match state
        .ports
        .practice
        .postpone_review(question, &requester)
        .await
    {
        Ok(_) => Redirect::to(&Outcome::ReviewPostponed.at("/me/review")).into_response(),
        Err(_) => Redirect::to("/me/review").into_response(),
    }
}
