//! Database connection, schema and the small repository functions services
//! compose.

pub mod accounts;
pub mod entities;
pub mod llm_usage;
pub mod practice;
pub mod set_cache;
pub mod sets;
pub mod stories;
pub mod usage;

use std::sync::Arc;
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

/// Read-only connections beside the writer on a SQLite file: enough that a
/// page read on each core never waits for another.
const SQLITE_READERS: u32 = 4;

/// The database as the services see it. Writes (and the reads inside a
/// write's transaction or rate-limit check) go through [`Db::write`]; the
/// reads behind a page or an API answer go through [`Db::read`]. On a
/// SQLite file those are read-only connections that WAL lets run beside
/// the one writer, so a page never queues behind another person's commit
/// and its fsync. On PostgreSQL and in-memory SQLite both are the same
/// pool. A read sees every write committed before it began, so a request
/// always reads what it, or an earlier request, wrote.
#[derive(Clone, Debug)]
pub struct Db {
    write: DatabaseConnection,
    read: DatabaseConnection,
    sets: Arc<set_cache::RecentSets>,
}

impl Db {
    fn new(write: DatabaseConnection, read: DatabaseConnection) -> Self {
        Self {
            write,
            read,
            sets: Arc::default(),
        }
    }

    /// Sets read in the last few seconds (see [`set_cache`]).
    pub fn sets(&self) -> &set_cache::RecentSets {
        &self.sets
    }

    pub fn write(&self) -> &DatabaseConnection {
        &self.write
    }

    pub fn read(&self) -> &DatabaseConnection {
        &self.read
    }
}

/// Opens the database. SQLite files and their folder are created on first
/// use.
pub async fn connect(url: &DatabaseUrl) -> Result<Db, ConnectError> {
    let open = |options: ConnectOptions| async {
        Database::connect(options)
            .await
            .map_err(|source| ConnectError::Connect {
                url: url.to_string(),
                source,
            })
    };
    match url.kind() {
        DatabaseKind::Sqlite => {
            let file = url.sqlite_file();
            if let Some(file) = file {
                create_parent_dir(file)?;
            }
            // One writer connection serialises writers inside the process,
            // so write transactions never meet SQLITE_BUSY from each other;
            // WAL lets the readers and other processes (backups, the CLI)
            // read meanwhile.
            let mut options = connect_options(url);
            options.max_connections(1).min_connections(1);
            options.map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
            let write = open(options).await?;
            if file.is_none() {
                // An in-memory database exists only on its own connection.
                return Ok(Db::new(write.clone(), write));
            }
            let mut options = connect_options(url);
            options.max_connections(SQLITE_READERS).min_connections(1);
            options.map_sqlx_sqlite_opts(|o| {
                o.read_only(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
            let read = open(options).await?;
            Ok(Db::new(write, read))
        }
        DatabaseKind::Postgres => {
            let mut options = connect_options(url);
            options.max_connections(16).min_connections(1);
            let write = open(options).await?;
            Ok(Db::new(write.clone(), write))
        }
    }
}

fn connect_options(url: &DatabaseUrl) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.as_str());
    options
        .connect_timeout(CONNECT_TIMEOUT)
        .acquire_timeout(CONNECT_TIMEOUT)
        .sqlx_logging(false);
    options
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
