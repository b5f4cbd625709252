//! The story bank: an account's STAR stories, and the questions each one
//! was used to answer.

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
enum Stories {
    Table,
    Id,
    UserId,
    Title,
    Situation,
    Task,
    Action,
    Result,
    Skills,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StoryUses {
    Table,
    Id,
    StoryId,
    QuestionId,
    SetSlug,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Stories::Table)
                    .col(big_pk_auto(Stories::Id))
                    .col(big_integer(Stories::UserId))
                    .col(string_len(Stories::Title, 120))
                    .col(text(Stories::Situation))
                    .col(text(Stories::Task))
                    .col(text(Stories::Action))
                    .col(text(Stories::Result))
                    .col(json(Stories::Skills))
                    .col(timestamp_with_time_zone(Stories::CreatedAt))
                    .col(timestamp_with_time_zone(Stories::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stories_user")
                            .from(Stories::Table, Stories::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stories_user")
                    .table(Stories::Table)
                    .col(Stories::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StoryUses::Table)
                    .col(big_pk_auto(StoryUses::Id))
                    .col(big_integer(StoryUses::StoryId))
                    .col(big_integer(StoryUses::QuestionId))
                    // The set, to count a story's uses within one set.
                    .col(string_len(StoryUses::SetSlug, 32))
                    .col(timestamp_with_time_zone(StoryUses::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_story_uses_story")
                            .from(StoryUses::Table, StoryUses::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_story_uses_question")
                            .from(StoryUses::Table, StoryUses::QuestionId)
                            .to(Questions::Table, Questions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_story_uses_story_question")
                    .table(StoryUses::Table)
                    .col(StoryUses::StoryId)
                    .col(StoryUses::QuestionId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StoryUses::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Stories::Table).to_owned())
            .await
    }
}
