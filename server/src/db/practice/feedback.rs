//! Feedback on answers: stored once per answer, read back whole or as
//! its scores alone.

use std::collections::HashMap;

use app::model::{Feedback, Scores};
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::db::entities::feedback;

/// Answer ids per query: well under every backend's limit on bound values.
const IDS_PER_QUERY: usize = 500;

/// The scores of the given answers that have feedback, by answer id, from
/// their own columns: the feedback itself (quotes, comments, the rewrite)
/// is not read.
pub async fn scores_of(
    db: &DatabaseConnection,
    answer_ids: &[i64],
) -> Result<HashMap<i64, Scores>, DbErr> {
    let score = |v: i16| u8::try_from(v).unwrap_or(0);
    let mut out = HashMap::with_capacity(answer_ids.len());
    for chunk in answer_ids.chunks(IDS_PER_QUERY) {
        let rows: Vec<(i64, i16, i16, i16, i16)> = feedback::Entity::find()
            .select_only()
            .columns([
                feedback::Column::AnswerId,
                feedback::Column::Structure,
                feedback::Column::Specificity,
                feedback::Column::Relevance,
                feedback::Column::Overall,
            ])
            .filter(feedback::Column::AnswerId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, st, sp, re, ov)| {
            let scores = Scores {
                structure: score(st),
                specificity: score(sp),
                relevance: score(re),
                overall: score(ov),
            };
            (id, scores)
        }));
    }
    Ok(out)
}

/// The stored feedback on the given answers, by answer id; rows in an older
/// shape are left out, as [`feedback_on`] does.
pub async fn feedback_of(
    db: &DatabaseConnection,
    answer_ids: &[i64],
) -> Result<HashMap<i64, Feedback>, DbErr> {
    let mut out = HashMap::with_capacity(answer_ids.len());
    for chunk in answer_ids.chunks(IDS_PER_QUERY) {
        for row in feedback::Entity::find()
            .filter(feedback::Column::AnswerId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if let Ok(body) = serde_json::from_value(row.body) {
                out.insert(row.answer_id, body);
            }
        }
    }
    Ok(out)
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
    let row = row_of(answer_id, result)?;
    let inserted = feedback::Entity::insert(row.clone())
        .on_conflict(
            OnConflict::column(feedback::Column::AnswerId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        // Stored as given: no need to read it back.
        return Ok(result.clone());
    }
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

/// Puts `result` in place of a quick read of an answer (see
/// [`app::model::QUICK_ENGINE`]); any other feedback stays as it is. Returns
/// the feedback stored afterwards, whichever it is.
pub async fn replace_quick_read(
    db: &DatabaseConnection,
    answer_id: i64,
    result: &Feedback,
) -> Result<Option<Feedback>, DbErr> {
    feedback::Entity::update_many()
        .set(row_of(answer_id, result)?)
        .filter(feedback::Column::AnswerId.eq(answer_id))
        .filter(feedback::Column::Engine.eq(app::model::QUICK_ENGINE))
        .exec(db)
        .await?;
    feedback_on(db, answer_id).await
}

/// The row that stores `result` as the feedback on an answer, made now.
fn row_of(answer_id: i64, result: &Feedback) -> Result<feedback::ActiveModel, DbErr> {
    Ok(feedback::ActiveModel {
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
    })
}
