//! Database connection, schema and the small repository functions services
//! compose.

pub mod accounts;
pub mod entities;
pub mod llm_usage;
pub mod practice;
pub mod sets;
pub mod usage;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::{DatabaseKind, DatabaseUrl};

/// How long a SQLite writer waits for another to finish before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot create the folder for the SQLite file {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to {url}: {source}")]
    Connect { url: String, source: DbErr },
}

/// Opens a connection pool. SQLite files and their folder are created on
/// first use.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, ConnectError> {
    let mut options = ConnectOptions::new(url.as_str());
    options
        .connect_timeout(CONNECT_TIMEOUT)
        .acquire_timeout(CONNECT_TIMEOUT)
        .sqlx_logging(false);

    match url.kind() {
        DatabaseKind::Sqlite => {
            if let Some(file) = url.sqlite_file() {
                create_parent_dir(file)?;
            }
            // One connection serialises writers inside the process, so write
            // transactions never meet SQLITE_BUSY from each other; WAL keeps
            // other processes (backups, the CLI) able to read meanwhile.
            options.max_connections(1).min_connections(1);
            options.map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        }
        DatabaseKind::Postgres => {
            options.max_connections(16).min_connections(1);
        }
    }

    Database::connect(options)
        .await
        .map_err(|source| ConnectError::Connect {
            url: url.to_string(),
            source,
        })
}

fn create_parent_dir(file: &str) -> Result<(), ConnectError> {
    let Some(parent) = std::path::Path::new(file).parent() else {
        return Ok(());
    };
    if parent.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(parent).map_err(|source| ConnectError::CreateDir {
        path: file.to_string(),
        source,
    })
}

/// Applies every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the database answers a trivial query.
pub async fn is_ready(db: &DatabaseConnection, timeout: Duration) -> bool {
    matches!(tokio::time::timeout(timeout, db.ping()).await, Ok(Ok(())))
}
