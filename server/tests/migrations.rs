mod common;

use common::{TestDb, backends};
use migration::{Migrator, MigratorTrait};
use rehearse::config::DatabaseKind;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const TABLES: [&str; 9] = [
    "users",
    "sessions",
    "question_sets",
    "questions",
    "usage_counters",
    "llm_usage",
    "answers",
    "feedback",
    "drafts",
];

async fn table_exists(db: &DatabaseConnection, kind: DatabaseKind, table: &str) -> bool {
    let sql = match kind {
        DatabaseKind::Sqlite => {
            format!("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        }
        DatabaseKind::Postgres => format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("catalogue query")
        .is_some()
}

async fn all_tables(db: &DatabaseConnection, kind: DatabaseKind) -> Vec<bool> {
    let mut present = Vec::new();
    for table in TABLES {
        present.push(table_exists(db, kind, table).await);
    }
    present
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    for kind in backends() {
        let test_db = TestDb::new(kind).await;
        let db = rehearse::db::connect(&test_db.url)
            .await
            .unwrap()
            .write()
            .clone();

        Migrator::up(&db, None).await.expect("first up");
        assert_eq!(
            all_tables(&db, kind).await,
            [true; TABLES.len()],
            "{kind:?} after up"
        );

        let applied = Migrator::migrations().len() as u32;
        Migrator::down(&db, Some(applied)).await.expect("down");
        assert_eq!(
            all_tables(&db, kind).await,
            [false; TABLES.len()],
            "{kind:?} after down"
        );

        Migrator::up(&db, None).await.expect("second up");
        assert_eq!(
            all_tables(&db, kind).await,
            [true; TABLES.len()],
            "{kind:?} after second up"
        );
        db.close().await.ok();
    }
}

#[tokio::test]
async fn foreign_keys_cascade_from_sets_to_questions() {
    for kind in backends() {
        let test_db = TestDb::new(kind).await;
        let db = rehearse::db::connect(&test_db.url)
            .await
            .unwrap()
            .write()
            .clone();
        rehearse::db::migrate_up(&db).await.unwrap();
        let backend = db.get_database_backend();
        let run = |sql: &str| Statement::from_string(backend, sql.to_string());

        db.execute_raw(run(
            "INSERT INTO question_sets (slug, title, seniority, engine, created_at) \
             VALUES ('abc', 'Backend', 'mid', 'offline/1', CURRENT_TIMESTAMP)",
        ))
        .await
        .unwrap();
        db.execute_raw(run(
            "INSERT INTO questions (set_id, position, kind, focus_area, difficulty, text, \
             provenance_kind, provenance_detail, rubric_points, follow_ups) \
             SELECT id, 1, 'technical', 'APIs', 2, 'Q?', 'focus_area', 'APIs', '[]', '[]' FROM question_sets",
        ))
        .await
        .unwrap();
        // A question must belong to a set that exists.
        let orphan = db
            .execute_raw(run(
                "INSERT INTO questions (set_id, position, kind, focus_area, difficulty, text, \
                 provenance_kind, provenance_detail, rubric_points, follow_ups) \
                 VALUES (999, 1, 'technical', 'APIs', 2, 'Q?', 'focus_area', 'APIs', '[]', '[]')",
            ))
            .await;
        assert!(orphan.is_err(), "{kind:?} accepted an orphan question");

        db.execute_raw(run("DELETE FROM question_sets"))
            .await
            .unwrap();
        let left = db
            .query_one_raw(run("SELECT COUNT(*) AS n FROM questions"))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i64>(0)
            .unwrap();
        assert_eq!(left, 0, "{kind:?} kept questions of a deleted set");
        db.close().await.ok();
    }
}

#[tokio::test]
async fn sqlite_runs_with_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let test_db = TestDb::new(DatabaseKind::Sqlite).await;
    let db = rehearse::db::connect(&test_db.url)
        .await
        .unwrap()
        .write()
        .clone();
    let pragma = |name: &str| {
        let db = db.clone();
        let sql = format!("PRAGMA {name}");
        async move {
            let row = db
                .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap()
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    assert_eq!(pragma("synchronous").await, "2", "2 is FULL");
    assert_eq!(pragma("foreign_keys").await, "1");
    let busy: i64 = pragma("busy_timeout").await.parse().unwrap();
    assert!(busy >= 1000, "busy_timeout is {busy} ms");
}
