//! Usage counters: atomic increments per key and window, and pruning.

mod common;

use chrono::{Duration, TimeZone, Utc};
use rehearse::db::usage;

on_every_backend!(
    counters_count_per_key_and_window_and_old_windows_are_pruned,
    |app| {
        let hour = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap();
        let next = hour + Duration::hours(1);
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.1", hour)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.1", hour)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.2", hour)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.1", next)
                .await
                .unwrap(),
            1
        );

        assert_eq!(
            usage::prune(&app.db, next).await.unwrap(),
            2,
            "{:?}",
            app.kind
        );
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.1", next)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            usage::increment(&app.db, "generate:192.0.2.1", hour)
                .await
                .unwrap(),
            1
        );
    }
);

on_every_backend!(concurrent_increments_lose_nothing, |app| {
    let hour = Utc.with_ymd_and_hms(2026, 11, 28, 11, 0, 0).unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let db = app.db.clone();
            tokio::spawn(async move { usage::increment(&db, "k", hour).await.unwrap() })
        })
        .collect();
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.unwrap());
    }
    counts.sort();
    assert_eq!(counts, (1..=20).collect::<Vec<i64>>(), "{:?}", app.kind);
});
