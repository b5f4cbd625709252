use leptos::prelude::*;

use crate::model::RoleSummary;

#[component]
pub fn RoleCard(role: RoleSummary) -> impl IntoView {
    let href = format!("/roles/{}", role.slug);
    view! {
        <li class="role-card card">
            <h3>
                <a href=href>{role.title.clone()}</a>
            </h3>
            <p class="muted">{role.focus_areas.join(" · ")}</p>
        </li>
    }
}
