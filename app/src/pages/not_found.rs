use leptos::prelude::*;

use crate::components::{ErrorView, PageMeta};
use crate::model::AppError;

/// Shown for any path no route matches, with HTTP status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <PageMeta
            title="Page not found"
            description="This page does not exist. Head back to Rehearse's home page."
        />
        <div class="narrow">
            <p class="eyebrow">"404"</p>
            <ErrorView error=AppError::NotFound />
            <p>"The link may be mistyped, or the page may have moved."</p>
            <p>
                <a class="button" href="/">
                    "Back to the home page"
                </a>
            </p>
        </div>
    }
}
