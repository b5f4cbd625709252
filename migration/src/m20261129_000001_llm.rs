//! The model engine: the prompt version a set was made with, and model usage
//! per day for operators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionSets {
    Table,
    PromptVersion,
}

#[derive(DeriveIden)]
enum LlmUsage {
    Table,
    Day,
    Model,
    Calls,
    FailedCalls,
    PromptTokens,
    CompletionTokens,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionSets::Table)
                    .add_column(string_len_null(QuestionSets::PromptVersion, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LlmUsage::Table)
                    // The UTC day as YYYY-MM-DD, which sorts and compares the
                    // same on every backend.
                    .col(string_len(LlmUsage::Day, 10))
                    .col(string_len(LlmUsage::Model, 200))
                    .col(big_integer(LlmUsage::Calls).default(0))
                    .col(big_integer(LlmUsage::FailedCalls).default(0))
                    .col(big_integer(LlmUsage::PromptTokens).default(0))
                    .col(big_integer(LlmUsage::CompletionTokens).default(0))
                    .primary_key(Index::create().col(LlmUsage::Day).col(LlmUsage::Model))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LlmUsage::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionSets::Table)
                    .drop_column(QuestionSets::PromptVersion)
                    .to_owned(),
            )
            .await
    }
}
