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
        if self.limit == 0 {
            return Ok(());
        }
        let window = self.window.as_secs().max(1) as i64;
        let start = now.timestamp() - now.timestamp().rem_euclid(window);
        let window_start = Utc.timestamp_opt(start, 0).single().unwrap_or(now);
        let key = format!("{bucket}:{}", client_key(ip));
        let count = db::usage::increment(db, &key, window_start)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "rate limit counter failed");
                AppError::Internal {
                    reference: "rate-limit".into(),
                }
            })?;
        if count > i64::from(self.limit) {
            let retry_after_secs = (start + window - now.timestamp()).max(1) as u64;
            return Err(AppError::RateLimited { retry_after_secs });
        }
        Ok(())
    }
}

/// IPv6 clients usually hold a whole /64, so they are counted per /64.
fn client_key(ip: IpAddr) -> String {
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
