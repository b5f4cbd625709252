//! Model calls and tokens per UTC day and model, for `rehearse usage`.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, Value};

/// One call's worth of usage to add.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Call {
    pub failed: bool,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// A day's totals for one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayUsage {
    pub day: String,
    pub model: String,
    pub calls: i64,
    pub failed_calls: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
}

/// Adds one call to `day` (YYYY-MM-DD) for `model`.
pub async fn record(
    db: &DatabaseConnection,
    day: &str,
    model: &str,
    call: Call,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let placeholders = match backend {
        DatabaseBackend::Postgres => "($1, $2, 1, $3, $4, $5)",
        _ => "(?, ?, 1, ?, ?, ?)",
    };
    let sql = format!(
        "INSERT INTO llm_usage (day, model, calls, failed_calls, prompt_tokens, completion_tokens) \
         VALUES {placeholders} \
         ON CONFLICT (day, model) DO UPDATE SET \
         calls = llm_usage.calls + 1, \
         failed_calls = llm_usage.failed_calls + excluded.failed_calls, \
         prompt_tokens = llm_usage.prompt_tokens + excluded.prompt_tokens, \
         completion_tokens = llm_usage.completion_tokens + excluded.completion_tokens"
    );
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            Value::from(day.to_string()),
            Value::from(model.to_string()),
            Value::from(i64::from(call.failed)),
            Value::from(call.prompt_tokens as i64),
            Value::from(call.completion_tokens as i64),
        ],
    ))
    .await?;
    Ok(())
}

/// Every day from `since` (YYYY-MM-DD) on, newest first.
pub async fn since(db: &DatabaseConnection, since: &str) -> Result<Vec<DayUsage>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT day, model, calls, failed_calls, prompt_tokens, completion_tokens \
             FROM llm_usage WHERE day >= $1 ORDER BY day DESC, model"
        }
        _ => {
            "SELECT day, model, calls, failed_calls, prompt_tokens, completion_tokens \
             FROM llm_usage WHERE day >= ? ORDER BY day DESC, model"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(since.to_string())],
        ))
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(DayUsage {
                day: row.try_get_by_index(0)?,
                model: row.try_get_by_index(1)?,
                calls: row.try_get_by_index(2)?,
                failed_calls: row.try_get_by_index(3)?,
                prompt_tokens: row.try_get_by_index(4)?,
                completion_tokens: row.try_get_by_index(5)?,
            })
        })
        .collect()
}
