use leptos::prelude::*;

use crate::model::AppError;

/// Shows an [`AppError`] the way a person should read it: what happened, and
/// for validation errors, which fields need attention.
#[component]
pub fn ErrorView(#[prop(into)] error: Signal<AppError>) -> impl IntoView {
    let heading = move || match error.get() {
        AppError::NotFound => "Not found",
        AppError::Unauthorized => "Login needed",
        AppError::BadCredentials => "Could not log you in",
        AppError::Forbidden => "No access",
        AppError::RateLimited { .. } => "Slow down",
        AppError::Validation { .. } => "Check your input",
        AppError::AiUnavailable => "Model unavailable",
        AppError::Internal { .. } | AppError::Network { .. } => "Something went wrong",
    };
    let fields = move || match error.get() {
        AppError::Validation { fields } => fields,
        _ => Vec::new(),
    };

    view! {
        <section class="error-view" role="alert" aria-live="polite">
            <h2 class="error-view__title">{heading}</h2>
            <p class="error-view__message">{move || error.get().to_string()}</p>
            <Show when=move || !fields().is_empty()>
                <ul class="error-view__fields">
                    <For
                        each=fields
                        key=|f| f.field.clone()
                        children=|f| {
                            view! {
                                <li>
                                    <strong>{f.field}</strong>
                                    ": "
                                    {f.message}
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </section>
    }
}
