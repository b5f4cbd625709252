//! What every request handler can reach.

use std::sync::Arc;
use std::time::Duration;

use app::api::port::Ports;
use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};
use sea_orm::DatabaseConnection;

use crate::coach::{OfflineCoach, SetCache};
use crate::config::ServeSettings;
use crate::content::Library;
use crate::services::rate_limit::RateLimit;
use crate::services::{RoleCatalog, SetService};

/// The name cargo-leptos gives the WebAssembly bundle and stylesheet.
pub const OUTPUT_NAME: &str = "rehearse";
/// Recently generated sets kept in memory per instance.
const CACHE_CAPACITY: usize = 512;

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: DatabaseConnection,
    pub ports: Ports,
    pub sets: Arc<SetService>,
    pub roles: Arc<RoleCatalog>,
    pub settings: Arc<ServeSettings>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, settings: &ServeSettings, library: Arc<Library>) -> Self {
        let leptos = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(settings.addr)
            .env(Env::PROD)
            .build();
        let coach = Arc::new(OfflineCoach::new(Arc::clone(&library)));
        let sets = Arc::new(SetService::new(
            db.clone(),
            coach,
            Arc::new(SetCache::new(CACHE_CAPACITY)),
            RateLimit {
                limit: settings.generate_limit,
                window: Duration::from_secs(3600),
            },
        ));
        let roles = Arc::new(RoleCatalog::new(library));
        Self {
            leptos,
            db,
            ports: Ports {
                sets: sets.clone(),
                roles: roles.clone(),
            },
            sets,
            roles,
            settings: Arc::new(settings.clone()),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
