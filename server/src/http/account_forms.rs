//! The account pages' form posts: signup, login, logout, changing the
//! password and deleting the account. Each works without JavaScript; a
//! problem shows the same page again with what was typed (never a password).

use app::api::port::{Requester, Session};
use app::model::{
    AccountEcho, AppError, LoginForm, Outcome, SettingsForm, SignupForm, retention_days, safe_next,
};
use axum::extract::{Extension, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::Form;
use super::{cookies, rerender};
use crate::state::AppState;

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

/// The redirect after a session opens, with its cookie.
fn opened(state: &AppState, requester: &Requester, session: Session, to: &str) -> Response {
    let response = Redirect::to(to).into_response();
    cookies::with_session(response, &session.token, requester, &state.settings)
}

/// The redirect after a session ends.
fn closed(state: &AppState, to: &str) -> Response {
    cookies::without_session(Redirect::to(to).into_response(), &state.settings)
}

pub async fn signup(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    RawQuery(query): RawQuery,
    Form(input): Form<SignupForm>,
) -> Response {
    let next = next_of(query.as_deref());
    let (email, display_name) = (input.email.clone(), input.display_name.clone());
    match state.ports.accounts.signup(input, &requester).await {
        Ok(session) => opened(&state, &requester, session, &next),
        Err(error) => {
            let echo = AccountEcho {
                email,
                display_name,
                ..AccountEcho::of("signup", error)
            };
            rerender::page_again(&state, requester, &with_next("/signup", &next), echo).await
        }
    }
}

pub async fn login(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
    RawQuery(query): RawQuery,
    Form(input): Form<LoginForm>,
) -> Response {
    let next = next_of(query.as_deref());
    let email = input.email.clone();
    match state.ports.accounts.login(input, &requester).await {
        Ok(session) => opened(&state, &requester, session, &next),
        Err(error) => {
            let echo = AccountEcho {
                email,
                ..AccountEcho::of("login", error)
            };
            rerender::page_again(&state, requester, &with_next("/login", &next), echo).await
        }
    }
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> Response {
    // Even if ending the session fails, the browser forgets it.
    if let Err(error) = state.ports.accounts.logout(&requester).await {
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
    Form(posted): Form<SettingsForm>,
) -> Response {
    if requester.user.is_none() {
        return Redirect::to("/login?next=%2Fme%2Fsettings").into_response();
    }
    let name = posted.name();
    match settle(&state, &requester, posted).await {
        Ok(Outcome::AccountDeleted) => closed(&state, &Outcome::AccountDeleted.at("/")),
        Ok(outcome) => Redirect::to(&outcome.at("/me/settings")).into_response(),
        Err(AppError::Unauthorized) => Redirect::to("/login").into_response(),
        Err(error) => {
            let echo = AccountEcho::of(name, error);
            rerender::page_again(&state, requester, "/me/settings", echo).await
        }
    }
}

/// Does what a settings form asks.
async fn settle(
    state: &AppState,
    requester: &Requester,
    posted: SettingsForm,
) -> Result<Outcome, AppError> {
    let (accounts, done) = (&state.ports.accounts, posted.done());
    match posted {
        SettingsForm::Password(change) => accounts.change_password(requester, change).await,
        SettingsForm::Delete { password, confirm } => {
            accounts.delete(requester, (password, confirm).into()).await
        }
        SettingsForm::Retention { retention_days: d } => {
            accounts.set_retention(requester, retention_days(&d)?).await
        }
        SettingsForm::Practice { confirm } => accounts
            .delete_practice(requester, confirm.0)
            .await
            .map(drop),
        SettingsForm::Reminders { review_reminders } => {
            accounts
                .set_review_reminders(requester, review_reminders.0)
                .await
        }
    }
    .map(|()| done)
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
