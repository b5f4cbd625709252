//! How long attempts are kept, pruning past it, and deleting an account's
//! practice outright.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};

use crate::db::entities::{answer, draft, mock_run, review};

/// Sets how many days `user_id`'s attempts are kept; `None` keeps them.
pub async fn set_retention(
    db: &DatabaseConnection,
    user_id: i64,
    days: Option<u32>,
) -> Result<(), DbErr> {
    use crate::db::entities::user;
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
    use crate::db::entities::user;
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
        // A mock interview goes with its answers: its turns with them.
        mock_run::Entity::delete_many()
            .filter(mock_run::Column::UserId.eq(user_id))
            .filter(mock_run::Column::CreatedAt.lt(cutoff))
            .exec(db)
            .await?;
    }
    Ok(removed)
}

/// Deletes every attempt, its feedback, every draft, every mock
/// interview and the review schedule of `user_id`; the
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
    mock_run::Entity::delete_many()
        .filter(mock_run::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    review::Entity::delete_many()
        .filter(review::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(removed)
}
