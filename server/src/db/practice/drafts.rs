//! Drafts: one per account and question, kept until the answer is sent.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Statement, Value,
};

use crate::db::entities::draft;

/// The drafts of `user_id` that hold text: the question's text, the draft
/// and when it was saved.
pub async fn drafts_of(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Vec<(String, String, DateTime<Utc>)>, DbErr> {
    use crate::db::entities::question;
    let drafts: Vec<draft::Model> = draft::Entity::find()
        .filter(draft::Column::UserId.eq(user_id))
        .filter(draft::Column::Text.ne(""))
        .all(db)
        .await?;
    let questions: std::collections::HashMap<i64, String> = question::Entity::find()
        .filter(question::Column::Id.is_in(drafts.iter().map(|d| d.question_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.text))
        .collect();
    Ok(drafts
        .into_iter()
        .map(|d| {
            (
                questions.get(&d.question_id).cloned().unwrap_or_default(),
                d.text,
                d.updated_at,
            )
        })
        .collect())
}

/// The draft of `user_id` for a question.
pub async fn draft(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
) -> Result<Option<String>, DbErr> {
    Ok(draft::Entity::find_by_id((user_id, question_id))
        .one(db)
        .await?
        .map(|d| d.text)
        .filter(|text| !text.trim().is_empty()))
}

/// The stored draft's text (possibly empty) and revision.
pub async fn draft_row(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
) -> Result<Option<(String, i64)>, DbErr> {
    Ok(draft::Entity::find_by_id((user_id, question_id))
        .one(db)
        .await?
        .map(|d| (d.text, d.revision)))
}

/// Keeps a draft written at `revision` (the client's clock), unless a newer
/// one (or the submitted answer) is already stored.
pub async fn save_draft(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
    text: &str,
    revision: i64,
) -> Result<(), DbErr> {
    write_draft(db, user_id, question_id, text, revision).await
}

pub(super) async fn write_draft<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    question_id: i64,
    text: &str,
    revision: i64,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "INSERT INTO drafts (user_id, question_id, text, revision, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, question_id) DO UPDATE SET text = excluded.text, \
             revision = excluded.revision, updated_at = excluded.updated_at \
             WHERE drafts.revision <= excluded.revision"
        }
        _ => {
            "INSERT INTO drafts (user_id, question_id, text, revision, updated_at) \
             VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (user_id, question_id) DO UPDATE SET text = excluded.text, \
             revision = excluded.revision, updated_at = excluded.updated_at \
             WHERE drafts.revision <= excluded.revision"
        }
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            Value::from(user_id),
            Value::from(question_id),
            Value::from(text.to_string()),
            Value::from(revision),
            Value::from(Utc::now()),
        ],
    ))
    .await?;
    Ok(())
}
