use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{Echoed, ErrorView, FieldKind, InputField, PageMeta, use_echoed};
use crate::model::safe_next;
use crate::model::{AppError, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS};

/// `/login`: email and password. Posts to itself, then goes back to `next`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let next = safe_next(use_query_map().read_untracked().get("next"));
    let Echoed { email, errors, .. } = use_echoed("login");
    let (email_error, password_error) = (errors.field("email"), errors.field("password"));
    let general = errors.general();
    let query = query_for(&next);

    view! {
        <PageMeta title="Log in" description="Log in to Rehearse to practise answers and see your feedback." path="/login" />
        <section class="auth card">
            <h1>"Log in"</h1>
            <AuthForm path="/login" query=query.clone() general submit="Log in">
                <InputField id="login-email" name="email" label="Email" kind=FieldKind::Email
                    max_chars=MAX_EMAIL_CHARS value=email error=email_error />
                <InputField id="login-password" name="password" label="Password"
                    kind=FieldKind::CurrentPassword max_chars=MAX_PASSWORD_CHARS error=password_error />
            </AuthForm>
            <p class="muted">
                "New here? " <a href=format!("/signup{query}")>"Create a free account"</a>
            </p>
        </section>
    }
}

/// The form both account pages have: it posts to `path` with the page's
/// `query`, shows a general error above the fields, and has one submit
/// button that is disabled once pressed.
#[island(lazy)]
pub(crate) fn AuthForm(
    #[prop(into)] path: String,
    query: String,
    general: Option<AppError>,
    #[prop(into)] submit: String,
    children: Children,
) -> impl IntoView {
    let submitting = RwSignal::new(false);
    view! {
        <form method="post" action=format!("{path}{query}") on:submit=move |_| submitting.set(true)>
            {general.map(|e| view! { <ErrorView error=e /> })}
            {children()}
            <button class="button" type="submit" disabled=move || submitting.get()>
                {submit}
            </button>
        </form>
    }
}

/// `?next=…` for links between the account pages, or nothing for `/`.
pub(crate) fn query_for(next: &str) -> String {
    if next == "/" {
        String::new()
    } else {
        let encoded: String = next
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        format!("?next={encoded}")
    }
}
