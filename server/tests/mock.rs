//! Mock interviews over HTTP: a run asks its questions in order, draws a
//! follow-up after a weak answer, takes each answer once, skips, ends, and
//! reports; another account can reach none of it.

mod common;

use common::{TestApp, signup};
use reqwest::StatusCode;
use serde_json::{Value, json};

const VAGUE: &str = "We worked on it as a team and it went fine in the end, more or less.";
/// An answer to the set's first question that stops before its result.
const NO_RESULT: &str = "Last year I renamed a field in our orders API, from total to total_cents, as part of a contract change. I thought every consumer had moved to the new field. I checked the two services I knew about, wrote the release note and deployed the change on a Tuesday morning.";

async fn start(app: &TestApp, session: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/mock-interviews"))
        .header("cookie", session)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn run(app: &TestApp, session: &str, id: i64) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/mock-interviews/{id}")))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn answer(
    app: &TestApp,
    session: &str,
    slug: &str,
    id: i64,
    // The question's position, and whether this answers its follow-up.
    (position, follow_up): (u64, bool),
    text: &str,
    key: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/assessments"))
        .header("cookie", session)
        .json(&json!({
            "question_set": slug,
            "question_index": position,
            "answer": text,
            "idempotency_key": key,
            "mock_interview": id,
            "follow_up": follow_up,
            "timing": {"mode": "spoken", "seconds_used": 45, "longest_pause_ms": 1800},
        }))
        .send()
        .await
        .unwrap()
}

on_every_backend!(a_mock_interview_runs_in_order_and_ends_in_a_report, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        json!({"role": "backend-engineer", "count": 5, "kinds": ["behavioral"]}),
    )
    .await;

    // Bounds, each with its field's message.
    let refused = start(
        app,
        &session,
        json!({"question_set": slug, "questions": 9, "seconds": {"story": 5, "technical": 240, "system_design": 480}}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    let text = body.to_string();
    assert!(text.contains("Choose from 1 to 5 questions."), "{text}");
    assert!(text.contains("seconds.story"), "{text}");

    let started = start(
        app,
        &session,
        json!({"question_set": slug, "questions": 2, "seconds": {"story": 60, "technical": 240, "system_design": 480}, "voice": false, "answer_mode": "spoken"}),
    )
    .await;
    assert_eq!(started.status(), StatusCode::CREATED);
    assert!(started.headers().get("location").is_some());
    let started: Value = started.json().await.unwrap();
    let id = started["id"].as_i64().unwrap();
    assert_eq!(started["next"]["position"], 1);
    assert_eq!(started["next"]["follow_up"], false);
    assert_eq!(started["next"]["seconds_allowed"], 60);

    // Another account cannot see the run or answer in it.
    let other = signup(app, "kim@example.org").await;
    assert_eq!(run(app, &other, id).await.0, StatusCode::NOT_FOUND);
    let intruder = answer(app, &other, &slug, id, (1, false), VAGUE, "intruder-key-1").await;
    assert_eq!(intruder.status(), StatusCode::NOT_FOUND);

    // Answering a question the run is not on is refused, with a reason.
    let early = answer(app, &session, &slug, id, (2, false), VAGUE, "early-key-01").await;
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.text().await.unwrap().contains("question 1 now"));

    // An answer with no result is committed once, assessed, and draws a
    // follow-up.
    let submit = || {
        answer(
            app,
            &session,
            &slug,
            id,
            (1, false),
            NO_RESULT,
            "mock-key-0001",
        )
    };
    let first = submit().await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    assert!(first["feedback"]["scores"]["overall"].as_u64().unwrap() < 8);
    let again = submit().await;
    assert_eq!(again.status(), StatusCode::CREATED);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], first["id"], "the same key is the same answer");

    let (_, now) = run(app, &session, id).await;
    assert_eq!(now["next"]["position"], 1);
    assert_eq!(now["next"]["follow_up"], true, "{now}");
    let follow_up = now["next"]["text"].as_str().unwrap().to_string();
    assert!(!follow_up.is_empty());
    assert_eq!(
        now["next"]["seconds_allowed"], 60,
        "half of a minute is raised to a minute"
    );

    // The follow-up's answer is assessed against the follow-up, read after
    // the question it follows: a reply in that question's terms is on
    // topic, whatever words the follow-up used. It is not one of the
    // question's attempts.
    assert!(
        started["next"]["text"]
            .as_str()
            .unwrap()
            .contains("API contract change"),
        "the set's first question is the one this reply is about: {started}"
    );
    let reply = answer(
        app,
        &session,
        &slug,
        id,
        (1, true),
        "The mobile app was the consumer that broke. I restored the old field the same day and added a contract test for every client, and crashes fell from 300 an hour to none.",
        "mock-key-0002",
    )
    .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply: Value = reply.json().await.unwrap();
    assert!(
        reply["feedback"]["scores"]["relevance"].as_u64().unwrap() > 3,
        "{reply}"
    );
    let stored: i64 = common::count(
        app,
        &format!(
            "SELECT COUNT(*) FROM answers WHERE question_text = '{}'",
            follow_up.replace('\'', "''")
        ),
    )
    .await;
    assert_eq!(stored, 1);
    let practice = app
        .client
        .get(app.url(&format!("/practice/{slug}?q=1")))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        practice
            .matches(&format!("href=\"/practice/{slug}?attempt="))
            .count(),
        1,
        "the practice page lists one attempt at question 1"
    );

    // Skipping moves on; the run ends after its two questions.
    let skipped = app
        .client
        .post(app.url(&format!("/api/v1/mock-interviews/{id}/skip")))
        .header("cookie", &session)
        .json(&json!({"question_index": 2, "seconds_used": 12}))
        .send()
        .await
        .unwrap();
    assert_eq!(skipped.status(), StatusCode::OK);
    let report: Value = skipped.json().await.unwrap();
    assert!(report["next"].is_null(), "{report}");
    assert!(report["finished_at"].is_string());
    let turns = report["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 3);
    assert_eq!(turns[2]["skipped"], true);
    assert_eq!(turns[0]["delivery"]["mode"], "spoken");
    assert_eq!(turns[0]["delivery"]["longest_pause_ms"], 1800);
    assert_eq!(report["delivery"]["spoken_answers"], 2);
    assert!(!report["work_on"].as_array().unwrap().is_empty());

    // Nothing more can be answered.
    let late = answer(app, &session, &slug, id, (2, false), VAGUE, "late-key-001").await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The report page and /me show it.
    let page = app
        .client
        .get(app.url(&format!("/mock/{id}")))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Mock interview report"));
    assert!(page.contains("Three things to work on first"));
    assert!(page.contains("Skipped."));
    let me = app
        .client
        .get(app.url("/me"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(me.contains(&format!("/mock/{id}")));

    // The export carries the run; deleting practice removes it.
    let export: Value = app
        .client
        .get(app.url("/api/v1/me/export"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(export["mock_interviews"][0]["id"], id);
    assert_eq!(
        export["mock_interviews"][0]["turns"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        common::count(app, "SELECT COUNT(*) FROM mock_turns").await,
        3
    );
    let gone = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("cookie", &session)
        .json(&json!({"password": common::PASSWORD, "confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        common::count(app, "SELECT COUNT(*) FROM mock_runs").await,
        0
    );
    assert_eq!(
        common::count(app, "SELECT COUNT(*) FROM mock_turns").await,
        0
    );
});

on_every_backend!(the_mock_interview_pages_work_without_javascript, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        json!({"role": "backend-engineer", "count": 5, "kinds": ["behavioral"]}),
    )
    .await;
    let setup = app
        .client
        .get(app.url(&format!("/practice/{slug}/mock")))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(setup.status(), StatusCode::OK);
    assert!(
        setup
            .text()
            .await
            .unwrap()
            .contains("Start the mock interview")
    );

    // A time out of bounds shows the form again with its message.
    let refused = app
        .client
        .post(app.url(&format!("/practice/{slug}/mock")))
        .header("cookie", &session)
        .form(&[
            ("questions", "1"),
            ("seconds_story", "7"),
            ("seconds_technical", "240"),
            ("seconds_design", "480"),
            ("answer_mode", "typed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("The time per answer must be between")
    );

    let started = app
        .client
        .post(app.url(&format!("/practice/{slug}/mock")))
        .header("cookie", &session)
        .form(&[
            ("questions", "1"),
            ("seconds_story", "120"),
            ("seconds_technical", "240"),
            ("seconds_design", "480"),
            ("answer_mode", "typed"),
            ("voice", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let location = started.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/mock/"), "{location}");

    let asked = app
        .client
        .get(app.url(&location))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(asked.contains("Question 1 of 1"));
    assert!(asked.contains("Hand in this answer"));

    // An empty answer is refused with the field's message; the run stays
    // on the question.
    let empty = app
        .client
        .post(app.url(&location))
        .header("cookie", &session)
        .form(&[
            ("form", "answer"),
            ("q", "1"),
            ("answer", "  "),
            ("idempotency_key", "form-key-0001"),
            ("mode", "typed"),
            ("seconds_used", "20"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Write an answer first.")
    );

    let answered = app
        .client
        .post(app.url(&location))
        .header("cookie", &session)
        .form(&[
            ("form", "answer"),
            ("q", "1"),
            ("answer", VAGUE),
            ("idempotency_key", "form-key-0002"),
            ("mode", "typed"),
            ("seconds_used", "95"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    // The follow-up is asked on the same page.
    let follow = app
        .client
        .get(app.url(&location))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(follow.contains("Follow-up to question 1 of 1"), "{follow}");
    // Ending there shows the report.
    let ended = app
        .client
        .post(app.url(&location))
        .header("cookie", &session)
        .form(&[("form", "finish")])
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    let report = app
        .client
        .get(app.url(&location))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(report.contains("Mock interview report"));
    assert!(
        report.contains("Typed · 17 words · 1 min 35 s of 2 min"),
        "{report}"
    );
});

on_every_backend!(
    the_report_names_a_story_told_in_more_than_two_answers,
    |app| {
        let session = signup(app, "teller@example.org").await;
        let slug = common::make_set(
            app,
            &session,
            json!({"role": "backend-engineer", "count": 5, "kinds": ["behavioral"]}),
        )
        .await;
        let story = json!({
            "title": "The billing export",
            "situation": "Our nightly billing export kept timing out, and finance could not close the month.",
            "task": "I had to get it finishing reliably before the quarter ended.",
            "action": "I profiled it, found it loaded every invoice into memory, and rewrote it to stream rows in batches of 500.",
            "result": "The export went from 40 minutes to 6, and it has not failed since.",
            "skills": ["SQL"],
        });
        let made = app
            .client
            .post(app.url("/api/v1/me/stories"))
            .header("cookie", &session)
            .json(&story)
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), StatusCode::CREATED);
        let told = [
            story["situation"].as_str().unwrap(),
            story["task"].as_str().unwrap(),
            story["action"].as_str().unwrap(),
            story["result"].as_str().unwrap(),
        ]
        .join(" ");

        let started = start(
        app,
        &session,
        json!({"question_set": slug, "questions": 3, "seconds": {"story": 120, "technical": 240, "system_design": 480}}),
    )
    .await;
        assert_eq!(started.status(), StatusCode::CREATED);
        let mut run_now: Value = started.json().await.unwrap();
        let id = run_now["id"].as_i64().unwrap();
        // Every question answered with the same story; a follow-up gets a
        // line of its own.
        let mut n = 0;
        while !run_now["next"].is_null() {
            let next = &run_now["next"];
            let position = next["position"].as_u64().unwrap();
            let follow_up = next["follow_up"].as_bool().unwrap();
            let text = if follow_up {
                "I would have written the runbook earlier and shared it with the on-call team."
            } else {
                told.as_str()
            };
            n += 1;
            let sent = answer(
                app,
                &session,
                &slug,
                id,
                (position, follow_up),
                text,
                &format!("retold-key-{n:04}"),
            )
            .await;
            assert_eq!(
                sent.status(),
                StatusCode::CREATED,
                "{:?}",
                sent.text().await
            );
            run_now = run(app, &session, id).await.1;
        }
        let retold = run_now["retold"].as_array().unwrap();
        assert_eq!(retold.len(), 1, "{run_now}");
        assert_eq!(retold[0]["title"], "The billing export");
        assert_eq!(retold[0]["answers"], 3);
        let (_, page) = common::html(app, &format!("/mock/{id}"), Some(&session)).await;
        assert!(page.contains("One story, told again and again"), "{page}");
    }
);
