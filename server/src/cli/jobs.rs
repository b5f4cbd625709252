//! The hourly background jobs that prune what is no longer kept.

use sea_orm::DatabaseConnection;

use crate::db;

/// Expired sessions are refused when used; clear them out hourly too.
pub(super) async fn prune_sessions(db: DatabaseConnection) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match db::accounts::prune_sessions(&db, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned expired sessions"),
            Err(error) => tracing::warn!(%error, "pruning sessions failed"),
        }
    }
}

/// Attempts past their account's retention period go hourly.
pub(super) async fn prune_attempts(accounts: std::sync::Arc<dyn app::api::port::Accounts>) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match accounts.prune(chrono::Utc::now().timestamp()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned attempts past their retention"),
            Err(error) => tracing::warn!(%error, "pruning attempts failed"),
        }
    }
}

/// Rate-limit windows older than two days are never read again; clear them
/// out hourly so the table stays small.
pub(super) async fn prune_usage_counters(db: DatabaseConnection) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let cutoff = chrono::Utc::now() - chrono::Duration::days(2);
        match db::usage::prune(&db, cutoff).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned old usage counters"),
            Err(error) => tracing::warn!(%error, "pruning usage counters failed"),
        }
    }
}
