//! The generator's and the shared set's form posts, so that generating,
//! deleting and listing work without JavaScript (a problem shows the same page again
//! with the visitor's input and the error in place), and the generator's
//! progress stream for the interactive page.

use app::api::port::{Requester, unwatched};
use app::model::{
    AppError, GenerateForm, GenerateInput, GeneratorEcho, ListingForm, Outcome, ProgressEvent,
};
use axum::extract::{Extension, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::Form;
use super::{cookies, progress, rerender};
use crate::auth::tokens;
use crate::state::AppState;

pub async fn generate(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    uri: Uri,
    Form(form): Form<GenerateForm>,
) -> Response {
    let (input, sets) = (GenerateInput::from(form), &state.ports.sets);
    match sets.create(input.clone(), &requester, &unwatched).await {
        Ok(created) => {
            let to = Redirect::to(&format!("/s/{}", created.slug)).into_response();
            cookies::with_claim(to, created.new_claim_token, &state.settings)
        }
        Err(error) => {
            let echo = GeneratorEcho { input, error };
            rerender::page_again(&state, requester, &safe_path(uri.path()), echo).await
        }
    }
}

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
    // The claim cookie has to go out with the headers, before the set exists.
    let new_claim_token = cookies::claim_for(&mut requester);
    let sets = state.ports.sets.clone();
    let response = progress::stream(move |report| async move {
        ProgressEvent::from(sets.create(input, &requester, &*report).await)
    });
    cookies::with_claim(response, new_claim_token, &state.settings)
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

pub async fn set_listing(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    Path(slug): Path<String>,
    Form(form): Form<ListingForm>,
) -> Response {
    let listed = form.listed();
    let at = format!("/s/{slug}");
    match state
        .ports
        .sets
        .set_listing(&slug, listed, &requester)
        .await
    {
        Ok(_) if listed => Redirect::to(&Outcome::SetListed.at(&at)).into_response(),
        Ok(_) => Redirect::to(&Outcome::SetUnlisted.at(&at)).into_response(),
        Err(AppError::Forbidden) if tokens::is_slug(&slug) => {
            Redirect::to(&Outcome::ListingNotYours.at(&at)).into_response()
        }
        Err(_) if tokens::is_slug(&slug) => Redirect::to(&at).into_response(),
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
