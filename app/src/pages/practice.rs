use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_practice;
use crate::components::{AnswerForm, ErrorView, FeedbackView, PageMeta};
use crate::model::{AppError, AttemptSummary, Outcome, PracticeView, QuestionKind, StoryMatch};

/// `/practice/{slug}`: one question of a set at a time. `?q=3` picks the
/// question; `?attempt=ID` shows an attempt's feedback. The server sends
/// visitors without an account to log in first.
#[component]
pub fn PracticePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("q").and_then(|v| v.parse::<u32>().ok()),
            q.get("attempt").and_then(|v| v.parse::<i64>().ok()),
        )
    };
    let page = Resource::new(key, |(slug, q, attempt)| get_practice(slug, q, attempt));
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(view) => view! { <Practice view /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

fn practice_url(slug: &str, position: u32) -> String {
    format!("/practice/{slug}?q={position}")
}

#[component]
fn Practice(view: PracticeView) -> impl IntoView {
    let total = view.total();
    let position = view.position;
    let slug = view.slug.clone();
    let question = view.question.clone();
    let rubric_unlocked = view.rubric_unlocked();
    let showing_feedback = view.shown.is_some();
    let next = (position < total).then(|| practice_url(&slug, position + 1));
    let again = practice_url(&slug, position);
    let (failed, deleted, story_used) = {
        let query = use_query_map();
        let query = query.read_untracked();
        let get = |key: &str| query.get(key);
        (
            Outcome::FeedbackFailed.shown(get),
            Outcome::AttemptDeleted.shown(get),
            Outcome::StoryUsed.shown(get),
        )
    };
    let tells_stories = question.kind.told_as_story();
    let stories = view.stories.clone();
    let outline = view.outline.clone();

    let initial = view
        .draft
        .clone()
        .or_else(|| view.last_answer.clone())
        .unwrap_or_default();
    let title = format!("Practise: {}", view.title);
    view! {
        <PageMeta title=title description="Practise a set of interview questions, one at a time, with feedback on every answer." />
        <PracticeKeys next=next.clone() again=showing_feedback.then(|| again.clone()) />
        <header class="practice-header">
            <p class="eyebrow">"Practice"</p>
            <h1><a href=format!("/s/{slug}")>{view.title.clone()}</a></h1>
            <p class="practice-progress" aria-live="polite">{format!("Question {position} of {total}")}</p>
            <nav aria-label="Questions in this set">
                <ol class="steps">
                    {view
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(i, step)| {
                            let n = i as u32 + 1;
                            let state = if n == position {
                                "step step--current"
                            } else if step.attempts > 0 {
                                "step step--done"
                            } else {
                                "step"
                            };
                            let label = match (step.attempts, step.latest_overall) {
                                (0, _) => format!("Question {n}, not answered yet"),
                                (_, Some(score)) => format!("Question {n}, latest score {score} of 10"),
                                (_, None) => format!("Question {n}, answered"),
                            };
                            view! {
                                <li class=state>
                                    <a
                                        href=practice_url(&slug, n)
                                        aria-label=label
                                        aria-current=(n == position).then_some("step")
                                    >
                                        {n.to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <p class="muted"><a href=format!("/practice/{slug}/mock")>"Run this set as a timed mock interview"</a></p>
        </header>

        <section class="card practice-question" aria-labelledby="question-text">
            <p class="question__meta">
                <span class="pill">{question.kind.label()}</span>
                <span class="pill pill--quiet" title="Difficulty from 1 to 3">
                    {format!("Difficulty {}/3", question.difficulty)}
                </span>
                <span class="pill pill--quiet">{question.focus_area.clone()}</span>
            </p>
            <h2 id="question-text" class="question__text">{question.text.clone()}</h2>
            {hint(question.kind).map(|h| view! { <p class="muted">{h}</p> })}
        </section>

        {deleted.then(|| view! { <p class="banner" role="status">"The attempt was deleted."</p> })}
        {failed.then(|| view! {
            <p class="banner" role="status">"Feedback could not be computed just now. Your answer is saved; try again below."</p>
        })}

        {match view.shown.clone() {
            Some(shown) => view! {
                <FeedbackView view=shown.clone() />
                {tells_stories.then(|| view! {
                    <form class="save-story" method="post" action="/me/stories/from-attempt">
                        <input type="hidden" name="attempt" value=shown.attempt.id.to_string() />
                        <button class="button button--secondary button--small" type="submit">"Save as a story"</button>
                        <span class="muted">" Keep this answer in your story bank, sorted into situation, task, action and result, to adapt to other questions."</span>
                    </form>
                })}
                <nav class="practice-actions" aria-label="What next">
                    <a class="button" href=again.clone() aria-keyshortcuts="Alt+R">"Try again"</a>
                    {match next.clone() {
                        Some(url) => view! { <a class="button button--secondary" href=url aria-keyshortcuts="Alt+N">"Next question"</a> }.into_any(),
                        None => view! { <a class="button button--secondary" href=format!("/s/{slug}")>"Back to the set"</a> }.into_any(),
                    }}
                    <span class="muted keys"><kbd>"Alt"</kbd>" + "<kbd>"R"</kbd>" try again · "<kbd>"Alt"</kbd>" + "<kbd>"N"</kbd>" next"</span>
                </nav>
            }
            .into_any(),
            None => view! {
                {story_used.then(|| view! {
                    <p class="banner" role="status">"The story is in your answer box. Adapt it to this question before you submit."</p>
                })}
                {(!stories.is_empty()).then(|| view! { <StoryMatches stories=stories.clone() slug=slug.clone() position /> })}
                <AnswerForm
                    slug=slug.clone()
                    position
                    kind=question.kind
                    initial
                    idempotency_key=view.idempotency_key.clone()
                    server_wins=story_used
                />
                {next.clone().map(|url| view! {
                    <p class="muted"><a href=url aria-keyshortcuts="Alt+N">"Skip to the next question"</a>" ("<kbd>"Alt"</kbd>" + "<kbd>"N"</kbd>")"</p>
                })}
            }
            .into_any(),
        }}

        <section class="card" aria-labelledby="rubric-title">
            <h2 id="rubric-title">"What a strong answer covers"</h2>
            {if rubric_unlocked {
                view! {
                    <ul>{question.rubric.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    {(!outline.is_empty()).then(|| view! {
                        <h3>"An outline to work from"</h3>
                        <p class="muted">"The points above in the order an answer tells them, with your story where one fits. Fill each bracket with what really happened: nothing here is made up for you."</p>
                        <ol class="outline">
                            {outline.iter().map(|step| view! {
                                <li><strong>{format!("{}: ", step.label)}</strong>{step.text.clone()}</li>
                            }).collect_view()}
                        </ol>
                    })}
                    {(!question.follow_ups.is_empty()).then(|| view! {
                        <h3>"Likely follow-ups"</h3>
                        <ul>{question.follow_ups.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    })}
                }
                .into_any()
            } else {
                view! { <p class="muted">"Answer once first: the rubric appears after your first attempt, so it does not write the answer for you."</p> }.into_any()
            }}
        </section>

        {(!view.attempts.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="attempts-title">
                <h2 id="attempts-title">"Your attempts at this question"</h2>
                <ol class="attempts" reversed>
                    {view.attempts.iter().enumerate().map(|(i, a)| {
                        let current = view.shown.as_ref().is_some_and(|s| s.attempt.id == a.id);
                        // Attempts are newest first: the next one is the one before.
                        let previous = view.attempts.get(i + 1).map(|p| {
                            view! {
                                " · "
                                <a href=format!("/practice/{slug}/compare?a={}&b={}", p.id, a.id)>"compare with the one before"</a>
                            }
                        });
                        view! {
                            <li>
                                <a href=format!("/practice/{slug}?attempt={}", a.id) aria-current=current.then_some("page")>
                                    {attempt_label(a)}
                                </a>
                                {previous}
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {(view.attempts.len() > 2).then(|| view! {
                    <form class="compare-form" method="get" action=format!("/practice/{slug}/compare")>
                        <div class="field">
                            <label for="compare-a">"Compare"</label>
                            <select id="compare-a" name="a">
                                {view.attempts.iter().enumerate().map(|(i, a)| view! {
                                    <option value=a.id.to_string() selected=i == 1>{attempt_label(a)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="compare-b">"with"</label>
                            <select id="compare-b" name="b">
                                {view.attempts.iter().enumerate().map(|(i, a)| view! {
                                    <option value=a.id.to_string() selected=i == 0>{attempt_label(a)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button class="button button--secondary" type="submit">"Compare"</button>
                    </form>
                })}
            </section>
        })}
    }
}

fn attempt_label(a: &AttemptSummary) -> String {
    let score = a.overall.map_or_else(
        || "no feedback yet".to_string(),
        |s| format!("{s}/10 overall"),
    );
    format!(
        "{} · {} words · {score}",
        crate::components::timestamp(&a.created_at),
        a.word_count
    )
}

fn hint(kind: QuestionKind) -> Option<&'static str> {
    match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => Some(
            "Tell it as a story: the Situation, your Task, the Actions you took, and the Result.",
        ),
        QuestionKind::Technical | QuestionKind::SystemDesign => {
            Some("Lead with your answer, then the reasoning, the trade-offs and an example.")
        }
    }
}

/// Alt+N: the next question; Alt+R: try again (once feedback is shown). A
/// modifier, so that no single key press (or speech-input word) triggers
/// them.
#[island(lazy)]
fn PracticeKeys(next: Option<String>, again: Option<String>) -> impl IntoView {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let target = match ev.code().as_str() {
            "KeyN" => next.as_deref(),
            "KeyR" => again.as_deref(),
            _ => None,
        };
        if let Some(url) = target {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(url);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = url;
        }
    });
    on_cleanup(move || handle.remove());
}

/// The account's stories that fit the question, each with a button that
/// starts the answer from it, and a warning when one is told too often.
#[component]
fn StoryMatches(stories: Vec<StoryMatch>, slug: String, position: u32) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="stories-title">
            <h2 id="stories-title">"Your stories that fit"</h2>
            <ul class="story-matches">
                {stories.into_iter().map(|m| {
                    let told = m.used_in_set + usize::from(m.used_here);
                    view! {
                        <li>
                            <strong>{m.title.clone()}</strong>
                            {(!m.shared.is_empty()).then(|| view! { <span class="muted">{format!(" · shares {}", m.shared.join(", "))}</span> })}
                            {m.used_here.then(|| view! { <span class="pill pill--quiet">"Used for this question"</span> })}
                            {m.overused().then(|| view! {
                                <p class="banner banner--warn" role="note">
                                    {format!("You have told this story for {told} questions of this set. Interviewers notice one story stretched across many questions; try another for this one.")}
                                </p>
                            })}
                            <form method="post" action=format!("/practice/{slug}/story")>
                                <input type="hidden" name="story" value=m.id.to_string() />
                                <input type="hidden" name="q" value=position.to_string() />
                                <button class="button button--secondary button--small" type="submit">"Start from this story"</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted"><a href="/me/stories">"All your stories"</a></p>
        </section>
    }
}
