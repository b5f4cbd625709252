//! Counters per key and time window, shared by every instance through the
//! database: rate limits, quotas and the model's daily token budget.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, Value};

/// Adds one to the counter for `key` in the window starting at
/// `window_start`, and returns the new count.
pub async fn increment(
    db: &DatabaseConnection,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<i64, DbErr> {
    add(db, key, window_start, 1).await
}

/// Adds `amount` (which may be negative) to the counter for `key` in the
/// window starting at `window_start`, and returns the new count. One
/// statement, so concurrent requests on any instance never lose an update.
pub async fn add(
    db: &DatabaseConnection,
    key: &str,
    window_start: DateTime<Utc>,
    amount: i64,
) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "INSERT INTO usage_counters (key, window_start, count) VALUES ($1, $2, $3) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = usage_counters.count + excluded.count \
             RETURNING count"
        }
        _ => {
            "INSERT INTO usage_counters (key, window_start, count) VALUES (?, ?, ?) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = usage_counters.count + excluded.count \
             RETURNING count"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                Value::from(key.to_string()),
                Value::from(window_start),
                Value::from(amount),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("usage counter after upsert".into()))?;
    row.try_get_by_index::<i64>(0)
}

/// The counter for `key` in the window starting at `window_start`; 0 when
/// nothing was counted.
pub async fn get(
    db: &DatabaseConnection,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<i64, DbErr> {
    use sea_orm::EntityTrait;
    Ok(
        super::entities::usage_counter::Entity::find_by_id((key.to_string(), window_start))
            .one(db)
            .await?
            .map_or(0, |row| row.count),
    )
}

/// Removes windows that ended before `before`.
pub async fn prune(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => "DELETE FROM usage_counters WHERE window_start < $1",
        _ => "DELETE FROM usage_counters WHERE window_start < ?",
    };
    let result = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(before)],
        ))
        .await?;
    Ok(result.rows_affected())
}
