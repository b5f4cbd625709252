//! Rehearse's user interface, shared by the server (`ssr`) and the browser
//! (`hydrate`).

// The view types of the larger pages nest deeply.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod model;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode, StaticSegment,
    components::{Route, Router, Routes},
    path,
};

use crate::components::{SiteBase, SiteFooter, SiteHeader, Theme, provide_viewer};
use crate::pages::{
    ComparePage, DashboardPage, DrillPage, HomePage, LoginPage, MockRunPage, MockSetupPage,
    NotFoundPage, PracticePage, PrintPage, PrivateQuestionsPage, ReviewPage, RolePage,
    RolesIndexPage, SettingsPage, SharePage, SignupPage, StoriesPage, StoryPage,
};

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

/// What a page may load and run. Scripts need the page's nonce (or come
/// from this site, as the bundle does); WebAssembly needs
/// `wasm-unsafe-eval`; nothing may frame the page, post its forms elsewhere
/// or change its base address.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The file, in the site's root, that names the bundle's content-hashed
/// files (written by a release build).
pub const HASH_FILE: &str = "hash.txt";

/// The stylesheet's address: under its content-hashed name when the build
/// named files by content (`css: <hash>` in the hash file). A process
/// serves one build, so the hash file is read once, not on every page.
fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| read_stylesheet_href(options))
}

fn read_stylesheet_href(options: &LeptosOptions) -> String {
    let pkg = &options.site_pkg_dir;
    let name = &options.output_name;
    let hash = options
        .hash_files
        .then(|| std::fs::read_to_string(&*options.hash_file).ok())
        .flatten()
        .and_then(|hashes| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == "css").then(|| hash.trim().to_string())
            })
        });
    match hash {
        Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}

/// The HTML document the server wraps around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The server renders each page with a fresh nonce, and sends the
    // policy that names it (see `content_security_policy`); only scripts
    // that carry it (the theme and the hydration scripts) may run.
    let nonce = leptos::nonce::use_nonce();
    let stylesheet = stylesheet_href(&options);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.ico" sizes="any" />
                <script nonce=nonce inner_html=theme_boot_script()></script>
                <link rel="stylesheet" href=stylesheet />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The renderer writes `<title>` (like `<textarea>`) as raw text, so on the
/// server any markup in it is escaped; in the browser it is set as text.
pub fn raw_text_safe(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}

/// The base URL of the request being served (pages are rendered only on
/// the server; the browser hydrates islands).
fn site_base() -> String {
    #[cfg(feature = "ssr")]
    {
        api::port::Requester::current()
            .map(|r| r.base_url)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(SiteBase(site_base()));
    provide_viewer();

    view! {
        <Title formatter=|page: String| {
            let title = if page.is_empty() {
                "Rehearse".to_string()
            } else {
                format!("{page} · Rehearse")
            };
            raw_text_safe(title)
        } />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <SiteHeader />
            <main id="main" class="page">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("roles") view=RolesIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/roles/:slug") view=RolePage ssr=SsrMode::Async />
                    <Route path=path!("/s/:slug") view=SharePage ssr=SsrMode::Async />
                    <Route path=path!("/s/:slug/private") view=PrivateQuestionsPage ssr=SsrMode::Async />
                    <Route path=path!("/practice/:slug") view=PracticePage ssr=SsrMode::Async />
                    <Route path=path!("/practice/:slug/compare") view=ComparePage ssr=SsrMode::Async />
                    <Route path=path!("/practice/:slug/drill") view=DrillPage ssr=SsrMode::Async />
                    <Route path=path!("/practice/:slug/print") view=PrintPage ssr=SsrMode::Async />
                    <Route path=path!("/practice/:slug/mock") view=MockSetupPage ssr=SsrMode::Async />
                    <Route path=path!("/mock/:id") view=MockRunPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("signup") view=SignupPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("me") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/me/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/me/review") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/me/stories") view=StoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/me/stories/:id") view=StoryPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
