//! Feedback on one attempt: the scores, the comments with their quotes
//! marked in the answer, the rewrite against the answer, and who assessed
//! it. Everything the user or a model wrote is rendered as text.

use leptos::prelude::*;

use super::copy_link::REWRITE_TEXT_ID;
use super::{BarFill, CopyRewrite, DiffText, highlight};
use crate::model::{AttemptView, Dimension, Feedback, Star, Verdict};

fn engine_label(feedback: &Feedback) -> String {
    match feedback.engine.strip_prefix("model:") {
        Some(model) => match &feedback.prompt_version {
            Some(version) => format!("Feedback written by the model {model} (prompt {version})."),
            None => format!("Feedback written by the model {model}."),
        },
        None => format!(
            "Feedback from {}.",
            crate::model::offline_coach_label(&feedback.engine)
        ),
    }
}

/// Forgets this browser's copy of the answer named by its fingerprint,
/// once the page is interactive.
#[island(lazy)]
pub fn ForgetLocalCopy(key: String, answer: String) -> impl IntoView {
    Effect::new(move |_| super::answer_form::local_copy::forget_if(&key, &answer));
}

#[component]
pub fn FeedbackView(view: AttemptView) -> impl IntoView {
    let AttemptView {
        attempt,
        rewrite_diff,
    } = view;
    let Some(feedback) = attempt.feedback.clone() else {
        return view! {
            <section class="card feedback" aria-labelledby="feedback-title">
                <h2 id="feedback-title">"Your answer is saved"</h2>
                <p class="banner" role="status">
                    "Feedback could not be computed just now. Nothing is lost: ask for it again."
                </p>
                <form method="post" action=format!("/practice/{}?attempt={}", attempt.question_set, attempt.id)>
                    <input type="hidden" name="form" value="feedback" />
                    <input type="hidden" name="attempt" value=attempt.id.to_string() />
                    <button class="button" type="submit">"Get feedback"</button>
                </form>
                <h3>"Your answer"</h3>
                <p class="answer-text">{attempt.answer.clone()}</p>
                <DeleteAttempt slug=attempt.question_set.clone() id=attempt.id />
            </section>
        }
        .into_any();
    };
    let segments = highlight(&attempt.answer, &feedback.comments);
    let rewrite = feedback.rewrite.clone();
    // The server has this answer: this browser's copy can go.
    let key = super::answer_form::local_copy::key(&attempt.question_set, attempt.question_index);
    let answer = super::answer_form::local_copy::fingerprint(&attempt.answer);
    view! {
        <ForgetLocalCopy key answer />
        <section class="card feedback" aria-labelledby="feedback-title">
            <h2 id="feedback-title">"Feedback"</h2>
            <p class="muted engine">{engine_label(&feedback)}</p>
            {feedback.notice.clone().map(|n| view! { <p class="banner" role="status">{n}</p> })}
            {feedback.is_quick().then(|| view! {
                <form class="banner quick-read" method="post" action=format!("/practice/{}?attempt={}", attempt.question_set, attempt.id)>
                    <p role="status">
                        "The coach was busy when this answer arrived, so this is a quick read: the same rules, without the model that compares meanings. The full read may score relevance differently."
                    </p>
                    <input type="hidden" name="form" value="feedback" />
                    <input type="hidden" name="attempt" value=attempt.id.to_string() />
                    <button class="button button--secondary" type="submit">"Get the full read"</button>
                </form>
            })}
            <Scores feedback=feedback.clone() />
            {feedback.star.map(|star| view! { <StarParts star /> })}
            {feedback.star.as_ref().and_then(crate::model::first_missing).map(|part| view! {
                <p>
                    <a class="button button--secondary" href=format!("/practice/{}/drill?attempt={}&part={}", attempt.question_set, attempt.id, part.as_str())>
                        {format!("Drill just {}", part.label())}
                    </a>
                </p>
            })}
            <h3>"Your answer"</h3>
            <p class="muted">
                {format!(
                    "{} words · about {} spoken",
                    feedback.word_count,
                    super::duration_label(feedback.spoken_seconds)
                )}
            </p>
            <p class="answer-text">
                {segments
                    .into_iter()
                    .map(|segment| match segment.mark {
                        Some((i, verdict)) => view! {
                            <mark id=format!("quote-{i}") class=mark_class(verdict)>
                                <span class="visually-hidden">{format!("[{}] ", verdict_label(verdict))}</span>
                                {segment.text}
                            </mark>
                        }
                        .into_any(),
                        None => segment.text.into_any(),
                    })
                    .collect_view()}
            </p>
            <h3>"Comments"</h3>
            <ul class="comments">
                {feedback
                    .comments
                    .iter()
                    .enumerate()
                    .map(|(i, comment)| {
                        view! {
                            <li class=format!("comment comment--{}", verdict_name(comment.verdict))>
                                <p class="comment__head">
                                    <span class="pill">{comment.dimension.label()}</span>
                                    <span class="comment__verdict">{verdict_label(comment.verdict)}</span>
                                </p>
                                <p>{comment.text.clone()}</p>
                                {comment.quote.clone().map(|q| view! {
                                    <p class="comment__quote">
                                        <a href=format!("#quote-{i}")>
                                            <span class="visually-hidden">"Show in your answer: "</span>
                                            "“"{q}"”"
                                        </a>
                                    </p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"The rewrite, in your words"</h3>
            <p class="muted">
                "Your own sentences, reordered and trimmed. Fill the bracketed gaps with what really happened; nothing was made up for you."
            </p>
            <DiffText parts=rewrite_diff />
            <details class="rewrite">
                <summary>"The rewrite on its own"</summary>
                <p class="answer-text" id=REWRITE_TEXT_ID>{rewrite}</p>
            </details>
            <CopyRewrite />
            <DeleteAttempt slug=attempt.question_set.clone() id=attempt.id />
        </section>
    }
    .into_any()
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Strength => "strength",
        Verdict::Improve => "improve",
    }
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Strength => "Strength",
        Verdict::Improve => "To improve",
    }
}

fn mark_class(verdict: Verdict) -> String {
    format!("quote quote--{}", verdict_name(verdict))
}

#[component]
fn Scores(feedback: Feedback) -> impl IntoView {
    let overall = feedback.scores.overall;
    view! {
        <div class="scores">
            <p class="scores__overall">
                <span class="scores__number">{format!("{overall}")}</span>
                <span class="scores__out-of">"/10 overall"</span>
                <span class="scores__reason">{feedback.reasons.overall.clone()}</span>
            </p>
            <ul class="bars">
                {Dimension::ALL
                    .into_iter()
                    .map(|d| {
                        let score = feedback.scores.get(d);
                        view! {
                            <li class="bar">
                                <span class="bar__label">{d.label()}</span>
                                <span class="bar__track" aria-hidden="true">
                                    <BarFill percent={u32::from(score) * 10} />
                                </span>
                                <span class="bar__score">{format!("{score}/10")}</span>
                                <span class="bar__reason">{feedback.reasons.get(d).to_string()}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn StarParts(star: Star) -> impl IntoView {
    let parts = [
        ("Situation", star.situation),
        ("Task", star.task),
        ("Action", star.action),
        ("Result", star.result),
    ];
    view! {
        <ul class="star" aria-label="STAR parts found in your answer">
            {parts
                .into_iter()
                .map(|(name, present)| {
                    view! {
                        <li class=if present { "star__part star__part--present" } else { "star__part star__part--missing" }>
                            {if present { format!("✓ {name}") } else { format!("✗ {name} missing") }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Deleting one attempt, behind a disclosure.
#[component]
fn DeleteAttempt(slug: String, id: i64) -> impl IntoView {
    view! {
        <details class="danger-zone">
            <summary>"Delete this attempt"</summary>
            <p>"The answer and its feedback are deleted for good. Your other attempts stay."</p>
            <form method="post" action=format!("/practice/{slug}?attempt={id}")>
                <input type="hidden" name="form" value="delete" />
                <input type="hidden" name="attempt" value=id.to_string() />
                <button class="button button--danger" type="submit">"Yes, delete this attempt"</button>
            </form>
        </details>
    }
}
