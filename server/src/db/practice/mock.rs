//! Mock interviews: runs and their turns. Every read is by the run's
//! owner; a turn's answer is an ordinary attempt row, so feedback, export,
//! deletion and retention treat it like any other.

use app::model::Feedback;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::StoredAnswer;
use crate::db::entities::{answer, feedback, mock_run, mock_turn};

pub use crate::db::entities::mock_run::Model as StoredRun;
pub use crate::db::entities::mock_turn::Model as StoredTurn;

pub struct NewRun<'a> {
    pub user_id: i64,
    pub set_slug: &'a str,
    pub title: &'a str,
    pub questions: u32,
    pub voice: bool,
    pub answer_mode: &'a str,
    pub seconds: app::model::MockSeconds,
}

pub async fn create_run(
    db: &DatabaseConnection,
    new: NewRun<'_>,
    now: DateTime<Utc>,
) -> Result<StoredRun, DbErr> {
    let clamp = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    mock_run::ActiveModel {
        user_id: Set(new.user_id),
        set_slug: Set(new.set_slug.to_string()),
        title: Set(new.title.chars().take(300).collect()),
        questions: Set(clamp(new.questions)),
        voice: Set(new.voice),
        answer_mode: Set(new.answer_mode.to_string()),
        seconds_story: Set(clamp(new.seconds.story)),
        seconds_technical: Set(clamp(new.seconds.technical)),
        seconds_design: Set(clamp(new.seconds.system_design)),
        created_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A run, only if `user_id` started it.
pub async fn run_of(
    db: &DatabaseConnection,
    user_id: i64,
    run_id: i64,
) -> Result<Option<StoredRun>, DbErr> {
    mock_run::Entity::find_by_id(run_id)
        .filter(mock_run::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// Every run of `user_id`, newest first.
pub async fn runs_of(db: &DatabaseConnection, user_id: i64) -> Result<Vec<StoredRun>, DbErr> {
    mock_run::Entity::find()
        .filter(mock_run::Column::UserId.eq(user_id))
        .order_by_desc(mock_run::Column::CreatedAt)
        .order_by_desc(mock_run::Column::Id)
        .all(db)
        .await
}

/// A run's turns in the order they were asked, each with its answer and
/// the answer's feedback.
pub async fn turns_of(
    db: &DatabaseConnection,
    run_ids: &[i64],
) -> Result<Vec<(StoredTurn, Option<(StoredAnswer, Option<Feedback>)>)>, DbErr> {
    let turns = mock_turn::Entity::find()
        .filter(mock_turn::Column::RunId.is_in(run_ids.iter().copied()))
        .order_by_asc(mock_turn::Column::RunId)
        .order_by_asc(mock_turn::Column::Position)
        .order_by_asc(mock_turn::Column::FollowUp)
        .all(db)
        .await?;
    let ids: Vec<i64> = turns.iter().filter_map(|t| t.answer_id).collect();
    let mut answers = std::collections::HashMap::new();
    let mut bodies = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for a in answer::Entity::find()
            .filter(answer::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            answers.insert(a.id, a);
        }
        for f in feedback::Entity::find()
            .filter(feedback::Column::AnswerId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if let Ok(body) = serde_json::from_value::<Feedback>(f.body) {
                bodies.insert(f.answer_id, body);
            }
        }
    }
    Ok(turns
        .into_iter()
        .map(|t| {
            let answered = t.answer_id.and_then(|id| answers.remove(&id)).map(|a| {
                let f = bodies.remove(&a.id);
                (a, f)
            });
            (t, answered)
        })
        .collect())
}

pub struct NewTurn<'a> {
    pub run_id: i64,
    pub position: u32,
    pub follow_up: bool,
    pub prompt: &'a str,
    pub answer_id: Option<i64>,
    pub mode: &'a str,
    pub seconds_used: u32,
    pub seconds_allowed: u32,
    pub longest_pause_ms: Option<u32>,
    pub follow_up_asked: Option<&'a str>,
}

/// Records a turn. Returns `false` when the run already has this turn (a
/// second tab or a repeated post got there first).
pub async fn record_turn(
    db: &DatabaseConnection,
    new: NewTurn<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let clamp = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    let exists = mock_turn::Entity::find()
        .filter(mock_turn::Column::RunId.eq(new.run_id))
        .filter(mock_turn::Column::Position.eq(clamp(new.position)))
        .filter(mock_turn::Column::FollowUp.eq(new.follow_up))
        .one(db)
        .await?;
    if exists.is_some() {
        return Ok(false);
    }
    let inserted = mock_turn::ActiveModel {
        run_id: Set(new.run_id),
        position: Set(clamp(new.position)),
        follow_up: Set(new.follow_up),
        prompt: Set(new.prompt.to_string()),
        answer_id: Set(new.answer_id),
        mode: Set(new.mode.to_string()),
        seconds_used: Set(clamp(new.seconds_used)),
        seconds_allowed: Set(clamp(new.seconds_allowed)),
        longest_pause_ms: Set(new.longest_pause_ms.map(clamp)),
        follow_up_asked: Set(new.follow_up_asked.map(str::to_string)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        // The unique index: another request recorded it in the meantime.
        Err(error) => {
            let raced = mock_turn::Entity::find()
                .filter(mock_turn::Column::RunId.eq(new.run_id))
                .filter(mock_turn::Column::Position.eq(clamp(new.position)))
                .filter(mock_turn::Column::FollowUp.eq(new.follow_up))
                .one(db)
                .await?;
            if raced.is_some() {
                Ok(false)
            } else {
                Err(error)
            }
        }
    }
}

/// The turn that answer `answer_id` was given in, if any.
pub async fn turn_answered_by(
    db: &DatabaseConnection,
    answer_id: i64,
) -> Result<Option<StoredTurn>, DbErr> {
    mock_turn::Entity::find()
        .filter(mock_turn::Column::AnswerId.eq(answer_id))
        .one(db)
        .await
}

pub async fn finish(db: &DatabaseConnection, run_id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    mock_run::Entity::update_many()
        .col_expr(
            mock_run::Column::FinishedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(mock_run::Column::Id.eq(run_id))
        .filter(mock_run::Column::FinishedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
