use leptos::prelude::*;

use super::{ThemeToggle, use_viewer};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/" aria-label="Rehearse home">
                    <span class="brand__mark" aria-hidden="true">
                        "R"
                    </span>
                    <span class="brand__name">"Rehearse"</span>
                </a>
                <nav class="site-nav" aria-label="Account">
                    {match viewer {
                        Some(viewer) => {
                            view! {
                                <span class="site-nav__who" title=viewer.email.clone()>
                                    {viewer.name().to_string()}
                                </span>
                                <a href="/me">"Your practice"</a>
                                <a href="/me/settings" rel="external">"Settings"</a>
                                <form class="site-nav__logout" method="post" action="/logout">
                                    <button class="link-button" type="submit">"Log out"</button>
                                </form>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <a href="/login" rel="external">"Log in"</a>
                                <a class="button button--small" href="/signup" rel="external">"Sign up"</a>
                            }
                                .into_any()
                        }
                    }}
                </nav>
                <ThemeToggle />
            </div>
        </header>
    }
}
