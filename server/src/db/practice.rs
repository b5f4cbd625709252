//! Answers (one row per attempt), their feedback and drafts.

use app::model::Feedback;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

use super::entities::{answer, draft, feedback};

pub use answer::Model as StoredAnswer;

/// A repeat of the latest answer to a question within this long is the same
/// attempt, whatever its key: two tabs or a reload that submits again.
const SAME_ATTEMPT_WINDOW: chrono::Duration = chrono::Duration::minutes(10);

pub struct NewAnswer<'a> {
    pub user_id: i64,
    pub question_id: i64,
    pub text: &'a str,
    pub word_count: u32,
    pub idempotency_key: &'a str,
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
    db: &DatabaseConnection,
    new: NewAnswer<'_>,
    now: DateTime<Utc>,
) -> Result<Committed, DbErr> {
    if let Some(found) = by_key(db, new.user_id, new.idempotency_key).await? {
        return Ok(same_or_reused(found, &new));
    }
    let txn = db.begin().await?;
    let latest = answer::Entity::find()
        .filter(answer::Column::UserId.eq(new.user_id))
        .filter(answer::Column::QuestionId.eq(new.question_id))
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
        question_id: Set(new.question_id),
        text: Set(new.text.to_string()),
        word_count: Set(new.word_count as i32),
        idempotency_key: Set(new.idempotency_key.to_string()),
        created_at: Set(now),
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
    draft::Entity::delete_many()
        .filter(draft::Column::UserId.eq(new.user_id))
        .filter(draft::Column::QuestionId.eq(new.question_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Committed::New(row))
}

fn same_or_reused(found: StoredAnswer, new: &NewAnswer<'_>) -> Committed {
    if found.question_id == new.question_id && found.text == new.text {
        Committed::Existing(found)
    } else {
        Committed::KeyReused
    }
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

/// Every attempt `user_id` made at any of `question_ids`, newest first.
pub async fn attempts(
    db: &DatabaseConnection,
    user_id: i64,
    question_ids: &[i64],
) -> Result<Vec<StoredAnswer>, DbErr> {
    answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .filter(answer::Column::QuestionId.is_in(question_ids.iter().copied()))
        .order_by_desc(answer::Column::CreatedAt)
        .order_by_desc(answer::Column::Id)
        .all(db)
        .await
}

/// Overall scores of the given answers that have feedback, by answer id.
pub async fn overall_scores(
    db: &DatabaseConnection,
    answer_ids: &[i64],
) -> Result<Vec<(i64, i16)>, DbErr> {
    Ok(feedback::Entity::find()
        .filter(feedback::Column::AnswerId.is_in(answer_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.answer_id, f.overall))
        .collect())
}

/// The stored feedback on an answer. A row that no longer parses (an older
/// shape) counts as none, so it is computed again.
pub async fn feedback_on(
    db: &DatabaseConnection,
    answer_id: i64,
) -> Result<Option<Feedback>, DbErr> {
    Ok(feedback::Entity::find()
        .filter(feedback::Column::AnswerId.eq(answer_id))
        .one(db)
        .await?
        .and_then(|row| serde_json::from_value(row.body).ok()))
}

/// Stores the feedback on an answer. When two requests computed it at once,
/// the first one stored wins and is returned.
pub async fn store_feedback(
    db: &DatabaseConnection,
    answer_id: i64,
    result: &Feedback,
) -> Result<Feedback, DbErr> {
    let row = feedback::ActiveModel {
        answer_id: Set(answer_id),
        engine: Set(result.engine.clone()),
        prompt_version: Set(result.prompt_version.clone()),
        structure: Set(i16::from(result.scores.structure)),
        specificity: Set(i16::from(result.scores.specificity)),
        relevance: Set(i16::from(result.scores.relevance)),
        overall: Set(i16::from(result.scores.overall)),
        body: Set(serde_json::to_value(result).map_err(|e| DbErr::Json(e.to_string()))?),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    feedback::Entity::insert(row)
        .on_conflict(
            OnConflict::column(feedback::Column::AnswerId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    feedback_on(db, answer_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("feedback after storing it".into()))
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
        .map(|d| d.text))
}

/// Keeps a draft; an empty one is removed.
pub async fn save_draft(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
    text: &str,
) -> Result<(), DbErr> {
    if text.trim().is_empty() {
        draft::Entity::delete_by_id((user_id, question_id))
            .exec(db)
            .await?;
        return Ok(());
    }
    let row = draft::ActiveModel {
        user_id: Set(user_id),
        question_id: Set(question_id),
        text: Set(text.to_string()),
        updated_at: Set(Utc::now()),
    };
    draft::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([draft::Column::UserId, draft::Column::QuestionId])
                .update_columns([draft::Column::Text, draft::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
