//! The story bank over HTTP: writing, editing and deleting stories (only
//! one's own), drafting one from an answer, starting an answer from one,
//! the overuse warning, and job-description coverage.

mod common;

use reqwest::StatusCode;
use reqwest::header::LOCATION;
use serde_json::{Value, json};

use common::TestApp;

const ANSWER: &str = "Our nightly billing export kept timing out and finance could not close the month. I had to get it finishing reliably before the quarter ended. I profiled it, found it loaded every invoice into memory, and rewrote it in SQL to stream rows in batches of 500. The export went from 40 minutes to 6, and it has not failed since.";

use common::{api, api_json};

async fn page(app: &TestApp, path: &str, session: &str) -> (StatusCode, String) {
    common::html(app, path, Some(session)).await
}

fn story(title: &str, skills: &[&str]) -> Value {
    json!({
        "title": title,
        "situation": "Our checkout service fell over every Black Friday.",
        "action": "I load-tested it, found the connection pool was too small, and added back-pressure.",
        "result": "The next Black Friday had no outage.",
        "skills": skills,
    })
}

on_every_backend!(
    stories_are_written_read_and_deleted_by_their_owner_only,
    |app| {
        use reqwest::Method;
        let owner = common::signup(app, "teller@example.org").await;
        let other = common::signup(app, "listener@example.org").await;

        let made = api(
            app,
            Method::POST,
            "/api/v1/me/stories",
            Some(&owner),
            Some(story("Black Friday", &["load testing"])),
        )
        .await;
        assert_eq!(made.status(), StatusCode::CREATED);
        let location = made.headers()[LOCATION].to_str().unwrap().to_string();
        let made: Value = made.json().await.unwrap();
        let id = made["id"].as_i64().unwrap();
        assert_eq!(location, format!("/api/v1/me/stories/{id}"));
        assert_eq!(made["task"], "");
        assert_eq!(made["uses"], json!([]));

        // Another account, or nobody, reaches none of it.
        let path = format!("/api/v1/me/stories/{id}");
        assert_eq!(
            api(app, Method::GET, &path, Some(&other), None)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            api(
                app,
                Method::PUT,
                &path,
                Some(&other),
                Some(story("Mine now", &[]))
            )
            .await
            .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            api(app, Method::DELETE, &path, Some(&other), None)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            api(app, Method::GET, &path, None, None).await.status(),
            StatusCode::UNAUTHORIZED
        );
        let theirs: Value =
            api_json(app, Method::GET, "/api/v1/me/stories", Some(&other), None).await;
        assert_eq!(theirs, json!([]));
        assert_eq!(
            page(app, &format!("/me/stories/{id}"), &other).await.0,
            StatusCode::NOT_FOUND
        );

        // Bad input: a clear error per field.
        let refused = api(
            app,
            Method::POST,
            "/api/v1/me/stories",
            Some(&owner),
            Some(json!({"title": "", "skills": []})),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = refused.json::<Value>().await.unwrap()["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(fields, ["title", "action"]);

        // The owner edits it.
        let edited = api(
            app,
            Method::PUT,
            &path,
            Some(&owner),
            Some(story("Black Friday, 2025", &["load testing", "Kubernetes"])),
        )
        .await;
        assert_eq!(edited.status(), StatusCode::OK);
        let read: Value = api_json(app, Method::GET, &path, Some(&owner), None).await;
        assert_eq!(read["title"], "Black Friday, 2025");
        assert_eq!(read["skills"], json!(["load testing", "Kubernetes"]));

        // The page form: a refused story comes back with everything typed.
        let form = [
            ("title", ""),
            ("action", "I kept every word of this."),
            ("skills", "SQL"),
        ];
        let again = common::post_form(app, "/me/stories", &owner, &form).await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = again.text().await.unwrap();
        assert!(
            body.contains("I kept every word of this.")
                && body.contains("Give the story a short title")
        );
        let saved = common::post_form(
            app,
            "/me/stories",
            &owner,
            &[
                ("title", "Form story"),
                ("action", "I did it."),
                ("skills", "SQL, Rust"),
            ],
        )
        .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let at = saved.headers()[LOCATION].to_str().unwrap().to_string();
        let (_, shown) = page(app, &at, &owner).await;
        assert!(shown.contains("Saved.") && shown.contains("SQL, Rust"));
        let (_, list) = page(app, "/me/stories", &owner).await;
        assert!(list.contains("Form story") && list.contains("Black Friday, 2025"));

        // Deleted by the owner, gone.
        assert_eq!(
            api(app, Method::DELETE, &path, Some(&owner), None)
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            api(app, Method::GET, &path, Some(&owner), None)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }
);

on_every_backend!(
    a_story_drafted_from_an_answer_is_used_and_warned_about,
    |app| {
        use reqwest::Method;
        let session = common::signup(app, "storyteller@example.org").await;
        let slug = common::make_set(
            app,
            &session,
            json!({"role": "backend-engineer", "count": 10, "kinds": ["behavioral"]}),
        )
        .await;
        let answered =
            common::submit_answer(app, Some(&session), &slug, 1, ANSWER, "story-answer-1").await;
        let attempt = answered.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();

        // Someone else's attempt makes no story.
        let other = common::signup(app, "not-mine@example.org").await;
        let stolen = api(
            app,
            Method::POST,
            &format!("/api/v1/assessments/{attempt}/story"),
            Some(&other),
            None,
        )
        .await;
        assert_eq!(stolen.status(), StatusCode::NOT_FOUND);

        // One click: the answer's own sentences, sorted into the parts.
        let drafted = common::post_form(
            app,
            "/me/stories/from-attempt",
            &session,
            &[("attempt", &attempt.to_string())],
        )
        .await;
        assert_eq!(drafted.status(), StatusCode::SEE_OTHER);
        let at = drafted.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(at.ends_with("?drafted=1"), "{at}");
        let id: i64 = at
            .trim_start_matches("/me/stories/")
            .trim_end_matches("?drafted=1")
            .parse()
            .unwrap();
        let story: Value = api_json(
            app,
            Method::GET,
            &format!("/api/v1/me/stories/{id}"),
            Some(&session),
            None,
        )
        .await;
        let parts: Vec<&str> = ["situation", "task", "action", "result"]
            .iter()
            .map(|p| story[p].as_str().unwrap())
            .collect();
        for part in &parts {
            for sentence in part.split(". ").filter(|s| !s.is_empty()) {
                assert!(
                    ANSWER.contains(sentence.trim_end_matches('.')),
                    "{sentence:?} is not in the answer"
                );
            }
        }
        assert!(parts[2].contains("I profiled it"), "{parts:?}");
        assert!(parts[3].contains("40 minutes to 6"), "{parts:?}");
        assert_eq!(story["uses"].as_array().unwrap().len(), 1);
        // A second click drafts nothing new.
        let twice = common::post_form(
            app,
            "/me/stories/from-attempt",
            &session,
            &[("attempt", &attempt.to_string())],
        )
        .await;
        assert_eq!(twice.headers()[LOCATION], at.as_str());

        // The first question's outline, now that it has an attempt, tells
        // the story where it has the part and prompts where it does not.
        let first: Value = app
            .client
            .get(app.url(&format!("/api/practice/get?slug={slug}&q=1")))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let outline = first["outline"].as_array().unwrap();
        let step = |label: &str| {
            outline
                .iter()
                .find(|s| s["label"] == label)
                .map(|s| s["text"].as_str().unwrap().to_string())
                .unwrap_or_default()
        };
        assert!(step("Action").contains("I profiled it"), "{outline:?}");
        assert!(outline.iter().any(|s| s["label"] == "Cover"));

        // Another question offers it; starting from it fills the draft.
        let (_, question2) = page(app, &format!("/practice/{slug}?q=2"), &session).await;
        assert!(
            question2.contains("Your stories that fit"),
            "the story is not offered"
        );
        let used = common::post_form(
            app,
            &format!("/practice/{slug}/story"),
            &session,
            &[("story", &id.to_string()), ("q", "2")],
        )
        .await;
        assert_eq!(
            used.headers()[LOCATION],
            format!("/practice/{slug}?q=2&story=used").as_str()
        );
        let view: Value = app
            .client
            .get(app.url(&format!("/api/practice/get?slug={slug}&q=2")))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            view["draft"].as_str().unwrap().contains("I profiled it"),
            "{view}"
        );
        // Someone else cannot start from it.
        let theirs = api(
            app,
            Method::POST,
            &format!("/api/v1/me/stories/{id}/use"),
            Some(&other),
            Some(json!({"question_set": slug, "question_index": 3})),
        )
        .await;
        assert_eq!(theirs.status(), StatusCode::NOT_FOUND);

        // Told for more than three questions of one set: a warning.
        for q in [3, 4] {
            let r = api(
                app,
                Method::POST,
                &format!("/api/v1/me/stories/{id}/use"),
                Some(&session),
                Some(json!({"question_set": slug, "question_index": q})),
            )
            .await;
            assert_eq!(r.status(), StatusCode::NO_CONTENT);
        }
        let (_, four) = page(app, &format!("/practice/{slug}?q=4"), &session).await;
        assert!(
            four.contains("You have told this story for 4 questions of this set"),
            "no warning"
        );
        let (_, list) = page(app, "/me/stories", &session).await;
        assert!(list.contains("Told 4 times in"));
        let export: Value =
            api_json(app, Method::GET, "/api/v1/me/export", Some(&session), None).await;
        assert_eq!(export["stories"][0]["uses"].as_array().unwrap().len(), 4);
    }
);

on_every_backend!(a_story_covers_a_job_descriptions_skill, |app| {
    use reqwest::Method;
    let session = common::signup(app, "coverage@example.org").await;
    let jd = include_str!("fixtures/jd/backend-payments.txt");
    common::make_set(app, &session, json!({"job_description": jd, "count": 5})).await;
    let before: Value = api_json(
        app,
        Method::GET,
        "/api/practice/dashboard",
        Some(&session),
        None,
    )
    .await;
    let coverage = &before["sets"][0]["coverage"];
    let missing: Vec<String> = coverage["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let skill = missing.first().expect("a skill without a story").clone();
    let made = api(
        app,
        Method::POST,
        "/api/v1/me/stories",
        Some(&session),
        Some(story("A story", &[skill.as_str()])),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let after: Value = api_json(
        app,
        Method::GET,
        "/api/practice/dashboard",
        Some(&session),
        None,
    )
    .await;
    let covered: Vec<&str> = after["sets"][0]["coverage"]["covered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        covered.contains(&skill.as_str()),
        "{skill} not covered: {covered:?}"
    );
});
