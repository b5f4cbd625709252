//! The interfaces the server implements and provides as context. Server
//! functions call these; they never reach the database themselves.

use std::net::IpAddr;
use std::sync::Arc;

use crate::model::{
    AccountDeletion, AccountExport, AppError, Attempt, Comparison, Dashboard, DrillPart, DrillView,
    GenerateInput, ListedSet, LoginInput, MockRun, MockSetup, MockSetupView, PasswordChange,
    PracticeExport, PracticeView, PrivateQuestions, ProgressEvent, ReviewView, RolePage,
    RoleSummary, SharedSet, SignupInput, Stage, Story, StoryInput, Submission, Viewer,
};

/// Who is asking, as the server's middleware worked it out for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requester {
    pub ip: IpAddr,
    /// The anonymous claim token from this browser's cookie, if any.
    pub claim_token: Option<String>,
    /// Scheme and host people reach this server at, for absolute links.
    pub base_url: String,
    /// The logged-in account, if any.
    pub user: Option<Viewer>,
    /// The SHA-256 of the session cookie's token, when logged in.
    pub session: Option<String>,
}

impl Requester {
    /// The requester of the request being handled.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Requester>().cloned())
            .ok_or_else(|| AppError::Internal {
                reference: "requester-missing".into(),
            })
    }
}

/// A set just made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub slug: String,
    pub url: String,
    /// A claim token to store in this browser, when it had none.
    pub new_claim_token: Option<String>,
}

impl Requester {
    /// The same requester, holding `token` as its claim when one was just
    /// given to this browser.
    pub fn claiming(self, token: Option<String>) -> Self {
        Self {
            claim_token: token.or(self.claim_token),
            ..self
        }
    }
}

/// The last line of a progress stream: where the set is (on this site), or
/// why there is none.
impl From<Result<Created, AppError>> for ProgressEvent {
    fn from(created: Result<Created, AppError>) -> Self {
        match created {
            Ok(Created { slug, .. }) => Self::Done {
                url: format!("/s/{slug}"),
                slug,
            },
            Err(error) => Self::Failed { error },
        }
    }
}

/// Where the stages of making a set are reported as they happen.
pub type Progress<'a> = &'a (dyn Fn(Stage) + Send + Sync);

/// Progress nobody watches.
pub fn unwatched(_: Stage) {}

#[async_trait::async_trait]
pub trait Sets: Send + Sync {
    /// Makes and stores a set, reporting each stage to `progress`.
    async fn create(
        &self,
        input: GenerateInput,
        requester: &Requester,
        progress: Progress<'_>,
    ) -> Result<Created, AppError>;
    async fn shared(&self, slug: &str, requester: &Requester) -> Result<SharedSet, AppError>;
    /// The questions drawn from the maker's résumé, for the maker only:
    /// anyone else is told there is no such thing.
    async fn private(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<PrivateQuestions, AppError>;
    async fn delete(&self, slug: &str, requester: &Requester) -> Result<(), AppError>;
    /// Lists a set for search engines, or unlists it. Only the account
    /// that owns the set may; the set as its page now shows it.
    async fn set_listing(
        &self,
        slug: &str,
        listed: bool,
        requester: &Requester,
    ) -> Result<SharedSet, AppError>;
    /// The listed sets, newest first, at most `limit`: for the sitemap.
    async fn listed(&self, limit: u64) -> Result<Vec<ListedSet>, AppError>;
}

/// Practising a set: every call needs an account, and reaches only that
/// account's attempts and drafts.
#[async_trait::async_trait]
pub trait Practice: Send + Sync {
    /// The page for question `position` (1-based; `None` for the first one
    /// not yet attempted), showing attempt `attempt` when given.
    async fn view(
        &self,
        slug: &str,
        position: Option<u32>,
        attempt: Option<i64>,
        requester: &Requester,
    ) -> Result<PracticeView, AppError>;
    /// Keeps what the user is writing, unless a newer revision (the
    /// client's clock) or the submitted answer is already stored.
    async fn save_draft(
        &self,
        slug: &str,
        position: u32,
        text: String,
        revision: i64,
        requester: &Requester,
    ) -> Result<(), AppError>;
    /// Commits an answer (once per idempotency key), then assesses it. An
    /// answer that is refused is kept as the question's draft; an answer
    /// whose feedback fails is kept, and the reason comes back with it.
    async fn answer(
        &self,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Answered, AppError>;
    /// One of the account's attempts, with its feedback if computed.
    async fn attempt(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError>;
    /// Two of the account's attempts side by side, the older first.
    async fn compare(
        &self,
        first: i64,
        second: i64,
        requester: &Requester,
    ) -> Result<Comparison, AppError>;
    /// A drill on one part of an attempt's answer; with `text`, its result.
    async fn drill(
        &self,
        attempt: i64,
        part: DrillPart,
        text: Option<String>,
        requester: &Requester,
    ) -> Result<DrillView, AppError>;
    /// A set with the account's latest answer to each question.
    async fn export(&self, slug: &str, requester: &Requester) -> Result<PracticeExport, AppError>;
    /// The account's practice at a glance.
    async fn dashboard(&self, requester: &Requester) -> Result<Dashboard, AppError>;
    /// Deletes one of the account's attempts and its feedback.
    async fn delete_attempt(&self, attempt: i64, requester: &Requester) -> Result<(), AppError>;
    /// The questions due for review on `on` (`YYYY-MM-DD`; today when
    /// `None`), across every set the account has practised.
    async fn review(
        &self,
        on: Option<String>,
        requester: &Requester,
    ) -> Result<ReviewView, AppError>;
    /// Moves one of the account's due questions to tomorrow; what is due
    /// then.
    async fn postpone_review(
        &self,
        question: i64,
        requester: &Requester,
    ) -> Result<ReviewView, AppError>;
    /// Computes an attempt's feedback if it has none yet (the first try
    /// failed or never finished), under the account's feedback limit.
    async fn feedback(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError>;
    /// What a mock interview over set `slug` could hold.
    async fn mock_setup(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<MockSetupView, AppError>;
    /// Starts a mock interview. Its answers go through [`Practice::answer`]
    /// with the run's id.
    async fn start_mock(
        &self,
        setup: MockSetup,
        requester: &Requester,
    ) -> Result<MockRun, AppError>;
    /// One of the account's mock interviews: what comes next, or the report.
    async fn mock_run(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError>;
    /// Ends a mock interview where it is: the questions not reached are
    /// not asked.
    async fn finish_mock(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError>;
    /// Moves a mock interview past the question it is on, unanswered,
    /// after `seconds_used`.
    async fn skip_mock(
        &self,
        run: i64,
        position: u32,
        follow_up: bool,
        seconds_used: u32,
        requester: &Requester,
    ) -> Result<MockRun, AppError>;
}

/// An answer committed by [`Practice::answer`].
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The attempt, with its feedback when that was computed.
    pub attempt: Attempt,
    /// Why the feedback is missing, when it is.
    pub feedback_error: Option<AppError>,
}

/// A session just opened: the token for the cookie, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub viewer: Viewer,
}

/// Accounts and what they keep. Every call but signup, login and
/// `session` needs the requester's session.
#[async_trait::async_trait]
pub trait Accounts: Send + Sync {
    async fn signup(&self, input: SignupInput, requester: &Requester) -> Result<Session, AppError>;
    async fn login(&self, input: LoginInput, requester: &Requester) -> Result<Session, AppError>;
    async fn logout(&self, requester: &Requester) -> Result<(), AppError>;
    /// The account a session cookie's token opens, with the token's digest.
    async fn session(&self, token: &str) -> Option<(Viewer, String)>;
    async fn change_password(
        &self,
        requester: &Requester,
        change: PasswordChange,
    ) -> Result<(), AppError>;
    async fn delete(
        &self,
        requester: &Requester,
        deletion: AccountDeletion,
    ) -> Result<(), AppError>;
    async fn export(&self, requester: &Requester) -> Result<AccountExport, AppError>;
    /// Keeps the account's attempts for `days` days, or for ever.
    async fn set_retention(&self, requester: &Requester, days: Option<u32>)
    -> Result<(), AppError>;
    /// Deletes all the account's attempts, feedback and drafts once
    /// `confirm`ed; returns how many attempts went.
    async fn delete_practice(&self, requester: &Requester, confirm: bool) -> Result<u64, AppError>;
    /// Whether the dashboard says which questions are due for review.
    async fn set_review_reminders(&self, requester: &Requester, on: bool) -> Result<(), AppError>;
    /// Deletes, across all accounts, attempts older than their account
    /// keeps them at `now` (Unix seconds).
    async fn prune(&self, now: i64) -> Result<u64, AppError>;
}

/// The story bank: every call needs an account, and reaches only that
/// account's stories.
#[async_trait::async_trait]
pub trait Stories: Send + Sync {
    /// The account's stories, most recently changed first.
    async fn list(&self, requester: &Requester) -> Result<Vec<Story>, AppError>;
    async fn get(&self, id: i64, requester: &Requester) -> Result<Story, AppError>;
    async fn create(&self, input: StoryInput, requester: &Requester) -> Result<Story, AppError>;
    async fn update(
        &self,
        id: i64,
        input: StoryInput,
        requester: &Requester,
    ) -> Result<Story, AppError>;
    async fn delete(&self, id: i64, requester: &Requester) -> Result<(), AppError>;
    /// A new story drafted from one of the account's attempts: its
    /// sentences sorted into the four STAR parts, to edit.
    async fn draft_from_attempt(
        &self,
        attempt: i64,
        requester: &Requester,
    ) -> Result<Story, AppError>;
    /// Starts an answer to question `position` of set `slug` from a story:
    /// the story, told in order, goes into the question's draft (after
    /// whatever the draft already holds), and the use is recorded.
    async fn use_on(
        &self,
        story: i64,
        slug: &str,
        position: u32,
        requester: &Requester,
    ) -> Result<(), AppError>;
}

pub trait Roles: Send + Sync {
    fn list(&self) -> Vec<RoleSummary>;
    fn page(&self, slug: &str) -> Result<RolePage, AppError>;
}

/// The ports, as provided to server functions through context.
#[derive(Clone)]
pub struct Ports {
    pub sets: Arc<dyn Sets>,
    pub roles: Arc<dyn Roles>,
    pub practice: Arc<dyn Practice>,
    pub accounts: Arc<dyn Accounts>,
    pub stories: Arc<dyn Stories>,
}

impl Ports {
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Ports>().ok_or_else(|| AppError::Internal {
            reference: "ports-missing".into(),
        })
    }
}
