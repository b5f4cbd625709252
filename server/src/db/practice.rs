//! Answers (one row per attempt), their feedback and drafts.

use app::model::Feedback;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, Statement, TransactionTrait, Value,
};

use super::entities::{answer, draft, feedback};

pub use answer::Model as StoredAnswer;

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
    write_draft(&txn, new.user_id, new.question_id, "", new.draft_revision).await?;
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

/// Every answer of `user_id`, newest first, with its feedback.
pub async fn answers_of(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Vec<(StoredAnswer, Option<Feedback>)>, DbErr> {
    let answers = answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .order_by_desc(answer::Column::CreatedAt)
        .order_by_desc(answer::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = answers.iter().map(|a| a.id).collect();
    let mut feedback: std::collections::HashMap<i64, Feedback> = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for row in feedback::Entity::find()
            .filter(feedback::Column::AnswerId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if let Ok(body) = serde_json::from_value(row.body) {
                feedback.insert(row.answer_id, body);
            }
        }
    }
    Ok(answers
        .into_iter()
        .map(|a| {
            let f = feedback.remove(&a.id);
            (a, f)
        })
        .collect())
}

/// The drafts of `user_id` that hold text: the question's text, the draft
/// and when it was saved.
pub async fn drafts_of(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Vec<(String, String, DateTime<Utc>)>, DbErr> {
    use super::entities::question;
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
    let inserted = feedback::Entity::insert(row.clone())
        .on_conflict(
            OnConflict::column(feedback::Column::AnswerId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if let Some(stored) = feedback_on(db, answer_id).await? {
        return Ok(stored);
    }
    // A row in a shape this version cannot read: replace it.
    if inserted == 0 {
        feedback::Entity::delete_many()
            .filter(feedback::Column::AnswerId.eq(answer_id))
            .exec(db)
            .await?;
        feedback::Entity::insert(row)
            .exec_without_returning(db)
            .await?;
    }
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
        .map(|d| d.text)
        .filter(|text| !text.trim().is_empty()))
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

async fn write_draft<C: ConnectionTrait>(
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

/// Sets how many days `user_id`'s attempts are kept; `None` keeps them.
pub async fn set_retention(
    db: &DatabaseConnection,
    user_id: i64,
    days: Option<u32>,
) -> Result<(), DbErr> {
    use super::entities::user;
    user::Entity::update_many()
        .col_expr(
            user::Column::RetentionDays,
            sea_orm::sea_query::Expr::value(days.map(|d| d as i32)),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes, for every account with a retention period, the attempts older
/// than it at `now`. Returns how many went.
pub async fn prune_attempts(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    use super::entities::user;
    let keeping: Vec<(i64, Option<i32>)> = user::Entity::find()
        .filter(user::Column::RetentionDays.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.retention_days))
        .collect();
    let mut removed = 0;
    for (user_id, days) in keeping {
        let Some(days) = days.filter(|d| *d > 0) else {
            continue;
        };
        let cutoff = now - chrono::Duration::days(i64::from(days));
        removed += answer::Entity::delete_many()
            .filter(answer::Column::UserId.eq(user_id))
            .filter(answer::Column::CreatedAt.lt(cutoff))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(removed)
}

/// Deletes every attempt, its feedback and every draft of `user_id`; the
/// account and its sets stay.
pub async fn delete_practice_of(db: &DatabaseConnection, user_id: i64) -> Result<u64, DbErr> {
    let txn = db.begin().await?;
    let removed = answer::Entity::delete_many()
        .filter(answer::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?
        .rows_affected;
    draft::Entity::delete_many()
        .filter(draft::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(removed)
}
