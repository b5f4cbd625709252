use sea_orm::entity::prelude::*;

/// An account. `email` is stored lower-cased, so it is unique whatever the
/// case it was typed in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    pub display_name: Option<String>,
    /// Reserved for email verification; nothing sets it yet.
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Attempts older than this many days are deleted; `None` keeps them.
    pub retention_days: Option<i32>,
    /// Whether the dashboard says which questions are due for review.
    pub review_reminders: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
