use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::login::query_for;
use crate::components::{ErrorView, FieldMessage, FormErrors, PageMeta, use_echo};
use crate::model::safe_next;
use crate::model::{
    MAX_DISPLAY_NAME_CHARS, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};

/// `/signup`: an email and a password make a free account.
#[component]
pub fn SignupPage() -> impl IntoView {
    let next = safe_next(use_query_map().read_untracked().get("next"));
    let echo = use_echo("signup");
    let email = echo.as_ref().map(|e| e.email.clone()).unwrap_or_default();
    let name = echo
        .as_ref()
        .and_then(|e| e.display_name.clone())
        .unwrap_or_default();
    let errors = FormErrors::new(echo.map(|e| e.error));
    let (email_error, name_error, password_error) = (
        errors.field("email"),
        errors.field("display_name"),
        errors.field("password"),
    );
    let general = errors.general();
    let query = query_for(&next);
    let submitting = RwSignal::new(false);

    view! {
        <PageMeta title="Create an account" description="A free Rehearse account lets you practise answers in the browser and keeps your feedback." path="/signup" />
        <section class="auth card">
            <h1>"Create a free account"</h1>
            <p class="muted">
                "Practise answers one question at a time and keep your feedback. "
                "Sets you made on this browser move into your account."
            </p>
            <form method="post" action=format!("/signup{query}") on:submit=move |_| submitting.set(true)>
                {general.map(|e| view! { <ErrorView error=e /> })}
                <div class="field">
                    <label for="signup-email">"Email"</label>
                    <input
                        id="signup-email"
                        name="email"
                        type="email"
                        autocomplete="email"
                        required
                        maxlength=MAX_EMAIL_CHARS.to_string()
                        value=email
                        aria-invalid=email_error.is_some().then_some("true")
                    />
                    <FieldMessage message=email_error />
                </div>
                <div class="field">
                    <label for="signup-name">"Name " <span class="muted">"(optional)"</span></label>
                    <input
                        id="signup-name"
                        name="display_name"
                        type="text"
                        autocomplete="nickname"
                        maxlength=MAX_DISPLAY_NAME_CHARS.to_string()
                        value=name
                        aria-invalid=name_error.is_some().then_some("true")
                    />
                    <FieldMessage message=name_error />
                </div>
                <div class="field">
                    <label for="signup-password">"Password"</label>
                    <input
                        id="signup-password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        required
                        minlength=MIN_PASSWORD_CHARS.to_string()
                        maxlength=MAX_PASSWORD_CHARS.to_string()
                        aria-describedby="signup-password-help"
                        aria-invalid=password_error.is_some().then_some("true")
                    />
                    <p id="signup-password-help" class="field__help">
                        {format!("At least {MIN_PASSWORD_CHARS} characters. A few unrelated words make a strong one.")}
                    </p>
                    <FieldMessage message=password_error />
                </div>
                <button class="button" type="submit" disabled=move || submitting.get()>
                    "Create account"
                </button>
            </form>
            <p class="muted">
                "Already have an account? " <a href=format!("/login{query}")>"Log in"</a>
            </p>
        </section>
    }
}
