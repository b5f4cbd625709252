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
use crate::services::{AccountService, PracticeService, RoleCatalog, SetService, StoryService};

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
        let leptos = leptos_options(settings);
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
        let stories = Arc::new(StoryService::new(db.clone(), Arc::clone(&coach)));
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
                stories,
            },
            settings: Arc::new(settings.clone()),
        }
    }
}

/// Leptos's options for the site `settings` serve.
fn leptos_options(settings: &ServeSettings) -> LeptosOptions {
    // A release build names the bundle's files by their content and lists
    // the names in the site's hash.txt. Leptos reads that file relative to
    // the binary's folder, so its path must be absolute.
    let hash_file = settings.site_root.join(app::HASH_FILE);
    let hash_file = std::path::absolute(&hash_file).unwrap_or(hash_file);
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .hash_files(hash_file.is_file())
        .hash_file(Arc::<str>::from(hash_file.to_string_lossy()))
        .site_addr(settings.addr)
        .env(Env::PROD)
        .build()
}

/// Whether `site_root` holds the browser bundle's WebAssembly, under its
/// plain name or a content-hashed one (`rehearse.<hash>.wasm`).
pub fn bundle_present(site_root: &std::path::Path) -> bool {
    let Ok(files) = std::fs::read_dir(site_root.join("pkg")) else {
        return false;
    };
    files.flatten().any(|file| {
        let name = file.file_name();
        let name = name.to_string_lossy();
        name.strip_prefix(OUTPUT_NAME)
            .and_then(|rest| rest.strip_suffix(".wasm"))
            .is_some_and(|middle| middle.is_empty() || middle.starts_with('.'))
    })
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_root_given_relative_names_its_hash_file_absolutely() {
        let dir = tempfile::tempdir_in(".").expect("a folder here");
        let relative = dir
            .path()
            .strip_prefix(std::env::current_dir().unwrap())
            .unwrap();
        let settings = ServeSettings::local("127.0.0.1:0".parse().unwrap(), relative.into());
        assert!(
            !leptos_options(&settings).hash_files,
            "no hash file, no hashed names"
        );

        std::fs::write(dir.path().join(app::HASH_FILE), "js: abc\n").unwrap();
        let options = leptos_options(&settings);
        assert!(options.hash_files);
        let hash_file = std::path::Path::new(&*options.hash_file);
        assert!(
            hash_file.is_absolute() && hash_file.is_file(),
            "{hash_file:?}"
        );
    }

    #[test]
    fn the_bundle_is_found_under_its_plain_or_hashed_name() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!bundle_present(dir.path()));
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/rehearse_bg.wasm"), b"").unwrap();
        assert!(!bundle_present(dir.path()));
        std::fs::write(
            dir.path().join("pkg/rehearse.QBLV0nD3HX3sIb_LWcUdXA.wasm"),
            b"",
        )
        .unwrap();
        assert!(bundle_present(dir.path()));
    }
}
