//! Offline generation latency: a role alone, and a 2,000-word job
//! description. Run with `scripts/bench.sh` or
//! `cargo run --release -p server --example generate_bench`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::model::GenerateInput;
use rehearse::coach::OfflineCoach;
use rehearse::coach::offline::meaning;
use rehearse::content::Library;

const FIXTURES: [&str; 4] = [
    include_str!("../tests/fixtures/jd/backend-payments.txt"),
    include_str!("../tests/fixtures/jd/sre-cloud.txt"),
    include_str!("../tests/fixtures/jd/data-engineer-analytics.txt"),
    include_str!("../tests/fixtures/jd/frontend-design-system.txt"),
];

/// A long posting: the fixtures one after another until it has 2,000 words.
fn long_jd() -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.split_whitespace().count() < 2_000 {
        text.push_str(FIXTURES[i % FIXTURES.len()]);
        text.push('\n');
        i += 1;
    }
    text
}

fn measure(coach: &OfflineCoach, name: &str, input: GenerateInput, runs: usize) {
    let request = coach.check(input).expect("a valid request");
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(coach.generate(&request));
            start.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{name:<28} runs {runs:>5}  median {:>8.3} ms  p95 {:>8.3} ms  max {:>8.3} ms",
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(1.0).as_secs_f64() * 1e3,
    );
}

fn main() {
    let start = Instant::now();
    let library = Arc::new(Library::embedded().expect("content loads"));
    let coach = OfflineCoach::with_model(library, meaning::load(&meaning::repository_dir()));
    println!("engine: {}", coach.engine());
    println!(
        "load content, the model and build the coach: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let jd = long_jd();
    println!(
        "long job description: {} words",
        jd.split_whitespace().count()
    );

    measure(
        &coach,
        "role alone (10 questions)",
        GenerateInput {
            role: Some("backend-engineer".into()),
            ..Default::default()
        },
        500,
    );
    measure(
        &coach,
        "2,000-word JD (10 questions)",
        GenerateInput {
            job_description: Some(jd),
            ..Default::default()
        },
        100,
    );
}
