//! What every request handler can reach.

use std::sync::Arc;
use std::time::Duration;

use app::api::port::Ports;
use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};

use crate::auth::Passwords;
use crate::coach::{Coach, LlmEngine, OfflineCoach, SetCache};
use crate::config::ServeSettings;
use crate::db::Db;
use crate::services::rate_limit::RateLimit;
use crate::services::usage::DbLedger;
use crate::services::{AccountService, PracticeService, RoleCatalog, SetService};

/// The name cargo-leptos gives the WebAssembly bundle and stylesheet.
pub const OUTPUT_NAME: &str = "rehearse";
/// Recently generated sets kept in memory per instance.
const CACHE_CAPACITY: usize = 512;

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    /// Every use case, behind the app's traits: the one way in for every
    /// door.
    pub ports: Ports,
    pub settings: Arc<ServeSettings>,
}

impl AppState {
    /// State around an offline coach that is already built: its indexes and
    /// the embedded model take a moment, and tests share one.
    pub fn with_offline(db: Db, settings: &ServeSettings, offline: Arc<OfflineCoach>) -> Self {
        crate::coach::llm::client::install_crypto_provider();
        let passwords = Passwords::for_this_machine();
        let library = offline.library_arc();
        let leptos = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(settings.addr)
            .env(Env::PROD)
            .build();
        let llm = settings.llm.clone().map(|llm| {
            let ledger = Arc::new(DbLedger::new(db.write().clone(), &llm));
            LlmEngine::new(llm, ledger)
        });
        let coach = Arc::new(Coach::new(offline, llm, SetCache::new(CACHE_CAPACITY)));
        let practice = Arc::new(PracticeService::new(
            db.clone(),
            Arc::clone(&coach),
            settings.write_limits,
        ));
        let sets = Arc::new(SetService::new(
            db.clone(),
            coach,
            RateLimit {
                limit: settings.generate_limit,
                window: Duration::from_secs(3600),
            },
        ));
        let roles = Arc::new(RoleCatalog::new(library));
        let accounts = Arc::new(AccountService::new(
            db.clone(),
            passwords,
            settings.signup_limit,
        ));
        Self {
            leptos,
            db,
            ports: Ports {
                sets,
                roles,
                practice,
                accounts,
            },
            settings: Arc::new(settings.clone()),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
