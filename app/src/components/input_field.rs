//! One labelled input with its error message under it, as the account and
//! settings forms have them. The error comes from the form the server sent
//! back; the field is marked invalid while it has one.

use leptos::prelude::*;

use super::FieldMessage;

/// What kind of value a field takes, which sets its `type` and how the
/// browser offers to fill it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// The account's email, as the sign-in name.
    Email,
    /// An email for a new account.
    NewEmail,
    CurrentPassword,
    NewPassword,
    /// The name to greet the user by.
    Nickname,
}

impl FieldKind {
    fn input_type(self) -> &'static str {
        match self {
            Self::Email | Self::NewEmail => "email",
            Self::CurrentPassword | Self::NewPassword => "password",
            Self::Nickname => "text",
        }
    }

    fn autocomplete(self) -> &'static str {
        match self {
            Self::Email => "username",
            Self::NewEmail => "email",
            Self::CurrentPassword => "current-password",
            Self::NewPassword => "new-password",
            Self::Nickname => "nickname",
        }
    }
}

#[component]
pub fn InputField(
    id: &'static str,
    /// The form field's name, as the server reads it.
    name: &'static str,
    label: &'static str,
    kind: FieldKind,
    max_chars: usize,
    error: Option<String>,
    /// Shown muted after the label, e.g. "(optional)"; a field with one is
    /// not required.
    #[prop(optional)]
    note: Option<&'static str>,
    #[prop(optional)] min_chars: Option<usize>,
    #[prop(optional, into)] value: Option<String>,
    /// Help under the input.
    #[prop(optional)]
    help: Option<String>,
) -> impl IntoView {
    let help_id = help.as_ref().map(|_| format!("{id}-help"));
    view! {
        <div class="field">
            <label for=id>
                {label}
                {note.map(|n| view! { " " <span class="muted">{n}</span> })}
            </label>
            <input
                id=id
                name=name
                type=kind.input_type()
                autocomplete=kind.autocomplete()
                required=note.is_none()
                minlength=min_chars.map(|n| n.to_string())
                maxlength=max_chars.to_string()
                value=value
                aria-describedby=help_id.clone()
                aria-invalid=error.is_some().then_some("true")
            />
            {help.map(|h| view! { <p id=help_id class="field__help">{h}</p> })}
            <FieldMessage message=error />
        </div>
    }
}

/// A box to tick before something that cannot be undone, with its error.
#[component]
pub fn ConfirmBox(id: &'static str, label: &'static str, error: Option<String>) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input id=id type="checkbox" name="confirm" value="true" required />
            {label}
        </label>
        <FieldMessage message=error />
    }
}
