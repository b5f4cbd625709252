use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub set_id: i64,
    pub position: i32,
    pub kind: String,
    pub focus_area: String,
    pub difficulty: i16,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub provenance_kind: String,
    #[sea_orm(column_type = "Text")]
    pub provenance_detail: String,
    pub rubric_points: Json,
    pub follow_ups: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::question_set::Entity",
        from = "Column::SetId",
        to = "super::question_set::Column::Id",
        on_delete = "Cascade"
    )]
    QuestionSet,
}

impl Related<super::question_set::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::QuestionSet.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
