mod common;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_ENCODING, CONTENT_TYPE};

on_every_backend!(home_page_is_rendered_on_the_server, |app| {
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK, "{:?}", app.kind);
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>Rehearse the interview before it happens.</h1>"));
    assert!(html.contains("<title>Rehearse</title>"), "{html}");
    assert!(html.contains(r#"<meta name="description" content="Rehearse gives you"#));
    assert!(html.contains(r#"class="site-header""#));
    assert!(html.contains(r#"class="site-footer""#));
    assert!(html.contains(r#"class="theme-toggle""#));
    // The page loads the bundle that hydrates it.
    assert!(html.contains("/pkg/rehearse.js"));
    assert!(html.contains("/pkg/rehearse.css"));
});

on_every_backend!(unknown_paths_get_the_404_page_with_status_404, |app| {
    for path in [
        "/no-such-page",
        "/roles/definitely/not/here",
        "/pkg/nothing.js",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let html = app.get("/no-such-page").await.text().await.unwrap();
    assert!(
        html.contains("<title>Page not found · Rehearse</title>"),
        "{html}"
    );
    assert!(html.contains("We could not find that."));
    assert!(html.contains(r#"href="/""#));
    assert!(html.contains(r#"<meta name="description""#));
});

on_every_backend!(favicon_is_served, |app| {
    let response = app.get("/favicon.ico").await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.len() > 100, "favicon has {} bytes", bytes.len());
});

on_every_backend!(pages_are_compressed_for_clients_that_accept_it, |app| {
    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get(CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            Some(encoding)
        );
    }
});

/// Building another router (as a second instance in the same process, or a
/// test, does) while pages are rendering must not stall those pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_routers_while_pages_render_never_stalls_a_page() {
    let app = common::spawn_app(rehearse::config::DatabaseKind::Sqlite).await;
    let builders = std::thread::spawn(|| {
        for _ in 0..40 {
            let settings = rehearse::config::ServeSettings::local(
                "127.0.0.1:0".parse().unwrap(),
                common::site_root(),
            );
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let test_db = common::TestDb::new(rehearse::config::DatabaseKind::Sqlite).await;
                let db = rehearse::db::connect(&test_db.url).await.unwrap();
                let _ = std::hint::black_box(rehearse::http::router(
                    rehearse::state::AppState::with_offline(db, &settings, common::offline_coach()),
                ));
            });
        }
    });
    for _ in 0..40 {
        let page = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            app.get("/").await.text().await.unwrap()
        })
        .await
        .expect("the page finished rendering");
        assert!(page.contains("Popular roles"));
    }
    builders.join().unwrap();
}

on_every_backend!(every_response_says_what_a_browser_may_do_with_it, |app| {
    let session = common::signup(app, "sam@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        serde_json::json!({"role": "backend-engineer", "count": 5}),
    )
    .await;
    for (path, private) in [
        ("/".to_string(), false),
        (format!("/s/{slug}"), false),
        ("/api/v1/roles".to_string(), false),
        ("/me".to_string(), true),
        ("/me/settings".to_string(), true),
        (format!("/practice/{slug}"), true),
        (format!("/practice/{slug}/export.md"), true),
        ("/api/v1/me".to_string(), true),
        ("/api/v1/me/export".to_string(), true),
        ("/api/practice/dashboard".to_string(), true),
        ("/no-such-page".to_string(), false),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header("cookie", &session)
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(
            headers["cross-origin-opener-policy"], "same-origin",
            "{path}"
        );
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        // Plain-HTTP tests: no HSTS, which would pin a local server to TLS.
        assert!(headers.get("strict-transport-security").is_none(), "{path}");
        if private {
            assert_eq!(headers["cache-control"], "no-store", "{path}");
        }
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let html = headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html");
        let body = response.text().await.unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        if html {
            for directive in ["base-uri 'self'", "form-action 'self'", "object-src 'none'"] {
                assert!(policy.contains(directive), "{path}: {policy}");
            }
            // Every script carries this response's nonce (data blocks run
            // nothing and need none), and nothing is styled inline.
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
            let scripts: Vec<&str> = body.split("<script").skip(1).collect();
            assert!(!scripts.is_empty(), "{path}");
            for script in scripts {
                let tag = script.split('>').next().unwrap();
                assert!(
                    tag.contains(&format!("nonce=\"{nonce}\""))
                        || tag.contains("application/ld+json"),
                    "{path}: <script{tag}>"
                );
            }
            assert!(!body.contains(" style=\""), "{path}");
        } else {
            assert!(policy.starts_with("default-src 'none'"), "{path}: {policy}");
        }
    }
});
