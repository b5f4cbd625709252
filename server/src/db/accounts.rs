//! Accounts and their sessions.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set, SqlErr,
};

use super::entities::{session, user};

pub use super::entities::session::Model as Session;
pub use super::entities::user::Model as User;

/// Creating an account failed.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an account with this email exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub async fn create_user(
    db: &DatabaseConnection,
    email: &str,
    password_hash: &str,
    display_name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<User, CreateError> {
    let row = user::ActiveModel {
        email: Set(email.to_string()),
        password_hash: Set(password_hash.to_string()),
        display_name: Set(display_name.map(str::to_string)),
        email_verified_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(user) => Ok(user),
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(CreateError::EmailTaken)
        }
        Err(error) => Err(error.into()),
    }
}

pub async fn user_by_email(db: &DatabaseConnection, email: &str) -> Result<Option<User>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn user_by_id(db: &DatabaseConnection, id: i64) -> Result<Option<User>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

pub async fn set_password(
    db: &DatabaseConnection,
    user: User,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut row = user.into_active_model();
    row.password_hash = Set(password_hash.to_string());
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Deletes the account. Its sessions and sets (and their questions) go with
/// it through the schema's cascades.
pub async fn delete_user(db: &DatabaseConnection, id: i64) -> Result<(), DbErr> {
    user::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn create_session(
    db: &DatabaseConnection,
    id_digest: &str,
    user_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::ActiveModel {
        id: Set(id_digest.to_string()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The session and its user, if the session exists.
pub async fn session_with_user(
    db: &DatabaseConnection,
    id_digest: &str,
) -> Result<Option<(Session, User)>, DbErr> {
    let Some(session) = session::Entity::find_by_id(id_digest.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let user = user_by_id(db, session.user_id).await?;
    Ok(user.map(|u| (session, u)))
}

pub async fn touch_session(
    db: &DatabaseConnection,
    id_digest: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::Id.eq(id_digest))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &DatabaseConnection, id_digest: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(id_digest.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of `user_id` except `keep`.
pub async fn delete_other_sessions(
    db: &DatabaseConnection,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    Ok(query.exec(db).await?.rows_affected)
}

pub async fn sessions_of(db: &DatabaseConnection, user_id: i64) -> Result<Vec<Session>, DbErr> {
    session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .order_by_desc(session::Column::CreatedAt)
        .all(db)
        .await
}

/// Removes sessions that expired before `now`.
pub async fn prune_sessions(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}
