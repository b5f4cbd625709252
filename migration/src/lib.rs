//! The schema, one migration per change. Every migration has a real `down`.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_initial;
mod m20261129_000001_llm;
mod m20261130_000001_practice;
mod m20261201_000001_progress;
mod m20261207_000001_mock;
mod m20261208_000001_listing;
mod m20261208_000002_review;
mod m20261208_000003_stories;
mod m20261209_000001_resume;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_initial::Migration),
            Box::new(m20261129_000001_llm::Migration),
            Box::new(m20261130_000001_practice::Migration),
            Box::new(m20261201_000001_progress::Migration),
            Box::new(m20261207_000001_mock::Migration),
            Box::new(m20261208_000001_listing::Migration),
            Box::new(m20261208_000002_review::Migration),
            Box::new(m20261208_000003_stories::Migration),
            Box::new(m20261209_000001_resume::Migration),
        ]
    }
}
