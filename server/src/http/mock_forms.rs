//! The mock interview's form posts: the setup page starts a run, and the
//! run's page takes each answer (or a skip, or the end) at its own
//! address, then shows what the interviewer asks next, or the report.
//! They work without JavaScript. An answer is committed before anything
//! else is done with it, so nothing typed is lost.

use app::api::port::Requester;
use app::model::{AppError, MockAnswerForm, MockEcho, MockSetupForm, PracticeEcho};
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::Form;
use super::rerender;
use crate::auth::tokens;
use crate::state::AppState;

fn run_page(run: i64) -> String {
    format!("/mock/{run}")
}

/// After logging in, back to where the visitor was.
fn to_login(back: &str) -> Response {
    let next: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", back)
        .finish();
    Redirect::to(&format!("/login?{next}")).into_response()
}

/// `POST /practice/{slug}/mock`: starts a run, then asks its first question.
pub async fn start(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    Form(posted): Form<MockSetupForm>,
) -> Response {
    if !tokens::is_slug(&slug) {
        return (StatusCode::NOT_FOUND, "No such question set.").into_response();
    }
    let page = format!("/practice/{slug}/mock");
    if requester.user.is_none() {
        return to_login(&page);
    }
    let setup = posted.setup(&slug);
    match state
        .ports
        .practice
        .start_mock(setup.clone(), &requester)
        .await
    {
        Ok(run) => Redirect::to(&run_page(run.id)).into_response(),
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "No such question set.").into_response(),
        Err(error) => {
            rerender::page_again(&state, requester, &page, MockEcho { setup, error }).await
        }
    }
}

/// `POST /mock/{id}`: an answer, a skip, or the end of the run.
pub async fn post(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(run): Path<i64>,
    Form(posted): Form<MockAnswerForm>,
) -> Response {
    let page = run_page(run);
    if requester.user.is_none() {
        return to_login(&page);
    }
    let practice = &state.ports.practice;
    let result = match posted.form.as_str() {
        "finish" => practice.finish_mock(run, &requester).await.map(|_| ()),
        "skip" => practice
            .skip_mock(
                run,
                posted.q.0.unwrap_or(0),
                posted.follow_up.0,
                posted.seconds_used.0.unwrap_or(0),
                &requester,
            )
            .await
            .map(|_| ()),
        "answer" => {
            let answer = posted.answer.clone();
            // The run names its set; the service fills it in.
            match practice
                .answer(posted.submission("", run), &requester)
                .await
            {
                // Feedback that failed can be asked for again from the
                // report; the interview goes on either way.
                Ok(_) => Ok(()),
                Err(error) => return refused(&state, requester, &page, answer, error).await,
            }
        }
        _ => return super::form::unknown(),
    };
    match result {
        Ok(()) => Redirect::to(&page).into_response(),
        Err(error) => refused(&state, requester, &page, String::new(), error).await,
    }
}

async fn refused(
    state: &AppState,
    requester: Requester,
    page: &str,
    answer: String,
    error: AppError,
) -> Response {
    if matches!(error, AppError::NotFound) {
        return (StatusCode::NOT_FOUND, "No such mock interview.").into_response();
    }
    rerender::page_again(state, requester, page, PracticeEcho { answer, error }).await
}
