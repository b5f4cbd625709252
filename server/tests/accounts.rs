//! Accounts: signup, login, sessions, throttling, claiming anonymous sets,
//! settings, export and deletion, and who may touch what.

mod common;

use common::{PASSWORD, TestApp, cookie, signup};
use reqwest::StatusCode;
use reqwest::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use sea_orm::{ConnectionTrait, Statement, Value as DbValue};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn set_cookie_header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_string()
}

async fn api(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

/// A set made without an account: the claim cookie and the set's slug.
async fn anonymous_set(app: &TestApp, count: u32) -> (String, String) {
    let made = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .json(&json!({"role": "data-analyst", "count": count}))
        .send()
        .await
        .unwrap();
    let claim = cookie(&made, "rehearse-claim").unwrap();
    let slug = made.json::<Value>().await.unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_string();
    (claim, slug)
}

async fn login(
    app: &TestApp,
    email: &str,
    password: &str,
    cookie_header: Option<&str>,
) -> reqwest::Response {
    api(
        app,
        reqwest::Method::POST,
        "/api/v1/auth/login",
        cookie_header,
        Some(json!({"email": email, "password": password})),
    )
    .await
}

async fn me(app: &TestApp, session: &str) -> StatusCode {
    api(app, reqwest::Method::GET, "/api/v1/me", Some(session), None)
        .await
        .status()
}

async fn count(app: &TestApp, sql: &str, values: Vec<DbValue>) -> i64 {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            let mut n = 0;
            sql.chars()
                .map(|c| {
                    if c == '?' {
                        n += 1;
                        format!("${n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }
        _ => sql.to_string(),
    };
    app.db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    count(
        app,
        "SELECT id FROM users WHERE email = ?",
        vec![email.into()],
    )
    .await
}

async fn make_set(app: &TestApp, session: Option<&str>, body: Value) -> String {
    let response = api(
        app,
        reqwest::Method::POST,
        "/api/v1/question-sets",
        session,
        Some(body),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_string()
}

on_every_backend!(signup_opens_a_session_and_stores_only_hashes, |app| {
    let session = signup(app, "Sam@Example.org").await;
    let response = api(
        app,
        reqwest::Method::GET,
        "/api/v1/me",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let viewer: Value = response.json().await.unwrap();
    assert_eq!(viewer["email"], "sam@example.org");
    assert_eq!(viewer["display_name"], "Sam");

    let hash_is_argon2id = count(
        app,
        "SELECT COUNT(*) FROM users WHERE email = ? AND password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'",
        vec!["sam@example.org".into()],
    )
    .await;
    assert_eq!(hash_is_argon2id, 1);
    let token = session.split('=').nth(1).unwrap();
    assert_eq!(token.len(), 64, "256 random bits, hex");
    let digest = hex::encode(Sha256::digest(token.as_bytes()));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sessions WHERE id = ?",
            vec![digest.into()]
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sessions WHERE id = ?",
            vec![token.to_string().into()]
        )
        .await,
        0
    );
});

on_every_backend!(signup_rules_each_have_a_message, |app| {
    signup(app, "taken@example.org").await;
    let long_ok = "ab".repeat(32);
    for (body, field, message) in [
        (
            json!({"email": "not-an-email", "password": PASSWORD}),
            "email",
            "Enter an email address",
        ),
        (
            json!({"email": "a@example.org", "password": "short"}),
            "password",
            "at least 8 characters",
        ),
        (
            json!({"email": "a@example.org", "password": "password123"}),
            "password",
            "too common",
        ),
        (
            json!({"email": "a@example.org", "password": "x".repeat(129)}),
            "password",
            "at most 128",
        ),
        (
            json!({"email": "a@example.org", "password": PASSWORD, "display_name": "n".repeat(81)}),
            "display_name",
            "at most 80",
        ),
        (
            json!({"email": "TAKEN@example.org", "password": PASSWORD}),
            "email",
            "already an account",
        ),
    ] {
        let response = api(
            app,
            reqwest::Method::POST,
            "/api/v1/auth/signup",
            None,
            Some(body),
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let error: Value = response.json().await.unwrap();
        let fields = error["error"]["fields"].as_array().unwrap();
        assert!(
            fields
                .iter()
                .any(|f| f["field"] == field && f["message"].as_str().unwrap().contains(message)),
            "{field}: {error}"
        );
    }
    // 64 characters (and more) are fine; no composition rules.
    let response = api(
        app,
        reqwest::Method::POST,
        "/api/v1/auth/signup",
        None,
        Some(json!({"email": "long@example.org", "password": long_ok})),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
});

on_every_backend!(the_session_id_changes_at_login_and_dies_at_logout, |app| {
    let first = signup(app, "sam@example.org").await;
    let response = login(app, "sam@example.org", PASSWORD, Some(&first)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let second = cookie(&response, "rehearse-session").unwrap();
    assert_ne!(first, second);
    assert_eq!(
        me(app, &first).await,
        StatusCode::UNAUTHORIZED,
        "the old id is dead"
    );
    assert_eq!(me(app, &second).await, StatusCode::OK);

    let out = api(
        app,
        reqwest::Method::POST,
        "/api/v1/auth/logout",
        Some(&second),
        None,
    )
    .await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(set_cookie_header(&out, "rehearse-session").contains("Max-Age=0"));
    // Replaying the cookie after logout gets nowhere.
    assert_eq!(me(app, &second).await, StatusCode::UNAUTHORIZED);
    let uid = user_id(app, "sam@example.org").await;
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sessions WHERE user_id = ?",
            vec![uid.into()]
        )
        .await,
        0
    );

    // The form logout does the same.
    let third = cookie(
        &login(app, "sam@example.org", PASSWORD, None).await,
        "rehearse-session",
    )
    .unwrap();
    let out = app
        .client
        .post(app.url("/logout"))
        .header("cookie", &third)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(me(app, &third).await, StatusCode::UNAUTHORIZED);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookies_have_exactly_the_specified_attributes() {
    for kind in common::backends() {
        let app = common::spawn_app_with(kind, |s| s.secure_cookies = Some(true)).await;
        let response = api(
            &app,
            reqwest::Method::POST,
            "/api/v1/auth/signup",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await;
        let header = set_cookie_header(&response, "__Host-rehearse-session");
        assert!(regex_lite(&header), "{kind:?}: {header}");
        assert!(!header.to_ascii_lowercase().contains("domain="));
        // The same at login.
        let response = login(&app, "sam@example.org", PASSWORD, None).await;
        assert!(regex_lite(&set_cookie_header(
            &response,
            "__Host-rehearse-session"
        )));

        // Plain HTTP for local use drops only Secure and the prefix.
        let plain = common::spawn_app(kind).await;
        let response = api(
            &plain,
            reqwest::Method::POST,
            "/api/v1/auth/signup",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await;
        let header = set_cookie_header(&response, "rehearse-session");
        assert!(
            header.ends_with("; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"),
            "{header}"
        );
    }
}

/// `__Host-rehearse-session=<64 hex>; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure`
fn regex_lite(header: &str) -> bool {
    let Some(rest) = header.strip_prefix("__Host-rehearse-session=") else {
        return false;
    };
    let (token, attributes) = rest.split_at(64.min(rest.len()));
    token.len() == 64
        && token.bytes().all(|b| b.is_ascii_hexdigit())
        && attributes == "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure"
}

on_every_backend!(cross_site_posts_are_refused_everywhere, |app| {
    let session = signup(app, "sam@example.org").await;
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/signup",
        "/api/v1/auth/logout",
        "/api/v1/me/password",
        "/api/v1/question-sets",
        "/login",
        "/signup",
        "/logout",
        "/me/settings",
        "/generate/stream",
        "/api/sets/get",
        "/api/v1/assessments",
        "/api/v1/assessments/1/feedback",
        "/api/practice/draft",
        "/practice/abcdefghjkmnpqr/answer",
        "/practice/abcdefghjkmnpqr/attempts/1/feedback",
    ] {
        let response = app
            .client
            .post(app.url(path))
            .header("origin", "https://evil.example")
            .header("cookie", &session)
            .form(&[("email", "sam@example.org"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("sec-fetch-site", "cross-site")
        .header("cookie", &session)
        .json(&json!({"password": PASSWORD, "confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(me(app, &session).await, StatusCode::OK, "nothing changed");
});

on_every_backend!(the_eleventh_failed_login_is_throttled, |app| {
    signup(app, "sam@example.org").await;
    // An unknown email and a wrong password get the same answer.
    let unknown = login(app, "nobody@example.org", PASSWORD, None).await;
    let wrong = login(app, "sam@example.org", "wrong password here", None).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.text().await.unwrap(), wrong.text().await.unwrap());

    for _ in 2..=10 {
        let response = login(app, "sam@example.org", "wrong password here", None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let eleventh = login(app, "SAM@example.org", PASSWORD, None).await;
    assert_eq!(
        eleventh.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even with the right password"
    );
    let retry: u64 = eleventh.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry));
    assert!(cookie(&eleventh, "rehearse-session").is_none());
    // Another account from the same address is not locked by this one.
    signup(app, "kim@example.org").await;
    assert_eq!(
        login(app, "kim@example.org", PASSWORD, None).await.status(),
        StatusCode::OK
    );
});

on_every_backend!(guesses_sent_at_once_share_the_same_ten_tries, |app| {
    signup(app, "sam@example.org").await;
    let guesses = (0..30).map(|i| {
        let password = format!("wrong password number {i}");
        async move {
            login(app, "sam@example.org", &password, None)
                .await
                .status()
        }
    });
    let statuses = futures::future::join_all(guesses).await;
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    let judged = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(refused + judged, 30, "{statuses:?}");
    assert!(judged <= 10, "{judged} guesses were judged: {statuses:?}");
    assert_eq!(
        login(app, "sam@example.org", PASSWORD, None).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the right password waits for the window to end"
    );
});

on_every_backend!(a_right_password_gives_its_try_back, |app| {
    signup(app, "sam@example.org").await;
    for _ in 0..9 {
        let wrong = login(app, "sam@example.org", "wrong password here", None).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    for _ in 0..3 {
        let right = login(app, "sam@example.org", PASSWORD, None).await;
        assert_eq!(right.status(), StatusCode::OK);
    }
    let tenth = login(app, "sam@example.org", "wrong password here", None).await;
    assert_eq!(tenth.status(), StatusCode::UNAUTHORIZED);
    let eleventh = login(app, "sam@example.org", "wrong password here", None).await;
    assert_eq!(eleventh.status(), StatusCode::TOO_MANY_REQUESTS);
});

on_every_backend!(
    anonymous_sets_move_into_the_account_at_signup_and_login,
    |app| {
        let (claim, slug) = anonymous_set(app, 5).await;

        let response = api(
            app,
            reqwest::Method::POST,
            "/api/v1/auth/signup",
            Some(&claim),
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await;
        assert!(
            set_cookie_header(&response, "rehearse-claim").contains("Max-Age=0"),
            "the claim is spent"
        );
        let session = cookie(&response, "rehearse-session").unwrap();
        let uid = user_id(app, "sam@example.org").await;
        assert_eq!(
        count(app, "SELECT COUNT(*) FROM question_sets WHERE slug = ? AND owner_id = ? AND claim_token_hash IS NULL", vec![slug.clone().into(), uid.into()]).await,
        1
    );
        // The old claim cookie no longer deletes it; the account does.
        let with_claim = common::delete_set(app, &claim, &slug).await;
        assert!(
            with_claim.headers()[LOCATION]
                .to_str()
                .unwrap()
                .ends_with("?error=forbidden")
        );
        let page = app
            .client
            .get(app.url(&format!("/s/{slug}")))
            .header("cookie", &session)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Delete this set"));

        // At login too.
        let (claim, second) = anonymous_set(app, 6).await;
        login(app, "sam@example.org", PASSWORD, Some(&claim)).await;
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM question_sets WHERE slug = ? AND owner_id = ?",
                vec![second.into(), uid.into()]
            )
            .await,
            1
        );
    }
);

on_every_backend!(one_account_cannot_touch_anothers_sets_or_settings, |app| {
    let alice = signup(app, "alice@example.org").await;
    let bob = signup(app, "bob@example.org").await;
    let jd = include_str!("fixtures/jd/backend-payments.txt");
    let slug = make_set(
        app,
        Some(&alice),
        json!({"job_description": jd, "count": 5}),
    )
    .await;

    // Bob can read the shared set (links are public) but never its JD.
    let read = api(
        app,
        reqwest::Method::GET,
        &format!("/api/v1/question-sets/{slug}"),
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(read.status(), StatusCode::OK);
    assert!(!read.text().await.unwrap().contains("job_description"));
    let page = app
        .client
        .get(app.url(&format!("/s/{slug}")))
        .header("cookie", &bob)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Delete this set"));
    // Bob cannot delete it, by form, with or without a claim cookie.
    for cookie_header in [bob.clone(), format!("{bob}; rehearse-claim=00ff00ff")] {
        let refused = common::delete_set(app, &cookie_header, &slug).await;
        assert!(
            refused.headers()[LOCATION]
                .to_str()
                .unwrap()
                .ends_with("?error=forbidden")
        );
    }
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM question_sets WHERE slug = ?",
            vec![slug.clone().into()]
        )
        .await,
        1
    );
    // Bob's export holds only Bob.
    let export: Value = api(
        app,
        reqwest::Method::GET,
        "/api/v1/me/export",
        Some(&bob),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(export["account"]["email"], "bob@example.org");
    assert_eq!(export["question_sets"].as_array().unwrap().len(), 0);
    assert!(!export.to_string().contains("alice"));
    // Settings act on the session's own account only: Bob changing "his"
    // password with Alice's does nothing to Alice.
    let change = api(
        app,
        reqwest::Method::POST,
        "/api/v1/me/password",
        Some(&bob),
        Some(json!({"current_password": PASSWORD, "new_password": "another fine passphrase"})),
    )
    .await;
    assert_eq!(change.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        login(app, "alice@example.org", PASSWORD, None)
            .await
            .status(),
        StatusCode::OK
    );
    // Without a session, nothing of anyone's.
    for (method, path) in [
        (reqwest::Method::GET, "/api/v1/me"),
        (reqwest::Method::GET, "/api/v1/me/export"),
        (reqwest::Method::DELETE, "/api/v1/me"),
        (reqwest::Method::POST, "/api/v1/me/password"),
    ] {
        let response = api(app, method, path, None, Some(json!({"password": PASSWORD, "confirm": true, "current_password": PASSWORD, "new_password": "x y z w v u"}))).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    // The owner can delete it.
    let deleted = common::delete_set(app, &alice, &slug).await;
    assert_eq!(deleted.headers()[LOCATION], "/?deleted=1");
});

on_every_backend!(
    the_export_holds_everything_and_deletion_removes_it_all,
    |app| {
        let session = signup(app, "sam@example.org").await;
        let uid = user_id(app, "sam@example.org").await;
        let jd = include_str!("fixtures/jd/sre-cloud.txt");
        let first = make_set(
            app,
            Some(&session),
            json!({"role": "backend-engineer", "count": 5}),
        )
        .await;
        make_set(
            app,
            Some(&session),
            json!({"job_description": jd, "count": 6}),
        )
        .await;
        let _other = signup(app, "kim@example.org").await;
        // An answer with its feedback, and a draft.
        let answered = common::submit_answer(
            app,
            Some(&session),
            &first,
            1,
            "I led the rollout, and errors fell by half.",
            "export-key-1",
        )
        .await;
        assert_eq!(answered.status(), StatusCode::CREATED);
        let drafted = app
            .client
            .post(app.url("/api/practice/draft"))
            .header("cookie", &session)
            .form(&[
                ("slug", first.as_str()),
                ("q", "2"),
                ("text", "Half a thought"),
                ("revision", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(drafted.status(), StatusCode::OK);

        let response = api(
            app,
            reqwest::Method::GET,
            "/api/v1/me/export",
            Some(&session),
            None,
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attachment")
        );
        let export: Value = response.json().await.unwrap();
        assert_eq!(export["account"]["id"], uid);
        assert_eq!(export["account"]["display_name"], "Sam");
        let sets = export["question_sets"].as_array().unwrap();
        assert_eq!(
            sets.len() as i64,
            count(
                app,
                "SELECT COUNT(*) FROM question_sets WHERE owner_id = ?",
                vec![uid.into()]
            )
            .await
        );
        let exported_questions: usize = sets
            .iter()
            .map(|s| s["questions"].as_array().unwrap().len())
            .sum();
        assert_eq!(
        exported_questions as i64,
        count(app, "SELECT COUNT(*) FROM questions q JOIN question_sets s ON q.set_id = s.id WHERE s.owner_id = ?", vec![uid.into()]).await
    );
        assert!(
            sets.iter().any(|s| s["job_description"] == jd),
            "the owner's own JD is in the export"
        );
        assert_eq!(export["sessions"].as_array().unwrap().len(), 1);
        let answers = export["answers"].as_array().unwrap();
        assert_eq!(answers.len(), 1);
        assert_eq!(
            answers[0]["answer"],
            "I led the rollout, and errors fell by half."
        );
        assert_eq!(answers[0]["question_set"], first.as_str());
        assert!(!answers[0]["question"].as_str().unwrap().is_empty());
        assert_eq!(answers[0]["feedback"]["engine"], "offline/2+embeddings");
        let drafts = export["drafts"].as_array().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0]["text"], "Half a thought");

        // Deleting needs the password and the confirmation.
        let refused = api(
            app,
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&session),
            Some(json!({"password": "wrong password here", "confirm": true})),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let unconfirmed = api(
            app,
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&session),
            Some(json!({"password": PASSWORD})),
        )
        .await;
        assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let gone = api(
            app,
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&session),
            Some(json!({"password": PASSWORD, "confirm": true})),
        )
        .await;
        assert_eq!(gone.status(), StatusCode::NO_CONTENT);

        for sql in [
            "SELECT COUNT(*) FROM users WHERE id = ?",
            "SELECT COUNT(*) FROM sessions WHERE user_id = ?",
            "SELECT COUNT(*) FROM question_sets WHERE owner_id = ?",
            "SELECT COUNT(*) FROM answers WHERE user_id = ?",
            "SELECT COUNT(*) FROM drafts WHERE user_id = ?",
        ] {
            assert_eq!(count(app, sql, vec![uid.into()]).await, 0, "{sql}");
        }
        assert_eq!(count(app, "SELECT COUNT(*) FROM feedback", vec![]).await, 0);
        assert_eq!(count(app, "SELECT COUNT(*) FROM questions q LEFT JOIN question_sets s ON q.set_id = s.id WHERE s.id IS NULL", vec![]).await, 0);
        assert_eq!(me(app, &session).await, StatusCode::UNAUTHORIZED);
        // The other account is untouched.
        assert_eq!(count(app, "SELECT COUNT(*) FROM users", vec![]).await, 1);
    }
);

on_every_backend!(
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    |app| {
        let here = signup(app, "sam@example.org").await;
        let elsewhere = cookie(
            &login(app, "sam@example.org", PASSWORD, None).await,
            "rehearse-session",
        )
        .unwrap();
        let wrong = api(app, reqwest::Method::POST, "/api/v1/me/password", Some(&here), Some(json!({"current_password": "not it at all", "new_password": "a brand new passphrase"}))).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let common = api(
            app,
            reqwest::Method::POST,
            "/api/v1/me/password",
            Some(&here),
            Some(json!({"current_password": PASSWORD, "new_password": "qwerty123"})),
        )
        .await;
        assert_eq!(common.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let ok = api(
            app,
            reqwest::Method::POST,
            "/api/v1/me/password",
            Some(&here),
            Some(json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"})),
        )
        .await;
        assert_eq!(ok.status(), StatusCode::NO_CONTENT);
        assert_eq!(me(app, &here).await, StatusCode::OK);
        assert_eq!(me(app, &elsewhere).await, StatusCode::UNAUTHORIZED);
        assert_eq!(
            login(app, "sam@example.org", PASSWORD, None).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            login(app, "sam@example.org", "a brand new passphrase", None)
                .await
                .status(),
            StatusCode::OK
        );
    }
);

/// Sam signs up through the page's form, arriving with `next` (encoded).
async fn signup_form(app: &TestApp, next: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/signup?next={next}")))
        .form(&[
            ("email", "sam@example.org"),
            ("password", PASSWORD),
            ("display_name", ""),
        ])
        .send()
        .await
        .unwrap()
}

on_every_backend!(login_never_sends_anyone_off_the_site, |app| {
    let signed_up = signup_form(app, "%2F%09%2Fevil.example").await;
    assert_eq!(signed_up.status(), StatusCode::SEE_OTHER);
    assert_eq!(signed_up.headers()[LOCATION], "/");
    for next in [
        "%2F%09%2Fevil.example",
        "%2F%0A%2Fevil.example",
        "%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%09%2F%2Fevil.example",
    ] {
        let response = app
            .client
            .post(app.url(&format!("/login?next={next}")))
            .form(&[("email", "sam@example.org"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.headers()[LOCATION], "/", "{next}");
    }
});

on_every_backend!(account_pages_work_as_plain_forms, |app| {
    // A page that needs an account sends the visitor to log in and back.
    let response = app.get("/me/settings").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/login?next=%2Fme%2Fsettings");

    let signed_up = signup_form(app, "%2Fme%2Fsettings").await;
    assert_eq!(signed_up.status(), StatusCode::SEE_OTHER);
    assert_eq!(signed_up.headers()[LOCATION], "/me/settings");
    let session = cookie(&signed_up, "rehearse-session").unwrap();
    let page = app
        .client
        .get(app.url("/me/settings"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("sam@example.org")
            && page.contains("Change password")
            && page.contains("Log out")
    );

    // A failed login shows the form again: the email kept, the password not.
    let failed = app
        .client
        .post(app.url("/login?next=%2Fme%2Fsettings"))
        .form(&[
            ("email", "sam@example.org"),
            ("password", "wrong <b>password</b>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let page = failed.text().await.unwrap();
    assert!(page.contains("The email or password is not right."));
    assert!(page.contains("value=\"sam@example.org\""));
    assert!(!page.contains("wrong"));
    assert!(page.contains("action=\"/login?next=%2Fme%2Fsettings\""));

    // A bad signup keeps what was typed, escaped.
    let bad = app
        .client
        .post(app.url("/signup"))
        .form(&[
            ("email", "sam@example.org"),
            ("password", PASSWORD),
            ("display_name", "<script>x</script>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    assert!(page.contains("already an account"));
    assert!(!page.contains("<script>x</script>"));

    // Changing the password by form.
    let changed = app
        .client
        .post(app.url("/me/settings"))
        .header("cookie", &session)
        .form(&[
            ("form", "password"),
            ("current_password", PASSWORD),
            ("new_password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        changed
            .text()
            .await
            .unwrap()
            .contains("at least 8 characters")
    );
    let changed = app
        .client
        .post(app.url("/me/settings"))
        .header("cookie", &session)
        .form(&[
            ("form", "password"),
            ("current_password", PASSWORD),
            ("new_password", "an even better phrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.headers()[LOCATION], "/me/settings?password=changed");

    // Deleting by form.
    let deleted = app
        .client
        .post(app.url("/me/settings"))
        .header("cookie", &session)
        .form(&[
            ("form", "delete"),
            ("password", "an even better phrase"),
            ("confirm", "true"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.headers()[LOCATION], "/?account=deleted");
    assert_eq!(me(app, &session).await, StatusCode::UNAUTHORIZED);
});
