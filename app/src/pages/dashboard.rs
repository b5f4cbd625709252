use leptos::prelude::*;

use crate::api::get_dashboard;
use crate::components::{BarFill, ErrorView, PageMeta, ScoresByArea, ScoresOverTime, timestamp};
use crate::model::{AppError, Dashboard};

/// `/me`: the sets you practise and how far you are, recent attempts,
/// scores over time and by focus area, and what to work on. The server
/// sends visitors without an account to log in first.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| get_dashboard());
    view! {
        <PageMeta title="Your practice" description="Your practice sets, attempts and progress." />
        <h1>"Your practice"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                dashboard
                    .get()
                    .map(|result| match result {
                        Ok(dashboard) => view! { <DashboardView dashboard /> }.into_any(),
                        Err(AppError::Unauthorized) => view! {
                            <ErrorView error=AppError::Unauthorized />
                            <p><a href="/login?next=/me">"Log in"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let Dashboard {
        sets,
        recent,
        timeline,
        areas,
        weakest,
    } = dashboard;
    if recent.is_empty() && sets.is_empty() {
        return view! {
            <section class="card">
                <h2>"Nothing practised yet"</h2>
                <p>"Make a question set from a role or a job description, then choose “Practise this set” on its page. Your sets, attempts and progress will show here."</p>
                <p><a class="button" href="/">"Make a question set"</a></p>
            </section>
        }
        .into_any();
    }
    view! {
        {weakest.map(|w| view! {
            <section class="card weakest" aria-labelledby="weakest-title">
                <h2 id="weakest-title">{format!("Work on: {}", w.dimension.label())}</h2>
                <p>{format!(
                    "It is your lowest score on average: {:.1} out of 10 over your latest attempt at each question.",
                    w.average
                )}</p>
                {w.drill.map(|d| view! {
                    <p>
                        <a class="button" href=format!("/practice/{}/drill?attempt={}&part={}", d.question_set, d.attempt, d.part.as_str())>
                            {format!("Drill {}", d.part.label())}
                        </a>
                        <span class="muted">" A sentence or two, assessed on that part alone."</span>
                    </p>
                })}
                {(!w.evidence.is_empty()).then(|| view! {
                    <h3>"Where it shows"</h3>
                    <ul class="comments">
                        {w.evidence.into_iter().map(|e| view! {
                            <li class="comment comment--improve">
                                <p class="comment__head">
                                    <a href=format!("/practice/{}?attempt={}", e.question_set, e.attempt)>{e.question}</a>
                                </p>
                                <p>{e.text}</p>
                                {e.quote.map(|q| view! { <p class="comment__quote">"“"{q}"”"</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        })}

        <section class="card" aria-labelledby="sets-title">
            <h2 id="sets-title">"Your sets"</h2>
            {if sets.is_empty() {
                view! { <p class="muted">"No sets yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="set-progress">
                        {sets.into_iter().map(|s| {
                            let share = (s.answered * 100).checked_div(s.questions).unwrap_or(0);
                            view! {
                                <li>
                                    <a href=format!("/practice/{}", s.slug)>{s.title}</a>
                                    {(!s.owned).then(|| view! { <span class="pill pill--quiet">"Shared with you"</span> })}
                                    <span class="set-progress__bar" aria-hidden="true">
                                        <BarFill percent=share />
                                    </span>
                                    <span class="muted">
                                        {format!("{} of {} answered", s.answered, s.questions)}
                                        {s.average.map(|a| format!(" · average {a:.1}/10"))}
                                    </span>
                                    <span class="set-progress__files">
                                        <a href=format!("/practice/{}/print", s.slug)>"Printable"</a>
                                        " · "
                                        <a href=format!("/practice/{}/export.md", s.slug) rel="external" download="">"Markdown"</a>
                                        " · "
                                        <a href=format!("/s/{}/questions.csv", s.slug) rel="external" download="">"Questions as CSV"</a>
                                    </span>
                                    {s.coverage.map(|c| view! {
                                        <div class="coverage">
                                            <p class="coverage__line">
                                                <strong>"Job description skills with a story: "</strong>
                                                {if c.covered.is_empty() { "none yet".to_string() } else { c.covered.join(", ") }}
                                            </p>
                                            {(!c.missing.is_empty()).then(|| view! {
                                                <p class="coverage__line">
                                                    <strong>"No story yet: "</strong>
                                                    {c.missing.join(", ")}
                                                </p>
                                            })}
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        {(!timeline.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="time-heading">
                <h2 id="time-heading">"Scores over time"</h2>
                <ScoresOverTime points=timeline />
            </section>
        })}
        {(!areas.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="area-heading">
                <h2 id="area-heading">"By focus area"</h2>
                <ScoresByArea areas />
            </section>
        })}

        <section class="card" aria-labelledby="recent-title">
            <h2 id="recent-title">"Recent attempts"</h2>
            <ol class="attempts">
                {recent.into_iter().map(|a| view! {
                    <li>
                        <a href=format!("/practice/{}?attempt={}", a.question_set, a.id)>{a.question}</a>
                        <span class="muted">
                            {format!(
                                " · {} · {}",
                                timestamp(&a.created_at),
                                a.overall.map_or_else(|| "no feedback yet".to_string(), |o| format!("{o}/10 overall"))
                            )}
                        </span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
