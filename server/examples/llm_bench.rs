//! The model engine against an instant local fake server: what the engine
//! adds on top of the model's own time, and how many upstream calls each
//! fault case makes. Run with `scripts/bench.sh` or
//! `cargo run --release -p server --example llm_bench`.

#[path = "../tests/common/fake_llm.rs"]
mod fake_llm;

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::model::{GenerateInput, GenerateRequest};
use fake_llm::{FakeLlm, Reply};
use rehearse::coach::{LlmEngine, OfflineCoach, Quota, no_progress};
use rehearse::config::{DatabaseUrl, LlmSettings};
use rehearse::content::Library;

const RUNS: usize = 200;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn engine(
    fake: &FakeLlm,
    dir: &std::path::Path,
    adjust: impl FnOnce(&mut LlmSettings),
) -> LlmEngine {
    let url = DatabaseUrl::parse(&format!(
        "sqlite://{}/bench-{}.db",
        dir.display(),
        uuid::Uuid::new_v4().simple()
    ))
    .unwrap();
    let db = rehearse::db::connect(&url).await.unwrap().write().clone();
    rehearse::db::migrate_up(&db).await.unwrap();
    let mut settings = LlmSettings::new(&fake.base_url, "bench-model");
    settings.ip_quota = 0;
    settings.daily_tokens = 0;
    adjust(&mut settings);
    let ledger = Arc::new(rehearse::services::usage::DbLedger::new(db, &settings));
    LlmEngine::new(settings, ledger)
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let coach = Arc::new(OfflineCoach::new(Arc::new(Library::embedded().unwrap())));
    let request: GenerateRequest = coach
        .check(GenerateInput {
            role: Some("backend-engineer".into()),
            job_description: Some(include_str!("../tests/fixtures/jd/backend-payments.txt").into()),
            count: Some(10),
            ..Default::default()
        })
        .unwrap();
    let brief = coach.brief(&request);
    let ip = Some(Quota::Address("192.0.2.1".parse().unwrap()));

    // The model's own time as a bare HTTP client sees it: the same request
    // body, posted straight to the fake server.
    let fake = FakeLlm::start(vec![], Reply::good()).await;
    let llm = engine(&fake, dir.path(), |_| {}).await;
    llm.questions(&request, &brief, ip, &no_progress())
        .await
        .unwrap();
    let body = fake.bodies()[0].clone();
    let http = reqwest::Client::new();
    let url = format!("{}/chat/completions", fake.base_url);
    let mut bare = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let text = http
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        std::hint::black_box(text);
        bare.push(start.elapsed());
    }
    let mut through_engine = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(
            llm.questions(&request, &brief, ip, &no_progress())
                .await
                .unwrap(),
        );
        through_engine.push(start.elapsed());
    }
    // With the per-address quota and the daily budget on: two more counter
    // updates per generation.
    let limited = engine(&fake, dir.path(), |s| {
        s.ip_quota = 1_000_000;
        s.daily_tokens = u64::MAX / 4;
    })
    .await;
    let mut with_limits = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(
            limited
                .questions(&request, &brief, ip, &no_progress())
                .await
                .unwrap(),
        );
        with_limits.push(start.elapsed());
    }
    let (bare, engine_only, limits) = (median(bare), median(through_engine), median(with_limits));
    println!(
        "model call, bare HTTP client           median {:>8.2} ms",
        bare.as_secs_f64() * 1e3
    );
    println!(
        "model call through the engine          median {:>8.2} ms  (+{:.2} ms)",
        engine_only.as_secs_f64() * 1e3,
        (engine_only.as_secs_f64() - bare.as_secs_f64()) * 1e3
    );
    println!(
        "  with quota and budget counters on    median {:>8.2} ms  (+{:.2} ms)",
        limits.as_secs_f64() * 1e3,
        (limits.as_secs_f64() - bare.as_secs_f64()) * 1e3
    );

    // Upstream calls per generation in each fault case, with the defaults
    // for retries (2) and the breaker (5), and short timings.
    println!("\nupstream calls per generation (retries 2):");
    let quick = |s: &mut LlmSettings| {
        s.attempt_timeout = Duration::from_millis(300);
        s.deadline = Duration::from_millis(900);
    };
    let cases: Vec<(&str, Vec<Reply>, Reply)> = vec![
        ("success", vec![], Reply::good()),
        ("429 with Retry-After: 0, then success", vec![Reply::Status { status: 429, retry_after: Some("0".into()), body: "{}".into() }], Reply::good()),
        ("500 every time", vec![], Reply::status(500)),
        ("429 insufficient_quota", vec![], Reply::Status { status: 429, retry_after: None, body: r#"{"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}}"#.into() }),
        ("hang (300 ms timeout, 900 ms deadline)", vec![], Reply::Hang),
        ("malformed body", vec![], Reply::RawBody("{\"choices\": [".into())),
        ("JSON that breaks the schema", vec![], Reply::text("{\"questions\": [{\"text\": 1}]}")),
    ];
    for (name, script, otherwise) in cases {
        let fake = FakeLlm::start(script, otherwise).await;
        let llm = engine(&fake, dir.path(), quick).await;
        let start = Instant::now();
        let outcome = llm.questions(&request, &brief, ip, &no_progress()).await;
        println!(
            "  {name:<40} {} call(s), {:>6.0} ms, {}",
            fake.calls(),
            start.elapsed().as_secs_f64() * 1e3,
            match outcome {
                Ok(_) => "model set".to_string(),
                Err(f) => format!("offline ({})", f.label()),
            }
        );
    }
    let fake = FakeLlm::start(vec![], Reply::good()).await;
    let llm = engine(&fake, dir.path(), |s| s.daily_tokens = 10).await;
    let outcome = llm.questions(&request, &brief, ip, &no_progress()).await;
    println!(
        "  {:<40} {} call(s), offline ({})",
        "budget spent",
        fake.calls(),
        outcome.unwrap_err().label()
    );
    let fake = FakeLlm::start(vec![], Reply::status(503)).await;
    let llm = engine(&fake, dir.path(), |s| {
        s.retries = 0;
        s.breaker_failures = 5;
    })
    .await;
    for _ in 0..5 {
        let _ = llm.questions(&request, &brief, ip, &no_progress()).await;
    }
    let before = fake.calls();
    let _ = llm.questions(&request, &brief, ip, &no_progress()).await;
    println!(
        "  {:<40} {} call(s), offline (breaker open)",
        "after 5 failures in a row",
        fake.calls() - before
    );
}
