//! Progress: each answer's focus area kept with it for per-area averages,
//! an index for an account's attempts over time, and the retention
//! setting.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Answers {
    Table,
    UserId,
    FocusArea,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    RetentionDays,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .add_column(string_len(Answers::FocusArea, 200).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE answers SET focus_area = COALESCE((SELECT questions.focus_area \
                 FROM questions WHERE questions.id = answers.question_id), '')",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_answers_user_created")
                    .table(Answers::Table)
                    .col(Answers::UserId)
                    .col(Answers::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    // Attempts older than this many days are deleted; NULL
                    // keeps them for ever.
                    .add_column(integer_null(Users::RetentionDays))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::RetentionDays)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_answers_user_created")
                    .table(Answers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .drop_column(Answers::FocusArea)
                    .to_owned(),
            )
            .await
    }
}
