//! Who is logged in, for the server's render of a page, and what an
//! account form needs to show itself again after a problem.

use leptos::prelude::*;

use crate::model::{AccountEcho, Viewer};

/// The logged-in account for this page, or `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentViewer(pub Option<Viewer>);

/// Provides [`CurrentViewer`] while the server renders a page. The browser
/// never renders whole pages: an island that needs the viewer takes it as a
/// prop.
pub fn provide_viewer() {
    #[cfg(feature = "ssr")]
    let viewer = crate::api::port::Requester::current()
        .ok()
        .and_then(|r| r.user);
    #[cfg(not(feature = "ssr"))]
    let viewer = None::<Viewer>;
    provide_context(CurrentViewer(viewer));
}

pub fn use_viewer() -> Option<Viewer> {
    use_context::<CurrentViewer>().and_then(|v| v.0)
}

/// The echo for `form`, if the server is showing that form again.
pub fn use_echo(form: &str) -> Option<AccountEcho> {
    use_context::<AccountEcho>().filter(|e| e.form == form)
}

/// What an account form shows again after a refusal: the email and name
/// that were typed, and the errors. All empty on a fresh page.
pub struct Echoed {
    pub email: String,
    pub display_name: String,
    pub errors: super::FormErrors,
}

pub fn use_echoed(form: &str) -> Echoed {
    let echo = use_echo(form);
    Echoed {
        email: echo.as_ref().map(|e| e.email.clone()).unwrap_or_default(),
        display_name: echo
            .as_ref()
            .and_then(|e| e.display_name.clone())
            .unwrap_or_default(),
        errors: super::FormErrors::new(echo.map(|e| e.error)),
    }
}
