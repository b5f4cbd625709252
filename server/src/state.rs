//! What every request handler can reach.

use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};
use sea_orm::DatabaseConnection;

use crate::config::ServeSettings;

/// The name cargo-leptos gives the WebAssembly bundle and stylesheet.
pub const OUTPUT_NAME: &str = "rehearse";

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: DatabaseConnection,
}

impl AppState {
    pub fn new(db: DatabaseConnection, settings: &ServeSettings) -> Self {
        let leptos = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(settings.addr)
            .env(Env::PROD)
            .build();
        Self { leptos, db }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
