//! Headers every response carries: what a browser may do with the page,
//! and, for an account's own pages and data, that nothing keeps a copy.
//!
//! Each request gets a fresh nonce here. The renderer is handed it (see
//! [`provide_page_nonce`]) for the scripts it writes, and a page (any
//! HTML response) goes out with the policy that lets exactly those run.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The items of a list-valued request header (`Accept-Encoding`,
/// `If-None-Match`, `Cookie`) across all its lines, split at `separator`
/// and trimmed. Lines that are not visible ASCII are skipped.
pub fn items(headers: &HeaderMap, name: HeaderName, separator: char) -> impl Iterator<Item = &str> {
    headers
        .get_all(name)
        .into_iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(move |v| v.split(separator))
        .map(str::trim)
}

/// Paths whose responses hold an account's data: its pages, its practice,
/// its exports and the JSON routes that return them.
pub fn is_private(path: &str) -> bool {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    under("/me")
        || under("/practice")
        || under("/api/v1/me")
        || under("/api/v1/assessments")
        || under("/api/v1/auth")
        || under("/api/practice")
        || under("/api/sets/private")
        || path.ends_with("/private")
        || path.ends_with(".csv")
        || path.ends_with(".md")
}

tokio::task_local! {
    /// The nonce of the request being served, for the renderer.
    static PAGE_NONCE: String;
}

/// Gives the page being rendered the nonce its response's policy names.
/// Call it from the renderer's context, after the defaults are provided.
pub fn provide_page_nonce() {
    if let Ok(nonce) = PAGE_NONCE.try_with(Clone::clone) {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

pub async fn secure(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let private = is_private(request.uri().path());
    // 128 random bits, hex-encoded: a valid nonce in a policy and in HTML.
    let nonce = hex::encode(crate::auth::tokens::random_bytes::<16>());
    let mut response = PAGE_NONCE.scope(nonce.clone(), next.run(request)).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    // A page may run the scripts that carry its nonce; anything else
    // (JSON, files, redirects) may load and run nothing.
    let policy = if is_html(headers) {
        HeaderValue::from_str(&app::content_security_policy(&nonce))
            .expect("a hex nonce makes a valid header")
    } else {
        HeaderValue::from_static(
            "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    // For browsers older than CSP's frame-ancestors.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.settings.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_private;

    #[test]
    fn an_accounts_pages_and_data_are_private() {
        for path in [
            "/me",
            "/me/settings",
            "/practice/abc",
            "/practice/abc/export.md",
            "/s/abc/questions.csv",
            "/api/v1/me",
            "/api/v1/me/export",
            "/api/v1/assessments/3/feedback",
            "/api/v1/auth/login",
            "/api/practice/dashboard",
            "/api/practice/get",
            "/s/abc/private",
            "/api/v1/question-sets/abc/private",
            "/api/sets/private",
        ] {
            assert!(is_private(path), "{path}");
        }
        for path in [
            "/",
            "/roles/backend-engineer",
            "/s/abc",
            "/api/v1/roles",
            "/mentor",
            "/pkg/app.js",
        ] {
            assert!(!is_private(path), "{path}");
        }
    }
}
