//! Accounts, sessions, question sets and their questions, and usage counters.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    DisplayName,
    EmailVerifiedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum QuestionSets {
    Table,
    Id,
    Slug,
    OwnerId,
    ClaimTokenHash,
    Title,
    RoleSlug,
    Seniority,
    JobDescription,
    Engine,
    Notice,
    Visibility,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    SetId,
    Position,
    Kind,
    FocusArea,
    Difficulty,
    Text,
    ProvenanceKind,
    ProvenanceDetail,
    RubricPoints,
    FollowUps,
}

#[derive(DeriveIden)]
enum UsageCounters {
    Table,
    Key,
    WindowStart,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::PasswordHash, 255))
                    .col(string_len_null(Users::DisplayName, 200))
                    .col(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    // The SHA-256 of the cookie's token, never the token itself.
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(big_integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuestionSets::Table)
                    .col(big_pk_auto(QuestionSets::Id))
                    .col(string_len_uniq(QuestionSets::Slug, 32))
                    .col(big_integer_null(QuestionSets::OwnerId))
                    .col(string_len_null(QuestionSets::ClaimTokenHash, 64))
                    .col(string_len(QuestionSets::Title, 200))
                    .col(string_len_null(QuestionSets::RoleSlug, 64))
                    .col(string_len(QuestionSets::Seniority, 16))
                    .col(text_null(QuestionSets::JobDescription))
                    .col(string_len(QuestionSets::Engine, 100))
                    .col(text_null(QuestionSets::Notice))
                    .col(string_len(QuestionSets::Visibility, 16).default("link"))
                    .col(timestamp_with_time_zone(QuestionSets::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_question_sets_owner")
                            .from(QuestionSets::Table, QuestionSets::OwnerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_question_sets_owner")
                    .table(QuestionSets::Table)
                    .col(QuestionSets::OwnerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_question_sets_claim")
                    .table(QuestionSets::Table)
                    .col(QuestionSets::ClaimTokenHash)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Questions::Table)
                    .col(big_pk_auto(Questions::Id))
                    .col(big_integer(Questions::SetId))
                    .col(integer(Questions::Position))
                    .col(string_len(Questions::Kind, 20))
                    .col(string_len(Questions::FocusArea, 200))
                    .col(small_integer(Questions::Difficulty))
                    .col(text(Questions::Text))
                    .col(string_len(Questions::ProvenanceKind, 20))
                    .col(text(Questions::ProvenanceDetail))
                    .col(json(Questions::RubricPoints))
                    .col(json(Questions::FollowUps))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_questions_set")
                            .from(Questions::Table, Questions::SetId)
                            .to(QuestionSets::Table, QuestionSets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_questions_set_position")
                    .table(Questions::Table)
                    .col(Questions::SetId)
                    .col(Questions::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UsageCounters::Table)
                    .col(string_len(UsageCounters::Key, 200))
                    .col(timestamp_with_time_zone(UsageCounters::WindowStart))
                    .col(big_integer(UsageCounters::Count).default(0))
                    .primary_key(
                        Index::create()
                            .col(UsageCounters::Key)
                            .col(UsageCounters::WindowStart),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            UsageCounters::Table.into_iden(),
            Questions::Table.into_iden(),
            QuestionSets::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
