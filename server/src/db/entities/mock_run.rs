//! One mock interview: a run through a set's first questions under time.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mock_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub set_slug: String,
    pub title: String,
    /// How many of the set's questions, from the first.
    pub questions: i32,
    /// Whether the interviewer reads the questions aloud.
    pub voice: bool,
    /// `spoken` or `typed`.
    pub answer_mode: String,
    /// Seconds allowed per answer: behavioral and situational questions,
    /// technical ones, and system design.
    pub seconds_story: i32,
    pub seconds_technical: i32,
    pub seconds_design: i32,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
