//! The JSON API, version 1.

mod common;

use reqwest::StatusCode;
use serde_json::{Value, json};

on_every_backend!(
    creating_a_set_answers_201_and_it_reads_back_the_same,
    |app| {
        let response = app
            .client
            .post(app.url("/api/v1/question-sets"))
            .json(&json!({
                "role": "devops-sre",
                "seniority": "senior",
                "kinds": ["technical", "system_design"],
                "count": 6
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{:?}", app.kind);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let created: Value = response.json().await.unwrap();
        let slug = created["slug"].as_str().unwrap();
        assert_eq!(location, format!("/api/v1/question-sets/{slug}"));
        assert_eq!(created["url"], format!("http://{}/s/{slug}", app.address));
        assert_eq!(created["role"], "devops-sre");
        assert_eq!(created["seniority"], "senior");
        assert_eq!(created["engine"], "offline/2+embeddings");
        let questions = created["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 6);
        assert!(
            questions
                .iter()
                .all(|q| ["technical", "system_design"].contains(&q["kind"].as_str().unwrap()))
        );

        let read: Value = app.get(&location).await.json().await.unwrap();
        assert_eq!(read["questions"], created["questions"]);
        assert_eq!(read["title"], created["title"]);
    }
);

on_every_backend!(
    a_set_from_a_job_description_never_returns_the_description,
    |app| {
        let jd = include_str!("fixtures/jd/data-engineer-analytics.txt");
        let response = app
            .client
            .post(app.url("/api/v1/question-sets"))
            .json(&json!({ "job_description": jd }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let text = response.text().await.unwrap();
        assert!(!text.contains("job_description"));
        assert!(!text.contains(jd));
        let created: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(created["role"], "data-engineer");
        for q in created["questions"].as_array().unwrap() {
            if q["provenance"]["source"] == "jd_line" {
                assert!(jd.contains(q["provenance"]["detail"].as_str().unwrap()));
            }
        }
    }
);

on_every_backend!(errors_are_json_with_a_code_message_and_fields, |app| {
    let response = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .json(&json!({ "count": 3, "seniority": "wizard" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation_failed");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["seniority", "count", "role"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }

    let malformed = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "body");

    for path in [
        "/api/v1/question-sets/aaaaaaaaaaaaaaa",
        "/api/v1/roles/astronaut",
        "/api/v1/nothing",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
});

on_every_backend!(roles_are_listed_and_read, |app| {
    let roles: Value = app.get("/api/v1/roles").await.json().await.unwrap();
    let roles = roles.as_array().unwrap();
    assert!(roles.len() >= 16);
    let role: Value = app
        .get("/api/v1/roles/security-engineer")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(role["title"], "Security Engineer");
    assert_eq!(role["prep_steps"].as_array().unwrap().len(), 3);
    assert!(role["faq"].as_array().unwrap().len() >= 3);
    assert!(!role["sample_questions"].as_array().unwrap().is_empty());
});

on_every_backend!(the_openapi_document_is_served, |app| {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/question-sets"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/assessments"]["post"].is_object());
    assert!(doc["components"]["schemas"]["Feedback"].is_object());
});
