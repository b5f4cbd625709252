use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_set;
use crate::components::{CopyLink, ErrorView, PageMeta, QuestionCard};
use crate::model::{AppError, Outcome, SharedSet};

#[component]
pub fn SharePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let set = Resource::new(slug, get_set);

    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                set.get()
                    .map(|result| match result {
                        Ok(shared) => view! { <SetView shared /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn SetView(shared: SharedSet) -> impl IntoView {
    let set = shared.set;
    let count = set.questions.len();
    let description = match &shared.role_title {
        Some(role) => format!(
            "{count} {role} interview questions, each with why it is asked and what a strong answer covers."
        ),
        None => format!(
            "{count} interview questions, each with why it is asked and what a strong answer covers."
        ),
    };
    let engine = match set.engine.strip_prefix("model:") {
        Some(model) => match &set.prompt_version {
            Some(version) => format!("Written by the model {model} (prompt {version})"),
            None => format!("Written by the model {model}"),
        },
        None => format!("Made by the built-in offline coach ({})", set.engine),
    };
    let delete_action = format!("/s/{}/delete", shared.slug);
    let outcome = |o: Outcome| move || o.shown(|key| use_query_map().read().get(key));
    let private = (shared.private_questions > 0).then(|| {
        let n = shared.private_questions;
        let questions = if n == 1 { "1 question".to_string() } else { format!("{n} questions") };
        if shared.can_delete {
            view! {
                <section class="banner" aria-labelledby="private-heading">
                    <h2 id="private-heading">"From your résumé"</h2>
                    <p>
                        {format!("{questions} of this set come from your résumé. They are not on this page, which anyone with the link can open: only you can see them.")}
                    </p>
                    <p>
                        <a href=format!("/s/{}/private", shared.slug)>"See the questions from your résumé"</a>
                    </p>
                </section>
            }
            .into_any()
        } else {
            view! {
                <p class="muted">
                    {format!("This set also has {questions} drawn from its maker's résumé, which only they can see.")}
                </p>
            }
            .into_any()
        }
    });
    let listing = shared
        .can_list
        .then(|| view! { <Listing slug=shared.slug.clone() listed=shared.listed /> });
    view! {
        <PageMeta
            title=set.title.clone()
            description=description
            path=format!("/s/{}", shared.slug)
            noindex=!shared.listed
        />
        <header class="set-header">
            <p class="eyebrow">"Question set"</p>
            <h1>{set.title.clone()}</h1>
            <p class="set-meta">
                {shared
                    .role_title
                    .clone()
                    .zip(set.role.clone())
                    .map(|(title, slug)| {
                        view! {
                            <a href=format!("/roles/{slug}")>{title}</a>
                            " · "
                        }
                    })}
                {set.seniority.label()}
                {format!(" · {count} questions")}
            </p>
            <p class="muted">{engine}</p>
            {set.notice.clone().map(|n| view! { <p class="banner" role="status">{n}</p> })}
            <CopyLink url=shared.url.clone() />
            <p>
                <a class="button" href=format!("/practice/{}", shared.slug)>"Practise this set"</a>
                <span class="muted">" One question at a time, with feedback on every answer. Free account."</span>
            </p>
            <p>
                <a href=format!("/practice/{}/mock", shared.slug)>"Run a mock interview over this set"</a>
                <span class="muted">" Timed, read aloud where your browser can, with follow-up questions and a report at the end."</span>
            </p>
            <p>
                <a href=format!("/s/{}/questions.csv", shared.slug) rel="external" download="">"Download the questions as CSV"</a>
                <span class="muted">" for flashcard apps: the question on the front, what a strong answer covers on the back."</span>
            </p>
        </header>
        <ol class="question-list">
            {set
                .questions
                .into_iter()
                .enumerate()
                .map(|(i, question)| view! { <QuestionCard question number=i + 1 /> })
                .collect_view()}
        </ol>
        {private}
        <Show when=outcome(Outcome::SetNotYours)>
            <p class="banner" role="status">
                "Only the account or browser that made this set can delete it."
            </p>
        </Show>
        <Show when=outcome(Outcome::ListingNotYours)>
            <p class="banner" role="status">"Only the account that owns this set can list it."</p>
        </Show>
        <Show when=outcome(Outcome::SetListed)>
            <p class="banner" role="status">"Listed. Search engines may now find this set."</p>
        </Show>
        <Show when=outcome(Outcome::SetUnlisted)>
            <p class="banner" role="status">"Unlisted. Only people with the link can find this set."</p>
        </Show>
        {listing}
        <Show when=move || shared.can_delete>
            <details class="danger-zone">
                <summary>"Delete this set"</summary>
                <p>"You made this set in this browser. Deleting it breaks its link for everyone."</p>
                <form method="post" action=delete_action.clone()>
                    <button class="button button--danger" type="submit">"Yes, delete it"</button>
                </form>
            </details>
        </Show>
        <p>
            <a href="/">"Make another set"</a>
        </p>
    }
}

/// Whether search engines may find the set, and the button that changes
/// it: for the account that owns the set.
#[component]
fn Listing(slug: String, listed: bool) -> impl IntoView {
    let (state, change, button) = if listed {
        (
            "Listed: this set is in the site map and search engines may show it.",
            "0",
            "Unlist it",
        )
    } else {
        (
            "Unlisted: anyone with the link can open it, and search engines are asked not to index it.",
            "1",
            "List it for search engines",
        )
    };
    view! {
        <section class="listing" aria-labelledby="listing-heading">
            <h2 id="listing-heading">"Search engines"</h2>
            <p>{state}</p>
            <p class="muted">
                "Either way, the page never shows your answers or your whole job description; a question made from a job description quotes the line it tests."
            </p>
            <form method="post" action=format!("/s/{slug}/listing")>
                <input type="hidden" name="listed" value=change />
                <button class="button button--secondary" type="submit">{button}</button>
            </form>
        </section>
    }
}
