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

// Sets are served from memory for a few seconds. The instance that deletes
// a set stops serving it at once; another instance on the same database
// stops within the cache's lifetime, and meanwhile shows no answer on the
// deleted set's page and takes no new one for it.
on_every_backend!(a_deleted_set_goes_from_every_instance, |app| {
    let session = common::signup(app, "owner@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        serde_json::json!({"role": "backend-engineer", "count": 5}),
    )
    .await;
    let other = common::spawn_second_instance(app).await;
    let at_other = |path: &str| {
        app.client
            .get(format!("http://{other}{path}"))
            .header("cookie", &session)
            .send()
    };
    let answer = "When our checkout service slowed down I profiled it, found an unindexed query and added the index; p95 went from 900 ms to 120 ms.";
    let submitted =
        common::submit_answer(app, Some(&session), &slug, 1, answer, "cache-test-1").await;
    assert_eq!(submitted.status(), StatusCode::CREATED, "on {:?}", app.kind);
    let attempt = submitted.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .expect("an attempt id");

    // Both instances have read the set (and keep it).
    for base in [app.address, other] {
        let page = app
            .client
            .get(format!("http://{base}/s/{slug}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
    }
    let shown = format!("/practice/{slug}?attempt={attempt}");
    let practice = at_other(&shown).await.unwrap();
    assert_eq!(practice.status(), StatusCode::OK);
    assert!(practice.text().await.unwrap().contains("unindexed query"));

    let deleted = common::delete_set(app, &session, &slug).await;
    assert_eq!(deleted.headers()[reqwest::header::LOCATION], "/?deleted=1");
    assert_eq!(
        app.get(&format!("/s/{slug}")).await.status(),
        StatusCode::NOT_FOUND,
        "the deleting instance forgets the set at once"
    );

    // The other instance may still show the questions for a moment, but
    // not the answers, and it takes no new answer for the set.
    let practice = at_other(&shown).await.unwrap();
    assert_eq!(
        practice.status(),
        StatusCode::NOT_FOUND,
        "on {:?}",
        app.kind
    );
    assert!(!practice.text().await.unwrap().contains("unindexed query"));
    // The answer itself stays its writer's, on either instance.
    let read_back = at_other(&format!("/api/v1/assessments/{attempt}"))
        .await
        .unwrap();
    assert_eq!(read_back.status(), StatusCode::OK);
    let late = app
        .client
        .post(format!("http://{other}/api/v1/assessments"))
        .header("cookie", &session)
        .json(&serde_json::json!({
            "question_set": slug,
            "question_index": 1,
            "answer": answer,
            "idempotency_key": "cache-test-2",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::NOT_FOUND, "on {:?}", app.kind);

    tokio::time::sleep(rehearse::db::set_cache::TTL + Duration::from_millis(200)).await;
    assert_eq!(
        at_other(&format!("/s/{slug}")).await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "the other instance forgets the set once its copy expires"
    );
});
