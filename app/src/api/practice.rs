use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::model::{
    AppError, Comparison, Dashboard, DrillView, MockRun, MockSetupView, PracticeExport,
    PracticeView, ReviewView,
};

/// The practice page for one question of a set: `q` is 1-based (the first
/// unanswered one when absent); `attempt` shows that attempt's feedback.
#[server(endpoint = "practice/get", input = GetUrl)]
pub async fn get_practice(
    slug: String,
    q: Option<u32>,
    attempt: Option<i64>,
) -> Result<PracticeView, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(
        Ports::current()?
            .practice
            .view(&slug, q, attempt, &requester)
            .await,
    )
}

/// Keeps the answer being written, so a reload or another device finds it.
#[server(endpoint = "practice/draft")]
pub async fn save_draft(slug: String, q: u32, text: String, revision: i64) -> Result<(), AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(
        Ports::current()?
            .practice
            .save_draft(&slug, q, text, revision, &requester)
            .await,
    )
}

/// Two of your attempts side by side, the older first.
#[server(endpoint = "practice/compare", input = GetUrl)]
pub async fn compare_attempts(a: i64, b: i64) -> Result<Comparison, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.practice.compare(a, b, &requester).await)
}

/// Your practice at a glance, for `/me`.
#[server(endpoint = "practice/dashboard", input = GetUrl)]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.practice.dashboard(&requester).await)
}

/// The questions due for review today, across every set practised.
#[server(endpoint = "practice/review", input = GetUrl)]
pub async fn get_review() -> Result<ReviewView, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.practice.review(None, &requester).await)
}

/// A drill on one part of an attempt's answer: `part` as named by
/// [`crate::model::DrillPart::as_str`]; with `text`, it is assessed on that part alone.
#[server(endpoint = "practice/drill", input = GetUrl)]
pub async fn get_drill(
    attempt: i64,
    part: String,
    text: Option<String>,
) -> Result<DrillView, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(match crate::model::DrillPart::parse(&part) {
        Some(part) => {
            Ports::current()?
                .practice
                .drill(attempt, part, text, &requester)
                .await
        }
        None => Err(AppError::invalid(
            "part",
            "Choose a part of the answer to drill.",
        )),
    })
}

/// A set with your latest answers and feedback, for the printable page.
#[server(endpoint = "practice/export", input = GetUrl)]
pub async fn get_export(slug: String) -> Result<PracticeExport, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.practice.export(&slug, &requester).await)
}

/// What a mock interview over set `slug` could hold, for its setup page.
#[server(endpoint = "practice/mock-setup", input = GetUrl)]
pub async fn get_mock_setup(slug: String) -> Result<MockSetupView, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(
        Ports::current()?
            .practice
            .mock_setup(&slug, &requester)
            .await,
    )
}

/// One of your mock interviews: what the interviewer asks next, or the
/// report once it is over.
#[server(endpoint = "practice/mock", input = GetUrl)]
pub async fn get_mock_run(id: i64) -> Result<MockRun, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.practice.mock_run(id, &requester).await)
}
