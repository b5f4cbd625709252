use sea_orm::entity::prelude::*;

/// The feedback on one answer. The scores are columns for aggregates; the
/// whole result is `body`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub answer_id: i64,
    pub engine: String,
    pub prompt_version: Option<String>,
    pub structure: i16,
    pub specificity: i16,
    pub relevance: i16,
    pub overall: i16,
    pub body: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
