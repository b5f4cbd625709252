//! One question or follow-up of a mock interview, as answered (or skipped).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mock_turns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub run_id: i64,
    /// 1-based position of the question in the set.
    pub position: i32,
    pub follow_up: bool,
    /// What the interviewer asked.
    #[sea_orm(column_type = "Text")]
    pub prompt: String,
    /// `None` when the question was skipped.
    pub answer_id: Option<i64>,
    /// `spoken` or `typed`.
    pub mode: String,
    pub seconds_used: i32,
    pub seconds_allowed: i32,
    pub longest_pause_ms: Option<i32>,
    /// The follow-up the interviewer asked after this answer, if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub follow_up_asked: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
