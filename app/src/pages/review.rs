use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::get_review;
use crate::components::{ErrorView, PageMeta};
use crate::model::{AppError, DueQuestion, Outcome, ReviewView};

/// `/me/review`: the questions due for review today across every set
/// practised, each to answer again or put off to tomorrow. The server
/// sends visitors without an account to log in first.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let review = Resource::new(|| (), |_| get_review());
    let postponed = Outcome::ReviewPostponed.shown(|key| use_query_map().read_untracked().get(key));
    view! {
        <PageMeta title="Today's review" description="The questions due for review today." />
        <h1>"Today's review"</h1>
        {postponed.then(|| view! { <p class="banner" role="status">"Postponed to tomorrow."</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                review
                    .get()
                    .map(|result| match result {
                        Ok(review) => view! { <ReviewList review /> }.into_any(),
                        Err(AppError::Unauthorized) => view! {
                            <ErrorView error=AppError::Unauthorized />
                            <p><a href="/login?next=/me/review">"Log in"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
        <p><a href="/me">"Back to your practice"</a></p>
    }
}

#[component]
fn ReviewList(review: ReviewView) -> impl IntoView {
    if review.due.is_empty() {
        let next = match review.next_due_on {
            Some(day) => format!("The next question comes back on {day}."),
            None => "Answer a question on a practice page and it comes back here when it is due."
                .to_string(),
        };
        return view! {
            <section class="card">
                <h2>"Nothing is due today"</h2>
                <p>{next}</p>
            </section>
        }
        .into_any();
    }
    let count = review.due.len();
    view! {
        <p>
            {if count == 1 { "1 question is due.".to_string() } else { format!("{count} questions are due.") }}
            " A weak answer comes back the next day; a strong one after days, then weeks. Answering it again sets its next date."
        </p>
        <ol class="review-list">
            {review.due.into_iter().map(|q| view! { <DueItem q today=review.on.clone() /> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn DueItem(q: DueQuestion, today: String) -> impl IntoView {
    let since = if q.due_on < today {
        format!(" · due since {}", q.due_on)
    } else {
        String::new()
    };
    view! {
        <li class="card review-item">
            <p class="question__meta">
                <span class="pill">{q.kind.label()}</span>
                <span class="muted">{format!("{} · question {} · last score {}/10{since}", q.set_title, q.position, q.last_score)}</span>
            </p>
            <p class="review-item__text">{q.text}</p>
            <p class="review-item__actions">
                <a class="button" href=format!("/practice/{}?q={}", q.set_slug, q.position)>"Answer it again"</a>
                <form method="post" action="/me/review/postpone">
                    <input type="hidden" name="question" value=q.question_id.to_string() />
                    <button class="button button--secondary" type="submit">"Postpone to tomorrow"</button>
                </form>
            </p>
        </li>
    }
}
