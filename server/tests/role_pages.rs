//! The role library's pages, as crawlers and people without JavaScript see
//! them.

mod common;

use reqwest::StatusCode;

/// The contents of every `<script type="application/ld+json">` in a page.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let json = rest.split("</script>").next().unwrap();
            serde_json::from_str(json).unwrap_or_else(|e| panic!("invalid JSON-LD {e}: {json}"))
        })
        .collect()
}

on_every_backend!(
    every_role_page_renders_its_sections_and_valid_faq_json_ld,
    |app| {
        let library = common::library();
        for role in library.roles() {
            let path = format!("/roles/{}", role.slug);
            let response = app.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let page = response.text().await.unwrap();
            for section in [
                "What the interviews focus on",
                "How to prepare",
                "Sample questions",
                "Frequently asked questions",
                "Related roles",
            ] {
                assert!(page.contains(section), "{path} lacks {section}");
            }
            for area in &role.focus_areas {
                assert!(page.contains(&escape(&area.name)), "{path}: {}", area.name);
            }
            // The generator, with the role filled in.
            assert!(page.contains(&format!("action=\"{path}\"")), "{path}");
            assert!(
                page.contains(&format!("value=\"{}\"", escape(&role.title))),
                "{path}"
            );
            assert!(page.contains(&format!(
                "href=\"http://{}{path}\" rel=\"canonical\"",
                app.address
            )));
            assert!(page.contains("property=\"og:description\""));

            let blocks = json_ld(&page);
            assert_eq!(blocks.len(), 1, "{path}");
            let faq = &blocks[0];
            assert_eq!(faq["@type"], "FAQPage");
            let entities = faq["mainEntity"].as_array().unwrap();
            assert_eq!(entities.len(), role.faq.len(), "{path}");
            for (entity, entry) in entities.iter().zip(&role.faq) {
                assert_eq!(entity["@type"], "Question");
                assert_eq!(entity["name"], entry.question.as_str());
                assert_eq!(entity["acceptedAnswer"]["text"], entry.answer.as_str());
            }
        }
    }
);

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

on_every_backend!(
    the_role_index_lists_every_role_and_filters_without_javascript,
    |app| {
        let page = app.get("/roles").await.text().await.unwrap();
        for role in common::library().roles() {
            assert!(
                page.contains(&format!("href=\"/roles/{}\"", role.slug)),
                "{}",
                role.slug
            );
        }
        // A filter hides the roles it does not match; the page keeps them
        // so that clearing the filter in the browser brings them back.
        let filtered = app.get("/roles?q=reliability").await.text().await.unwrap();
        let card = |slug: &str| {
            let link = filtered
                .find(&format!("href=\"/roles/{slug}\""))
                .unwrap_or_else(|| panic!("{slug} is on the page"));
            let start = filtered[..link].rfind("<li").unwrap();
            filtered[start..link].to_string()
        };
        assert!(
            !card("devops-sre").contains("hidden"),
            "{}",
            card("devops-sre")
        );
        assert!(
            card("product-designer").contains("hidden"),
            "{}",
            card("product-designer")
        );
    }
);

on_every_backend!(an_unknown_role_is_the_404_page, |app| {
    let response = app.get("/roles/astronaut").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("We could not find that.")
    );
});

on_every_backend!(the_home_page_has_the_generator_and_popular_roles, |app| {
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("action=\"/\""));
    assert!(page.contains("id=\"gen-role-options\""));
    assert!(page.contains("href=\"/roles/backend-engineer\""));
    assert!(page.contains("Browse all 16 roles"));
});

on_every_backend!(crawlers_get_a_sitemap_and_robots_file, |app| {
    let sitemap = app.get("/sitemap.xml").await;
    assert_eq!(sitemap.status(), StatusCode::OK);
    assert!(
        sitemap.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("xml")
    );
    let body = sitemap.text().await.unwrap();
    for role in common::library().roles() {
        assert!(body.contains(&format!("http://{}/roles/{}</loc>", app.address, role.slug)));
    }
    let robots = app.get("/robots.txt").await.text().await.unwrap();
    assert!(robots.contains("Disallow: /api/"));
    // Share pages are crawlable, so that a crawler can read the noindex of
    // every set its owner has not listed.
    assert!(!robots.contains("/s/"));
    // Pages behind a login send crawlers to it; blocking them as well would
    // only mark them uncrawlable.
    assert!(!robots.contains("/practice") && !robots.contains("/me"));
    let dashboard = app.get("/me").await;
    assert!(
        dashboard.status().is_redirection(),
        "{}",
        dashboard.status()
    );
    assert!(robots.contains(&format!("Sitemap: http://{}/sitemap.xml", app.address)));
});
