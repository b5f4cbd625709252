//! The account pages' form posts: signup, login, logout, changing the
//! password and deleting the account. Each works without JavaScript; a
//! problem shows the same page again with what was typed (never a password).

use app::api::port::Requester;
use app::components::{AccountEcho, safe_next};
use app::model::{AccountDeletion, AppError, LoginInput, PasswordChange, SignupInput};
use axum::body::Bytes;
use axum::extract::{Extension, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::{cookies, rerender};
use crate::services::accounts::Opened;
use crate::state::AppState;

/// A form post's fields, decoded.
pub(super) fn fields(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    url::form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// Where to go after logging in: the `next` of the page's address.
pub fn next_of(query: Option<&str>) -> String {
    let next = query.and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "next")
            .map(|(_, v)| v.into_owned())
    });
    let next = safe_next(next);
    // A second opinion from a real URL parser: resolved against this site,
    // the path must stay on it.
    let base = url::Url::parse("http://rehearse.invalid/").expect("a valid base");
    match base.join(&next) {
        Ok(resolved) if resolved.origin() == base.origin() => next,
        _ => "/".to_string(),
    }
}

/// The page's own address again, with its `next`.
fn with_next(path: &str, next: &str) -> String {
    if next == "/" {
        path.to_string()
    } else {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", next)
            .finish();
        format!("{path}?{query}")
    }
}

/// The redirect after a session opens, with its cookie, and the claim
/// cookie cleared when its sets moved into the account.
fn opened(state: &AppState, requester: &Requester, opened: Opened, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    cookies::open_session(
        response.headers_mut(),
        &opened.token,
        requester.claim_token.is_some(),
        state.settings.secure_cookies(),
    );
    response
}

/// The redirect after a session ends.
fn closed(state: &AppState, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    cookies::close_session(response.headers_mut(), state.settings.secure_cookies());
    response
}

/// What a form without an email or name field echoes.
fn echo(form: &str, error: AppError) -> AccountEcho {
    AccountEcho {
        form: form.into(),
        email: String::new(),
        display_name: None,
        error,
    }
}

async fn again(state: &AppState, requester: Requester, path: &str, echo: AccountEcho) -> Response {
    let error = echo.error.clone();
    rerender::page_with_error(state, requester, path, &error, move || {
        provide_context(echo.clone())
    })
    .await
}

pub async fn signup(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut input = SignupInput::default();
    for (key, value) in fields(&body) {
        match key.as_str() {
            "email" => input.email = value,
            "password" => input.password = value,
            "display_name" => input.display_name = Some(value),
            _ => {}
        }
    }
    let next = next_of(query.as_deref());
    let (email, display_name) = (input.email.clone(), input.display_name.clone());
    match state.accounts.signup(input, &requester).await {
        Ok(session) => opened(&state, &requester, session, &next),
        Err(error) => {
            let echo = AccountEcho {
                email,
                display_name,
                ..echo("signup", error)
            };
            again(&state, requester, &with_next("/signup", &next), echo).await
        }
    }
}

pub async fn login(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut input = LoginInput::default();
    for (key, value) in fields(&body) {
        match key.as_str() {
            "email" => input.email = value,
            "password" => input.password = value,
            _ => {}
        }
    }
    let next = next_of(query.as_deref());
    let email = input.email.clone();
    match state.accounts.login(input, &requester).await {
        Ok(session) => opened(&state, &requester, session, &next),
        Err(error) => {
            let echo = AccountEcho {
                email,
                ..echo("login", error)
            };
            again(&state, requester, &with_next("/login", &next), echo).await
        }
    }
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> Response {
    // Even if ending the session fails, the browser forgets it.
    if let Err(error) = state.accounts.logout(&requester).await {
        tracing::warn!(%error, "logout could not end the session");
    }
    closed(&state, "/")
}

/// The settings page's forms post to the page itself, so that a problem
/// is shown at the page's own address; `form` says which. Each one needs
/// the session; a problem shows the page again with that form's echo.
pub async fn settings(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    body: Bytes,
) -> Response {
    if requester.user.is_none() {
        return Redirect::to("/login?next=%2Fme%2Fsettings").into_response();
    }
    let form = fields(&body)
        .find(|(k, _)| k == "form")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let done = match form.as_str() {
        "password" => change_password(&state, &requester, &body).await,
        "delete" => match delete_account(&state, &requester, &body).await {
            Ok(()) => return closed(&state, "/?account=deleted"),
            Err(AppError::Unauthorized) => return Redirect::to("/login").into_response(),
            Err(error) => Err(error),
        },
        "retention" => retention(&state, &requester, &body).await,
        "practice" => delete_practice(&state, &requester, &body).await,
        _ => return (axum::http::StatusCode::BAD_REQUEST, "Unknown form.").into_response(),
    };
    match done {
        Ok(to) => Redirect::to(to).into_response(),
        Err(error) => again(&state, requester, "/me/settings", echo(&form, error)).await,
    }
}

/// Whether a form's checkbox `name` is ticked.
fn ticked(body: &[u8], name: &str) -> bool {
    fields(body).any(|(k, v)| k == name && matches!(v.as_str(), "true" | "on" | "yes"))
}

async fn retention(
    state: &AppState,
    requester: &Requester,
    body: &[u8],
) -> Result<&'static str, AppError> {
    let value = fields(body)
        .find(|(k, _)| k == "retention_days")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let days = match value.trim() {
        "" => None,
        other => Some(other.parse::<u32>().map_err(|_| {
            AppError::invalid(
                "retention_days",
                "Choose how long to keep attempts from the list.",
            )
        })?),
    };
    state.practice.set_retention(requester, days).await?;
    Ok("/me/settings?retention=saved")
}

async fn delete_practice(
    state: &AppState,
    requester: &Requester,
    body: &[u8],
) -> Result<&'static str, AppError> {
    if !ticked(body, "confirm") {
        return Err(AppError::invalid("confirm", "Tick the box to confirm."));
    }
    state.practice.delete_all(requester).await?;
    Ok("/me/settings?practice=deleted")
}

async fn change_password(
    state: &AppState,
    requester: &Requester,
    body: &[u8],
) -> Result<&'static str, AppError> {
    let mut change = PasswordChange::default();
    for (key, value) in fields(body) {
        match key.as_str() {
            "current_password" => change.current_password = value,
            "new_password" => change.new_password = value,
            _ => {}
        }
    }
    state.accounts.change_password(requester, change).await?;
    Ok("/me/settings?password=changed")
}

async fn delete_account(
    state: &AppState,
    requester: &Requester,
    body: &[u8],
) -> Result<(), AppError> {
    let deletion = AccountDeletion {
        password: fields(body)
            .find(|(k, _)| k == "password")
            .map(|(_, v)| v)
            .unwrap_or_default(),
        confirm: ticked(body, "confirm"),
    };
    state.accounts.delete(requester, deletion).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_places_to_return_to() {
        assert_eq!(next_of(Some("next=%2Fme%2Fsettings")), "/me/settings");
        assert_eq!(next_of(Some("next=https%3A%2F%2Fevil.example")), "/");
        assert_eq!(next_of(Some("next=%2F%2Fevil.example")), "/");
        assert_eq!(next_of(Some("next=%2F%5Cevil.example")), "/");
        // Browsers drop tabs and line breaks from a Location header.
        for control in ["%09", "%0A", "%0D", "%0D%0A", "%20", "%00", "%7F"] {
            assert_eq!(
                next_of(Some(&format!("next=%2F{control}%2Fevil.example"))),
                "/",
                "{control}"
            );
        }
        // Encoded bytes stay encoded, and are harmless.
        assert_eq!(next_of(Some("next=%2Fs%2Fabc%3Fq%3D%2509")), "/s/abc?q=%09");
        assert_eq!(next_of(None), "/");
        assert_eq!(
            with_next("/login", "/me/settings"),
            "/login?next=%2Fme%2Fsettings"
        );
        assert_eq!(with_next("/login", "/"), "/login");
    }
}
