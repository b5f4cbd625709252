//! Spaced review's schedule: one row per account and question answered.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::db::entities::{review, user};
use crate::db::sets::{PlacedQuestion, placed_questions};

pub use review::Model as StoredReview;

/// `user_id`'s schedule for `question_id`, if it has answered it.
pub async fn review_of(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
) -> Result<Option<StoredReview>, DbErr> {
    review::Entity::find()
        .filter(review::Column::UserId.eq(user_id))
        .filter(review::Column::QuestionId.eq(question_id))
        .one(db)
        .await
}

/// The schedule an attempt set.
pub struct NewSchedule {
    pub user_id: i64,
    pub question_id: i64,
    pub answer_id: i64,
    pub repetitions: u32,
    pub interval_days: u32,
    pub ease: f32,
    pub due_on: NaiveDate,
    pub score: u8,
}

/// Stores `schedule`, replacing the question's last one unless that was
/// set by a later attempt.
pub async fn save_review(db: &DatabaseConnection, schedule: NewSchedule) -> Result<(), DbErr> {
    let row = review::ActiveModel {
        user_id: Set(schedule.user_id),
        question_id: Set(schedule.question_id),
        repetitions: Set(schedule.repetitions as i32),
        interval_days: Set(schedule.interval_days as i32),
        ease_milli: Set((schedule.ease * 1000.0).round() as i32),
        due_on: Set(schedule.due_on),
        last_score: Set(i16::from(schedule.score)),
        last_answer_id: Set(schedule.answer_id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    review::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([review::Column::UserId, review::Column::QuestionId])
                .update_columns([
                    review::Column::Repetitions,
                    review::Column::IntervalDays,
                    review::Column::EaseMilli,
                    review::Column::DueOn,
                    review::Column::LastScore,
                    review::Column::LastAnswerId,
                    review::Column::UpdatedAt,
                ])
                // An older attempt assessed late never replaces a newer
                // one's schedule.
                .action_and_where(
                    Expr::col((review::Entity, review::Column::LastAnswerId)).lt(Expr::col((
                        Alias::new("excluded"),
                        review::Column::LastAnswerId,
                    ))),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A due question with where it lives.
pub struct DueRow {
    pub review: StoredReview,
    pub place: PlacedQuestion,
}

/// Bounds the review page: more than this is never due at once in practice.
const MOST_DUE: u64 = 200;

/// `user_id`'s questions due on or before `on`, the longest overdue first.
pub async fn due(
    db: &DatabaseConnection,
    user_id: i64,
    on: NaiveDate,
) -> Result<Vec<DueRow>, DbErr> {
    rows(db, user_id, Some(on), Some(MOST_DUE)).await
}

/// Every question `user_id` has scheduled, soonest first: for its export.
pub async fn reviews_of(db: &DatabaseConnection, user_id: i64) -> Result<Vec<DueRow>, DbErr> {
    rows(db, user_id, None, None).await
}

async fn rows(
    db: &DatabaseConnection,
    user_id: i64,
    on: Option<NaiveDate>,
    limit: Option<u64>,
) -> Result<Vec<DueRow>, DbErr> {
    let mut query = review::Entity::find().filter(review::Column::UserId.eq(user_id));
    if let Some(on) = on {
        query = query.filter(review::Column::DueOn.lte(on));
    }
    let reviews = query
        .order_by_asc(review::Column::DueOn)
        .order_by_asc(review::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut places = placed_questions(db, reviews.iter().map(|r| r.question_id)).await?;
    Ok(reviews
        .into_iter()
        .filter_map(|review| {
            let place = places.remove(&review.question_id)?;
            Some(DueRow { review, place })
        })
        .collect())
}

/// How many of `user_id`'s questions are due on or before `on`.
pub async fn due_count(db: &DatabaseConnection, user_id: i64, on: NaiveDate) -> Result<u64, DbErr> {
    review::Entity::find()
        .filter(review::Column::UserId.eq(user_id))
        .filter(review::Column::DueOn.lte(on))
        .count(db)
        .await
}

/// The first day after `on` that one of `user_id`'s questions falls due.
pub async fn next_due_after(
    db: &DatabaseConnection,
    user_id: i64,
    on: NaiveDate,
) -> Result<Option<NaiveDate>, DbErr> {
    Ok(review::Entity::find()
        .filter(review::Column::UserId.eq(user_id))
        .filter(review::Column::DueOn.gt(on))
        .order_by_asc(review::Column::DueOn)
        .one(db)
        .await?
        .map(|r| r.due_on))
}

/// Moves `user_id`'s review of `question_id` to `to`. Returns whether it
/// had one.
pub async fn postpone(
    db: &DatabaseConnection,
    user_id: i64,
    question_id: i64,
    to: NaiveDate,
) -> Result<bool, DbErr> {
    let result = review::Entity::update_many()
        .col_expr(review::Column::DueOn, Expr::value(to))
        .filter(review::Column::UserId.eq(user_id))
        .filter(review::Column::QuestionId.eq(question_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Whether the dashboard reminds `user_id` of what is due.
pub async fn set_reminders(db: &DatabaseConnection, user_id: i64, on: bool) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::ReviewReminders,
            sea_orm::sea_query::Expr::value(on),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
