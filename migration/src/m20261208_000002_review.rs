//! Spaced review: when each question a user has answered comes back, and
//! whether the dashboard reminds them of what is due.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    ReviewReminders,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    UserId,
    QuestionId,
    Repetitions,
    IntervalDays,
    EaseMilli,
    DueOn,
    LastScore,
    LastAnswerId,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Users::ReviewReminders).default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(big_pk_auto(Reviews::Id))
                    .col(big_integer(Reviews::UserId))
                    .col(big_integer(Reviews::QuestionId))
                    .col(integer(Reviews::Repetitions))
                    .col(integer(Reviews::IntervalDays))
                    .col(integer(Reviews::EaseMilli))
                    .col(date(Reviews::DueOn))
                    .col(small_integer(Reviews::LastScore))
                    // The attempt that set this schedule: one attempt
                    // moves it once, however often its feedback is stored.
                    .col(big_integer(Reviews::LastAnswerId))
                    .col(timestamp_with_time_zone(Reviews::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_user")
                            .from(Reviews::Table, Reviews::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_question")
                            .from(Reviews::Table, Reviews::QuestionId)
                            .to(Questions::Table, Questions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_reviews_user_question")
                    .table(Reviews::Table)
                    .col(Reviews::UserId)
                    .col(Reviews::QuestionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_user_due")
                    .table(Reviews::Table)
                    .col(Reviews::UserId)
                    .col(Reviews::DueOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Reviews::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::ReviewReminders)
                    .to_owned(),
            )
            .await
    }
}
