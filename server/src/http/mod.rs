//! The HTTP surface: pages, static assets, health checks and middleware.

mod assets;
mod health;

use axum::{Router, routing::get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::{compression::CompressionLayer, limit::RequestBodyLimitLayer, trace::TraceLayer};

use crate::state::AppState;

/// Requests larger than this are refused before any handler reads them.
pub const MAX_REQUEST_BODY_BYTES: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let context = {
        let db = state.db.clone();
        move || provide_context(db.clone())
    };

    Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .nest_service("/pkg", assets::pkg_service(&state.leptos))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos.clone();
            move || app::shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context,
            app::shell,
        ))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
