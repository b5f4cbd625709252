//! Liveness and readiness for load balancers and orchestrators.

use std::time::Duration;

use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

use crate::{db, state::AppState};

const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// 200 for as long as the process can answer at all.
pub async fn live() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// 200 when the database answers, 503 when it does not.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if db::is_ready(state.db.write(), READY_TIMEOUT).await {
        (StatusCode::OK, Json(json!({ "status": "ready" })))
    } else {
        tracing::warn!("readiness check failed: the database did not answer");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "reason": "database" })),
        )
    }
}
