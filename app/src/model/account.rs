//! Accounts: who is logged in, and the forms that create, open, change and
//! close an account.

use serde::{Deserialize, Serialize};

use super::{AppError, DisplayName, Email, Password, Problems};

/// The logged-in person, as pages and the API show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: Option<String>,
    /// Attempts older than this many days are deleted; `None` keeps them.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// Whether the dashboard says which questions are due for review.
    #[serde(default = "reminders_on")]
    pub review_reminders: bool,
}

fn reminders_on() -> bool {
    true
}

/// The retention periods offered, in days.
pub const RETENTION_CHOICES: [u32; 4] = [30, 90, 180, 365];

impl Viewer {
    /// The name to greet them by.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDeletion {
    #[serde(default)]
    pub password: String,
    /// The visitor ticked "I understand this cannot be undone".
    #[serde(default)]
    pub confirm: bool,
}

/// A new account's fields, each parsed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: Email,
    pub password: Password,
    pub display_name: Option<DisplayName>,
}

impl SignupInput {
    /// Every field parsed, every problem reported at once. `new_password`
    /// parses the password for this email as the server judges new ones
    /// (its bounds and the common-password list).
    pub fn parse(
        &self,
        new_password: impl FnOnce(&str, &str) -> Result<Password, String>,
    ) -> Result<NewAccount, AppError> {
        let mut problems = Problems::default();
        let email = problems.take("email", Email::parse(&self.email));
        let display_name = problems.take(
            "display_name",
            DisplayName::parse(self.display_name.as_deref().unwrap_or_default()),
        );
        let password = problems.take("password", new_password(&self.password, &self.email));
        match (email, password, display_name) {
            (Some(email), Some(password), Some(display_name)) => Ok(NewAccount {
                email,
                password,
                display_name,
            }),
            _ => Err(problems.into_error()),
        }
    }
}

impl LoginInput {
    pub fn parse(&self) -> Result<(Email, Password), AppError> {
        let mut problems = Problems::default();
        let email = problems.take("email", Email::parse(&self.email));
        let password = problems.take(
            "password",
            Password::parse(&self.password, "Enter your password."),
        );
        match (email, password) {
            (Some(email), Some(password)) => Ok((email, password)),
            _ => Err(problems.into_error()),
        }
    }
}

/// Everything an account holds, as `GET /api/v1/me/export` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountExport {
    pub exported_at: String,
    pub account: ExportedAccount,
    pub question_sets: Vec<ExportedSet>,
    /// Every attempt at any question, newest first, with its feedback.
    #[serde(default)]
    pub answers: Vec<ExportedAnswer>,
    /// Answers being written.
    #[serde(default)]
    pub drafts: Vec<ExportedDraft>,
    /// Mock interviews, newest first; their answers are among `answers`.
    #[serde(default)]
    pub mock_interviews: Vec<ExportedMockRun>,
    /// When each answered question comes back for review, soonest first.
    #[serde(default)]
    pub reviews: Vec<super::DueQuestion>,
    /// The story bank, with the questions each story answered.
    #[serde(default)]
    pub stories: Vec<super::Story>,
    pub sessions: Vec<ExportedSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMockRun {
    pub id: i64,
    pub question_set: String,
    pub title: String,
    pub questions: u32,
    pub voice: bool,
    pub answer_mode: super::AnswerMode,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub turns: Vec<ExportedMockTurn>,
}

/// One question or follow-up of a mock interview; `attempt` is the id of
/// its answer among the export's answers, `None` when it was skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMockTurn {
    pub position: u32,
    pub follow_up: bool,
    pub prompt: String,
    pub attempt: Option<i64>,
    pub timing: super::Timing,
    /// The follow-up the interviewer asked after this answer.
    pub follow_up_asked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAnswer {
    /// The question as it was answered.
    pub question: String,
    #[serde(flatten)]
    pub attempt: super::Attempt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedDraft {
    pub question: String,
    pub text: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAccount {
    pub id: i64,
    pub email: String,
    pub display_name: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedSet {
    pub slug: String,
    pub url: String,
    pub created_at: String,
    pub job_description: Option<String>,
    /// The résumé it was made from, when it was kept.
    pub resume: Option<String>,
    /// Listed for search engines.
    pub listed: bool,
    #[serde(flatten)]
    pub set: super::QuestionSet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedSession {
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
}
