use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>
                    "Rehearse " {env!("CARGO_PKG_VERSION")}
                    " · free, open-source interview practice you can host yourself."
                </p>
                <p class="muted">"Your data stays on the server you run."</p>
            </div>
            <Interactive />
        </footer>
    }
}

/// The last island on every page. The browser hydrates islands in page
/// order, waiting for each one whose code loads on demand, so when this one
/// runs every part of the page above it is interactive; it says so on
/// `<html data-interactive>`.
#[island]
fn Interactive() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = super::dom::root() {
            let _ = root.set_attribute("data-interactive", "");
        }
    });
}
