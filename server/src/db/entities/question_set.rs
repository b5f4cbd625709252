use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_sets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub owner_id: Option<i64>,
    pub claim_token_hash: Option<String>,
    pub title: String,
    pub role_slug: Option<String>,
    pub seniority: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub job_description: Option<String>,
    /// Kept only when a logged-in maker asked for it.
    #[sea_orm(column_type = "Text", nullable)]
    pub resume: Option<String>,
    pub engine: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub notice: Option<String>,
    pub visibility: String,
    pub prompt_version: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::question::Entity")]
    Questions,
}

impl Related<super::question::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Questions.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
