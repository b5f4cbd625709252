//! The story bank's form posts, so that it works without JavaScript: a
//! refused story is shown again with everything typed and the reason.

use app::api::port::Requester;
use app::model::{AppError, Outcome, StoryEcho, StoryForm};
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::Form;
use super::practice_forms::to_login;
use super::rerender;
use crate::auth::tokens;
use crate::state::AppState;

/// `POST /me/stories`: a new story.
pub async fn create(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Form(form): Form<StoryForm>,
) -> Response {
    match state
        .ports
        .stories
        .create(form.clone().into(), &requester)
        .await
    {
        Ok(story) => Redirect::to(&Outcome::StorySaved.at(&format!("/me/stories/{}", story.id)))
            .into_response(),
        Err(AppError::Unauthorized) => to_login("/me/stories"),
        Err(error) => {
            let echo = StoryEcho { form, error };
            rerender::page_again(&state, requester, "/me/stories", echo).await
        }
    }
}

/// `POST /me/stories/{id}`: the story rewritten.
pub async fn update(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(id): Path<String>,
    Form(form): Form<StoryForm>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return Redirect::to("/me/stories").into_response();
    };
    let page = format!("/me/stories/{id}");
    match state
        .ports
        .stories
        .update(id, form.clone().into(), &requester)
        .await
    {
        Ok(_) => Redirect::to(&Outcome::StorySaved.at(&page)).into_response(),
        Err(AppError::Unauthorized) => to_login(&page),
        // Deleted meanwhile (another tab): what was typed comes back as a
        // new story to save.
        Err(AppError::NotFound) => {
            let echo = StoryEcho {
                form,
                error: AppError::NotFound,
            };
            rerender::page_again(&state, requester, "/me/stories", echo).await
        }
        Err(error) => {
            let echo = StoryEcho { form, error };
            rerender::page_again(&state, requester, &page, echo).await
        }
    }
}

/// `POST /me/stories/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return Redirect::to("/me/stories").into_response();
    };
    match state.ports.stories.delete(id, &requester).await {
        Ok(()) => Redirect::to(&Outcome::StoryDeleted.at("/me/stories")).into_response(),
        Err(AppError::Unauthorized) => to_login("/me/stories"),
        Err(_) => Redirect::to("/me/stories").into_response(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AttemptField {
    attempt: String,
}

/// `POST /me/stories/from-attempt`: a story drafted from an attempt, to
/// edit.
pub async fn draft_from_attempt(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Form(form): Form<AttemptField>,
) -> Response {
    let Ok(attempt) = form.attempt.trim().parse::<i64>() else {
        return Redirect::to("/me/stories").into_response();
    };
    match state
        .ports
        .stories
        .draft_from_attempt(attempt, &requester)
        .await
    {
        Ok(story) => Redirect::to(&Outcome::StoryDrafted.at(&format!("/me/stories/{}", story.id)))
            .into_response(),
        Err(AppError::Unauthorized) => to_login("/me/stories"),
        Err(AppError::Validation { fields }) if fields.iter().any(|f| f.field == "stories") => {
            Redirect::to(&Outcome::StoriesFull.at("/me/stories")).into_response()
        }
        Err(_) => Redirect::to("/me/stories").into_response(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UseFields {
    story: String,
    q: String,
}

/// `POST /practice/{slug}/story`: starts the question's answer from a
/// story, then back to the question with its draft.
pub async fn use_story(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    Form(form): Form<UseFields>,
) -> Response {
    if !tokens::is_slug(&slug) {
        return Redirect::to("/me").into_response();
    }
    let (Ok(story), Ok(position)) = (
        form.story.trim().parse::<i64>(),
        form.q.trim().parse::<u32>(),
    ) else {
        return Redirect::to(&format!("/practice/{slug}")).into_response();
    };
    let page = format!("/practice/{slug}?q={position}");
    match state
        .ports
        .stories
        .use_on(story, &slug, position, &requester)
        .await
    {
        Ok(()) => Redirect::to(&Outcome::StoryUsed.at(&page)).into_response(),
        Err(AppError::Unauthorized) => to_login(&page),
        Err(_) => Redirect::to(&page).into_response(),
    }
}
