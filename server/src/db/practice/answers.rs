//! Committing an answer as an attempt, and reading and deleting attempts.

use std::collections::HashMap;

use app::model::{Feedback, Scores};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, Statement, TransactionTrait, Value,
};

use super::StoredAnswer;
use super::drafts::write_draft;
use super::feedback::{feedback_of, scores_of};
use crate::db::entities::answer;

/// A repeat of the latest answer to a question within this long is the same
/// attempt, whatever its key: two tabs or a reload that submits again.
const SAME_ATTEMPT_WINDOW: chrono::Duration = chrono::Duration::minutes(10);

pub struct NewAnswer<'a> {
    pub user_id: i64,
    pub question_id: i64,
    /// The question as answered, kept with the answer.
    pub set_slug: &'a str,
    pub position: u32,
    pub question_text: &'a str,
    pub question_kind: &'a str,
    pub focus_area: &'a str,
    pub text: &'a str,
    pub word_count: u32,
    pub idempotency_key: &'a str,
    /// The draft revision this answer supersedes: drafts saved before it
    /// and arriving late are ignored.
    pub draft_revision: i64,
    /// An answer to a mock interview's follow-up: it has no draft, and is
    /// not one of the question's own attempts.
    pub follow_up: bool,
}

/// What committing an answer did.
#[derive(Debug)]
pub enum Committed {
    /// A new attempt.
    New(StoredAnswer),
    /// The same attempt was already committed.
    Existing(StoredAnswer),
    /// The key was already used for a different answer.
    KeyReused,
}

/// Commits an answer and clears the question's draft, in one transaction.
/// The same key, or the same text as the latest attempt moments ago, is
/// the attempt already stored.
pub async fn commit(
    pools: &crate::db::Db,
    new: NewAnswer<'_>,
    now: DateTime<Utc>,
) -> Result<Committed, DbErr> {
    // A key sent again usually arrives well after its answer was committed:
    // a reader sees it without queueing for the writer. One sent twice at
    // once is caught by the key's unique index below.
    if let Some(found) = by_key(pools.read(), new.user_id, new.idempotency_key).await? {
        return Ok(same_or_reused(found, &new));
    }
    let db = pools.write();
    let txn = db.begin().await?;
    // One commit per account at a time, so that two tabs sending the same
    // words at once make one attempt. SQLite's single connection already
    // serialises writers.
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [Value::from(new.user_id)],
        ))
        .await?;
    }
    let latest = answer::Entity::find()
        .filter(answer::Column::UserId.eq(new.user_id))
        .filter(answer::Column::QuestionId.eq(new.question_id))
        .filter(answer::Column::FollowUp.eq(new.follow_up))
        .order_by_desc(answer::Column::CreatedAt)
        .order_by_desc(answer::Column::Id)
        .one(&txn)
        .await?;
    if let Some(latest) = latest
        && latest.text == new.text
        && now - latest.created_at < SAME_ATTEMPT_WINDOW
    {
        txn.commit().await?;
        return Ok(Committed::Existing(latest));
    }
    let inserted = answer::ActiveModel {
        user_id: Set(new.user_id),
        question_id: Set(Some(new.question_id)),
        set_slug: Set(new.set_slug.to_string()),
        position: Set(new.position as i32),
        question_text: Set(new.question_text.to_string()),
        question_kind: Set(new.question_kind.to_string()),
        focus_area: Set(new.focus_area.to_string()),
        text: Set(new.text.to_string()),
        word_count: Set(new.word_count as i32),
        idempotency_key: Set(new.idempotency_key.to_string()),
        created_at: Set(now),
        follow_up: Set(new.follow_up),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(error) => {
            // Another request with the same key won the race: that one is
            // the attempt.
            drop(txn);
            return match by_key(db, new.user_id, new.idempotency_key).await? {
                Some(found) => Ok(same_or_reused(found, &new)),
                None => Err(error),
            };
        }
    };
    if !new.follow_up {
        write_draft(&txn, new.user_id, new.question_id, "", new.draft_revision).await?;
    }
    txn.commit().await?;
    Ok(Committed::New(row))
}

fn same_or_reused(found: StoredAnswer, new: &NewAnswer<'_>) -> Committed {
    if found.question_id == Some(new.question_id) && found.text == new.text {
        Committed::Existing(found)
    } else {
        Committed::KeyReused
    }
}

/// The answer of `user_id` with idempotency key `key`, if any.
pub async fn answer_by_key(
    db: &DatabaseConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<StoredAnswer>, DbErr> {
    by_key(db, user_id, key).await
}

async fn by_key(
    db: &DatabaseConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<StoredAnswer>, DbErr> {
    answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .filter(answer::Column::IdempotencyKey.eq(key))
        .one(db)
        .await
}

/// An answer, only if `user_id` wrote it.
pub async fn answer_of(
    db: &DatabaseConnection,
    user_id: i64,
    answer_id: i64,
) -> Result<Option<StoredAnswer>, DbErr> {
    answer::Entity::find_by_id(answer_id)
        .filter(answer::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// Deletes an answer of `user_id`, with its feedback. Returns whether
/// there was one.
pub async fn delete_answer(
    db: &DatabaseConnection,
    user_id: i64,
    answer_id: i64,
) -> Result<bool, DbErr> {
    let result = answer::Entity::delete_many()
        .filter(answer::Column::Id.eq(answer_id))
        .filter(answer::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Every attempt `user_id` made at any of `question_ids`, newest first;
/// answers to mock interviews' follow-ups are not attempts at the question.
pub async fn attempts(
    db: &DatabaseConnection,
    user_id: i64,
    question_ids: &[i64],
) -> Result<Vec<StoredAnswer>, DbErr> {
    answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .filter(answer::Column::QuestionId.is_in(question_ids.iter().copied()))
        .filter(answer::Column::FollowUp.eq(false))
        .order_by_desc(answer::Column::CreatedAt)
        .order_by_desc(answer::Column::Id)
        .all(db)
        .await
}

/// Every answer of `user_id`, newest first, each with what `read` finds
/// for it by id.
async fn answers_with<T>(
    db: &DatabaseConnection,
    user_id: i64,
    read: impl AsyncFnOnce(&[i64]) -> Result<HashMap<i64, T>, DbErr>,
) -> Result<Vec<(StoredAnswer, Option<T>)>, DbErr> {
    let answers = answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .order_by_desc(answer::Column::CreatedAt)
        .order_by_desc(answer::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = answers.iter().map(|a| a.id).collect();
    let mut found = read(&ids).await?;
    Ok(answers
        .into_iter()
        .map(|a| {
            let f = found.remove(&a.id);
            (a, f)
        })
        .collect())
}

/// Every answer of `user_id`, newest first, with its feedback.
pub async fn answers_of(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Vec<(StoredAnswer, Option<Feedback>)>, DbErr> {
    answers_with(db, user_id, async |ids: &[i64]| feedback_of(db, ids).await).await
}

/// Every answer of `user_id`, newest first, with the scores of its
/// feedback but not the feedback itself.
pub async fn scored_answers_of(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Vec<(StoredAnswer, Option<Scores>)>, DbErr> {
    answers_with(db, user_id, async |ids: &[i64]| scores_of(db, ids).await).await
}
