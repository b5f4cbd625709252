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
        </footer>
    }
}
