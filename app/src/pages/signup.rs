use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::login::{AuthForm, query_for};
use crate::components::{Echoed, FieldKind, InputField, PageMeta, use_echoed};
use crate::model::safe_next;
use crate::model::{
    MAX_DISPLAY_NAME_CHARS, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};

/// `/signup`: an email and a password make a free account.
#[component]
pub fn SignupPage() -> impl IntoView {
    let next = safe_next(use_query_map().read_untracked().get("next"));
    let Echoed {
        email,
        display_name: name,
        errors,
    } = use_echoed("signup");
    let (email_error, name_error, password_error) = (
        errors.field("email"),
        errors.field("display_name"),
        errors.field("password"),
    );
    let general = errors.general();
    let query = query_for(&next);

    view! {
        <PageMeta title="Create an account" description="A free Rehearse account lets you practise answers in the browser and keeps your feedback." path="/signup" />
        <section class="auth card">
            <h1>"Create a free account"</h1>
            <p class="muted">
                "Practise answers one question at a time and keep your feedback. "
                "Sets you made on this browser move into your account."
            </p>
            <AuthForm path="/signup" query=query.clone() general submit="Create account">
                <InputField id="signup-email" name="email" label="Email" kind=FieldKind::NewEmail
                    max_chars=MAX_EMAIL_CHARS value=email error=email_error />
                <InputField id="signup-name" name="display_name" label="Name" note="(optional)"
                    kind=FieldKind::Nickname max_chars=MAX_DISPLAY_NAME_CHARS value=name error=name_error />
                <InputField id="signup-password" name="password" label="Password"
                    kind=FieldKind::NewPassword min_chars=MIN_PASSWORD_CHARS max_chars=MAX_PASSWORD_CHARS
                    help=format!("At least {MIN_PASSWORD_CHARS} characters. A few unrelated words make a strong one.")
                    error=password_error />
            </AuthForm>
            <p class="muted">
                "Already have an account? " <a href=format!("/login{query}")>"Log in"</a>
            </p>
        </section>
    }
}
