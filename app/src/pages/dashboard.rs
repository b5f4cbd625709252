use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::get_dashboard;
use crate::components::{BarFill, ErrorView, PageMeta, ScoresByArea, ScoresOverTime, timestamp};
use crate::model::{AppError, AreaAverage, Dashboard, ReviewSummary};

/// Sets listed at first, and how many more each "more" link adds.
const SETS_PAGE: usize = 20;
/// Focus areas charted at first: the weakest ones.
const AREAS_SHOWN: usize = 10;

/// What the page's address asks to see beyond the first screen: `?sets=N`
/// lists N sets, `?areas=all` charts every focus area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    sets: usize,
    all_areas: bool,
}

impl Shown {
    fn read(sets: Option<String>, areas: Option<String>) -> Self {
        Self {
            sets: sets
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(SETS_PAGE)
                .clamp(SETS_PAGE, 10_000),
            all_areas: areas.as_deref() == Some("all"),
        }
    }

    fn url(self, anchor: &str) -> String {
        let mut query = vec![];
        if self.sets != SETS_PAGE {
            query.push(format!("sets={}", self.sets));
        }
        if self.all_areas {
            query.push("areas=all".to_string());
        }
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        format!("/me{query}#{anchor}")
    }
}

/// The areas to chart: all of them, or the weakest few, weakest first.
fn areas_to_chart(mut areas: Vec<AreaAverage>, all: bool) -> Vec<AreaAverage> {
    if all || areas.len() <= AREAS_SHOWN {
        return areas;
    }
    areas.sort_by(|a, b| a.overall.total_cmp(&b.overall));
    areas.truncate(AREAS_SHOWN);
    areas
}

/// `/me`: the sets you practise and how far you are, recent attempts,
/// scores over time and by focus area, and what to work on. The server
/// sends visitors without an account to log in first.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| get_dashboard());
    let shown = {
        let query = use_query_map();
        let query = query.read_untracked();
        Shown::read(query.get("sets"), query.get("areas"))
    };
    view! {
        <PageMeta title="Your practice" description="Your practice sets, attempts and progress." />
        <h1>"Your practice"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                dashboard
                    .get()
                    .map(|result| match result {
                        Ok(dashboard) => view! { <DashboardView dashboard shown /> }.into_any(),
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
fn DashboardView(dashboard: Dashboard, shown: Shown) -> impl IntoView {
    let Dashboard {
        sets,
        recent,
        timeline,
        areas,
        weakest,
        mock_runs,
        review,
    } = dashboard;
    if recent.is_empty() && sets.is_empty() && mock_runs.is_empty() {
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
        {review.and_then(|r| review_card(&r))}
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

        <p class="dashboard-links">
            <a href="/me/stories">"Your stories"</a>
            " · "
            <a href="/me/review">"Review"</a>
        </p>
        <section class="card" aria-labelledby="sets-title">
            <h2 id="sets-title">"Your sets"</h2>
            {if sets.is_empty() {
                view! { <p class="muted">"No sets yet."</p> }.into_any()
            } else {
                let total = sets.len();
                let listed = total.min(shown.sets);
                let more = (total > listed).then(|| {
                    let next = Shown { sets: shown.sets + SETS_PAGE, ..shown };
                    view! {
                        <p>
                            <a href=next.url("sets-title")>
                                {format!("Show {} more", (total - listed).min(SETS_PAGE))}
                            </a>
                            <span class="muted">{format!(" ({listed} of {total} sets shown)")}</span>
                        </p>
                    }
                });
                view! {
                    <ul class="set-progress">
                        {sets.into_iter().take(listed).map(|s| {
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
                                        <a href=format!("/practice/{}/mock", s.slug)>"Mock interview"</a>
                                        " · "
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
                    {more}
                }.into_any()
            }}
        </section>

        {(!timeline.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="time-heading">
                <h2 id="time-heading">"Scores over time"</h2>
                <ScoresOverTime points=timeline />
            </section>
        })}
        {(!areas.is_empty()).then(|| {
            let total = areas.len();
            let areas = areas_to_chart(areas, shown.all_areas);
            let all = Shown { all_areas: true, ..shown };
            view! {
                <section class="card" aria-labelledby="area-heading">
                    <h2 id="area-heading">"By focus area"</h2>
                    {(areas.len() < total).then(|| view! {
                        <p class="muted">
                            {format!("Your {} weakest of {total} focus areas, weakest first. ", areas.len())}
                            <a href=all.url("area-heading")>{format!("Show all {total}")}</a>
                        </p>
                    })}
                    <ScoresByArea areas />
                </section>
            }
        })}

        {(!mock_runs.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="mock-title">
                <h2 id="mock-title">"Mock interviews"</h2>
                <ol class="attempts">
                    {mock_runs.into_iter().map(|m| view! {
                        <li>
                            <a href=format!("/mock/{}", m.id)>{m.title}</a>
                            <span class="muted">
                                {format!(
                                    " · {} · {} questions · {}",
                                    timestamp(&m.created_at),
                                    m.questions,
                                    match (m.finished, m.overall) {
                                        (false, _) => "in progress: continue".to_string(),
                                        (true, Some(o)) => format!("report, {o}/10 overall"),
                                        (true, None) => "report".to_string(),
                                    }
                                )}
                            </span>
                        </li>
                    }).collect_view()}
                </ol>
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

/// What is due for review, when anything has been answered.
fn review_card(review: &ReviewSummary) -> Option<AnyView> {
    if review.due_today > 0 {
        let n = review.due_today;
        let title = if n == 1 {
            "Due today: 1 question".to_string()
        } else {
            format!("Due today: {n} questions")
        };
        return Some(
            view! {
                <section class="card review-due" aria-labelledby="review-title">
                    <h2 id="review-title">{title}</h2>
                    <p>"Questions you have answered before come back on a schedule: a weak answer the next day, a strong one after days, then weeks."</p>
                    <p><a class="button" href="/me/review">"Start today's review"</a></p>
                </section>
            }
            .into_any(),
        );
    }
    let next = review.next_due_on.clone()?;
    Some(
        view! {
            <section class="card review-due" aria-labelledby="review-title">
                <h2 id="review-title">"Nothing due for review today"</h2>
                <p>{format!("The next question comes back on {next}. ")}<a href="/me/review">"See the review list"</a></p>
            </section>
        }
        .into_any(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_asks_for_more_sets_or_every_area_within_bounds() {
        let first = Shown::read(None, None);
        assert_eq!(
            first,
            Shown {
                sets: SETS_PAGE,
                all_areas: false
            }
        );
        assert_eq!(first.url("x"), "/me#x");
        assert_eq!(Shown::read(Some("3".into()), None).sets, SETS_PAGE);
        assert_eq!(Shown::read(Some("many".into()), None).sets, SETS_PAGE);
        let more = Shown::read(Some("40".into()), Some("all".into()));
        assert_eq!(
            more,
            Shown {
                sets: 40,
                all_areas: true
            }
        );
        assert_eq!(more.url("sets-title"), "/me?sets=40&areas=all#sets-title");
    }

    #[test]
    fn the_weakest_areas_are_charted_first_unless_all_are_asked_for() {
        let area = |name: &str, overall: f32| AreaAverage {
            focus_area: name.to_string(),
            questions: 1,
            structure: overall,
            specificity: overall,
            relevance: overall,
            overall,
        };
        let areas: Vec<_> = (0..15)
            .map(|i| area(&format!("area {i}"), 10.0 - i as f32 * 0.5))
            .collect();
        let charted = areas_to_chart(areas.clone(), false);
        assert_eq!(charted.len(), AREAS_SHOWN);
        assert_eq!(charted[0].focus_area, "area 14");
        assert!(charted.windows(2).all(|w| w[0].overall <= w[1].overall));
        assert_eq!(areas_to_chart(areas.clone(), true), areas);
    }
}
