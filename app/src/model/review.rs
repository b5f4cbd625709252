//! Spaced review: the questions an account has answered that are due to
//! be answered again.

use serde::{Deserialize, Serialize};

use super::QuestionKind;

/// A question due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueQuestion {
    /// The question's id, which postponing names.
    pub question_id: i64,
    pub set_slug: String,
    pub set_title: String,
    /// 1-based, within its set.
    pub position: u32,
    pub text: String,
    pub kind: QuestionKind,
    /// The overall score of the attempt that scheduled it.
    pub last_score: u8,
    /// `YYYY-MM-DD`.
    pub due_on: String,
}

/// What is due on a day, across every set the account has practised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    /// The day asked about, `YYYY-MM-DD`: today unless another was asked.
    pub on: String,
    /// Due on or before `on`, the longest overdue first.
    pub due: Vec<DueQuestion>,
    /// The first day after `on` that something falls due, if any.
    pub next_due_on: Option<String>,
    /// Whether the account wants the dashboard to say what is due.
    pub reminders: bool,
}

/// What the dashboard says of review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    /// Questions due today or overdue.
    pub due_today: u32,
    /// The first day after today that something falls due, `YYYY-MM-DD`.
    pub next_due_on: Option<String>,
}

/// The review page's postpone form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostponeForm {
    #[serde(default)]
    pub question: String,
}
