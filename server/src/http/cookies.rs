//! The cookies this server sets, with the attributes each needs.

use app::api::port::Requester;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use crate::config::ServeSettings;

/// The anonymous claim token: lets the browser that made a set delete it.
const CLAIM: &str = "rehearse-claim";
/// A year: the claim outlives any session.
const CLAIM_MAX_AGE: u64 = 365 * 24 * 3600;
/// The login session.
const SESSION: &str = "rehearse-session";

fn name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// The value of cookie `base` in the request, under its secure or plain name.
fn read(headers: &HeaderMap, base: &str, secure: bool) -> Option<String> {
    let wanted = name(base, secure);
    super::headers::items(headers, header::COOKIE, ';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == wanted)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn read_claim(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, CLAIM, secure)
}

pub fn read_session(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, SESSION, secure)
}

/// `Set-Cookie` for cookie `base`: host-only, for the whole site, out of
/// scripts' reach, sent on top-level navigations from other sites but not on
/// their subrequests or posts.
fn set(base: &str, value: &str, max_age: u64, secure: bool) -> HeaderValue {
    let secure_attr = if secure { "; Secure" } else { "" };
    let value = format!(
        "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure_attr}",
        name(base, secure)
    );
    // Built from a hex token and fixed text, so always a valid header.
    HeaderValue::from_str(&value).expect("cookie header is ASCII")
}

fn claim(token: &str, secure: bool) -> HeaderValue {
    set(CLAIM, token, CLAIM_MAX_AGE, secure)
}

/// Gives the browser its new claim token, when it was given one.
pub fn with_claim(
    mut response: Response,
    token: Option<String>,
    settings: &ServeSettings,
) -> Response {
    if let Some(token) = token {
        response
            .headers_mut()
            .append(header::SET_COOKIE, claim(&token, settings.secure_cookies()));
    }
    response
}

/// A new claim token for an anonymous browser that has none, set on the
/// requester so that what it makes is claimed by it.
pub fn claim_for(requester: &mut Requester) -> Option<String> {
    let fresh = requester.user.is_none() && requester.claim_token.is_none();
    let token = fresh.then(crate::auth::tokens::new_secret)?;
    requester.claim_token = Some(token.clone());
    Some(token)
}

/// Forgets the claim: its sets now belong to an account.
fn clear_claim(secure: bool) -> HeaderValue {
    set(CLAIM, "", 0, secure)
}

fn session(token: &str, secure: bool) -> HeaderValue {
    set(
        SESSION,
        token,
        crate::services::accounts::ABSOLUTE_EXPIRY
            .num_seconds()
            .max(0) as u64,
        secure,
    )
}

fn clear_session(secure: bool) -> HeaderValue {
    set(SESSION, "", 0, secure)
}

/// `response` with the new session's cookie, and the claim cookie cleared
/// when the requester had one: its sets moved into the account.
pub fn with_session(
    mut response: Response,
    token: &str,
    requester: &app::api::port::Requester,
    settings: &ServeSettings,
) -> Response {
    let secure = settings.secure_cookies();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, session(token, secure));
    if requester.claim_token.is_some() {
        headers.append(header::SET_COOKIE, clear_claim(secure));
    }
    response
}

/// `response` telling the browser to forget its session.
pub fn without_session(mut response: Response, settings: &ServeSettings) -> Response {
    let secure = settings.secure_cookies();
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_session(secure));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_cookies_round_trip_under_the_right_name() {
        for secure in [false, true] {
            let set = claim("abc123", secure).to_str().unwrap().to_string();
            let pair = set.split(';').next().unwrap();
            let mut headers = HeaderMap::new();
            headers.insert(
                header::COOKIE,
                HeaderValue::from_str(&format!("other=1; {pair}")).unwrap(),
            );
            assert_eq!(read_claim(&headers, secure).as_deref(), Some("abc123"));
            assert_eq!(read_claim(&headers, !secure), None);
            assert_eq!(set.contains("__Host-"), secure);
            assert_eq!(set.contains("; Secure"), secure);
            assert!(
                set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/")
            );
        }
    }

    #[test]
    fn malformed_claims_are_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("rehearse-claim=<script>"),
        );
        assert_eq!(read_claim(&headers, false), None);
    }
}
