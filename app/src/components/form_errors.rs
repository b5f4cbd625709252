//! What a form shows when the server sent it back: a message under each
//! field at fault, and anything else at the top.

use leptos::prelude::*;

use crate::model::AppError;

/// An echoed form error, split by where it belongs.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(Option<AppError>);

impl FormErrors {
    pub fn new(error: Option<AppError>) -> Self {
        Self(error)
    }

    /// The message for the field called `name`, if it has one.
    pub fn field(&self, name: &str) -> Option<String> {
        self.0
            .as_ref()
            .and_then(|e| e.field_message(name))
            .map(str::to_string)
    }

    /// The error when it is not about particular fields.
    pub fn general(&self) -> Option<AppError> {
        self.0
            .clone()
            .filter(|e| !matches!(e, AppError::Validation { .. }))
    }

    /// The error as far as the form does not show it by a field: a general
    /// error, or the validation messages about fields it has no place for.
    pub fn unshown(&self, shown: &[&str]) -> Option<AppError> {
        match &self.0 {
            Some(AppError::Validation { fields }) => {
                let rest: Vec<_> = fields
                    .iter()
                    .filter(|f| !shown.contains(&f.field.as_str()))
                    .cloned()
                    .collect();
                (!rest.is_empty()).then_some(AppError::Validation { fields: rest })
            }
            other => other.clone(),
        }
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

/// The message under a field that needs fixing, if it does.
#[component]
pub fn FieldMessage(message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <p class="field__error" role="alert">{m}</p> })
}
