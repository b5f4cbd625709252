use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_drill;
use crate::components::{CommentItem, ErrorView, FieldMessage, FormErrors, PageMeta};
use crate::model::{AppError, DrillView, MAX_DRILL_CHARS};

/// `/practice/{slug}/drill?attempt=ID&part=result`: write one part of an
/// answer on its own, in a sentence or two, and see it assessed alone.
/// The form is a plain GET: writing a drill changes nothing stored.
#[component]
pub fn DrillPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            q.get("attempt")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0),
            q.get("part").unwrap_or_default(),
            q.get("text"),
        )
    };
    let drill = Resource::new(key, |(attempt, part, text)| get_drill(attempt, part, text));
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <PageMeta title="Drill" description="Practise one part of an answer on its own." />
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                drill
                    .get()
                    .map(|result| match result {
                        Ok(view) => view! { <Drill view slug=slug() error=None /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error @ AppError::Validation { .. }) => {
                            let q = query.read_untracked();
                            let (attempt, part) = (
                                q.get("attempt").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0),
                                q.get("part").unwrap_or_default(),
                            );
                            view! {
                                <ErrorView error=error.clone() />
                                <p><a href=format!("/practice/{}/drill?attempt={attempt}&part={part}", slug())>"Start the drill again"</a></p>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Drill(view: DrillView, slug: String, error: Option<AppError>) -> impl IntoView {
    let errors = FormErrors::new(error);
    let text_error = errors.field("text");
    let part = view.part;
    let again = format!("/practice/{slug}?q={}", view.question_index);
    view! {
        <header class="practice-header">
            <p class="eyebrow">{format!("Drill: {}", part.label())}</p>
            <h1>{view.question.clone()}</h1>
            <p>{part.instruction()}</p>
        </header>
        <details class="card">
            <summary>"Your answer, for context"</summary>
            <p class="answer-text">{view.answer.clone()}</p>
        </details>
        <form class="answer-form" method="get" action=format!("/practice/{slug}/drill")>
            <input type="hidden" name="attempt" value=view.attempt.to_string() />
            <input type="hidden" name="part" value=part.as_str() />
            <div class="field">
                <label for="drill-text">{format!("Just {}", part.label())}</label>
                <textarea
                    id="drill-text"
                    name="text"
                    rows="4"
                    maxlength=MAX_DRILL_CHARS.to_string()
                    aria-invalid=text_error.is_some().then_some("true")
                >
                    {crate::raw_text_safe(view.text.clone().unwrap_or_default())}
                </textarea>
                <FieldMessage message=text_error />
            </div>
            <button class="button" type="submit">"Check it"</button>
        </form>
        {view.feedback.map(|f| view! {
            <section class="card feedback" aria-labelledby="drill-result">
                <h2 id="drill-result">
                    {format!("{}/10 · {}", f.score, if f.passed { "that does the job" } else { "not there yet" })}
                </h2>
                <p class="muted">"Assessed on this part alone by the built-in offline coach: rules, word lists and, where installed, a small embedded model that compares meanings; not generative AI."</p>
                <ul class="comments">
                    {f.comments.into_iter().map(|comment| view! { <CommentItem comment /> }).collect_view()}
                </ul>
                <p>
                    <a class="button button--secondary" href=again.clone()>"Put it into a whole answer"</a>
                </p>
            </section>
        })}
    }
}
