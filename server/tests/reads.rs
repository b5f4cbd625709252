mod common;

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, TransactionTrait};

// A person's commit (and its fsync) must not hold up another person's
// page: on SQLite pages read through their own read-only connections,
// beside the single writer.
on_every_backend!(pages_are_served_while_a_write_is_open, |app| {
    let session = common::signup(app, "reader@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        serde_json::json!({"role": "backend-engineer", "count": 5}),
    )
    .await;

    // Take the writer and hold a write open, as a slow commit would.
    let txn = app.db.begin().await.expect("begin");
    txn.execute_unprepared("DELETE FROM usage_counters WHERE key = 'nothing'")
        .await
        .expect("a write inside the transaction");

    for path in [
        format!("/s/{slug}"),
        format!("/practice/{slug}"),
        "/me".into(),
    ] {
        let page = tokio::time::timeout(
            Duration::from_secs(5),
            app.client
                .get(app.url(&path))
                .header("cookie", &session)
                .send(),
        )
        .await
        .unwrap_or_else(|_| panic!("{path} waited for the open write on {:?}", app.kind))
        .expect("request reaches the server");
        assert_eq!(page.status(), StatusCode::OK, "{path} on {:?}", app.kind);
    }
    txn.rollback().await.expect("rollback");
});
