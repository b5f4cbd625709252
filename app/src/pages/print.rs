use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::get_export;
use crate::components::{ErrorView, PageMeta};
use crate::model::{AppError, Dimension, PracticeExport, Verdict};

/// `/practice/{slug}/print`: a set with your latest answers and feedback,
/// laid out for paper or a PDF (the print stylesheet drops the site's
/// header, footer and buttons).
#[component]
pub fn PrintPage() -> impl IntoView {
    let params = use_params_map();
    let export = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_export,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                export
                    .get()
                    .map(|result| match result {
                        Ok(export) => view! { <Printable export /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Printable(export: PracticeExport) -> impl IntoView {
    let answered = export
        .questions
        .iter()
        .filter(|q| q.latest.is_some())
        .count();
    let total = export.questions.len();
    view! {
        <PageMeta title=format!("{} (print)", export.title) description="A question set with your latest answers and feedback." />
        <article class="printable">
            <header>
                <h1>{export.title.clone()}</h1>
                <p class="muted">{format!("{answered} of {total} questions answered; each shows your latest attempt.")}</p>
                <p class="no-print">
                    <PrintButton />
                    " "
                    <a href=format!("/practice/{}/export.md", export.slug)>"Download as Markdown"</a>
                </p>
            </header>
            {export.questions.into_iter().enumerate().map(|(i, q)| view! {
                <section class="printable__question">
                    <h2>{format!("{}. {}", i + 1, q.question.text)}</h2>
                    <p class="muted">{format!("{} · {} · difficulty {}/3", q.question.kind.label(), q.question.focus_area, q.question.difficulty)}</p>
                    {match q.latest {
                        None => view! { <p class="muted">"Not answered yet."</p> }.into_any(),
                        Some(attempt) => view! {
                            <h3>{format!("Your answer ({} attempts)", q.attempts)}</h3>
                            <p class="answer-text">{attempt.answer.clone()}</p>
                            {attempt.feedback.map(|f| view! {
                                <h3>{format!("Feedback: {}/10 overall", f.scores.overall)}</h3>
                                <p class="muted">
                                    {if f.by_model() { format!("Written by {}.", f.engine) } else { format!("From {}.", crate::model::offline_coach_label(&f.engine)) }}
                                </p>
                                <ul>
                                    {Dimension::ALL.into_iter().map(|d| view! {
                                        <li>{format!("{}: {}/10. {}", d.label(), f.scores.get(d), f.reasons.get(d))}</li>
                                    }).collect_view()}
                                </ul>
                                <ul>
                                    {f.comments.iter().map(|c| view! {
                                        <li>
                                            <strong>{if c.verdict == Verdict::Strength { "Strength: " } else { "To improve: " }}</strong>
                                            {c.text.clone()}
                                            {c.quote.clone().map(|q| format!(" “{q}”"))}
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <h3>"The rewrite, in your words"</h3>
                                <p class="answer-text">{f.rewrite.clone()}</p>
                            })}
                        }.into_any(),
                    }}
                </section>
            }).collect_view()}
        </article>
    }
}

/// Opens the browser's print dialogue, once the page is interactive.
#[island(lazy)]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! { <button class="button" type="button" on:click=print>"Print or save as PDF"</button> }
}
