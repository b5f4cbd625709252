use leptos::prelude::*;

use super::ThemeToggle;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/" aria-label="Rehearse home">
                    <span class="brand__mark" aria-hidden="true">
                        "R"
                    </span>
                    <span class="brand__name">"Rehearse"</span>
                </a>
                <ThemeToggle />
            </div>
        </header>
    }
}
