use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::get_private_questions;
use crate::components::{ErrorView, PageMeta, QuestionCard};
use crate::model::{AppError, PrivateQuestions};

/// `/s/{slug}/private`: the questions a set's maker drew from their
/// résumé. Only the maker (the owning account, or for an anonymous set the
/// browser that made it) sees them; anyone else finds nothing here.
#[component]
pub fn PrivateQuestionsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let questions = Resource::new(slug, get_private_questions);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                questions
                    .get()
                    .map(|result| match result {
                        Ok(private) => view! { <PrivateView private /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn PrivateView(private: PrivateQuestions) -> impl IntoView {
    let slug = private.slug.clone();
    let count = private.questions.len();
    let practise = if private.can_practise {
        view! {
            <p>
                <a class="button" href=format!("/practice/{slug}")>"Practise this set"</a>
                <span class="muted">" These questions are at the end of the set, and only you are given them."</span>
            </p>
        }
        .into_any()
    } else {
        view! {
            <p>
                <a class="button" href="/signup" rel="external">"Sign up to practise them"</a>
                <span class="muted">" Sets made in this browser move to your new account."</span>
            </p>
        }
        .into_any()
    };
    let kept = match private.resume {
        Some(resume) => view! {
            <details class="card">
                <summary>"The résumé you kept with this set"</summary>
                <pre class="resume-text">{resume}</pre>
                <p class="muted">"It is deleted with the set."</p>
            </details>
        }
        .into_any(),
        None => view! {
            <p class="muted">
                "Rehearse did not keep your résumé: only these questions, which quote the lines they ask about. They are deleted with the set."
            </p>
        }
        .into_any(),
    };
    view! {
        <PageMeta
            title=format!("From your résumé: {}", private.title)
            description="Questions drawn from your résumé, which only you can see."
            noindex=true
        />
        <header class="set-header">
            <p class="eyebrow">"Only you can see this page"</p>
            <h1>"Questions from your résumé"</h1>
            <p class="set-meta">
                <a href=format!("/s/{slug}")>{private.title.clone()}</a>
                {format!(" · {count} of its questions")}
            </p>
            <p>
                "The set's share page leaves these out, and so do its downloads and its API. Anyone else who opens the link sees only how many there are."
            </p>
            {practise}
        </header>
        <ol class="question-list">
            {private
                .questions
                .into_iter()
                .map(|q| {
                    let number = q.position as usize;
                    view! { <QuestionCard question=q.question number /> }
                })
                .collect_view()}
        </ol>
        {kept}
        <p>
            <a href=format!("/s/{slug}")>"Back to the set"</a>
        </p>
    }
}
