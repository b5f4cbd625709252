use sea_orm::entity::prelude::*;

/// One attempt at a question.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// `None` once the set is deleted; the copy below remains.
    pub question_id: Option<i64>,
    pub set_slug: String,
    /// 1-based position of the question in its set.
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub question_text: String,
    pub question_kind: String,
    pub focus_area: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub word_count: i32,
    pub idempotency_key: String,
    pub created_at: DateTimeUtc,
    /// An answer to an interviewer's follow-up in a mock interview.
    pub follow_up: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
