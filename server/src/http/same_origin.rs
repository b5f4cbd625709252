//! Refuses state-changing requests that a browser sent from another site.
//!
//! Browsers say where a request comes from in `Sec-Fetch-Site` and `Origin`.
//! A request with neither (a script, curl) cannot carry another site's
//! cookies by accident, so it is let through.

use app::model::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::ApiError;
use crate::state::AppState;

pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && !same_site(request.headers(), state.settings.public_url.as_ref()) {
        tracing::warn!(
            method = %request.method(),
            path = %crate::telemetry::loggable_path(request.uri().path()),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        return ApiError(AppError::Forbidden).into_response();
    }
    next.run(request).await
}

fn same_site(headers: &HeaderMap, public_url: Option<&url::Url>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Ok(origin) = url::Url::parse(origin) else {
        return false;
    };
    let origin_host = match (origin.host_str(), origin.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        (None, _) => return false,
    };
    match public_url {
        Some(public) => {
            origin.scheme() == public.scheme()
                && origin.host_str() == public.host_str()
                && origin.port_or_known_default() == public.port_or_known_default()
        }
        None => headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|host| host.eq_ignore_ascii_case(&origin_host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn browsers_from_this_site_and_scripts_are_allowed() {
        assert!(same_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(same_site(&headers(&[]), None));
        assert!(same_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            None
        ));
        let public = url::Url::parse("https://rehearse.example.org").unwrap();
        assert!(same_site(
            &headers(&[("origin", "https://rehearse.example.org")]),
            Some(&public)
        ));
    }

    #[test]
    fn other_sites_are_refused() {
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            None
        ));
        assert!(!same_site(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            None
        ));
        assert!(!same_site(
            &headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]),
            None
        ));
        let public = url::Url::parse("https://rehearse.example.org").unwrap();
        assert!(!same_site(
            &headers(&[("origin", "http://rehearse.example.org")]),
            Some(&public)
        ));
    }
}
