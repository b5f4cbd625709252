//! `/robots.txt` and `/sitemap.xml`.

use app::api::port::Requester;
use axum::extract::{Extension, State};
use axum::http::header;
use axum::response::IntoResponse;

use crate::state::AppState;

pub async fn robots(Extension(requester): Extension<Requester>) -> impl IntoResponse {
    // Share pages are not disallowed: a crawler that follows a link to one
    // must be able to read its `noindex` (every set its owner has not
    // listed says it), and listed sets are there to be found. The API
    // stays out. Practice pages and the dashboard need an account: a
    // crawler is sent to the login page, so there is nothing of anyone's
    // there to keep out.
    let body = format!(
        "User-agent: *\nDisallow: /api/\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        requester.base_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}

/// The newest listed sets the sitemap names; a sitemap holds at most
/// 50,000 addresses.
const LISTED_IN_SITEMAP: u64 = 10_000;

pub async fn sitemap(
    State(state): State<AppState>,
    Extension(requester): Extension<Requester>,
) -> impl IntoResponse {
    let base = xml_escape(&requester.base_url);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let paths = ["/".to_string(), "/roles".to_string()].into_iter().chain(
        state
            .ports
            .roles
            .list()
            .into_iter()
            .map(|r| format!("/roles/{}", r.slug)),
    );
    for path in paths {
        body.push_str(&format!(
            "  <url><loc>{base}{}</loc></url>\n",
            xml_escape(&path)
        ));
    }
    // A failure to read them leaves them out this time, not the whole map.
    let listed = state.ports.sets.listed(LISTED_IN_SITEMAP).await;
    for set in listed.unwrap_or_default() {
        body.push_str(&format!(
            "  <url><loc>{base}/s/{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&set.slug),
            xml_escape(&set.created_at)
        ));
    }
    body.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
