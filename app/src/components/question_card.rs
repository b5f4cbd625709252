use leptos::prelude::*;

use crate::model::{ProvenanceSource, Question};

/// One question of a set: what to ask, why it is there, and what a strong
/// answer covers (behind a disclosure).
#[component]
pub fn QuestionCard(question: Question, number: usize) -> impl IntoView {
    let label = question.provenance.label();
    let detail = question.provenance.detail.clone();
    let why = match question.provenance.source {
        ProvenanceSource::JdLine | ProvenanceSource::ResumeLine => view! {
            <span class="why__label">{label}</span>
            <q class="why__quote">{detail}</q>
        }
        .into_any(),
        _ => view! {
            <span class="why__label">{label}</span>
            <span>{detail}</span>
        }
        .into_any(),
    };
    view! {
        <li class="question card">
            <p class="question__meta">
                <span class="pill">{question.kind.label()}</span>
                <span class="pill pill--quiet" title="Difficulty from 1 to 3">
                    {format!("Difficulty {}/3", question.difficulty)}
                </span>
            </p>
            <h2 class="question__text">
                <span class="question__number">{format!("{number}. ")}</span>
                {question.text.clone()}
            </h2>
            <p class="why">{why}</p>
            <details class="rubric">
                <summary>"What a strong answer covers"</summary>
                <ul>
                    {question.rubric.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                </ul>
                <p class="rubric__follow-ups-title">"Likely follow-ups"</p>
                <ul>
                    {question.follow_ups.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                </ul>
            </details>
        </li>
    }
}
