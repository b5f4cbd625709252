//! Who is logged in, shared from the server's render to the browser, and
//! what an account form needs to show itself again after a problem.

use leptos::prelude::*;
use leptos::server::SharedValue;
use serde::{Deserialize, Serialize};

use crate::model::{AppError, Viewer};

/// The logged-in account for this page, or `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentViewer(pub Option<Viewer>);

/// Provides [`CurrentViewer`], read on the server and carried to the browser
/// with the page.
pub fn provide_viewer() {
    let viewer = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            crate::api::port::Requester::current()
                .ok()
                .and_then(|r| r.user)
        }
        #[cfg(not(feature = "ssr"))]
        {
            None::<Viewer>
        }
    })
    .into_inner();
    provide_context(CurrentViewer(viewer));
}

pub fn use_viewer() -> Option<Viewer> {
    use_context::<CurrentViewer>().and_then(|v| v.0)
}

/// What was typed into an account form (never a password) and what was
/// wrong, when the server shows the form again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEcho {
    /// Which form: `signup`, `login`, `password`, `delete`, `retention` or
    /// `practice`.
    pub form: String,
    pub email: String,
    pub display_name: Option<String>,
    pub error: AppError,
}

/// The echo for `form`, if the server is showing that form again.
pub fn use_echo(form: &str) -> Option<AccountEcho> {
    SharedValue::new(use_context::<AccountEcho>)
        .into_inner()
        .filter(|e| e.form == form)
}

/// Only a path on this site is a place to go back to after logging in: it
/// starts with one `/`, and every byte is printable ASCII other than a
/// space or a backslash. Browsers drop tabs and line breaks from a
/// `Location` and read `\` as `/`, so `/<tab>/evil.example` would leave the
/// site; percent-encoded, such bytes are harmless and pass.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.len() <= 512
            && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
    })
    .unwrap_or_else(|| "/".to_string())
}
