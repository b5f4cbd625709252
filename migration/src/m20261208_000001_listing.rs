//! Listed sets: the sitemap asks for the newest sets whose owner listed
//! them, so `visibility` (`link` or `listed`) is indexed with the time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionSets {
    Table,
    Visibility,
    CreatedAt,
}

const INDEX: &str = "idx_question_sets_visibility_created";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(QuestionSets::Table)
                    .col(QuestionSets::Visibility)
                    .col(QuestionSets::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(QuestionSets::Table)
                    .to_owned(),
            )
            .await
    }
}
