//! Rehearse's user interface, shared by the server (`ssr`) and the browser
//! (`hydrate`).

pub mod components;
pub mod model;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    StaticSegment,
    components::{Route, Router, Routes},
};

use crate::components::{SiteFooter, SiteHeader, Theme};
use crate::pages::{HomePage, NotFoundPage};

/// Sets the colour theme before first paint so a stored choice never flashes
/// the other theme. It only reads storage and sets `data-theme` on `<html>`.
fn theme_boot_script() -> String {
    format!(
        "(function(){{try{{var t=localStorage.getItem('{key}');\
if(t!=='light'&&t!=='dark'){{t=window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}}\
document.documentElement.setAttribute('data-theme',t)}}catch(e){{}}}})();",
        key = Theme::STORAGE_KEY
    )
}

/// The HTML document the server wraps around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.ico" sizes="any" />
                <script inner_html=theme_boot_script()></script>
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Stylesheet id="leptos" href="/pkg/rehearse.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Rehearse".to_string() } else { format!("{page} · Rehearse") }
        } />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <SiteHeader />
            <main id="main" class="page">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=StaticSegment("") view=HomePage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
