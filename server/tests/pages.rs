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
