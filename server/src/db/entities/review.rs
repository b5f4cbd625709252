use sea_orm::entity::prelude::*;

/// When a question an account has answered comes back for review, kept by
/// SM-2 (see `services::practice::schedule`). One row per account and
/// question.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub question_id: i64,
    pub repetitions: i32,
    pub interval_days: i32,
    /// SM-2's easiness factor in thousandths (2,500 is 2.5).
    pub ease_milli: i32,
    pub due_on: Date,
    /// The overall score of the attempt that set this schedule.
    pub last_score: i16,
    /// The attempt that set it, so that one attempt moves it only once.
    pub last_answer_id: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
