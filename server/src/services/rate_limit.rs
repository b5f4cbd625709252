//! Fixed-window request limits, counted in the database so that every
//! instance shares them.

use std::net::IpAddr;
use std::time::Duration;

use app::model::AppError;
use chrono::{DateTime, TimeZone, Utc};
use sea_orm::DatabaseConnection;

use crate::db;

#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Requests allowed per window; 0 turns the limit off.
    pub limit: u32,
    pub window: Duration,
}

/// The start of the fixed window of `window` that holds `now`, and the
/// seconds until it ends.
fn window_of(window: Duration, now: DateTime<Utc>) -> (DateTime<Utc>, u64) {
    let window = window.as_secs().max(1) as i64;
    let start = now.timestamp() - now.timestamp().rem_euclid(window);
    let window_start = Utc.timestamp_opt(start, 0).single().unwrap_or(now);
    (
        window_start,
        (start + window - now.timestamp()).max(1) as u64,
    )
}

fn counter_failed(error: sea_orm::DbErr) -> AppError {
    tracing::error!(error = %error, "rate limit counter failed");
    AppError::Internal {
        reference: "rate-limit".into(),
    }
}

/// A limit on failures, such as wrong passwords. Each try takes a slot
/// before it starts, in one atomic step, so that tries sent at once cannot
/// all slip under the limit; a try that succeeds gives its slot back.
#[derive(Debug, Clone, Copy)]
pub struct FailureLimit {
    pub limit: u32,
    pub window: Duration,
}

/// A slot taken by [`FailureLimit::reserve`]: kept if the try fails, given
/// back by [`Slot::release`] if it succeeds.
#[derive(Debug)]
#[must_use = "a slot is either kept as a failure or released"]
pub struct Slot {
    key: String,
    window_start: DateTime<Utc>,
}

impl FailureLimit {
    /// Takes a slot for one try under `key`, or refuses once `limit` tries
    /// in this window have failed or are under way.
    pub async fn reserve(
        &self,
        db: &DatabaseConnection,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Slot, AppError> {
        let (window_start, retry_after_secs) = window_of(self.window, now);
        let count = db::usage::increment(db, key, window_start)
            .await
            .map_err(counter_failed)?;
        let slot = Slot {
            key: key.to_string(),
            window_start,
        };
        if count > i64::from(self.limit) {
            // A refused try is not a failure: the count stays at the limit.
            slot.release(db).await;
            return Err(AppError::RateLimited { retry_after_secs });
        }
        Ok(slot)
    }
}

impl Slot {
    /// Gives the slot back: the try succeeded, or was never judged.
    pub async fn release(self, db: &DatabaseConnection) {
        if let Err(error) = db::usage::add(db, &self.key, self.window_start, -1).await {
            tracing::error!(%error, "giving back a rate limit slot failed");
        }
    }
}

impl RateLimit {
    /// Counts one request for `ip` in `bucket`, or refuses it with the
    /// number of seconds until the window resets.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        bucket: &str,
        ip: IpAddr,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.check_key(db, &format!("{bucket}:{}", client_key(ip)), now)
            .await
    }

    /// Counts one request under `key`, or refuses it.
    pub async fn check_key(
        &self,
        db: &DatabaseConnection,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        if self.limit == 0 {
            return Ok(());
        }
        let (window_start, retry_after_secs) = window_of(self.window, now);
        let count = db::usage::increment(db, key, window_start)
            .await
            .map_err(counter_failed)?;
        if count > i64::from(self.limit) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
        Ok(())
    }
}

/// IPv6 clients usually hold a whole /64, so they are counted per /64.
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn ipv6_clients_are_counted_per_64_prefix() {
        let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = client_key("2001:db8:1:2:bbbb::2".parse().unwrap());
        assert_eq!(a, b);
        assert_eq!(client_key("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
