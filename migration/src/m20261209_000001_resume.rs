//! Résumé-aware sets: the résumé a set was made from, kept only when its
//! maker was logged in and asked for it to be kept. It goes with the set.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionSets {
    Table,
    Resume,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionSets::Table)
                    .add_column(text_null(QuestionSets::Resume))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionSets::Table)
                    .drop_column(QuestionSets::Resume)
                    .to_owned(),
            )
            .await
    }
}
