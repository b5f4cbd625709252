use leptos::prelude::*;

use crate::model::RoleSummary;

#[component]
pub fn RoleCard(
    role: RoleSummary,
    /// What a filter searches, for a list that can be filtered.
    #[prop(optional)]
    search: Option<String>,
    /// Left out by the filter in force.
    #[prop(optional)]
    hidden: bool,
) -> impl IntoView {
    let href = format!("/roles/{}", role.slug);
    view! {
        <li class="role-card card" data-search=search hidden=hidden>
            <h3>
                <a href=href>{role.title.clone()}</a>
            </h3>
            <p class="muted">{role.focus_areas.join(" · ")}</p>
        </li>
    }
}
