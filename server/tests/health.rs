mod common;

use reqwest::StatusCode;

on_every_backend!(liveness_answers_200_while_the_process_runs, |app| {
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK, "{:?}", app.kind);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
});

on_every_backend!(readiness_answers_200_when_the_database_answers, |app| {
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::OK, "{:?}", app.kind);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
});

on_every_backend!(readiness_answers_503_once_the_database_is_gone, |app| {
    app.db.close_by_ref().await.expect("close the pool");
    let response = app.get("/readyz").await;
    assert_eq!(
        response.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{:?}",
        app.kind
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    // Liveness is about the process, not its dependencies.
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
});
