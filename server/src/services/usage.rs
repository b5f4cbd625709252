//! The model's ledger kept in the database: per-visitor quotas, the daily
//! token budget and the per-day usage log, shared by every instance. A run
//! reserves its worst case before its calls go out and settles to what
//! they really cost, so concurrent runs on several instances cannot
//! overspend together.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::rate_limit::RateLimit;
use crate::coach::llm::{CallRecord, Ledger, Quota, Reservation, ledger::LedgerError};
use crate::config::LlmSettings;
use crate::db;

const BUDGET_KEY: &str = "llm-tokens";
const DAY: Duration = Duration::from_secs(86_400);

pub struct DbLedger {
    db: DatabaseConnection,
    /// Tokens per UTC day; 0 means no limit.
    daily_tokens: u64,
    per_address: RateLimit,
    per_account: RateLimit,
    assessments: RateLimit,
}

impl DbLedger {
    pub fn new(db: DatabaseConnection, settings: &LlmSettings) -> Self {
        let per_day = |limit| RateLimit { limit, window: DAY };
        Self {
            db,
            daily_tokens: settings.daily_tokens,
            per_address: per_day(settings.ip_quota),
            per_account: per_day(settings.user_quota),
            assessments: per_day(settings.assess_quota),
        }
    }

    /// Tokens counted today so far, reservations included.
    pub async fn used_today(&self, now: DateTime<Utc>) -> Result<i64, DbErr> {
        db::usage::add(&self.db, BUDGET_KEY, day_start(now), 0).await
    }
}

#[async_trait::async_trait]
impl Ledger for DbLedger {
    async fn draw(&self, quota: Quota) -> Result<bool, LedgerError> {
        let now = Utc::now();
        let checked = match quota {
            Quota::Address(ip) => self.per_address.check(&self.db, "llm", ip, now).await,
            Quota::Account(id) => {
                let key = format!("llm:account:{id}");
                self.per_account.check_key(&self.db, &key, now).await
            }
            Quota::Assessments(id) => {
                let key = format!("llm:assess:{id}");
                self.assessments.check_key(&self.db, &key, now).await
            }
        };
        match checked {
            Ok(()) => Ok(true),
            Err(app::model::AppError::RateLimited { .. }) => Ok(false),
            Err(error) => Err(error.to_string().into()),
        }
    }

    async fn reserve(&self, tokens: u64) -> Result<Option<Reservation>, LedgerError> {
        let day = day_start(Utc::now());
        let tokens = tokens.min(i64::MAX as u64) as i64;
        let total = db::usage::add(&self.db, BUDGET_KEY, day, tokens).await?;
        if self.daily_tokens > 0 && total > self.daily_tokens.min(i64::MAX as u64) as i64 {
            db::usage::add(&self.db, BUDGET_KEY, day, -tokens).await?;
            return Ok(None);
        }
        Ok(Some(Reservation { day, tokens }))
    }

    async fn settle(&self, reservation: Reservation, spent: u64) -> Result<(), LedgerError> {
        let delta = spent.min(i64::MAX as u64) as i64 - reservation.tokens;
        if delta != 0 {
            db::usage::add(&self.db, BUDGET_KEY, reservation.day, delta).await?;
        }
        Ok(())
    }

    async fn record(&self, model: &str, call: CallRecord) -> Result<(), LedgerError> {
        let day = Utc::now().format("%Y-%m-%d").to_string();
        let call = db::llm_usage::Call {
            failed: call.failed,
            prompt_tokens: call.prompt_tokens,
            completion_tokens: call.completion_tokens,
        };
        db::llm_usage::record(&self.db, &day, model, call).await?;
        Ok(())
    }
}

/// Midnight UTC at the start of `now`'s day.
fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let start = now.timestamp() - now.timestamp().rem_euclid(86_400);
    Utc.timestamp_opt(start, 0).single().unwrap_or(now)
}
