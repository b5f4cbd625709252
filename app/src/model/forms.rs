//! What the pages' plain HTML forms post, read into types, and what a page
//! shows after a post: the outcome, or the form again with what was typed
//! and what was wrong. The server's form handlers and the pages share these,
//! so that each field's name is written once.

use serde::{Deserialize, Deserializer, Serialize};

use super::{
    AccountDeletion, AppError, GenerateInput, LoginInput, PasswordChange, SignupInput, Submission,
};

/// The generator form. `kinds` repeats, once per ticked box; numbers stay
/// text until [`GenerateInput`] is made, so that an unreadable one earns
/// the count's own message rather than a generic one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GenerateForm {
    pub role: Option<String>,
    pub job_description: Option<String>,
    pub seniority: Option<String>,
    pub kinds: Vec<String>,
    pub count: Option<String>,
    pub resume: Option<String>,
    pub keep_resume: Option<Checkbox>,
}

impl From<GenerateForm> for GenerateInput {
    fn from(form: GenerateForm) -> Self {
        let has_role = form.role.as_deref().is_some_and(|r| !r.trim().is_empty());
        Self {
            // A form with an empty job description box means "no description".
            job_description: form
                .job_description
                .filter(|jd| !(has_role && jd.trim().is_empty())),
            role: form.role,
            seniority: form.seniority,
            kinds: (!form.kinds.is_empty()).then_some(form.kinds),
            count: form
                .count
                .filter(|c| !c.trim().is_empty())
                .map(|c| c.trim().parse().unwrap_or(0)),
            // An empty résumé box means "no résumé".
            resume: form.resume.filter(|r| !r.trim().is_empty()),
            keep_resume: form.keep_resume.map(|k| k.0),
        }
    }
}

/// A checkbox: ticked when the browser sends it with a true value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checkbox(pub bool);

impl<'de> Deserialize<'de> for Checkbox {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self(matches!(value.as_str(), "true" | "on" | "yes")))
    }
}

/// A whole number typed or sent as text; anything else reads as `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Number<T>(pub Option<T>);

impl<'de, T: std::str::FromStr> Deserialize<'de> for Number<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self(value.trim().parse().ok()))
    }
}

/// The practice page's forms, which post to the page itself; `form` says
/// which.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PracticeFields")]
pub enum PracticeForm {
    Answer(AnswerPost),
    /// Feedback asked for again on an attempt.
    Feedback {
        attempt: Number<i64>,
    },
    /// An attempt to delete.
    Delete {
        attempt: Number<i64>,
    },
}

/// An answer to question `q` (1-based), as the practice page posts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerPost {
    pub q: Number<u32>,
    pub answer: String,
    pub idempotency_key: String,
    pub draft_revision: Number<i64>,
}

/// Every field the practice page's forms post, as the browser sends them.
#[derive(Default, Deserialize)]
#[serde(default)]
struct PracticeFields {
    form: String,
    q: Number<u32>,
    answer: String,
    idempotency_key: String,
    draft_revision: Number<i64>,
    attempt: Number<i64>,
}

impl TryFrom<PracticeFields> for PracticeForm {
    type Error = String;

    fn try_from(f: PracticeFields) -> Result<Self, String> {
        Ok(match f.form.as_str() {
            "answer" => Self::Answer(AnswerPost {
                q: f.q,
                answer: f.answer,
                idempotency_key: f.idempotency_key,
                draft_revision: f.draft_revision,
            }),
            "feedback" => Self::Feedback { attempt: f.attempt },
            "delete" => Self::Delete { attempt: f.attempt },
            other => return Err(format!("unknown form {other:?}")),
        })
    }
}

impl AnswerPost {
    /// The answer as submitted to set `slug`.
    pub fn submission(self, slug: &str) -> Submission {
        Submission {
            question_set: slug.to_string(),
            question_index: self.q.0.unwrap_or(0),
            answer: self.answer,
            idempotency_key: self.idempotency_key,
            draft_revision: self.draft_revision.0,
            mock_interview: None,
            follow_up: false,
            timing: None,
        }
    }
}

/// The mock interview's setup form. Times are in seconds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MockSetupForm {
    pub questions: Number<u32>,
    pub seconds_story: Number<u32>,
    pub seconds_technical: Number<u32>,
    pub seconds_design: Number<u32>,
    pub voice: Checkbox,
    pub answer_mode: String,
}

impl MockSetupForm {
    /// The setup as submitted for set `slug`; a number that could not be
    /// read is out of bounds, so that it earns its field's message.
    pub fn setup(self, slug: &str) -> super::MockSetup {
        let seconds = |n: Number<u32>| n.0.unwrap_or(0);
        super::MockSetup {
            question_set: slug.to_string(),
            questions: Some(self.questions.0.unwrap_or(0)),
            seconds: super::MockSeconds {
                story: seconds(self.seconds_story),
                technical: seconds(self.seconds_technical),
                system_design: seconds(self.seconds_design),
            },
            voice: self.voice.0,
            answer_mode: super::AnswerMode::parse(&self.answer_mode)
                .unwrap_or(super::AnswerMode::Typed),
        }
    }
}

/// The mock interview page's forms, which post to the run's page: an
/// answer, or skipping the question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MockAnswerForm {
    /// `answer` or `skip`.
    pub form: String,
    pub q: Number<u32>,
    pub follow_up: Checkbox,
    pub answer: String,
    pub idempotency_key: String,
    pub draft_revision: Number<i64>,
    /// `spoken` or `typed`: how this answer was given.
    pub mode: String,
    pub seconds_used: Number<u32>,
    pub longest_pause_ms: Number<u32>,
}

impl MockAnswerForm {
    pub fn skipping(&self) -> bool {
        self.form == "skip"
    }

    /// The answer as submitted in run `run` over set `slug` (the server
    /// uses the run's own); the time allowed is the run's, filled in by the
    /// server.
    pub fn submission(self, slug: &str, run: i64) -> Submission {
        let mode = super::AnswerMode::parse(&self.mode).unwrap_or(super::AnswerMode::Typed);
        Submission {
            question_set: slug.to_string(),
            question_index: self.q.0.unwrap_or(0),
            answer: self.answer,
            idempotency_key: self.idempotency_key,
            draft_revision: self.draft_revision.0,
            mock_interview: Some(run),
            follow_up: self.follow_up.0,
            timing: Some(super::Timing {
                mode,
                seconds_used: self.seconds_used.0.unwrap_or(0),
                seconds_allowed: 0,
                longest_pause_ms: self.longest_pause_ms.0,
            }),
        }
    }
}

/// The settings page's forms, which post to the page itself; `form` says
/// which.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "SettingsFields")]
pub enum SettingsForm {
    Password(PasswordChange),
    Delete {
        password: String,
        confirm: Checkbox,
    },
    /// How long to keep attempts: a number of days, or empty for ever.
    Retention {
        retention_days: String,
    },
    /// Deleting all practice data.
    Practice {
        confirm: Checkbox,
    },
    /// Whether the dashboard says which questions are due for review.
    Reminders {
        review_reminders: Checkbox,
    },
}

/// Every field the settings page's forms post, as the browser sends them.
#[derive(Default, Deserialize)]
#[serde(default)]
struct SettingsFields {
    form: String,
    current_password: String,
    new_password: String,
    password: String,
    confirm: Checkbox,
    retention_days: String,
    review_reminders: Checkbox,
}

impl TryFrom<SettingsFields> for SettingsForm {
    type Error = String;

    fn try_from(f: SettingsFields) -> Result<Self, String> {
        Ok(match f.form.as_str() {
            "password" => Self::Password(PasswordChange {
                current_password: f.current_password,
                new_password: f.new_password,
            }),
            "delete" => Self::Delete {
                password: f.password,
                confirm: f.confirm,
            },
            "retention" => Self::Retention {
                retention_days: f.retention_days,
            },
            "practice" => Self::Practice { confirm: f.confirm },
            "reminders" => Self::Reminders {
                review_reminders: f.review_reminders,
            },
            other => return Err(format!("unknown form {other:?}")),
        })
    }
}

impl SettingsForm {
    /// The form's name, as its hidden `form` field gives it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Password(_) => "password",
            Self::Delete { .. } => "delete",
            Self::Retention { .. } => "retention",
            Self::Practice { .. } => "practice",
            Self::Reminders { .. } => "reminders",
        }
    }

    /// What the page says once the form has done what it asks.
    pub fn done(&self) -> Outcome {
        match self {
            Self::Password(_) => Outcome::PasswordChanged,
            Self::Delete { .. } => Outcome::AccountDeleted,
            Self::Retention { .. } => Outcome::RetentionSaved,
            Self::Practice { .. } => Outcome::PracticeDeleted,
            Self::Reminders { .. } => Outcome::RemindersSaved,
        }
    }
}

impl From<(String, Checkbox)> for AccountDeletion {
    fn from((password, confirm): (String, Checkbox)) -> Self {
        Self {
            password,
            confirm: confirm.0,
        }
    }
}

/// The retention form's choice: `None` keeps attempts for ever.
pub fn retention_days(value: &str) -> Result<Option<u32>, AppError> {
    match value.trim() {
        "" => Ok(None),
        other => other.parse::<u32>().map(Some).map_err(|_| {
            AppError::invalid(
                "retention_days",
                "Choose how long to keep attempts from the list.",
            )
        }),
    }
}

/// The signup and login forms post the API's own input types.
pub type SignupForm = SignupInput;
pub type LoginForm = LoginInput;

/// What the visitor sent, and what was wrong with it, when the server shows
/// the generator again instead of a new set. Nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratorEcho {
    pub input: GenerateInput,
    pub error: AppError,
}

/// What a page shows again after a refused form post: what was typed,
/// and why it was refused.
pub trait Echo: Clone + Send + Sync + 'static {
    fn error(&self) -> &AppError;
}

macro_rules! echo {
    ($($name:ident),*) => {$(
        impl Echo for $name {
            fn error(&self) -> &AppError {
                &self.error
            }
        }
    )*};
}
echo!(GeneratorEcho, PracticeEcho, AccountEcho, MockEcho);

/// The mock interview's setup as submitted, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockEcho {
    pub setup: super::MockSetup,
    pub error: AppError,
}

/// What was submitted and what was wrong, when the server shows the
/// answer form again after refusing an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeEcho {
    pub answer: String,
    pub error: AppError,
}

/// What was typed into an account form (never a password) and what was
/// wrong, when the server shows the form again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEcho {
    /// Which form: `signup`, `login`, `password`, `delete`, `retention` or
    /// `practice`.
    pub form: String,
    pub email: String,
    pub display_name: Option<String>,
    pub error: AppError,
}

impl AccountEcho {
    /// The echo of a form with no email or name field.
    pub fn of(form: &str, error: AppError) -> Self {
        Self {
            form: form.into(),
            email: String::new(),
            display_name: None,
            error,
        }
    }
}

/// What a page says after a form post took effect, carried in the address
/// it redirects to (`?deleted=1` and the like) so that a reload says it
/// again and the back button does not post twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A question set was deleted (home page).
    SetDeleted,
    /// Deleting a set was refused: it is not this visitor's (the set's page).
    SetNotYours,
    /// A set was listed for search engines (the set's page).
    SetListed,
    /// A set was unlisted (the set's page).
    SetUnlisted,
    /// Listing a set was refused: only the account that owns it may.
    ListingNotYours,
    /// The account was deleted (home page).
    AccountDeleted,
    /// The password was changed (settings).
    PasswordChanged,
    /// The retention period was saved (settings).
    RetentionSaved,
    /// All practice data was deleted (settings).
    PracticeDeleted,
    /// The review reminder setting was saved (settings).
    RemindersSaved,
    /// A question due for review was postponed (the review page).
    ReviewPostponed,
    /// A story was saved (its page).
    StorySaved,
    /// A story was drafted from an answer, to edit (its page).
    StoryDrafted,
    /// A story was deleted (the story bank).
    StoryDeleted,
    /// A story was refused: the bank is full (the story bank).
    StoriesFull,
    /// A story went into the answer box (the practice page).
    StoryUsed,
    /// An attempt was deleted (practice page).
    AttemptDeleted,
    /// Feedback asked for again could not be computed (practice page).
    FeedbackFailed,
}

impl Outcome {
    /// The query parameter that carries it.
    pub fn param(self) -> (&'static str, &'static str) {
        match self {
            Self::SetDeleted | Self::AttemptDeleted | Self::StoryDeleted => ("deleted", "1"),
            Self::SetNotYours => ("error", "forbidden"),
            Self::SetListed => ("listing", "listed"),
            Self::SetUnlisted => ("listing", "unlisted"),
            Self::ListingNotYours => ("listing", "forbidden"),
            Self::AccountDeleted => ("account", "deleted"),
            Self::PasswordChanged => ("password", "changed"),
            Self::RetentionSaved => ("retention", "saved"),
            Self::PracticeDeleted => ("practice", "deleted"),
            Self::RemindersSaved => ("reminders", "saved"),
            Self::ReviewPostponed => ("postponed", "1"),
            Self::StorySaved => ("saved", "1"),
            Self::StoryDrafted => ("drafted", "1"),
            Self::StoriesFull => ("full", "1"),
            Self::StoryUsed => ("story", "used"),
            Self::FeedbackFailed => ("feedback", "failed"),
        }
    }

    /// `path` with the outcome added to its query.
    pub fn at(self, path: &str) -> String {
        let (key, value) = self.param();
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!("{path}{joiner}{key}={value}")
    }

    /// Whether the query parameter `get` reads says this outcome.
    pub fn shown(self, get: impl Fn(&str) -> Option<String>) -> bool {
        let (key, value) = self.param();
        get(key).as_deref() == Some(value)
    }
}

/// Only a path on this site is a place to go back to after logging in: it
/// starts with one `/`, and every byte is printable ASCII other than a
/// space or a backslash. Browsers drop tabs and line breaks from a
/// `Location` and read `\` as `/`, so `/<tab>/evil.example` would leave the
/// site; percent-encoded, such bytes are harmless and pass.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.len() <= 512
            && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
    })
    .unwrap_or_else(|| "/".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_job_description_beside_a_role_means_none() {
        let input = GenerateInput::from(GenerateForm {
            role: Some("backend-engineer".into()),
            job_description: Some("  ".into()),
            count: Some("x".into()),
            ..Default::default()
        });
        assert_eq!(input.job_description, None);
        assert_eq!(
            input.count,
            Some(0),
            "an unreadable count earns its own message"
        );
        assert_eq!(input.kinds, None);
    }

    #[test]
    fn outcomes_round_trip_through_the_address() {
        for outcome in [
            Outcome::SetDeleted,
            Outcome::SetNotYours,
            Outcome::AccountDeleted,
            Outcome::PasswordChanged,
            Outcome::RetentionSaved,
            Outcome::PracticeDeleted,
            Outcome::AttemptDeleted,
            Outcome::FeedbackFailed,
        ] {
            let url = outcome.at("/practice/abc?q=2");
            let query = url.split_once('?').unwrap().1;
            let get = |key: &str| {
                query
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            };
            assert!(outcome.shown(get), "{outcome:?}");
        }
        assert_eq!(Outcome::SetDeleted.at("/"), "/?deleted=1");
    }
}
