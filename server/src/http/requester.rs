//! Works out who is asking, once per request, for handlers and server
//! functions alike.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use app::api::port::Requester;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::cookies;
use crate::state::AppState;

pub async fn attach(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let headers = request.headers();
    let ip = state.settings.trust_proxy.client(
        peer,
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok()),
    );
    let secure = state.settings.secure_cookies();
    let claim_token = cookies::read_claim(headers, secure);
    let base_url = base_url(&state, headers);
    let session = match cookies::read_session(headers, secure) {
        Some(token) => state.ports.accounts.session(&token).await,
        None => None,
    };
    let (user, session) = session.map_or((None, None), |(v, s)| (Some(v), Some(s)));
    // Pages under /me and practice need an account: send the visitor to
    // log in and back.
    let path = request.uri().path();
    if user.is_none()
        && request.method() == Method::GET
        && (path == "/me" || path.starts_with("/me/") || path.starts_with("/practice/"))
    {
        let back = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let to: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &back)
            .finish();
        return Redirect::to(&format!("/login?{to}")).into_response();
    }
    let requester = Requester {
        ip,
        claim_token,
        base_url,
        user,
        session,
    };
    request.extensions_mut().insert(requester);
    next.run(request).await
}

fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.settings.public_url {
        return url.as_str().trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .map_or_else(|| state.settings.addr.to_string(), str::to_string);
    format!("http://{host}")
}
