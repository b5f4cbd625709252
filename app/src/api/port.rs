//! The interfaces the server implements and provides as context. Server
//! functions call these; they never reach the database themselves.

use std::net::IpAddr;
use std::sync::Arc;

use crate::model::{AppError, GenerateInput, RolePage, RoleSummary, SharedSet, Viewer};

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

pub trait Roles: Send + Sync {
    fn list(&self) -> Vec<RoleSummary>;
    fn page(&self, slug: &str) -> Result<RolePage, AppError>;
}

/// The ports, as provided to server functions through context.
#[derive(Clone)]
pub struct Ports {
    pub sets: Arc<dyn Sets>,
    pub roles: Arc<dyn Roles>,
}

impl Ports {
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Ports>().ok_or_else(|| AppError::Internal {
            reference: "ports-missing".into(),
        })
    }
}
