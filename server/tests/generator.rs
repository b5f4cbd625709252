//! The anonymous generator end to end over HTTP: the form, the share page,
//! deleting, limits and hostile input.

mod common;

use reqwest::StatusCode;
use reqwest::header::{LOCATION, RETRY_AFTER, SET_COOKIE};

use common::{TestApp, html};

const BACKEND_JD: &str = include_str!("fixtures/jd/backend-payments.txt");

/// Posts the home page's generator form; returns the response without
/// following it.
async fn post_form(
    app: &TestApp,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> reqwest::Response {
    post_form_to(app, "/", fields, cookie).await
}

/// Posts the generator form on the page at `path`.
async fn post_form_to(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app.client.post(app.url(path)).form(fields);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("request reaches the server")
}

fn claim_cookie(response: &reqwest::Response) -> String {
    common::cookie(response, "rehearse-claim").expect("a claim cookie")
}

on_every_backend!(
    the_form_makes_a_set_and_redirects_to_its_share_page,
    |app| {
        let response = post_form(app, &[("role", "Backend Engineer"), ("count", "8")], None).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{:?}", app.kind);
        let location = response.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(location.starts_with("/s/"), "{location}");
        let cookie = claim_cookie(&response);
        assert!(cookie.starts_with("rehearse-claim="), "{cookie}");

        let (status, page) = html(app, &location, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Mid-level Backend Engineer interview questions"));
        assert_eq!(page.matches("class=\"question card\"").count(), 8);
        assert!(page.contains("What a strong answer covers"));
        assert!(page.contains("Focus area"));
        assert!(page.contains("Copy link"));
        assert!(page.contains(&format!("http://{}{location}", app.address)));
        assert!(page.contains(r#"property="og:title""#));
        // Only the browser that made it may delete it.
        assert!(!page.contains("Delete this set"));
        let (_, own) = html(app, &location, Some(&cookie)).await;
        assert!(own.contains("Delete this set"));
    }
);

on_every_backend!(the_creator_can_delete_a_set_and_nobody_else_can, |app| {
    let made = post_form(app, &[("role", "data-analyst")], None).await;
    let location = made.headers()[LOCATION].to_str().unwrap().to_string();
    let cookie = claim_cookie(&made);
    let delete = format!("{location}/delete");

    let stranger = app.client.post(app.url(&delete)).send().await.unwrap();
    assert_eq!(stranger.status(), StatusCode::SEE_OTHER);
    let back = stranger.headers()[LOCATION].to_str().unwrap().to_string();
    assert_eq!(back, format!("{location}?error=forbidden"));
    assert!(
        html(app, &back, None)
            .await
            .1
            .contains("Only the account or browser that made this set can delete it.")
    );
    let other_browser = app
        .client
        .post(app.url(&delete))
        .header("cookie", "rehearse-claim=00ff00ff")
        .send()
        .await
        .unwrap();
    assert_eq!(other_browser.status(), StatusCode::SEE_OTHER);
    assert!(
        other_browser.headers()[LOCATION]
            .to_str()
            .unwrap()
            .ends_with("?error=forbidden")
    );
    assert_eq!(html(app, &location, None).await.0, StatusCode::OK);

    let owner = app
        .client
        .post(app.url(&delete))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::SEE_OTHER);
    let (status, page) = html(app, &location, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("We could not find that."));
});

/// Lists or unlists a set through the JSON API as `cookie`.
async fn put_listing(
    app: &TestApp,
    slug: &str,
    cookie: Option<&str>,
    body: serde_json::Value,
) -> reqwest::Response {
    let mut request = app
        .client
        .put(app.url(&format!("/api/v1/question-sets/{slug}/listing")))
        .json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

const NOINDEX: &str = r#"name="robots" content="noindex""#;

on_every_backend!(
    only_the_owning_account_lists_a_set_for_search_engines,
    |app| {
        let owner = common::signup(app, "lister@example.org").await;
        let slug = common::make_set(
            app,
            &owner,
            serde_json::json!({"role": "backend-engineer", "count": 5}),
        )
        .await;
        let page = format!("/s/{slug}");
        let in_sitemap = || async {
            let map = app.get("/sitemap.xml").await.text().await.unwrap();
            map.contains(&format!("http://{}/s/{slug}</loc><lastmod>", app.address))
        };

        // A new set is reached by its link only: it asks not to be indexed
        // and is not in the sitemap.
        let (_, seen) = html(app, &page, None).await;
        assert!(seen.contains(NOINDEX));
        assert!(!seen.contains("List it for search engines"));
        assert!(!in_sitemap().await);
        let (_, own) = html(app, &page, Some(&owner)).await;
        assert!(own.contains("List it for search engines") && own.contains(NOINDEX));

        // Nobody else may list it: not another account, not a visitor.
        let stranger = common::signup(app, "stranger@example.org").await;
        let refused = common::post_form(
            app,
            &format!("{page}/listing"),
            &stranger,
            &[("listed", "1")],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        let back = refused.headers()[LOCATION].to_str().unwrap().to_string();
        assert_eq!(back, format!("{page}?listing=forbidden"));
        assert!(
            html(app, &back, Some(&stranger))
                .await
                .1
                .contains("Only the account that owns this set can list it.")
        );
        let listed = serde_json::json!({"listed": true});
        assert_eq!(
            put_listing(app, &slug, Some(&stranger), listed.clone())
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            put_listing(app, &slug, None, listed.clone()).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            put_listing(app, "nosuchsetnosuchset00", Some(&owner), listed.clone())
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert!(
            put_listing(
                app,
                &slug,
                Some(&owner),
                serde_json::json!({"listed": "yes"})
            )
            .await
            .status()
            .is_client_error()
        );
        assert!(html(app, &page, None).await.1.contains(NOINDEX));

        // An anonymous maker can delete its set but not list it.
        let made = post_form(app, &[("role", "data-analyst")], None).await;
        let anonymous = made.headers()[LOCATION].to_str().unwrap().to_string();
        let claim = claim_cookie(&made);
        let (_, theirs) = html(app, &anonymous, Some(&claim)).await;
        assert!(
            theirs.contains("Delete this set") && !theirs.contains("List it for search engines")
        );
        let tried = common::post_form(
            app,
            &format!("{anonymous}/listing"),
            &claim,
            &[("listed", "1")],
        )
        .await;
        assert!(
            tried.headers()[LOCATION]
                .to_str()
                .unwrap()
                .ends_with("?listing=forbidden")
        );

        // The owner lists it with the page's form: indexable, and in the
        // sitemap.
        let done =
            common::post_form(app, &format!("{page}/listing"), &owner, &[("listed", "1")]).await;
        assert_eq!(
            done.headers()[LOCATION].to_str().unwrap(),
            format!("{page}?listing=listed")
        );
        let (_, now) = html(app, &format!("{page}?listing=listed"), Some(&owner)).await;
        assert!(
            now.contains("Listed. Search engines may now find this set.")
                && now.contains("Unlist it")
        );
        assert!(!html(app, &page, None).await.1.contains(NOINDEX));
        assert!(in_sitemap().await);
        let api: serde_json::Value = app
            .get(&format!("/api/v1/question-sets/{slug}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["listed"], true);

        // And unlists it through the API.
        let unlisted = put_listing(
            app,
            &slug,
            Some(&owner),
            serde_json::json!({"listed": false}),
        )
        .await;
        assert_eq!(unlisted.status(), StatusCode::OK);
        assert_eq!(
            unlisted.json::<serde_json::Value>().await.unwrap()["listed"],
            false
        );
        assert!(html(app, &page, None).await.1.contains(NOINDEX));
        assert!(!in_sitemap().await);
    }
);

on_every_backend!(a_second_set_from_the_same_browser_keeps_its_claim, |app| {
    let first = post_form(app, &[("role", "data-analyst")], None).await;
    let cookie = claim_cookie(&first);
    let second = post_form(app, &[("role", "product-manager")], Some(&cookie)).await;
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    assert!(second.headers().get(SET_COOKIE).is_none());
    let location = second.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        html(app, &location, Some(&cookie))
            .await
            .1
            .contains("Delete this set")
    );
});

on_every_backend!(
    a_set_from_a_job_description_quotes_it_but_never_shows_it,
    |app| {
        let response = post_form(
            app,
            &[("job_description", BACKEND_JD), ("count", "12")],
            None,
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let location = response.headers()[LOCATION].to_str().unwrap().to_string();
        let (_, page) = html(app, &location, None).await;
        assert!(page.contains("Interview questions: Senior Backend Engineer, Payments Platform"));
        assert!(page.contains("From the job description"));
        assert!(page.contains("Matched this job description to the Backend Engineer role."));
        assert!(!page.contains(BACKEND_JD));
        // Lines about the company and its perks are never quoted.
        assert!(!page.contains("Tallyworks builds invoicing"));
        assert!(!page.contains("Four-day weeks in August"));
        // The generator says exactly this before anything is pasted.
        let (_, home) = html(app, "/", None).await;
        assert!(home.contains(
            "Anyone with the set&#x27;s link sees the posting&#x27;s title line and the lines its questions quote; never the rest."
        ) || home.contains(
            "Anyone with the set's link sees the posting's title line and the lines its questions quote; never the rest."
        ));
    }
);

on_every_backend!(
    bad_input_shows_the_form_again_with_errors_and_nothing_lost,
    |app| {
        let long = "x".repeat(20_001);
        let cases: [(&[(&str, &str)], &str); 4] = [
            (
                &[("job_description", "   \n  ")],
                "The job description is empty.",
            ),
            (
                &[("job_description", &long)],
                "The job description is too long",
            ),
            (
                &[("role", "Astronaut"), ("count", "8")],
                "There is no role called",
            ),
            (
                &[("role", "backend-engineer"), ("count", "50")],
                "Choose between 5 and 20 questions.",
            ),
        ];
        for (fields, message) in cases {
            let response = post_form(app, fields, None).await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{message}"
            );
            let page = response.text().await.unwrap();
            assert!(page.contains(message), "{message}");
            assert!(page.contains("aria-invalid=\"true\""), "{message}");
        }
        // What was typed comes back in the form.
        let response = post_form(
            app,
            &[("role", "Astronaut"), ("job_description", "Build rockets")],
            None,
        )
        .await;
        let page = response.text().await.unwrap();
        assert!(page.contains("value=\"Astronaut\""));
        assert!(page.contains(">Build rockets</textarea>"));
    }
);

on_every_backend!(a_role_page_form_error_comes_back_on_the_role_page, |app| {
    let response = post_form_to(
        app,
        "/roles/frontend-engineer",
        &[("role", "Frontend Engineer"), ("count", "99")],
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Frontend Engineer interviews"));
    assert!(page.contains("Choose between 5 and 20 questions."));
    assert!(page.contains("action=\"/roles/frontend-engineer\""));

    // A role page's form makes a set like the home page's does.
    let made = post_form_to(
        app,
        "/roles/frontend-engineer",
        &[("role", "Frontend Engineer")],
        None,
    )
    .await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
});

on_every_backend!(html_in_any_field_is_shown_as_text, |app| {
    let script = "<script>alert('x')</script>";
    let img = "<img src=x onerror=alert(1)>";
    // Echoed back in an error, including an attempt to close the text box.
    let breakout = format!("{img}</textarea><b id=pwned>x</b>");
    let response = post_form(
        app,
        &[("role", script), ("job_description", &breakout)],
        None,
    )
    .await;
    let page = response.text().await.unwrap();
    assert!(!page.contains(script) && !page.contains(img));
    assert!(!page.contains("<b id=pwned>"));
    assert!(page.contains("&lt;script&gt;") || page.contains("&lt;script>"));

    // Quoted from a job description onto the share page.
    let jd = format!(
        "Backend Engineer {img}\nWhat you'll do\n- Design and build the APIs {img} for our payment partners\n- Own the Postgres schema {script} and its migrations\n"
    );
    let response = post_form(
        app,
        &[("job_description", &jd), ("role", "backend-engineer")],
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[LOCATION].to_str().unwrap().to_string();
    let (_, page) = html(app, &location, None).await;
    assert!(page.contains("From the job description"));
    assert!(
        !page.contains(script) && !page.contains(img),
        "raw markup on the share page"
    );
});

on_every_backend!(an_unknown_or_malformed_share_link_is_a_404_page, |app| {
    for path in ["/s/aaaaaaaaaaaaaaa", "/s/not-a-slug", "/s/%3Cscript%3E"] {
        let (status, page) = html(app, path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.contains("We could not find that."), "{path}");
    }
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_generation_is_rate_limited_per_address() {
    for kind in common::backends() {
        let app = common::spawn_app_with(kind, |s| s.generate_limit = 2).await;
        for _ in 0..2 {
            let ok = post_form(&app, &[("role", "backend-engineer")], None).await;
            assert_eq!(ok.status(), StatusCode::SEE_OTHER, "{kind:?}");
        }
        let limited = post_form(&app, &[("role", "backend-engineer")], None).await;
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "{kind:?}");
        let retry: u64 = limited.headers()[RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=3600).contains(&retry));
        let page = limited.text().await.unwrap();
        assert!(page.contains("Too many requests. Please try again in"));

        let api = app
            .client
            .post(app.url("/api/v1/question-sets"))
            .json(&serde_json::json!({ "role": "backend-engineer" }))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(api.headers().contains_key(RETRY_AFTER));
        let body: serde_json::Value = api.json().await.unwrap();
        assert_eq!(body["error"]["code"], "rate_limited");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_forwarded_for_does_not_reset_the_limit() {
    for kind in common::backends() {
        let app = common::spawn_app_with(kind, |s| {
            s.generate_limit = 2;
            s.trust_proxy = rehearse::config::TrustProxy::parse("127.0.0.1").unwrap();
        })
        .await;
        let generate = |forwarded: Vec<String>| {
            let mut request = app
                .client
                .post(app.url("/api/v1/question-sets"))
                .json(&serde_json::json!({ "role": "backend-engineer", "count": 5 }));
            for line in forwarded {
                request = request.header("x-forwarded-for", line);
            }
            async move { request.send().await.unwrap().status() }
        };
        // The client writes whatever it likes on the left; the proxy
        // appends the address it saw, on a line of its own.
        for i in 0..2 {
            let status = generate(vec![format!("10.0.0.{i}"), "198.51.100.7".into()]).await;
            assert_eq!(status, StatusCode::CREATED, "{kind:?}");
        }
        let forged = generate(vec![
            "203.0.113.50, 127.0.0.1".into(),
            "198.51.100.7".into(),
        ])
        .await;
        assert_eq!(forged, StatusCode::TOO_MANY_REQUESTS, "{kind:?}");
        // Another client behind the same proxy has its own allowance.
        let other = generate(vec!["198.51.100.8".into()]).await;
        assert_eq!(other, StatusCode::CREATED, "{kind:?}");
    }
}

on_every_backend!(posts_from_another_site_are_refused, |app| {
    let from_evil = app
        .client
        .post(app.url("/"))
        .header("origin", "https://evil.example")
        .form(&[("role", "backend-engineer")])
        .send()
        .await
        .unwrap();
    assert_eq!(from_evil.status(), StatusCode::FORBIDDEN);
    let cross_site = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .header("sec-fetch-site", "cross-site")
        .json(&serde_json::json!({ "role": "backend-engineer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let same_site = app
        .client
        .post(app.url("/"))
        .header("origin", format!("http://{}", app.address))
        .form(&[("role", "backend-engineer")])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), StatusCode::SEE_OTHER);
});
