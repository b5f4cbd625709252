//! Practice: one row per attempt at a question, its feedback, and the draft
//! a user is writing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    Id,
    UserId,
    QuestionId,
    SetSlug,
    Position,
    QuestionText,
    QuestionKind,
    Text,
    WordCount,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    AnswerId,
    Engine,
    PromptVersion,
    Structure,
    Specificity,
    Relevance,
    Overall,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Drafts {
    Table,
    UserId,
    QuestionId,
    Text,
    Revision,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Answers::Table)
                    .col(big_pk_auto(Answers::Id))
                    .col(big_integer(Answers::UserId))
                    // Kept when the set is deleted: the question as it was
                    // answered is copied below.
                    .col(big_integer_null(Answers::QuestionId))
                    .col(string_len(Answers::SetSlug, 32))
                    .col(integer(Answers::Position))
                    .col(text(Answers::QuestionText))
                    .col(string_len(Answers::QuestionKind, 20))
                    .col(text(Answers::Text))
                    .col(integer(Answers::WordCount))
                    // Chosen by the client: a repeated submit with the same
                    // key is the same attempt.
                    .col(string_len(Answers::IdempotencyKey, 100))
                    .col(timestamp_with_time_zone(Answers::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answers_user")
                            .from(Answers::Table, Answers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answers_question")
                            .from(Answers::Table, Answers::QuestionId)
                            .to(Questions::Table, Questions::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_answers_user_key")
                    .table(Answers::Table)
                    .col(Answers::UserId)
                    .col(Answers::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_answers_user_question")
                    .table(Answers::Table)
                    .col(Answers::UserId)
                    .col(Answers::QuestionId)
                    .col(Answers::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Feedback::Table)
                    .col(big_pk_auto(Feedback::Id))
                    .col(big_integer_uniq(Feedback::AnswerId))
                    .col(string_len(Feedback::Engine, 200))
                    .col(string_len_null(Feedback::PromptVersion, 40))
                    .col(small_integer(Feedback::Structure))
                    .col(small_integer(Feedback::Specificity))
                    .col(small_integer(Feedback::Relevance))
                    .col(small_integer(Feedback::Overall))
                    .col(json(Feedback::Body))
                    .col(timestamp_with_time_zone(Feedback::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_feedback_answer")
                            .from(Feedback::Table, Feedback::AnswerId)
                            .to(Answers::Table, Answers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Drafts::Table)
                    .col(big_integer(Drafts::UserId))
                    .col(big_integer(Drafts::QuestionId))
                    // Empty once the answer is submitted.
                    .col(text(Drafts::Text))
                    // The client's clock when it wrote this text: an older
                    // save arriving late never replaces a newer one.
                    .col(big_integer(Drafts::Revision))
                    .col(timestamp_with_time_zone(Drafts::UpdatedAt))
                    .primary_key(Index::create().col(Drafts::UserId).col(Drafts::QuestionId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_drafts_user")
                            .from(Drafts::Table, Drafts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_drafts_question")
                            .from(Drafts::Table, Drafts::QuestionId)
                            .to(Questions::Table, Questions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Drafts::Table.into_iden(),
            Feedback::Table.into_iden(),
            Answers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
