//! Résumé-aware sets over HTTP: questions that quote the résumé exactly,
//! gaps against a job description, and a résumé that reaches nobody but its
//! maker: not the share page, its hydration data, its downloads or its API,
//! kept only when an account asks, and deleted with the set.

mod common;

use reqwest::StatusCode;
use serde_json::{Value, json};

use common::TestApp;

/// A name found nowhere but in one claim of the résumé.
const CANARY: &str = "Quillfeather";

const RESUME: &str = "Robin Okafor\n\
robin@example.org · +44 7700 900456\n\
\n\
EXPERIENCE\n\
Backend Engineer, Quillfeather Maritime, 2019 to 2024\n\
- Cut nightly ledger reconciliation at Quillfeather Maritime from 4 hours to 25 minutes by streaming rows in batches\n\
- Led a group of 3 engineers through splitting the billing monolith into two services\n\
- Built the carrier rates API in Go and PostgreSQL, serving 40 million requests a day\n\
- Wrote the incident review template the engineering department still uses\n\
\n\
EDUCATION\n\
BSc Computer Science, University of Bristol\n";

const JOB: &str = "Senior Backend Engineer\n\
Requirements\n\
- Strong Go and PostgreSQL\n\
- Running Kafka in production\n\
- Kubernetes for deployment\n\
Responsibilities\n\
- Own the payments ledger and its reconciliation jobs\n";

async fn create(app: &TestApp, cookie: Option<&str>, body: Value) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// How many stored sets hold a résumé.
async fn kept_resumes(app: &TestApp) -> i64 {
    common::count(
        app,
        "SELECT COUNT(*) FROM question_sets WHERE resume IS NOT NULL",
    )
    .await
}

on_every_backend!(
    resume_questions_quote_it_and_reach_only_their_maker,
    |app| {
        let maker = common::signup(app, "robin@example.org").await;
        let other = common::signup(app, "someone@example.org").await;
        let made = create(
            app,
            Some(&maker),
            json!({"job_description": JOB, "resume": RESUME, "keep_resume": true, "count": 10}),
        )
        .await;
        assert_eq!(made.status(), StatusCode::CREATED);
        let made: Value = made.json().await.unwrap();
        let slug = made["slug"].as_str().unwrap().to_string();
        let shared = made["questions"].as_array().unwrap().len();
        let private = made["private_questions"].as_u64().unwrap() as usize;
        assert!(private >= 4, "{made}");
        assert_eq!(shared + private, 10);
        assert!(!made.to_string().contains(CANARY), "{made}");

        // The maker sees them: each résumé question quotes its line exactly.
        let path = format!("/api/v1/question-sets/{slug}/private");
        let mine = app
            .client
            .get(app.url(&path))
            .header("cookie", &maker)
            .send()
            .await
            .unwrap();
        assert_eq!(mine.status(), StatusCode::OK);
        assert_eq!(mine.headers()["cache-control"], "no-store");
        let mine: Value = mine.json().await.unwrap();
        let questions = mine["questions"].as_array().unwrap();
        assert_eq!(questions.len(), private);
        let lines: Vec<&Value> = questions
            .iter()
            .filter(|q| q["provenance"]["source"] == "resume_line")
            .collect();
        assert!(lines.len() >= 3, "{mine}");
        for q in &lines {
            let quote = q["provenance"]["detail"].as_str().unwrap();
            assert!(RESUME.contains(quote), "not in the résumé: {quote}");
        }
        assert!(
            lines
                .iter()
                .any(|q| q["provenance"]["detail"].as_str().unwrap().contains(CANARY)),
            "the canary line is asked about: {mine}"
        );
        // The posting's required skills that the résumé never shows.
        let gaps: Vec<&str> = questions
            .iter()
            .filter(|q| q["provenance"]["source"] == "resume_gap")
            .map(|q| q["provenance"]["detail"].as_str().unwrap())
            .collect();
        assert!(!gaps.is_empty(), "{mine}");
        for gap in &gaps {
            assert!(["Kafka", "Kubernetes"].contains(gap), "{gap}");
        }
        // They come after the shared questions, so the practice page's
        // positions of those never move.
        for (n, q) in questions.iter().enumerate() {
            assert_eq!(q["position"].as_u64().unwrap() as usize, shared + n + 1);
        }
        assert_eq!(mine["resume"].as_str().unwrap(), RESUME);
        let (status, page) = common::html(app, &format!("/s/{slug}/private"), Some(&maker)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(CANARY));
        assert!(page.contains("noindex"));

        // Nobody else reaches them, not even by asking for them.
        for who in [Some(other.as_str()), None] {
            let (status, _) = common::html(app, &path, who).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            let (status, page) = common::html(app, &format!("/s/{slug}/private"), who).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert!(!page.contains(CANARY));
        }

        // List the set, so that it is in the sitemap too.
        let listed = app
            .client
            .put(app.url(&format!("/api/v1/question-sets/{slug}/listing")))
            .header("cookie", &maker)
            .json(&json!({"listed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(listed.status(), StatusCode::OK);

        // The canary is on no page, API answer, download or hydration data
        // of the share page, whoever looks, the maker included.
        for who in [Some(maker.as_str()), Some(other.as_str()), None] {
            for path in [
                format!("/s/{slug}"),
                format!("/api/v1/question-sets/{slug}"),
                format!("/s/{slug}/questions.csv"),
                format!("/api/sets/get?slug={slug}"),
                "/sitemap.xml".to_string(),
            ] {
                let (status, body) = common::html(app, &path, who).await;
                assert_eq!(status, StatusCode::OK, "{path}");
                assert!(!body.contains(CANARY), "{path} as {who:?}");
                assert!(!body.contains("ledger reconciliation"), "{path} as {who:?}");
            }
        }
        let (_, page) = common::html(app, &format!("/s/{slug}"), Some(&maker)).await;
        assert!(page.contains(&format!("/s/{slug}/private")));
        let (_, page) = common::html(app, &format!("/s/{slug}"), Some(&other)).await;
        assert!(
            page.contains("drawn from its maker&#x27;s résumé")
                || page.contains("drawn from its maker's résumé")
        );
        assert!(!page.contains(&format!("/s/{slug}/private")));

        // Another account practising the set never meets them.
        let first_private = shared + 1;
        let (status, _) = common::html(
            app,
            &format!("/practice/{slug}?q={first_private}"),
            Some(&other),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let refused = common::submit_answer(
            app,
            Some(&other),
            &slug,
            first_private as u32,
            "I would rather not say.",
            "resume-other-1",
        )
        .await;
        assert!(refused.status().is_client_error(), "{}", refused.status());
        let (status, page) = common::html(
            app,
            &format!("/practice/{slug}?q={first_private}"),
            Some(&maker),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let first_line = questions[0]["provenance"]["detail"].as_str().unwrap();
        assert!(
            page.contains(first_line.trim_end_matches('.')),
            "{first_line}"
        );

        // The kept résumé goes with the set.
        assert_eq!(kept_resumes(app).await, 1);
        let deleted = common::delete_set(app, &maker, &slug).await;
        assert!(deleted.status().is_redirection());
        assert_eq!(kept_resumes(app).await, 0);
        let (status, _) = common::html(app, &path, Some(&maker)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

on_every_backend!(a_resume_is_kept_only_when_an_account_asks, |app| {
    // Anonymous: read, then discarded, even when asked to keep it. The
    // browser that made the set still sees its questions.
    let made = create(app, None, json!({"resume": RESUME, "keep_resume": true})).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let claim = common::cookie(&made, "rehearse-claim").unwrap();
    let made: Value = made.json().await.unwrap();
    let slug = made["slug"].as_str().unwrap();
    let (status, body) = common::html(
        app,
        &format!("/api/v1/question-sets/{slug}/private"),
        Some(&claim),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let private: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(private["resume"], Value::Null);
    assert_eq!(private["can_practise"], false);
    assert!(!private["questions"].as_array().unwrap().is_empty());

    // An account that does not tick "keep it".
    let sam = common::signup(app, "sam@example.org").await;
    let made = create(app, Some(&sam), json!({"resume": RESUME})).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    assert_eq!(kept_resumes(app).await, 0);
});

on_every_backend!(a_resume_gets_clear_errors, |app| {
    for (resume, expected) in [
        (
            "Hobbies: chess, hiking and sourdough".to_string(),
            "nothing to ask about",
        ),
        ("a".repeat(20_001), "20000"),
    ] {
        let refused = create(app, None, json!({"resume": resume})).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = refused.json().await.unwrap();
        let text = body.to_string();
        assert!(text.contains("resume") && text.contains(expected), "{text}");
    }
});

on_every_backend!(the_generator_form_takes_a_resume, |app| {
    let sam = common::signup(app, "former@example.org").await;
    let posted = common::post_form(
        app,
        "/",
        &sam,
        &[
            ("role", "backend-engineer"),
            ("resume", RESUME),
            ("keep_resume", "true"),
            ("count", "8"),
        ],
    )
    .await;
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let to = posted.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = common::html(app, &to, Some(&sam)).await;
    assert!(
        page.contains("See the questions from your résumé"),
        "{page}"
    );
    assert!(!page.contains(CANARY));
    assert_eq!(kept_resumes(app).await, 1);
    let (_, home) = common::html(app, "/", Some(&sam)).await;
    assert!(home.contains("name=\"keep_resume\""));
    let (_, home) = common::html(app, "/", None).await;
    assert!(!home.contains("name=\"keep_resume\""));
    assert!(home.contains("name=\"resume\""));
});
