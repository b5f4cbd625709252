//! The model's jobs as [`Task`]s: writing questions, assessing an answer
//! (each logging what its checks repaired) and asking a mock interview's
//! follow-up.

use app::model::{Feedback, GenerateRequest};

use super::client::Prompt;
use super::{Task, assessment, follow_up, questions};
use crate::coach::offline::Brief;

pub(super) struct QuestionsTask<'a> {
    pub(super) prompt: Prompt,
    pub(super) request: &'a GenerateRequest,
    pub(super) brief: &'a Brief,
    pub(super) jd: Option<&'a str>,
}

impl Task for QuestionsTask<'_> {
    type Output = Vec<app::model::Question>;

    fn purpose(&self) -> &'static str {
        "questions"
    }

    fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    fn accept(&self, content: &str) -> Result<Self::Output, String> {
        let (questions, repairs) = questions::accept(content, self.request, self.brief, self.jd)?;
        if repairs != questions::Repairs::default() {
            tracing::info!(
                dropped = repairs.dropped,
                quotes_replaced = repairs.quotes_replaced,
                clamped = repairs.clamped,
                "model questions repaired"
            );
        }
        Ok(questions)
    }
}

pub(super) struct AssessTask<'a> {
    pub(super) prompt: Prompt,
    pub(super) subject: &'a assessment::Subject<'a>,
    pub(super) offline: &'a Feedback,
    pub(super) model: &'a str,
}

impl Task for AssessTask<'_> {
    type Output = Feedback;

    fn purpose(&self) -> &'static str {
        "assess"
    }

    fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    fn accept(&self, content: &str) -> Result<Self::Output, String> {
        let (feedback, repairs) =
            assessment::accept(content, self.subject, self.offline, self.model)?;
        if repairs != assessment::Repairs::default() {
            tracing::info!(
                dropped = repairs.dropped,
                clamped = repairs.clamped,
                rewrite_replaced = repairs.rewrite_replaced,
                "model feedback repaired"
            );
        }
        Ok(feedback)
    }
}

pub(super) struct FollowUpTask<'a> {
    pub(super) prompt: Prompt,
    pub(super) subject: &'a follow_up::Subject<'a>,
}

impl Task for FollowUpTask<'_> {
    type Output = Option<String>;

    fn purpose(&self) -> &'static str {
        "follow_up"
    }

    fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    fn accept(&self, content: &str) -> Result<Self::Output, String> {
        follow_up::accept(content, self.subject)
    }
}
