use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::list_roles;
use crate::components::{ErrorView, Generator, PageMeta, RoleCard};
use crate::model::Outcome;

/// Roles shown first on the home page: the ones most people practise for.
const POPULAR: [&str; 8] = [
    "backend-engineer",
    "frontend-engineer",
    "full-stack-engineer",
    "data-scientist",
    "product-manager",
    "devops-sre",
    "data-analyst",
    "engineering-manager",
];

#[component]
pub fn HomePage() -> impl IntoView {
    let roles = Resource::new(|| (), |_| list_roles());
    let deleted = move || Outcome::SetDeleted.shown(|key| use_query_map().read().get(key));
    let account_deleted =
        move || Outcome::AccountDeleted.shown(|key| use_query_map().read().get(key));

    view! {
        <PageMeta
            title=""
            description="Rehearse gives you interview questions tailored to a role or a job description, and honest, quoted feedback on your answers. Free, open source and self-hostable."
            path="/"
        />
        <Show when=deleted>
            <p class="banner" role="status">"The question set was deleted."</p>
        </Show>
        <Show when=account_deleted>
            <p class="banner" role="status">"Your account and everything in it were deleted."</p>
        </Show>
        <section class="hero">
            <p class="eyebrow">"Interview practice"</p>
            <h1>"Rehearse the interview before it happens."</h1>
            <p class="lead">
                "Questions tailored to the role or the job description in front of you. "
                "Every question says why it is there. Free, no sign-up."
            </p>
        </section>

        <section class="generate" aria-labelledby="generate-title">
            <h2 id="generate-title">"Get a question set"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading roles…"</p> }>
                {move || {
                    roles
                        .get()
                        .map(|result| match result {
                            Ok(roles) => view! { <Generator roles=roles from="/" /> }.into_any(),
                            Err(error) => view! { <ErrorView error=error /> }.into_any(),
                        })
                }}
            </Suspense>
        </section>

        <section class="popular" aria-labelledby="popular-title">
            <h2 id="popular-title">"Popular roles"</h2>
            <Suspense fallback=|| ()>
                {move || {
                    roles
                        .get()
                        .and_then(Result::ok)
                        .map(|roles| {
                            let popular: Vec<_> = POPULAR
                                .iter()
                                .filter_map(|slug| roles.iter().find(|r| r.slug == *slug).cloned())
                                .collect();
                            let total = roles.len();
                            view! {
                                <ul class="role-grid">
                                    {popular
                                        .into_iter()
                                        .map(|role| view! { <RoleCard role /> })
                                        .collect_view()}
                                </ul>
                                <p>
                                    <a href="/roles">{format!("Browse all {total} roles")}</a>
                                </p>
                            }
                        })
                }}
            </Suspense>
        </section>

        <section class="how" aria-labelledby="how-title">
            <h2 id="how-title">"How it works"</h2>
            <ol class="steps">
                <li class="card">
                    <h3>"1. Pick a role or paste a job description"</h3>
                    <p>
                        "Each question says why it is there: the focus area it covers, "
                        "the skill it tests, or the line of the job description it comes from."
                    </p>
                </li>
                <li class="card">
                    <h3>"2. Share or keep the link"</h3>
                    <p>
                        "Every set has its own unguessable link. Of a job description you pasted, "
                        "the link shows only its title line and the lines questions quote."
                    </p>
                </li>
                <li class="card">
                    <h3>"3. Prepare with the rubric"</h3>
                    <p>
                        "Open any question to see what a strong answer covers and the follow-ups "
                        "an interviewer is likely to ask."
                    </p>
                </li>
            </ol>
        </section>

        <section class="values" aria-labelledby="values-title">
            <h2 id="values-title">"Yours to run"</h2>
            <ul class="value-list">
                <li>
                    <strong>"Works offline."</strong>
                    " A built-in coach needs no API key and gives the same set for the same request."
                </li>
                <li>
                    <strong>"Open source."</strong>
                    " Host it yourself on one machine with SQLite, or on PostgreSQL behind several instances."
                </li>
            </ul>
        </section>
    }
}
