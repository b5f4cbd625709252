//! Serving: the database, the listener, the background jobs and a
//! graceful shutdown.

use std::sync::Arc;

use tokio::net::TcpListener;

use super::jobs::{prune_attempts, prune_sessions, prune_usage_counters};
use super::{CliError, load_coach};
use crate::config::Args;
use crate::db;
use crate::http;
use crate::state::AppState;

pub(super) async fn serve(args: &Args) -> Result<(), CliError> {
    let settings = args.serve_settings()?;
    let database_url = args.database_url()?;
    let coach = Arc::new(load_coach(args)?);
    let db = db::connect(&database_url).await?;
    db::migrate_up(db.write()).await?;
    tracing::info!(database = %database_url, "database ready");

    if !crate::state::bundle_present(&settings.site_root) {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "the browser bundle is missing, so pages will not become interactive; build it with `make build`"
        );
    }

    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|source| CliError::Bind {
            addr: settings.addr,
            source,
        })?;
    let public = settings
        .public_url
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| format!("http://{}", settings.addr));
    tracing::info!(
        addr = %settings.addr,
        coach = coach.engine(),
        "Rehearse is serving {public}"
    );

    tokio::spawn(prune_usage_counters(db.write().clone()));
    tokio::spawn(prune_sessions(db.write().clone()));
    let state = AppState::with_offline(db, &settings, coach);
    tokio::spawn(prune_attempts(state.ports.accounts.clone()));
    let app = http::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(CliError::Serve)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed the server still stops on SIGTERM.
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
