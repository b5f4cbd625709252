use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{ErrorView, FieldMessage, FormErrors, PageMeta, use_echo};
use crate::model::safe_next;
use crate::model::{MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS};

/// `/login`: email and password. Posts to itself, then goes back to `next`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let next = safe_next(use_query_map().read_untracked().get("next"));
    let echo = use_echo("login");
    let email = echo.as_ref().map(|e| e.email.clone()).unwrap_or_default();
    let errors = FormErrors::new(echo.map(|e| e.error));
    let (email_error, password_error) = (errors.field("email"), errors.field("password"));
    let general = errors.general();
    let query = query_for(&next);
    let submitting = RwSignal::new(false);

    view! {
        <PageMeta title="Log in" description="Log in to Rehearse to practise answers and see your feedback." path="/login" />
        <section class="auth card">
            <h1>"Log in"</h1>
            <form method="post" action=format!("/login{query}") on:submit=move |_| submitting.set(true)>
                {general.map(|e| view! { <ErrorView error=e /> })}
                <div class="field">
                    <label for="login-email">"Email"</label>
                    <input
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength=MAX_EMAIL_CHARS.to_string()
                        value=email
                        aria-invalid=email_error.is_some().then_some("true")
                    />
                    <FieldMessage message=email_error />
                </div>
                <div class="field">
                    <label for="login-password">"Password"</label>
                    <input
                        id="login-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength=MAX_PASSWORD_CHARS.to_string()
                        aria-invalid=password_error.is_some().then_some("true")
                    />
                    <FieldMessage message=password_error />
                </div>
                <button class="button" type="submit" disabled=move || submitting.get()>
                    "Log in"
                </button>
            </form>
            <p class="muted">
                "New here? " <a href=format!("/signup{query}")>"Create a free account"</a>
            </p>
        </section>
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
