//! Mock interviews: the setup page (`/practice/{slug}/mock`), the run
//! (`/mock/{id}`, one question at a time) and, once it is over, the report
//! at the same address.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::PrintButton;
use crate::api::{get_mock_run, get_mock_setup};
use crate::components::{
    AnswerForm, ErrorView, FieldMessage, ForgetLocalCopy, FormErrors, Interview, PageMeta,
    SKIP_FORM, SKIP_SECONDS, duration_label,
};
use crate::model::{
    AnswerMode, AppError, Delivery, Dimension, MAX_MOCK_QUESTIONS, MockEcho, MockRun, MockSetup,
    MockSetupView, MockTurn, QuestionKind,
};

/// The choices of time per answer, in seconds.
const SECONDS_CHOICES: [u32; 12] = [30, 60, 90, 120, 180, 240, 300, 360, 480, 600, 900, 1200];

/// `/practice/{slug}/mock`: how long, how many questions, and how to answer.
#[component]
pub fn MockSetupPage() -> impl IntoView {
    let params = use_params_map();
    let setup = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_mock_setup,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                setup
                    .get()
                    .map(|result| match result {
                        Ok(view) => view! { <SetupForm view /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn SetupForm(view: MockSetupView) -> impl IntoView {
    let echo = use_context::<MockEcho>();
    let total = (view.kinds.len() as u32).min(MAX_MOCK_QUESTIONS);
    let chosen: MockSetup = echo.as_ref().map(|e| e.setup.clone()).unwrap_or(MockSetup {
        question_set: view.slug.clone(),
        questions: Some(total),
        seconds: view.defaults,
        voice: true,
        answer_mode: AnswerMode::Typed,
    });
    let errors = FormErrors::new(echo.map(|e| e.error));
    let general = errors.unshown(&[
        "questions",
        "seconds.story",
        "seconds.technical",
        "seconds.system_design",
    ]);
    let has = |kinds: &[QuestionKind]| view.kinds.iter().any(|k| kinds.contains(k));
    let rows = [
        (
            "seconds_story",
            "seconds.story",
            "Time per behavioral or situational answer",
            chosen.seconds.story,
            has(&[QuestionKind::Behavioral, QuestionKind::Situational]),
        ),
        (
            "seconds_technical",
            "seconds.technical",
            "Time per technical answer",
            chosen.seconds.technical,
            has(&[QuestionKind::Technical]),
        ),
        (
            "seconds_design",
            "seconds.system_design",
            "Time per system design answer",
            chosen.seconds.system_design,
            has(&[QuestionKind::SystemDesign]),
        ),
    ];
    let picked = chosen.questions.unwrap_or(total);
    view! {
        <PageMeta title=format!("Mock interview: {}", view.title) description="A timed mock interview over a question set, with follow-up questions and a report at the end." />
        <header class="practice-header">
            <p class="eyebrow">"Mock interview"</p>
            <h1><a href=format!("/s/{}", view.slug)>{view.title.clone()}</a></h1>
            <p class="muted">
                "The questions come one after another, each under time, as in a real interview. The interviewer may ask one follow-up after an answer. Feedback waits until the end."
            </p>
        </header>
        <form class="card mock-setup" method="post" action=format!("/practice/{}/mock", view.slug)>
            {general.map(|e| view! { <ErrorView error=e /> })}
            <div class="field">
                <label for="mock-questions">"Questions"</label>
                <select id="mock-questions" name="questions">
                    {(1..=total).map(|n| view! {
                        <option value=n.to_string() selected=n == picked>
                            {if n == total { format!("All {n}") } else { n.to_string() }}
                        </option>
                    }).collect_view()}
                </select>
                <p class="field__help">"From the first question of the set."</p>
                <FieldMessage message=errors.field("questions") />
            </div>
            {rows.into_iter().map(|(name, field, label, value, shown)| {
                if shown {
                    let id = format!("mock-{name}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{label}</label>
                            <select id=id name=name>
                                {SECONDS_CHOICES.iter().map(|&s| view! {
                                    <option value=s.to_string() selected=s == value>{duration_label(s)}</option>
                                }).collect_view()}
                            </select>
                            <FieldMessage message=errors.field(field) />
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <input type="hidden" name=name value=value.to_string() /> }.into_any()
                }
            }).collect_view()}
            <fieldset class="field">
                <legend>"How you answer"</legend>
                <label class="choice">
                    <input type="radio" name="answer_mode" value="typed" checked=chosen.answer_mode == AnswerMode::Typed />
                    " By typing"
                </label>
                <label class="choice">
                    <input type="radio" name="answer_mode" value="spoken" checked=chosen.answer_mode == AnswerMode::Spoken />
                    " By speaking (the browser's dictation, where it has it; you can still edit the text)"
                </label>
            </fieldset>
            <label class="choice">
                <input type="checkbox" name="voice" value="on" checked=chosen.voice />
                " The interviewer reads each question aloud (where the browser can)"
            </label>
            <p class="field__help">"At the end of an answer's time, the answer is handed in as it stands."</p>
            <button class="button" type="submit">"Start the mock interview"</button>
        </form>
    }
}

/// `/mock/{id}`: the question the interviewer is asking, or the report
/// once the interview is over.
#[component]
pub fn MockRunPage() -> impl IntoView {
    let params = use_params_map();
    let run = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        },
        get_mock_run,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                run.get()
                    .map(|result| match result {
                        Ok(run) if run.next.is_some() => view! { <InterviewTurn run /> }.into_any(),
                        Ok(run) => view! { <Report run /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn InterviewTurn(run: MockRun) -> impl IntoView {
    let Some(prompt) = run.next.clone() else {
        return ().into_any();
    };
    // A refused answer's text comes back through the form's own echo.
    let initial = run.draft.clone().unwrap_or_default();
    let progress = if prompt.follow_up {
        format!(
            "Follow-up to question {} of {}",
            prompt.number, run.questions
        )
    } else {
        format!("Question {} of {}", prompt.number, run.questions)
    };
    let action = format!("/mock/{}", run.id);
    let forget = forget_last(&run);
    view! {
        {forget}
        <PageMeta title=format!("Mock interview: {}", run.title) description="A mock interview in progress." />
        <header class="practice-header">
            <p class="eyebrow">"Mock interview"</p>
            <h1>{run.title.clone()}</h1>
            <p class="practice-progress" aria-live="polite">{progress}</p>
        </header>
        <section class="card practice-question" aria-labelledby="question-text">
            <p class="question__meta">
                <span class="pill">{if prompt.follow_up { "Follow-up" } else { prompt.kind.label() }}</span>
                <span class="pill pill--quiet">{format!("{} to answer", duration_label(prompt.seconds_allowed))}</span>
            </p>
            <h2 id="question-text" class="question__text">{prompt.text.clone()}</h2>
        </section>
        <AnswerForm
            slug=run.question_set.clone()
            position=prompt.position
            kind=prompt.kind
            initial
            idempotency_key=run.idempotency_key.clone()
            interview=Interview {
                run: run.id,
                follow_up: prompt.follow_up,
                question: prompt.text.clone(),
                seconds_allowed: prompt.seconds_allowed,
                voice: run.voice,
                mode: run.answer_mode,
            }
        />
        <form class="mock-skip" id=SKIP_FORM method="post" action=action.clone()>
            <input type="hidden" name="form" value="skip" />
            <input type="hidden" name="q" value=prompt.position.to_string() />
            {prompt.follow_up.then(|| view! { <input type="hidden" name="follow_up" value="on" /> })}
            <input type="hidden" name="seconds_used" id=SKIP_SECONDS value="" />
            <button class="button button--secondary" type="submit">"Skip this question"</button>
        </form>
        <form class="mock-finish" method="post" action=action>
            <input type="hidden" name="form" value="finish" />
            <button class="button button--secondary" type="submit">"End the interview here and see the report"</button>
        </form>
    }
    .into_any()
}

/// Forgets this browser's copy of the last answer the server has.
fn forget_last(run: &MockRun) -> impl IntoView + use<> {
    use crate::components::answer_form::local_copy;
    run.turns
        .iter()
        .rev()
        .find_map(|t| t.attempt.as_ref().map(|a| (t, a)))
        .map(|(turn, attempt)| {
            let key =
                local_copy::mock_key(&run.question_set, run.id, turn.position, turn.follow_up);
            let answer = local_copy::fingerprint(&attempt.answer);
            view! { <ForgetLocalCopy key answer /> }
        })
}

/// "1 min 40 s of 2 min".
fn time_line(used: u32, allowed: u32) -> String {
    format!("{} of {}", duration_label(used), duration_label(allowed))
}

fn delivery_line(delivery: &Delivery) -> String {
    let mut parts = vec![match delivery.mode {
        AnswerMode::Spoken => "Spoken".to_string(),
        AnswerMode::Typed => "Typed".to_string(),
    }];
    parts.push(format!("{} words", delivery.words));
    if let Some(wpm) = delivery.words_per_minute {
        parts.push(format!("{wpm} words a minute"));
    }
    if !delivery.fillers.is_empty() {
        let list: Vec<String> = delivery
            .fillers
            .iter()
            .map(|f| format!("“{}” ×{}", f.phrase, f.count))
            .collect();
        parts.push(format!("fillers: {}", list.join(", ")));
    }
    if let Some(ms) = delivery.longest_pause_ms {
        parts.push(format!("longest pause {:.1} s", ms as f32 / 1000.0));
    }
    parts.push(time_line(delivery.seconds_used, delivery.seconds_allowed));
    parts.join(" · ")
}

#[component]
fn Report(run: MockRun) -> impl IntoView {
    let d = run.delivery.clone();
    let answered = run
        .turns
        .iter()
        .filter(|t| !t.follow_up && !t.skipped)
        .count();
    let skipped = run.turns.iter().filter(|t| t.skipped).count();
    let follow_ups = run.turns.iter().filter(|t| t.follow_up).count();
    let summary = format!(
        "{} · {answered} of {} questions answered{}{}",
        crate::components::timestamp(&run.created_at),
        run.questions,
        if follow_ups > 0 {
            format!(", {follow_ups} follow-ups")
        } else {
            String::new()
        },
        if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        },
    );
    let slug = run.question_set.clone();
    let mut groups: Vec<(MockTurn, Option<MockTurn>)> = Vec::new();
    for turn in run.turns.iter().cloned() {
        if turn.follow_up {
            if let Some(last) = groups
                .last_mut()
                .filter(|(m, _)| m.position == turn.position)
            {
                last.1 = Some(turn);
            }
        } else {
            groups.push((turn, None));
        }
    }
    let forget = forget_last(&run);
    view! {
        {forget}
        <PageMeta title=format!("Mock interview report: {}", run.title) description="How a mock interview went: every answer with its scores, delivery, and what to work on first." />
        <article class="printable mock-report">
            <header>
                <p class="eyebrow">"Mock interview report"</p>
                <h1>{run.title.clone()}</h1>
                <p class="muted">{summary}</p>
                <p class="no-print">
                    <PrintButton />
                    " "
                    <a href=format!("/practice/{slug}/mock")>"Start another mock interview"</a>
                    " · "
                    <a href="/me">"Your practice"</a>
                </p>
            </header>

            <section aria-labelledby="work-on-title">
                <h2 id="work-on-title">"Three things to work on first"</h2>
                {if run.work_on.is_empty() {
                    view! { <p class="muted">"Nothing stands out: every assessed answer was strong, or none was assessed."</p> }.into_any()
                } else {
                    view! {
                        <ol class="work-on">
                            {run.work_on.iter().map(|w| view! {
                                <li>
                                    <p><span class="pill">{w.dimension.label()}</span>" "{w.advice.clone()}</p>
                                    {w.quote.clone().map(|q| view! { <p class="comment__quote">"“"{q}"”"</p> })}
                                    <p class="muted">{format!("In your answer to: {}", w.prompt)}</p>
                                    {w.drill.clone().map(|drill| view! {
                                        <p class="no-print">
                                            <a href=format!("/practice/{}/drill?attempt={}&part={}", drill.question_set, drill.attempt, drill.part.as_str())>
                                                {format!("Drill just {}", drill.part.label())}
                                            </a>
                                        </p>
                                    })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </section>

            {(!run.retold.is_empty()).then(|| view! {
                <section class="banner" aria-labelledby="retold-title">
                    <h2 id="retold-title">"One story, told again and again"</h2>
                    <ul>
                        {run.retold.iter().map(|s| view! {
                            <li>
                                {format!("You told “{}” in {} answers of this interview. An interviewer who hears one story more than {} times starts to wonder what else you have done: keep another story ready for one of them. ", s.title, s.answers, crate::model::OVERUSE_IN_MOCK)}
                                <a class="no-print" href=format!("/me/stories/{}", s.id)>"Open the story"</a>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="no-print"><a href="/me/stories">"Your story bank"</a></p>
                </section>
            })}

            <section aria-labelledby="delivery-title">
                <h2 id="delivery-title">"Delivery"</h2>
                <dl class="delivery">
                    <dt>"Time used"</dt>
                    <dd>{time_line(d.seconds_used, d.seconds_allowed)}</dd>
                    <dt>"Words"</dt>
                    <dd>{format!("{} in {} answers", d.words, d.answers)}</dd>
                    <dt>"Answers that ran out of time"</dt>
                    <dd>{d.out_of_time.to_string()}</dd>
                    {(d.spoken_answers > 0).then(|| view! {
                        <dt>"Pace (spoken answers)"</dt>
                        <dd>{d.words_per_minute.map_or("–".to_string(), |w| format!("{w} words a minute"))}</dd>
                        <dt>"Filler words"</dt>
                        <dd>{d.fillers_per_minute.map_or("–".to_string(), |f| format!("{f:.1} a minute"))}</dd>
                        <dt>"Longest pause"</dt>
                        <dd>{d.longest_pause_ms.map_or("not reported by this browser".to_string(), |ms| format!("{:.1} s", ms as f32 / 1000.0))}</dd>
                    })}
                </dl>
                {(d.spoken_answers == 0).then(|| view! {
                    <p class="muted">"Every answer was typed, so pace, filler words and pauses are not measured."</p>
                })}
            </section>

            <section aria-labelledby="answers-title">
                <h2 id="answers-title">"Question by question"</h2>
                {groups.into_iter().map(|(main, follow)| view! {
                    <section class="printable__question">
                        <h3>{format!("{}. {}", main.position, main.prompt)}</h3>
                        <TurnBody turn=main slug=slug.clone() />
                        {follow.map(|f| view! {
                            <h4>{format!("Follow-up: {}", f.prompt)}</h4>
                            <TurnBody turn=f slug=slug.clone() />
                        })}
                    </section>
                }).collect_view()}
            </section>
        </article>
    }
}

#[component]
fn TurnBody(turn: MockTurn, slug: String) -> impl IntoView {
    if turn.skipped {
        return view! { <p class="muted">"Skipped."</p> }.into_any();
    }
    let Some(attempt) = turn.attempt else {
        return view! { <p class="muted">"This answer was deleted."</p> }.into_any();
    };
    let scores = attempt.feedback.as_ref().map(|f| {
        let dims: Vec<String> = Dimension::ALL
            .into_iter()
            .map(|d| format!("{} {}/10", d.label(), f.scores.get(d)))
            .collect();
        format!("Overall {}/10 · {}", f.scores.overall, dims.join(" · "))
    });
    let full = (!turn.follow_up).then(|| format!("/practice/{slug}?attempt={}", attempt.id));
    let comments = attempt
        .feedback
        .as_ref()
        .map(|f| f.comments.clone())
        .unwrap_or_default();
    view! {
        <p class="answer-text">{attempt.answer.clone()}</p>
        <p class="mock-scores">{scores.unwrap_or_else(|| "No feedback yet: ask for it from the full feedback page.".to_string())}</p>
        {turn.delivery.as_ref().map(|d| view! { <p class="muted">{delivery_line(d)}</p> })}
        {match full {
            Some(url) => view! { <p class="no-print"><a href=url>"Full feedback on this answer"</a></p> }.into_any(),
            None => view! {
                <details class="no-print">
                    <summary>"Comments on this answer"</summary>
                    <ul class="comments">
                        {comments.into_iter().map(|c| view! { <crate::components::CommentItem comment=c /> }).collect_view()}
                    </ul>
                </details>
            }
            .into_any(),
        }}
    }
    .into_any()
}
