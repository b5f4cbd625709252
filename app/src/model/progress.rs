//! What the generator reports while it works, streamed to the browser as
//! one JSON object per line.

use serde::{Deserialize, Serialize};

use super::AppError;

/// A step of making a question set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Reading the role and the job description.
    Reading,
    /// Waiting for the model's answer.
    Asking { attempt: u32, attempts: u32 },
    /// The model failed; trying again after a pause.
    Retrying { attempt: u32, wait_secs: u32 },
    /// Checking the model's questions.
    Checking,
    /// The model could not be used; the offline coach is writing the set.
    Offline,
    /// Storing the set.
    Saving,
}

impl Stage {
    /// The line shown beside the progress indicator.
    pub fn message(&self) -> String {
        match self {
            Self::Reading => "Reading the role and the job description…".to_string(),
            Self::Asking { attempt: 1, .. } => "Asking the model for questions…".to_string(),
            Self::Asking { attempt, attempts } => {
                format!("Asking the model again (attempt {attempt} of {attempts})…")
            }
            Self::Retrying { wait_secs: 0, .. } => {
                "The model did not answer; trying again…".to_string()
            }
            Self::Retrying { wait_secs, .. } => {
                format!("The model did not answer; trying again in {wait_secs} s…")
            }
            Self::Checking => "Checking the questions…".to_string(),
            Self::Offline => {
                "The model is unavailable; writing the set offline instead…".to_string()
            }
            Self::Saving => "Saving the set…".to_string(),
        }
    }
}

/// One line of the generator's progress stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProgressEvent {
    /// A step of the work, with the line a page shows for it.
    Stage {
        #[serde(flatten)]
        stage: Stage,
        message: String,
    },
    /// The set exists; go to its page.
    Done { slug: String, url: String },
    /// Nothing was made; the form should show why.
    Failed { error: AppError },
}

impl ProgressEvent {
    pub fn stage(stage: Stage) -> Self {
        let message = stage.message();
        Self::Stage { stage, message }
    }
}

/// Where a generator submission made from the interactive page stands, as
/// the page shows it. Only the browser build moves it past `Idle`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Working {
    Idle,
    /// Working; the message says on what.
    Busy(String),
    Cancelled,
    /// The connection broke before the set was ready.
    Lost,
}
