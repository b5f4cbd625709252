//! The generator's progress stream: a line per stage, then the new set's
//! address or the error; hanging up stops the work.

mod common;

use std::time::Duration;

use common::fake_llm::{FakeLlm, Reply};
use common::{TestApp, spawn_app_with};
use futures::StreamExt;
use rehearse::config::{DatabaseKind, LlmSettings};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

async fn stream(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url("/generate/stream"))
        .header("origin", app.url(""))
        .form(fields)
        .send()
        .await
        .unwrap()
}

async fn lines(response: reqwest::Response) -> Vec<Value> {
    response
        .text()
        .await
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stages(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e["event"] == "stage")
        .map(|e| e["stage"].as_str().unwrap().to_string())
        .collect()
}

async fn stored_sets(app: &TestApp) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) FROM question_sets",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

on_every_backend!(each_stage_is_reported_then_the_new_sets_address, |app| {
    let response = stream(app, &[("role", "Product Manager"), ("count", "5")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/x-ndjson");
    let cookie = common::cookie(&response, "rehearse-claim").unwrap();
    let events = lines(response).await;
    assert_eq!(stages(&events), ["reading", "saving"]);
    // Each stage carries the line a page shows for it.
    assert_eq!(
        events[0]["message"],
        "Reading the role and the job description…"
    );
    let done = events.last().unwrap();
    assert_eq!(done["event"], "done");
    let url = done["url"].as_str().unwrap();
    assert_eq!(url, format!("/s/{}", done["slug"].as_str().unwrap()));

    // The set exists, and the cookie from the stream claims it.
    let page = app
        .client
        .get(app.url(url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Delete this set"),
        "the creator may delete it"
    );
});

on_every_backend!(bad_input_ends_the_stream_with_the_errors, |app| {
    let events = lines(stream(app, &[("role", ""), ("count", "99")]).await).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"], "failed");
    assert_eq!(events[0]["error"]["kind"], "validation", "{}", events[0]);
    assert_eq!(stored_sets(app).await, 0);
});

#[tokio::test]
async fn model_stages_and_the_fallback_are_reported() {
    let fake = FakeLlm::start(vec![Reply::status(500)], Reply::status(500)).await;
    let mut llm = LlmSettings::new(&fake.base_url, "test-model");
    llm.retries = 1;
    let app = spawn_app_with(DatabaseKind::Sqlite, |s| s.llm = Some(llm)).await;
    let events = lines(stream(&app, &[("role", "Data Engineer"), ("count", "5")]).await).await;
    assert_eq!(
        stages(&events),
        [
            "reading", "asking", "retrying", "asking", "offline", "saving"
        ]
    );
    assert_eq!(events[1]["attempt"], 1);
    assert_eq!(events[1]["attempts"], 2);
    assert_eq!(events.last().unwrap()["event"], "done");
}

#[tokio::test]
async fn hanging_up_stops_the_work_and_the_model_call() {
    let fake = FakeLlm::start(vec![], Reply::Hang).await;
    let mut llm = LlmSettings::new(&fake.base_url, "test-model");
    llm.attempt_timeout = Duration::from_secs(30);
    llm.deadline = Duration::from_secs(60);
    let app = spawn_app_with(DatabaseKind::Sqlite, |s| s.llm = Some(llm)).await;

    let response = stream(&app, &[("role", "Data Engineer"), ("count", "5")]).await;
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    while !seen.contains("\"asking\"") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .expect("a stage arrives")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    // The stage is reported just before the request goes out.
    for _ in 0..50 {
        if fake.calls() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(fake.calls(), 1);
    drop(body);

    // The model request is abandoned and nothing is stored.
    for _ in 0..50 {
        if fake.abandoned() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(fake.abandoned(), 1, "the upstream call was cut off");
    assert_eq!(stored_sets(&app).await, 0);
}

on_every_backend!(a_logged_in_streams_set_belongs_to_the_account, |app| {
    let session = common::signup(app, "sam@example.org").await;
    let response = app
        .client
        .post(app.url("/generate/stream"))
        .header("cookie", &session)
        .form(&[("role", "Data Analyst"), ("count", "5")])
        .send()
        .await
        .unwrap();
    assert!(
        common::cookie(&response, "rehearse-claim").is_none(),
        "no claim for an account"
    );
    let events = lines(response).await;
    assert_eq!(events.last().unwrap()["event"], "done");
    let owned = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) FROM question_sets s JOIN users u ON s.owner_id = u.id WHERE u.email = 'sam@example.org' AND s.claim_token_hash IS NULL",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(owned, 1);
});
