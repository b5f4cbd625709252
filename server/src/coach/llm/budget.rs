//! The daily token budget, held in the database so that every instance
//! draws on the same one. A call reserves its worst case before it goes out
//! and settles to what it really cost afterwards, so concurrent calls on
//! several instances cannot overspend together.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use crate::db;

const KEY: &str = "llm-tokens";

#[derive(Clone)]
pub struct Budget {
    db: DatabaseConnection,
    /// Tokens per UTC day; 0 means no limit.
    daily: u64,
}

/// Tokens set aside for one run of calls.
#[derive(Debug)]
pub struct Reservation {
    day: DateTime<Utc>,
    reserved: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum BudgetError {
    #[error("the daily token budget is spent")]
    Spent,
    #[error("the budget counter failed: {0}")]
    Db(#[from] DbErr),
}

impl Budget {
    pub fn new(db: DatabaseConnection, daily: u64) -> Self {
        Self { db, daily }
    }

    /// Sets `tokens` aside from today's budget, or refuses when that would
    /// go over it.
    pub async fn reserve(
        &self,
        tokens: u64,
        now: DateTime<Utc>,
    ) -> Result<Reservation, BudgetError> {
        let day = day_start(now);
        let reserved = tokens.min(i64::MAX as u64) as i64;
        let total = db::usage::add(&self.db, KEY, day, reserved).await?;
        if self.daily > 0 && total > self.daily.min(i64::MAX as u64) as i64 {
            db::usage::add(&self.db, KEY, day, -reserved).await?;
            return Err(BudgetError::Spent);
        }
        Ok(Reservation { day, reserved })
    }

    /// Replaces the reservation with what the calls really cost.
    pub async fn settle(&self, reservation: Reservation, spent: u64) -> Result<(), DbErr> {
        let delta = spent.min(i64::MAX as u64) as i64 - reservation.reserved;
        if delta != 0 {
            db::usage::add(&self.db, KEY, reservation.day, delta).await?;
        }
        Ok(())
    }

    /// Tokens counted today so far, reservations included.
    pub async fn used_today(&self, now: DateTime<Utc>) -> Result<i64, DbErr> {
        db::usage::add(&self.db, KEY, day_start(now), 0).await
    }
}

/// Midnight UTC at the start of `now`'s day.
pub fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let start = now.timestamp() - now.timestamp().rem_euclid(86_400);
    Utc.timestamp_opt(start, 0).single().unwrap_or(now)
}
