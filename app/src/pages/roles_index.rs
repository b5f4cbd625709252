use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::list_roles;
use crate::components::{ErrorView, PageMeta, RoleCard};
use crate::model::RoleSummary;

fn matches(role: &RoleSummary, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty()
        || std::iter::once(&role.title)
            .chain(&role.aliases)
            .chain(&role.focus_areas)
            .any(|text| text.to_lowercase().contains(&filter))
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
                        Ok(roles) => view! { <RoleFilter roles initial=filter.clone() /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// The filter box and the roles it matches. The filter is a GET form, so it
/// works without JavaScript; once the page is interactive it filters as you
/// type.
#[island]
fn RoleFilter(roles: Vec<RoleSummary>, initial: String) -> impl IntoView {
    let filter = RwSignal::new(initial);
    let shown = move || {
        roles
            .iter()
            .filter(|r| matches(r, &filter.get()))
            .cloned()
            .collect::<Vec<_>>()
    };
    let counted = shown.clone();
    view! {
        <form class="filter" method="get" action="/roles" role="search">
            <label for="role-filter">"Filter roles"</label>
            <input
                id="role-filter"
                name="q"
                type="search"
                maxlength="100"
                placeholder="e.g. data, design, SRE"
                prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
            <button class="button button--secondary" type="submit">"Filter"</button>
        </form>
        <p class="muted" aria-live="polite">
            {move || {
                let n = counted().len();
                if n == 1 { "1 role".to_string() } else { format!("{n} roles") }
            }}
        </p>
        <ul class="role-grid">
            <For each=shown key=|r| r.slug.clone() children=|role| view! { <RoleCard role /> } />
        </ul>
    }
}
