//! What the engine draws on and reports to but does not keep: per-visitor
//! quotas, the daily token budget and the log of calls. The server keeps
//! them in its database so that every instance shares them; the engine sees
//! only this trait.

use std::net::IpAddr;

use chrono::{DateTime, Utc};

/// Whose daily allowance of model calls a request draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    /// Model-made sets from an address without an account.
    Address(IpAddr),
    /// Model-made sets for an account.
    Account(i64),
    /// Answers an account has assessed by the model.
    Assessments(i64),
}

/// Tokens set aside from a day's budget for one run of calls.
#[derive(Debug)]
pub struct Reservation {
    pub day: DateTime<Utc>,
    pub tokens: i64,
}

/// One call to the model, as the usage log counts it.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallRecord {
    pub failed: bool,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// A counter that could not be read or written.
pub type LedgerError = Box<dyn std::error::Error + Send + Sync>;

#[async_trait::async_trait]
pub trait Ledger: Send + Sync {
    /// Takes one use of `quota`: `Ok(false)` when today's is used up.
    async fn draw(&self, quota: Quota) -> Result<bool, LedgerError>;

    /// Sets `tokens` aside from today's budget: `Ok(None)` when that would
    /// go over it.
    async fn reserve(&self, tokens: u64) -> Result<Option<Reservation>, LedgerError>;

    /// Replaces a reservation with what the calls really cost.
    async fn settle(&self, reservation: Reservation, spent: u64) -> Result<(), LedgerError>;

    /// Logs one call to `model`.
    async fn record(&self, model: &str, call: CallRecord) -> Result<(), LedgerError>;
}
