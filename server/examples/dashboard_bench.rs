//! `/me` load time for an account with 1,000 attempts across 50 sets, on
//! SQLite and, when `BENCH_POSTGRES_URL` names a server, on PostgreSQL.
//! Run with `scripts/bench.sh` or
//! `cargo run --release -p server --example dashboard_bench`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::model::{GenerateInput, Submission};
use rehearse::coach::OfflineCoach;
use rehearse::config::{DatabaseUrl, ServeSettings};
use rehearse::content::Library;
use rehearse::db;
use rehearse::state::AppState;
use sea_orm::ConnectionTrait;

const SETS: usize = 50;
const ATTEMPTS: usize = 1_000;
const RUNS: usize = 30;

const ANSWERS: [&str; 4] = [
    "In my last role I owned the checkout service. Its p95 latency had reached 1.8 seconds. I traced the requests, batched an N+1 query and added an index. As a result p95 fell to 320 ms.",
    "I think we sort of fixed the service, basically, and things got better after a while.",
    "I was asked to cut the nightly billing run. I split it into small jobs on a queue and moved the heaviest report to a replica. The run went from four hours to forty minutes.",
    "We talked to the team and agreed on a plan. It went well and everyone was happy with it.",
];

async fn bench(name: &str, url: &str, coach: Arc<OfflineCoach>) {
    let url = DatabaseUrl::parse(url).expect("a database URL");
    let conn = db::connect(&url).await.expect("connect");
    db::migrate_up(conn.write()).await.expect("migrate");
    let mut settings = ServeSettings::local("127.0.0.1:0".parse().unwrap(), "public".into());
    // Fifty sets from one address in a minute is the point here.
    settings.generate_limit = 0;
    // So is a thousand answers from one account.
    settings.write_limits.answers_per_hour = 0;
    let state = AppState::with_offline(conn.clone(), &settings, Arc::clone(&coach));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = rehearse::http::router(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    let signed_up = client
        .post(format!("{base}/api/v1/auth/signup"))
        .json(&serde_json::json!({"email": "bench@example.org", "password": "violet tugboat lantern"}))
        .send()
        .await
        .unwrap();
    let session = signed_up
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rehearse-session="))
        .and_then(|v| v.split(';').next())
        .expect("a session")
        .to_string();

    // 50 sets of 10 questions across the roles, then 1,000 answers with
    // feedback spread over them and over 90 days.
    let roles: Vec<String> = coach
        .library()
        .roles()
        .iter()
        .map(|r| r.slug.clone())
        .collect();
    let seeding = Instant::now();
    let mut slugs = Vec::new();
    for i in 0..SETS {
        let made: serde_json::Value = client
            .post(format!("{base}/api/v1/question-sets"))
            .header("cookie", &session)
            .json(&serde_json::json!(GenerateInput {
                role: Some(roles[i % roles.len()].clone()),
                count: Some(10),
                ..Default::default()
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        slugs.push(made["slug"].as_str().unwrap().to_string());
    }
    let requester = app::api::port::Requester {
        ip: "127.0.0.1".parse().unwrap(),
        claim_token: None,
        base_url: base.clone(),
        user: Some(app::model::Viewer {
            id: 1,
            email: "bench@example.org".into(),
            display_name: None,
            retention_days: None,
            review_reminders: true,
        }),
        session: None,
    };
    for i in 0..ATTEMPTS {
        let submission = Submission {
            question_set: slugs[i % SETS].clone(),
            question_index: (i / SETS % 10) as u32 + 1,
            answer: format!("{} (Take {i}.)", ANSWERS[i % ANSWERS.len()]),
            idempotency_key: format!("bench-key-{i}"),
            draft_revision: None,
            mock_interview: None,
            follow_up: false,
            timing: None,
        };
        let answered = state
            .ports
            .practice
            .answer(submission, &requester)
            .await
            .unwrap();
        assert!(answered.feedback_error.is_none());
    }
    // Spread the attempts over 90 days.
    let writer = conn.write();
    writer
        .execute_unprepared(match writer.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                "UPDATE answers SET created_at = created_at - (id % 90) * INTERVAL '1 day'"
            }
            _ => {
                "UPDATE answers SET created_at = datetime(created_at, '-' || (id % 90) || ' days')"
            }
        })
        .await
        .unwrap();
    println!(
        "{name}: seeded {SETS} sets and {ATTEMPTS} assessed attempts in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let page = client
            .get(format!("{base}/me"))
            .header("cookie", &session)
            .send()
            .await
            .unwrap();
        assert!(page.status().is_success(), "{}", page.status());
        size = page.bytes().await.unwrap().len();
        times.push(started.elapsed());
    }
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    println!(
        "{name}: GET /me with {ATTEMPTS} attempts in {SETS} sets  runs {RUNS}  median {:.1} ms  p95 {:.1} ms  ({:.0} KiB of HTML)",
        pct(0.5),
        pct(0.95),
        size as f64 / 1024.0
    );
}

#[tokio::main]
async fn main() {
    rehearse::coach::llm::client::install_crypto_provider();
    let coach = Arc::new(OfflineCoach::new(Arc::new(
        Library::embedded().expect("content loads"),
    )));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    bench("SQLite", &sqlite, Arc::clone(&coach)).await;
    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        let name = format!("rehearse_bench_{}", std::process::id());
        let conn = sea_orm::Database::connect(admin.as_str())
            .await
            .expect("connect");
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create the bench database");
        let mut url = url::Url::parse(&admin).expect("a URL");
        url.set_path(&name);
        bench("PostgreSQL", url.as_str(), coach).await;
        conn.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .await
            .ok();
    }
}
