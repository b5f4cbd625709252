//! The HTTP surface: pages, forms, the JSON API, static assets, health
//! checks and middleware.

mod account_forms;
pub mod api;
mod assets;
mod cookies;
mod crawlers;
mod downloads;
mod form;
mod headers;
mod health;
mod mock_forms;
mod practice_forms;
mod progress;
mod requester;
mod rerender;
mod same_origin;
mod set_forms;
mod story_forms;

/// The parsers that read what a browser posts, for the fuzz targets in
/// `fuzz/`.
#[doc(hidden)]
pub mod parse {
    pub use super::account_forms::next_of;
    pub use super::form::read;
}

use axum::{
    Router, middleware,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::{limit::RequestBodyLimitLayer, trace::TraceLayer};

use crate::state::AppState;

/// Requests larger than this are refused before any handler reads them. A
/// form with the longest job description allowed fits several times over.
pub const MAX_REQUEST_BODY_BYTES: usize = 256 * 1024;

/// The app's routes, worked out once per process. Working them out runs the
/// app with resource loading suppressed through a process-wide flag, and a
/// page that starts loading a resource meanwhile, on any thread, would never
/// finish; once, before any router exists, nothing can be rendering.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = {
        let ports = state.ports.clone();
        move || {
            provide_context(ports.clone());
            headers::provide_page_nonce();
        }
    };

    Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/robots.txt", get(crawlers::robots))
        .route("/sitemap.xml", get(crawlers::sitemap))
        // The generator posts to the page it is on (GET renders the page).
        .route("/", post(set_forms::generate))
        .route("/roles/{slug}", post(set_forms::generate))
        .route("/s/{slug}/delete", post(set_forms::delete_set))
        .route("/s/{slug}/listing", post(set_forms::set_listing))
        // Account pages post to themselves too.
        .route("/signup", post(account_forms::signup))
        .route("/login", post(account_forms::login))
        .route("/logout", post(account_forms::logout))
        .route("/me/settings", post(account_forms::settings))
        .route("/me/review/postpone", post(practice_forms::postpone_review))
        // The story bank's forms.
        .route("/me/stories", post(story_forms::create))
        .route(
            "/me/stories/from-attempt",
            post(story_forms::draft_from_attempt),
        )
        .route("/me/stories/{id}", post(story_forms::update))
        .route("/me/stories/{id}/delete", post(story_forms::delete))
        .route("/practice/{slug}/story", post(story_forms::use_story))
        // The practice page takes its answers, and requests for feedback,
        // at its own address.
        .route("/practice/{slug}", post(practice_forms::post))
        // A mock interview starts from its setup page, and takes each
        // answer at the run's own address.
        .route("/practice/{slug}/mock", post(mock_forms::start))
        .route("/mock/{id}", post(mock_forms::post))
        .route(
            "/practice/{slug}/export.md",
            get(downloads::practice_markdown),
        )
        .route("/s/{slug}/questions.csv", get(downloads::questions_csv))
        // The same form, answered with progress as it happens.
        .route("/generate/stream", post(set_forms::generate_stream))
        .nest("/api/v1", api::routes())
        .nest_service(
            "/pkg",
            get(assets::serve).with_state(assets::Assets::load(
                &std::path::Path::new(state.leptos.site_root.as_ref())
                    .join(state.leptos.site_pkg_dir.as_ref()),
            )),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos.clone();
            move || app::shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context,
            app::shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            requester::attach,
        ))
        // Outermost of the two, so a cross-site request is refused first.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin::check,
        ))
        // Progress lines must reach the browser as they are written, not
        // when a compressor's buffer fills. Pages are made per request, so
        // they are compressed at level 1: a fraction of the CPU of the
        // default levels (brotli 4, gzip 6) for a tenth (brotli) to a fifth
        // (gzip) more bytes. Static files are compressed once, at the best
        // level, when they are built.
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Precise(1))
                .compress_when(
                    DefaultPredicate::new()
                        .and(NotForContentType::const_new(progress::CONTENT_TYPE)),
                ),
        )
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::secure,
        ))
        // Spans name the path with any share slug cut short, never the query.
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    path = %crate::telemetry::loggable_path(request.uri().path()),
                )
            }),
        )
        .with_state(state)
}
