//! Practising a set: committing answers once, drafts, feedback, the practice
//! page and who may see which attempt.

mod common;

use common::{TestApp, signup};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const STRONG: &str = "In my last role I owned the checkout service. Its p95 latency had reached 1.8 seconds and support tickets were rising. I was asked to bring it under 500 ms within six weeks. I traced every request with OpenTelemetry, found an N+1 query, batched it and added an index on orders.customer_id. As a result p95 fell to 320 ms and timeout tickets dropped from 30 a week to 2.";

async fn make_set(app: &TestApp, session: &str, count: u32) -> String {
    common::make_set(
        app,
        session,
        json!({"role": "backend-engineer", "count": count, "kinds": ["behavioral"]}),
    )
    .await
}

use common::submit_answer as submit;

use common::count;

async fn page(app: &TestApp, session: &str, path: &str) -> (StatusCode, String) {
    common::html(app, path, Some(session)).await
}

async fn save_draft(
    app: &TestApp,
    session: &str,
    slug: &str,
    q: u32,
    text: &str,
    revision: i64,
) -> StatusCode {
    app.client
        .post(app.url("/api/practice/draft"))
        .header("cookie", session)
        .form(&[
            ("slug", slug),
            ("q", &q.to_string()),
            ("text", text),
            ("revision", &revision.to_string()),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

on_every_backend!(an_answer_is_committed_once_and_assessed, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = make_set(app, &session, 5).await;

    let response = submit(app, None, &slug, 1, STRONG, "attempt-key-1").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let response = submit(app, Some(&session), &slug, 1, STRONG, "attempt-key-1").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()[LOCATION].to_str().unwrap().to_string();
    let attempt: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/assessments/{}", attempt["id"]));
    assert_eq!(attempt["question_set"], slug.as_str());
    assert_eq!(attempt["question_index"], 1);
    let feedback = &attempt["feedback"];
    assert_eq!(feedback["engine"], "offline/2+embeddings");
    assert_eq!(feedback["kind"], "behavioral");
    for dimension in ["structure", "specificity", "relevance", "overall"] {
        let score = feedback["scores"][dimension].as_u64().unwrap();
        assert!((1..=10).contains(&score), "{dimension}: {score}");
        assert!(!feedback["reasons"][dimension].as_str().unwrap().is_empty());
    }
    assert!(feedback["star"].is_object());
    assert!(feedback["word_count"].as_u64().unwrap() > 50);
    for comment in feedback["comments"].as_array().unwrap() {
        if let Some(quote) = comment["quote"].as_str() {
            assert!(STRONG.contains(quote), "{quote}");
        }
    }

    // The same key again, from a retry or a double click: the same attempt.
    let again = submit(app, Some(&session), &slug, 1, STRONG, "attempt-key-1").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], attempt["id"]);
    assert_eq!(again["feedback"], attempt["feedback"]);
    // The same words moments later from another tab: still the same attempt.
    let tab = submit(app, Some(&session), &slug, 1, STRONG, "other-tab-key").await;
    assert_eq!(tab.json::<Value>().await.unwrap()["id"], attempt["id"]);
    assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM feedback").await, 1);

    // A key may not stand for two different answers.
    let reused = submit(
        app,
        Some(&session),
        &slug,
        1,
        "Something else.",
        "attempt-key-1",
    )
    .await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = reused.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "idempotency_key");

    // A new answer is a new attempt, and GET reads it back.
    let second = submit(
        app,
        Some(&session),
        &slug,
        1,
        "I fixed it.",
        "attempt-key-2",
    )
    .await;
    let second: Value = second.json().await.unwrap();
    assert_ne!(second["id"], attempt["id"]);
    let read = app
        .client
        .get(app.url(&format!("/api/v1/assessments/{}", second["id"])))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(read.json::<Value>().await.unwrap(), second);
});

on_every_backend!(
    a_double_submit_at_the_same_moment_makes_one_attempt,
    |app| {
        let session = signup(app, "sam@example.org").await;
        let slug = make_set(app, &session, 5).await;
        let (a, b) = tokio::join!(
            submit(app, Some(&session), &slug, 2, STRONG, "same-moment-key"),
            submit(app, Some(&session), &slug, 2, STRONG, "same-moment-key"),
        );
        let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
        assert_eq!(a["id"], b["id"]);
        assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 1);
        assert_eq!(count(app, "SELECT COUNT(*) FROM feedback").await, 1);
    }
);

on_every_backend!(every_field_is_bounded_with_a_message, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let too_long = "word ".repeat(2_001);
    for (index, answer, key, field, message) in [
        (
            1,
            "   ",
            "bounded-key-1",
            "answer",
            "Write an answer first.",
        ),
        (
            1,
            too_long.as_str(),
            "bounded-key-2",
            "answer",
            "the limit is 10000",
        ),
        (1, "Fine.", "no", "idempotency_key", "8 to 100"),
        (
            0,
            "Fine.",
            "bounded-key-3",
            "question_index",
            "numbered from 1",
        ),
        (
            9,
            "Fine.",
            "bounded-key-4",
            "question_index",
            "This set has 5 questions.",
        ),
    ] {
        let response = submit(app, Some(&session), &slug, index, answer, key).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let body: Value = response.json().await.unwrap();
        let found = body["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .unwrap_or_else(|| panic!("{field}: {body}"));
        assert!(
            found["message"].as_str().unwrap().contains(message),
            "{field}: {found}"
        );
    }
    let missing = submit(
        app,
        Some(&session),
        "abcdefghjkmnpqrs",
        1,
        "Fine.",
        "bounded-key-5",
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 0);
});

on_every_backend!(nobody_reaches_another_accounts_attempts, |app| {
    let owner = signup(app, "owner@example.org").await;
    let other = signup(app, "other@example.org").await;
    let slug = make_set(app, &owner, 5).await;
    let attempt: Value = submit(app, Some(&owner), &slug, 1, STRONG, "owner-key-123")
        .await
        .json()
        .await
        .unwrap();
    let id = attempt["id"].as_i64().unwrap();

    for (method, path) in [
        (reqwest::Method::GET, format!("/api/v1/assessments/{id}")),
        (
            reqwest::Method::POST,
            format!("/api/v1/assessments/{id}/feedback"),
        ),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .header("cookie", &other)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        let anonymous = app
            .client
            .request(method, app.url(&path))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    // An id that is not a whole number, or is out of range, names nothing:
    // the same JSON 404 as an id that is not there.
    for path in [
        "/api/v1/assessments/abc",
        "/api/v1/assessments/null%2Cnull",
        "/api/v1/assessments/99999999999999999999999/feedback",
    ] {
        let method = if path.ends_with("/feedback") {
            reqwest::Method::POST
        } else {
            reqwest::Method::GET
        };
        let response = app
            .client
            .request(method, app.url(path))
            .header("cookie", &owner)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    let (status, html) = page(app, &other, &format!("/practice/{slug}?attempt={id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("N+1 query"));
    let form = app
        .client
        .post(app.url(&format!("/practice/{slug}?attempt={id}")))
        .header("cookie", &other)
        .form(&[("form", "feedback"), ("attempt", &id.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        form.headers()[LOCATION],
        format!("/practice/{slug}").as_str()
    );

    // Another account may practise the same shared set, with its own attempts.
    let (status, html) = page(app, &other, &format!("/practice/{slug}?q=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("N+1 query"));
    assert!(html.contains("the rubric appears after your first attempt"));

    // Without an account, the page sends the visitor to log in and back.
    let anonymous = app.get(&format!("/practice/{slug}")).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.headers()[LOCATION],
        format!("/login?next=%2Fpractice%2F{slug}").as_str()
    );
});

on_every_backend!(
    drafts_come_back_and_leave_when_the_answer_is_submitted,
    |app| {
        let session = signup(app, "sam@example.org").await;
        let slug = make_set(app, &session, 5).await;
        assert_eq!(
            save_draft(app, &session, &slug, 2, "Half an <answer> & more", 1_000).await,
            StatusCode::OK
        );
        // An older save arriving late does not replace it.
        assert_eq!(
            save_draft(app, &session, &slug, 2, "Half", 500).await,
            StatusCode::OK
        );
        let (status, html) = page(app, &session, &format!("/practice/{slug}?q=2")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("Half an &lt;answer&gt; &amp; more"),
            "the draft is in the textarea"
        );
        assert!(html.contains("Question 2 of 5"));
        // Nobody else sees it.
        let other = signup(app, "other@example.org").await;
        let (_, html) = page(app, &other, &format!("/practice/{slug}?q=2")).await;
        assert!(!html.contains("Half an"));

        let form = app
            .client
            .post(app.url(&format!("/practice/{slug}?q=2")))
            .header("cookie", &session)
            .form(&[
                ("form", "answer"),
                ("q", "2"),
                ("answer", STRONG),
                ("idempotency_key", "form-key-1234"),
                ("draft_revision", "2000"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(form.status(), StatusCode::SEE_OTHER);
        let to = form.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(
            to.starts_with(&format!("/practice/{slug}?attempt=")),
            "{to}"
        );
        const DRAFTS: &str = "SELECT COUNT(*) FROM drafts WHERE text <> ''";
        assert_eq!(count(app, DRAFTS).await, 0);

        // A draft save sent before the submit and landing after it does not
        // bring older text back; typing after the submit makes a new draft.
        save_draft(app, &session, &slug, 2, "Half an answer, then more", 1_500).await;
        assert_eq!(count(app, DRAFTS).await, 0);
        save_draft(app, &session, &slug, 2, "A second go", 3_000).await;
        assert_eq!(count(app, DRAFTS).await, 1);

        let (status, html) = page(app, &session, &to).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Feedback"));
        assert!(html.contains("/10 overall"));
        assert!(html.contains("built-in offline coach"));
        assert!(html.contains("not generative AI"));
        assert!(html.contains("Try again"));

        // A draft may be longer than an answer, within its own bound.
        let huge = "a".repeat(app::model::MAX_DRAFT_CHARS + 1);
        assert_eq!(
            save_draft(app, &session, &slug, 3, &huge, 1).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
);

on_every_backend!(
    a_refused_answer_comes_back_with_its_text_and_the_reason,
    |app| {
        let session = signup(app, "sam@example.org").await;
        let slug = make_set(app, &session, 5).await;
        let too_long = format!("<script>alert(1)</script> {}", "word ".repeat(2_001));
        let form = app
            .client
            .post(app.url(&format!("/practice/{slug}?q=1")))
            .header("cookie", &session)
            .form(&[
                ("form", "answer"),
                ("q", "1"),
                ("answer", too_long.as_str()),
                ("idempotency_key", "form-key-5678"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(form.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = form.text().await.unwrap();
        assert!(html.contains("the limit is 10000"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; word word"));
        assert!(!html.contains("<script>alert(1)"));
        assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 0);
        // It is kept as the draft too, so a reload still has it.
        assert_eq!(count(app, "SELECT COUNT(*) FROM drafts").await, 1);
    }
);

on_every_backend!(a_script_in_an_answer_is_shown_as_text, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let answer = "<script>alert('x')</script> <img src=x onerror=alert(1)> I led the rollout and we cut errors by half.";
    let attempt: Value = submit(app, Some(&session), &slug, 1, answer, "script-key-123")
        .await
        .json()
        .await
        .unwrap();
    let (_, html) = page(
        app,
        &session,
        &format!("/practice/{slug}?attempt={}", attempt["id"]),
    )
    .await;
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(!html.contains("<script>alert("));
    assert!(!html.contains("<img src=x"));
});

on_every_backend!(the_share_page_links_to_practice, |app| {
    let session = signup(app, "sam@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let html = app.get(&format!("/s/{slug}")).await.text().await.unwrap();
    assert!(html.contains(&format!("href=\"/practice/{slug}\"")));
    assert!(html.contains("Practise this set"));
});

on_every_backend!(answers_outlive_a_set_its_maker_deletes, |app| {
    let owner = signup(app, "owner@example.org").await;
    let other = signup(app, "other@example.org").await;
    let slug = make_set(app, &owner, 5).await;
    let attempt: Value = submit(app, Some(&other), &slug, 3, STRONG, "outlive-key-1")
        .await
        .json()
        .await
        .unwrap();
    let deleted = common::delete_set(app, &owner, &slug).await;
    assert_eq!(deleted.headers()[LOCATION], "/?deleted=1");
    assert_eq!(count(app, "SELECT COUNT(*) FROM questions").await, 0);

    let kept = app
        .client
        .get(app.url(&format!("/api/v1/assessments/{}", attempt["id"])))
        .header("cookie", &other)
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), StatusCode::OK);
    let kept: Value = kept.json().await.unwrap();
    assert_eq!(
        kept, attempt,
        "the answer, where it was given and its feedback"
    );
});

on_every_backend!(two_attempts_compare_and_either_can_be_deleted, |app| {
    let session = signup(app, "sam@example.org").await;
    let other = signup(app, "other@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let vague = "I think we sort of fixed the service, basically, and things got better.";
    let first: Value = submit(app, Some(&session), &slug, 1, vague, "compare-key-1")
        .await
        .json()
        .await
        .unwrap();
    let second: Value = submit(app, Some(&session), &slug, 1, STRONG, "compare-key-2")
        .await
        .json()
        .await
        .unwrap();
    let (a, b) = (
        first["id"].as_i64().unwrap(),
        second["id"].as_i64().unwrap(),
    );

    // Asked for the other way round, the older still comes first.
    let compare = |who: String, a: i64, b: i64| {
        let request = app
            .client
            .get(app.url(&format!("/api/practice/compare?a={a}&b={b}")))
            .header("cookie", who);
        async move { request.send().await.unwrap() }
    };
    let response = compare(session.clone(), b, a).await;
    assert_eq!(response.status(), StatusCode::OK);
    let comparison: Value = response.json().await.unwrap();
    assert_eq!(comparison["before"]["id"], a);
    assert_eq!(comparison["after"]["id"], b);
    let changes = comparison["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4);
    let overall = &changes[3];
    assert!(overall["dimension"].is_null());
    assert!(
        overall["after"].as_u64() > overall["before"].as_u64(),
        "{overall}"
    );
    assert_eq!(
        overall["before"], first["feedback"]["scores"]["overall"],
        "the scores are the stored ones"
    );
    assert!(
        !comparison["resolved"].as_array().unwrap().is_empty(),
        "the strong answer resolves some of the vague one's points"
    );
    assert!(
        comparison["text_diff"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["change"] == "added")
    );
    let (status, html) = page(
        app,
        &session,
        &format!("/practice/{slug}/compare?a={a}&b={b}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Resolved in the later attempt"));

    // Nobody else's attempts, in either place.
    assert_eq!(
        compare(other.clone(), a, b).await.status(),
        StatusCode::NOT_FOUND
    );
    let theirs: Value = {
        let their_slug = make_set(app, &other, 5).await;
        submit(app, Some(&other), &their_slug, 1, STRONG, "their-key-1")
            .await
            .json()
            .await
            .unwrap()
    };
    let mixed = compare(session.clone(), a, theirs["id"].as_i64().unwrap()).await;
    assert_eq!(mixed.status(), StatusCode::NOT_FOUND);

    // Deleting: not someone else's, then one's own, by the API and by form.
    let delete = |who: &str, id: i64| {
        app.client
            .delete(app.url(&format!("/api/v1/assessments/{id}")))
            .header("cookie", who)
            .send()
    };
    assert_eq!(
        delete(&other, a).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        delete(&session, a).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(&session, a).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let form = app
        .client
        .post(app.url(&format!("/practice/{slug}?attempt={b}")))
        .header("cookie", &session)
        .form(&[("form", "delete"), ("attempt", &b.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        form.headers()[LOCATION],
        format!("/practice/{slug}?q=1&deleted=1").as_str()
    );
    let (mine, feedback) = (
        count(
            app,
            &format!("SELECT COUNT(*) FROM answers WHERE id IN ({a}, {b})"),
        )
        .await,
        count(
            app,
            &format!("SELECT COUNT(*) FROM feedback WHERE answer_id IN ({a}, {b})"),
        )
        .await,
    );
    assert_eq!((mine, feedback), (0, 0));
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM answers").await,
        1,
        "theirs stays"
    );
});

on_every_backend!(the_dashboard_figures_match_the_attempts, |app| {
    let session = signup(app, "sam@example.org").await;
    let other = signup(app, "other@example.org").await;
    let mine = make_set(app, &session, 5).await;
    let theirs = make_set(app, &other, 5).await;
    let vague = "I think we sort of fixed the service, basically, and things got better.";
    let mut overall = Vec::new();
    let mut latest = Vec::new();
    for (slug, q, text, key, keep) in [
        (&mine, 1, vague, "dash-key-1", false),
        (&mine, 1, STRONG, "dash-key-2", true),
        (&mine, 2, vague, "dash-key-3", true),
        (&theirs, 1, STRONG, "dash-key-4", true),
    ] {
        let attempt: Value = submit(app, Some(&session), slug, q, text, key)
            .await
            .json()
            .await
            .unwrap();
        overall.push(attempt["feedback"]["scores"]["overall"].as_u64().unwrap());
        if keep {
            latest.push(attempt["feedback"]["scores"].clone());
        }
    }
    let get = |who: Option<&str>| {
        let mut request = app.client.get(app.url("/api/practice/dashboard"));
        if let Some(who) = who {
            request = request.header("cookie", who);
        }
        request.send()
    };
    assert_eq!(get(None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let dashboard: Value = get(Some(&session)).await.unwrap().json().await.unwrap();

    let round = |x: f64| (x * 10.0).round() / 10.0;
    let sets = dashboard["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 2, "{sets:?}");
    assert_eq!(sets[0]["slug"], mine.as_str());
    assert_eq!(sets[0]["owned"], true);
    assert_eq!(sets[0]["answered"], 2);
    assert_eq!(sets[0]["questions"], 5);
    let mine_average = round((overall[1] + overall[2]) as f64 / 2.0);
    assert_eq!(sets[0]["average"].as_f64().unwrap(), mine_average);
    assert_eq!(sets[1]["slug"], theirs.as_str());
    assert_eq!(sets[1]["owned"], false);
    assert_eq!(sets[1]["average"].as_f64().unwrap(), overall[3] as f64);

    let recent: Vec<u64> = dashboard["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["overall"].as_u64().unwrap())
        .collect();
    assert_eq!(recent, [overall[3], overall[2], overall[1], overall[0]]);
    let timeline: Vec<u64> = dashboard["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["scores"]["overall"].as_u64().unwrap())
        .collect();
    assert_eq!(timeline, overall);

    // The weakest dimension: the lowest mean over the latest attempt at
    // each question, structure first on a tie.
    let means: Vec<(&str, f64)> = ["structure", "specificity", "relevance"]
        .into_iter()
        .map(|d| {
            let sum: u64 = latest.iter().map(|s| s[d].as_u64().unwrap()).sum();
            (d, round(sum as f64 / latest.len() as f64))
        })
        .collect();
    let lowest = means
        .iter()
        .fold(means[0], |best, &m| if m.1 < best.1 { m } else { best });
    assert_eq!(dashboard["weakest"]["dimension"], lowest.0);
    assert_eq!(dashboard["weakest"]["average"].as_f64().unwrap(), lowest.1);

    // Nobody else sees these attempts.
    let theirs_dashboard: Value = get(Some(&other)).await.unwrap().json().await.unwrap();
    assert!(theirs_dashboard["recent"].as_array().unwrap().is_empty());
    assert_eq!(theirs_dashboard["sets"].as_array().unwrap().len(), 1);
    assert!(theirs_dashboard["sets"][0]["average"].is_null());

    let (status, html) = page(app, &session, "/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Your practice"));
    assert!(html.contains("<svg"));
    assert!(html.contains("Scores over time"));
    let anonymous = app.get("/me").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
});

on_every_backend!(a_drill_assesses_one_part_alone, |app| {
    let session = signup(app, "sam@example.org").await;
    let other = signup(app, "other@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let no_result = "In my last role I owned the checkout service. I was asked to make it faster. I traced the requests and batched an N+1 query.";
    let attempt: Value = submit(app, Some(&session), &slug, 1, no_result, "drill-key-1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(attempt["feedback"]["star"]["result"], false);
    let id = attempt["id"].as_i64().unwrap();
    let drill = |who: &str, query: String| {
        app.client
            .get(app.url(&format!("/api/practice/drill?{query}")))
            .header("cookie", who)
            .send()
    };
    let text = "As a result, p95 latency fell from 1.8 seconds to 320 ms within three weeks.";
    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("attempt", &id.to_string())
        .append_pair("part", "result")
        .append_pair("text", text)
        .finish();
    let response = drill(&session, encoded.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["question_set"], slug.as_str());
    assert_eq!(view["answer"], no_result);
    assert_eq!(view["feedback"]["part"], "result");
    assert_eq!(view["feedback"]["passed"], true, "{view}");

    // Only the part's own words count, and only one's own attempts.
    assert_eq!(
        drill(&other, encoded).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let long: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("attempt", &id.to_string())
        .append_pair("part", "result")
        .append_pair("text", &"word ".repeat(200))
        .finish();
    assert_eq!(
        drill(&session, long).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let unknown = drill(&session, format!("attempt={id}&part=chorus"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let (status, html) = page(
        app,
        &session,
        &format!("/practice/{slug}/drill?attempt={id}&part=result"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Drill: the Result"));
    let (_, feedback_page) = page(app, &session, &format!("/practice/{slug}?attempt={id}")).await;
    assert!(feedback_page.contains("Drill just the Result"));
});

on_every_backend!(
    the_dashboard_reads_the_job_description_against_the_answers,
    |app| {
        let session = signup(app, "sam@example.org").await;
        let jd = include_str!("fixtures/jd/backend-payments.txt");
        let slug =
            common::make_set(app, &session, json!({"job_description": jd, "count": 5})).await;
        let dashboard = || async {
            app.client
                .get(app.url("/api/practice/dashboard"))
                .header("cookie", &session)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        };
        let before = dashboard().await;
        let coverage = &before["sets"][0]["coverage"];
        assert!(coverage["covered"].as_array().unwrap().is_empty());
        let missing: Vec<String> = coverage["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        assert!(missing.len() >= 2, "{missing:?}");

        let answer = format!(
            "In my last role I owned the ledger service. I rebuilt its reconciliation job in {} and cut the nightly run from four hours to forty minutes.",
            missing[0]
        );
        submit(app, Some(&session), &slug, 1, &answer, "jd-key-1").await;
        let after = dashboard().await;
        let coverage = &after["sets"][0]["coverage"];
        assert_eq!(coverage["covered"], json!([missing[0]]));
        assert_eq!(coverage["missing"], json!(missing[1..]));

        // A set made without a job description has no coverage to show.
        common::make_set(
            app,
            &session,
            json!({"role": "backend-engineer", "count": 5}),
        )
        .await;
        let later = dashboard().await;
        assert!(later["sets"][0]["coverage"].is_null());
    }
);

on_every_backend!(a_set_exports_as_markdown_print_and_csv, |app| {
    let session = signup(app, "sam@example.org").await;
    let other = signup(app, "other@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let hostile =
        "I led it. =HYPERLINK(\"http://evil.example\") <b>bold</b> and errors fell by half.";
    submit(app, Some(&session), &slug, 2, hostile, "export-md-1").await;
    submit(app, Some(&session), &slug, 2, STRONG, "export-md-2").await;

    let markdown = app
        .client
        .get(app.url(&format!("/practice/{slug}/export.md")))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(markdown.status(), StatusCode::OK);
    assert!(
        markdown.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = markdown.text().await.unwrap();
    assert!(text.contains("1 of 5 questions answered"));
    assert!(text.contains("### Your answer (2 attempts"), "{text}");
    assert!(
        text.contains("p95 latency had reached 1.8 seconds"),
        "only the latest attempt"
    );
    assert!(!text.contains("HYPERLINK"));
    assert!(text.contains("### Feedback, from the built-in offline coach"));
    assert!(text.contains("Not answered yet."));
    // Only one's own answers, and only with an account.
    let theirs = app
        .client
        .get(app.url(&format!("/practice/{slug}/export.md")))
        .header("cookie", &other)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(theirs.contains("0 of 5 questions answered"));
    assert!(!theirs.contains("p95"));
    assert_eq!(
        app.get(&format!("/practice/{slug}/export.md"))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let (status, html) = page(app, &session, &format!("/practice/{slug}/print")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Print or save as PDF"));
    assert!(html.contains("p95 latency had reached 1.8 seconds"));

    // The questions as CSV are as public as the set's page.
    let csv = app.get(&format!("/s/{slug}/questions.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "Front,Back,Kind,Focus area,Difficulty");
    assert!(!body.contains(STRONG), "never anyone's answers");
    assert!(
        lines.len() > 5,
        "one row per question, rubric lines inside quotes"
    );
    assert_eq!(
        app.get("/s/abcdefghjkmnpqr/questions.csv").await.status(),
        StatusCode::NOT_FOUND
    );
});

on_every_backend!(old_attempts_go_when_a_retention_period_is_set, |app| {
    use sea_orm::Value as DbValue;
    let session = signup(app, "sam@example.org").await;
    let keeper = signup(app, "keeper@example.org").await;
    let slug = make_set(app, &session, 5).await;
    let mine: Value = submit(app, Some(&session), &slug, 1, STRONG, "keep-key-1")
        .await
        .json()
        .await
        .unwrap();
    submit(app, Some(&session), &slug, 2, STRONG, "keep-key-2").await;
    submit(app, Some(&keeper), &slug, 1, STRONG, "keep-key-3").await;
    // The first attempt is 40 days old; the others are new.
    let old = chrono::Utc::now() - chrono::Duration::days(40);
    let sql = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "UPDATE answers SET created_at = $1 WHERE id = $2",
        _ => "UPDATE answers SET created_at = ? WHERE id = ?",
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(
            app.db.get_database_backend(),
            sql,
            [
                DbValue::from(old),
                DbValue::from(mine["id"].as_i64().unwrap()),
            ],
        ))
        .await
        .unwrap();

    let settings = |who: &str, fields: &[(&str, &str)]| {
        app.client
            .post(app.url("/me/settings"))
            .header("cookie", who)
            .form(fields)
            .send()
    };
    // Off by default: nothing goes.
    let state = rehearse::state::AppState::with_offline(
        app.pools.clone(),
        &rehearse::config::ServeSettings::local(
            "127.0.0.1:0".parse().unwrap(),
            common::site_root(),
        ),
        common::offline_coach(),
    );
    assert_eq!(
        state
            .ports
            .accounts
            .prune(chrono::Utc::now().timestamp())
            .await
            .unwrap(),
        0
    );
    // Only the listed periods are accepted.
    let refused = settings(&session, &[("form", "retention"), ("retention_days", "7")])
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // 30 days: the 40-day-old attempt goes at once.
    let saved = settings(&session, &[("form", "retention"), ("retention_days", "30")])
        .await
        .unwrap();
    assert_eq!(saved.headers()[LOCATION], "/me/settings?retention=saved");
    assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 2);
    // With the clock moved on 31 days, the rest of this account's go; the
    // account that keeps its attempts for ever loses none.
    let later = chrono::Utc::now() + chrono::Duration::days(31);
    assert_eq!(
        state.ports.accounts.prune(later.timestamp()).await.unwrap(),
        1
    );
    assert_eq!(count(app, "SELECT COUNT(*) FROM answers").await, 1);

    // Deleting all practice data keeps the account and its sets.
    submit(app, Some(&session), &slug, 3, STRONG, "keep-key-4").await;
    let unconfirmed = settings(&session, &[("form", "practice")]).await.unwrap();
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let cleared = settings(&session, &[("form", "practice"), ("confirm", "true")])
        .await
        .unwrap();
    assert_eq!(cleared.headers()[LOCATION], "/me/settings?practice=deleted");
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM answers").await,
        1,
        "the keeper's stays"
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM drafts WHERE text <> ''").await,
        0
    );
    assert_eq!(count(app, "SELECT COUNT(*) FROM question_sets").await, 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM users").await, 2);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accounts_writes_are_limited_and_a_refused_answer_is_kept() {
    for kind in common::backends() {
        let app = common::spawn_app_with(kind, |s| {
            s.write_limits = rehearse::config::WriteLimits {
                answers_per_hour: 2,
                drafts_per_minute: 2,
                drills_per_hour: 1,
                feedback_per_hour: 1,
            };
        })
        .await;
        let app = &app;
        let session = signup(app, "sam@example.org").await;
        let slug = make_set(app, &session, 5).await;
        // Limits count in fixed windows; start well clear of a minute's end
        // so that no window turns over while the test runs.
        let second = chrono::Utc::now().timestamp().rem_euclid(60);
        if second >= 45 {
            tokio::time::sleep(std::time::Duration::from_secs((61 - second) as u64)).await;
        }

        // Drafts.
        for revision in 1..=2 {
            let saved = save_draft(app, &session, &slug, 2, "A draft", revision).await;
            assert!(saved.is_success(), "{kind:?}: {saved}");
        }
        let refused = save_draft(app, &session, &slug, 2, "A draft", 3).await;
        assert_eq!(refused, StatusCode::TOO_MANY_REQUESTS, "{kind:?}");

        // Answers, through the API.
        for (i, key) in ["limit-key-1", "limit-key-2"].iter().enumerate() {
            let response = submit(app, Some(&session), &slug, i as u32 + 1, STRONG, key).await;
            assert_eq!(response.status(), StatusCode::CREATED, "{kind:?}");
        }
        let third = submit(app, Some(&session), &slug, 3, STRONG, "limit-key-3").await;
        assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS, "{kind:?}");
        assert!(third.headers().contains_key("retry-after"));

        // Through the page: the answer comes back, and is kept as the draft.
        let typed = "I rebuilt the release pipeline and cut deploys from 40 to 9 minutes.";
        let form = app
            .client
            .post(app.url(&format!("/practice/{slug}?q=4")))
            .header("cookie", &session)
            .form(&[
                ("form", "answer"),
                ("q", "4"),
                ("answer", typed),
                ("idempotency_key", "limit-key-4"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(form.status(), StatusCode::TOO_MANY_REQUESTS, "{kind:?}");
        assert!(form.headers().contains_key("retry-after"));
        let html = form.text().await.unwrap();
        assert!(html.contains(typed), "{kind:?}");
        assert!(html.contains("Too many requests"), "{kind:?}");
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM answers").await,
            2,
            "{kind:?}"
        );
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM drafts WHERE text LIKE 'I rebuilt%'"
            )
            .await,
            1,
            "{kind:?}"
        );

        // Drills.
        let id = count(app, "SELECT MIN(id) FROM answers").await;
        let drill = || {
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("attempt", &id.to_string())
                .append_pair("part", "result")
                .append_pair("text", "As a result, deploys took 9 minutes.")
                .finish();
            app.client
                .get(app.url(&format!("/api/practice/drill?{query}")))
                .header("cookie", &session)
                .send()
        };
        assert_eq!(drill().await.unwrap().status(), StatusCode::OK, "{kind:?}");
        assert_eq!(
            drill().await.unwrap().status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{kind:?}"
        );
    }
}

on_every_backend!(the_dashboard_lists_sets_twenty_at_a_time, |app| {
    let session = signup(app, "many@example.org").await;
    let mut slugs = Vec::new();
    for _ in 0..21 {
        slugs.push(make_set(app, &session, 5).await);
    }
    let listed = |html: &str| {
        slugs
            .iter()
            .filter(|s| html.contains(&format!("href=\"/practice/{s}\"")))
            .count()
    };

    let (status, first) = page(app, &session, "/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed(&first), 20);
    assert!(first.contains("Show 1 more"), "a link to the rest");
    assert!(first.contains("(20 of 21 sets shown)"));
    assert!(first.contains("href=\"/me?sets=40#sets-title\""));

    let (_, all) = page(app, &session, "/me?sets=40").await;
    assert_eq!(listed(&all), 21);
    assert!(!all.contains("Show 1 more"));
});

on_every_backend!(
    a_quick_read_is_labelled_and_the_full_read_takes_its_place,
    |app| {
        let session = signup(app, "busy@example.org").await;
        let slug = make_set(app, &session, 5).await;
        let attempt: Value = submit(app, Some(&session), &slug, 1, STRONG, "quick-key-123")
            .await
            .json()
            .await
            .unwrap();
        let id = attempt["id"].as_i64().unwrap();
        let full = attempt["feedback"].clone();
        assert_eq!(full["engine"], "offline/2+embeddings");

        // The quick read the coach gives this answer while the model is busy,
        // stored as the attempt's feedback.
        let set: Value = app
            .get(&format!("/api/v1/question-sets/{slug}"))
            .await
            .json()
            .await
            .unwrap();
        let question = &set["questions"][0];
        let rubric: Vec<String> = serde_json::from_value(question["rubric"].clone()).unwrap();
        let quick =
            common::offline_coach().assess_quick(&rehearse::coach::offline::assess::AssessInput {
                question: question["text"].as_str().unwrap(),
                kind: app::model::QuestionKind::Behavioral,
                rubric: &rubric,
                focus_area: question["focus_area"].as_str(),
                jd_skills: &[],
                answer: STRONG,
            });
        assert_eq!(quick.engine, app::model::QUICK_ENGINE);
        app.db
            .execute_unprepared(&format!("DELETE FROM feedback WHERE answer_id = {id}"))
            .await
            .unwrap();
        rehearse::db::practice::store_feedback(&app.db, id, &quick)
            .await
            .unwrap();

        let attempt_page = format!("/practice/{slug}?attempt={id}");
        let (status, html) = page(app, &session, &attempt_page).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("a quick read by the built-in offline coach"),
            "labelled"
        );
        assert!(html.contains("Get the full read"));

        // Asked for, the full read takes the quick one's place: still one row.
        let asked = common::post_form(
            app,
            &attempt_page,
            &session,
            &[("form", "feedback"), ("attempt", &id.to_string())],
        )
        .await;
        assert_eq!(asked.status(), StatusCode::SEE_OTHER);
        assert_eq!(asked.headers()[LOCATION], attempt_page.as_str());
        let again: Value = common::api_json(
            app,
            reqwest::Method::GET,
            &format!("/api/v1/assessments/{id}"),
            Some(&session),
            None,
        )
        .await;
        assert_eq!(again["feedback"], full);
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM feedback WHERE answer_id = {id}")
            )
            .await,
            1
        );
        let (_, html) = page(app, &session, &attempt_page).await;
        assert!(!html.contains("Get the full read"));

        // Full feedback is never replaced: asking again over the API returns it.
        let kept: Value = common::api_json(
            app,
            reqwest::Method::POST,
            &format!("/api/v1/assessments/{id}/feedback"),
            Some(&session),
            None,
        )
        .await;
        assert_eq!(kept["feedback"], full);
    }
);
