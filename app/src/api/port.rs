//! The interfaces the server implements and provides as context. Server
//! functions call these; they never reach the database themselves.

use std::net::IpAddr;
use std::sync::Arc;

use crate::model::{
    AppError, Attempt, Comparison, Dashboard, DrillPart, DrillView, GenerateInput, PracticeExport,
    PracticeView, RolePage, RoleSummary, SharedSet, Submission, Viewer,
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

#[async_trait::async_trait]
pub trait Sets: Send + Sync {
    async fn create(
        &self,
        input: GenerateInput,
        requester: &Requester,
    ) -> Result<Created, AppError>;
    async fn shared(&self, slug: &str, requester: &Requester) -> Result<SharedSet, AppError>;
    async fn delete(&self, slug: &str, requester: &Requester) -> Result<(), AppError>;
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
    /// Commits an answer (once per idempotency key), without feedback.
    async fn submit(
        &self,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Attempt, AppError>;
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
    /// Computes an attempt's feedback if it has none yet, and returns the
    /// attempt with it.
    async fn assess(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError>;
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
}

impl Ports {
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Ports>().ok_or_else(|| AppError::Internal {
            reference: "ports-missing".into(),
        })
    }
}
