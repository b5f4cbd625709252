use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::compare_attempts;
use crate::components::{CommentItem, DiffText, ErrorView, PageMeta, timestamp};
use crate::model::{AppError, Attempt, Comment, Comparison};

/// `/practice/{slug}/compare?a=ID&b=ID`: two attempts side by side, the
/// older first, with what changed in the words, the scores and the
/// comments.
#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let id = |name: &str| q.get(name).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        (id("a"), id("b"))
    };
    let comparison = Resource::new(key, |(a, b)| compare_attempts(a, b));
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <PageMeta title="Compare attempts" description="Two attempts at interview questions, side by side." />
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                comparison
                    .get()
                    .map(|result| match result {
                        Ok(comparison) => view! { <CompareView comparison slug=slug() /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

fn when(attempt: &Attempt) -> String {
    timestamp(&attempt.created_at)
}

#[component]
fn CompareView(comparison: Comparison, slug: String) -> impl IntoView {
    let Comparison {
        before,
        after,
        before_question,
        after_question,
        text_diff,
        changes,
        resolved,
        new_issues,
        still,
    } = comparison;
    let same_question = before_question == after_question;
    let back = format!("/practice/{slug}?attempt={}", after.id);
    view! {
        <header class="practice-header">
            <p class="eyebrow">"Compare attempts"</p>
            <h1>{after_question.clone()}</h1>
            {(!same_question).then(|| view! {
                <p class="banner" role="status">{format!("The earlier attempt answered a different question: “{before_question}”")}</p>
            })}
            <p class="muted">{format!("Earlier: {} · Later: {}", when(&before), when(&after))}</p>
        </header>

        <section class="card" aria-labelledby="changes-title">
            <h2 id="changes-title">"Scores"</h2>
            {if changes.is_empty() {
                view! { <p class="muted">"One of the two has no feedback yet, so there are no scores to compare."</p> }.into_any()
            } else {
                view! {
                    <table class="changes">
                        <thead>
                            <tr><th scope="col">"Dimension"</th><th scope="col">"Earlier"</th><th scope="col">"Later"</th><th scope="col">"Change"</th></tr>
                        </thead>
                        <tbody>
                            {changes.iter().map(|c| {
                                let delta = c.delta();
                                let (class, text) = match delta {
                                    d if d > 0 => ("change change--up", format!("+{d}")),
                                    d if d < 0 => ("change change--down", format!("−{}", -d)),
                                    _ => ("change", "no change".to_string()),
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{c.label()}</th>
                                        <td>{format!("{}/10", c.before)}</td>
                                        <td>{format!("{}/10", c.after)}</td>
                                        <td class=class>{text}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section class="card" aria-labelledby="comments-title">
            <h2 id="comments-title">"Points to improve"</h2>
            <CommentList title="Resolved in the later attempt" comments=resolved empty="None of the earlier points was resolved." />
            <CommentList title="New in the later attempt" comments=new_issues empty="Nothing new to work on." />
            <CommentList title="Still to work on" comments=still empty="Nothing carried over." />
        </section>

        <section class="card" aria-labelledby="diff-title">
            <h2 id="diff-title">"What changed in your words"</h2>
            <p class="muted">"The later answer against the earlier one: added words are underlined, removed ones struck through."</p>
            <DiffText parts=text_diff />
        </section>
        <p><a class="button button--secondary" href=back>"Back to the later attempt"</a></p>
    }
}

#[component]
fn CommentList(title: &'static str, comments: Vec<Comment>, empty: &'static str) -> impl IntoView {
    view! {
        <h3>{title}</h3>
        {if comments.is_empty() {
            view! { <p class="muted">{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="comments">
                    {comments.into_iter().map(|comment| view! { <CommentItem comment /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
