use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::list_roles;
use crate::components::{ErrorView, PageMeta, RoleCard};
use crate::model::RoleSummary;

/// What the filter searches for a role: its title, aliases and focus
/// areas, lower-cased, one per line.
fn search_text(role: &RoleSummary) -> String {
    std::iter::once(&role.title)
        .chain(&role.aliases)
        .chain(&role.focus_areas)
        .map(|text| text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a role's [`search_text`] matches what was typed. A filter has
/// no line break, so it never matches across two names.
fn matches(search: &str, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty() || search.contains(&filter)
}

fn count_label(n: usize) -> String {
    if n == 1 {
        "1 role".to_string()
    } else {
        format!("{n} roles")
    }
}

/// The role library. The filter is a GET form, so it works without
/// JavaScript; once the page is interactive it filters as you type.
#[component]
pub fn RolesIndexPage() -> impl IntoView {
    let roles = Resource::new(|| (), |_| list_roles());
    let filter = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();

    view! {
        <PageMeta
            title="Interview questions by role"
            description="Browse Rehearse's role library: what interviews for each role focus on, how to prepare, and sample questions."
            path="/roles"
        />
        <h1>"Roles"</h1>
        <p class="lead">
            "What interviews for each role focus on, how to prepare, and questions to practise."
        </p>
        <Suspense fallback=|| view! { <p class="muted">"Loading roles…"</p> }>
            {move || {
                roles
                    .get()
                    .map(|result| match result {
                        Ok(roles) => {
                            let cards = roles
                                .into_iter()
                                .map(|role| {
                                    let search = search_text(&role);
                                    (matches(&search, &filter), role, search)
                                })
                                .collect::<Vec<_>>();
                            let shown = cards.iter().filter(|(shown, ..)| *shown).count();
                            provide_context(FilterStart { filter: filter.clone(), shown });
                            view! {
                                <RoleFilter />
                                <ul class="role-grid">
                                    {cards
                                        .into_iter()
                                        .map(|(shown, role, search)| view! { <RoleCard role search hidden=!shown /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// What the server renders [`RoleFilter`] with.
#[derive(Clone)]
struct FilterStart {
    filter: String,
    shown: usize,
}

/// The filter box and how many roles it shows. The filter is a GET form,
/// so it works without JavaScript; once the page is interactive it hides
/// the cards that do not match as you type. It takes no props: the server
/// renders it with the filter in force, and the browser reads the cards.
#[island(lazy)]
fn RoleFilter() -> impl IntoView {
    let start = use_context::<FilterStart>();
    let filter = start.as_ref().map(|s| s.filter.clone()).unwrap_or_default();
    let shown = RwSignal::new(start.map_or(0, |s| s.shown));
    let apply = move |filter: String| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(cards) = crate::components::dom::document()
                .and_then(|d| d.query_selector_all(".role-grid > [data-search]").ok())
            else {
                return;
            };
            let mut count = 0;
            for i in 0..cards.length() {
                let Some(card) = cards
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                else {
                    continue;
                };
                let search = card.get_attribute("data-search").unwrap_or_default();
                let show = matches(&search, &filter);
                card.set_hidden(!show);
                count += usize::from(show);
            }
            shown.set(count);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = filter;
    };
    view! {
        <form class="filter" method="get" action="/roles" role="search">
            <label for="role-filter">"Filter roles"</label>
            <input
                id="role-filter"
                name="q"
                type="search"
                maxlength="100"
                placeholder="e.g. data, design, SRE"
                value=filter
                on:input=move |ev| apply(event_target_value(&ev))
            />
            <button class="button button--secondary" type="submit">"Filter"</button>
        </form>
        <p class="muted" aria-live="polite">{move || count_label(shown.get())}</p>
    }
}
