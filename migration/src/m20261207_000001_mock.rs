//! Mock interviews: a run through a set under time, one row per question
//! or follow-up answered (or skipped) in it, and a mark on answers that
//! reply to a follow-up rather than to a question of the set.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    Id,
    FollowUp,
}

#[derive(DeriveIden)]
enum MockRuns {
    Table,
    Id,
    UserId,
    SetSlug,
    Title,
    Questions,
    Voice,
    AnswerMode,
    SecondsStory,
    SecondsTechnical,
    SecondsDesign,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum MockTurns {
    Table,
    Id,
    RunId,
    Position,
    FollowUp,
    Prompt,
    AnswerId,
    Mode,
    SecondsUsed,
    SecondsAllowed,
    LongestPauseMs,
    FollowUpAsked,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    // An answer to an interviewer's follow-up: kept with its
                    // run, and left out of the question's own attempts.
                    .add_column(boolean(Answers::FollowUp).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MockRuns::Table)
                    .col(big_pk_auto(MockRuns::Id))
                    .col(big_integer(MockRuns::UserId))
                    // The set may be deleted later; the report keeps its title.
                    .col(string_len(MockRuns::SetSlug, 32))
                    .col(string_len(MockRuns::Title, 300))
                    .col(integer(MockRuns::Questions))
                    .col(boolean(MockRuns::Voice))
                    .col(string_len(MockRuns::AnswerMode, 10))
                    .col(integer(MockRuns::SecondsStory))
                    .col(integer(MockRuns::SecondsTechnical))
                    .col(integer(MockRuns::SecondsDesign))
                    .col(timestamp_with_time_zone(MockRuns::CreatedAt))
                    .col(timestamp_with_time_zone_null(MockRuns::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mock_runs_user")
                            .from(MockRuns::Table, MockRuns::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mock_runs_user_created")
                    .table(MockRuns::Table)
                    .col(MockRuns::UserId)
                    .col(MockRuns::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MockTurns::Table)
                    .col(big_pk_auto(MockTurns::Id))
                    .col(big_integer(MockTurns::RunId))
                    .col(integer(MockTurns::Position))
                    .col(boolean(MockTurns::FollowUp))
                    .col(text(MockTurns::Prompt))
                    // NULL when the question was skipped.
                    .col(big_integer_null(MockTurns::AnswerId))
                    .col(string_len(MockTurns::Mode, 10))
                    .col(integer(MockTurns::SecondsUsed))
                    .col(integer(MockTurns::SecondsAllowed))
                    .col(integer_null(MockTurns::LongestPauseMs))
                    .col(text_null(MockTurns::FollowUpAsked))
                    .col(timestamp_with_time_zone(MockTurns::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mock_turns_run")
                            .from(MockTurns::Table, MockTurns::RunId)
                            .to(MockRuns::Table, MockRuns::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mock_turns_answer")
                            .from(MockTurns::Table, MockTurns::AnswerId)
                            .to(Answers::Table, Answers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_mock_turns_step")
                    .table(MockTurns::Table)
                    .col(MockTurns::RunId)
                    .col(MockTurns::Position)
                    .col(MockTurns::FollowUp)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MockTurns::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MockRuns::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .drop_column(Answers::FollowUp)
                    .to_owned(),
            )
            .await
    }
}
