//! Offline assessment latency for a 300-word and a 1,500-word answer, and
//! of the quick read given while every core is busy. Run
//! with `scripts/bench.sh` or
//! `cargo run --release -p server --example assess_bench`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::model::QuestionKind;
use rehearse::coach::OfflineCoach;
use rehearse::coach::offline::assess::AssessInput;
use rehearse::coach::offline::meaning;
use rehearse::content::Library;

const FIXTURES: &str = include_str!("../tests/fixtures/answers/cases.toml");

/// The fixtures' answers, one after another, cut at `words` words.
fn answer_of(words: usize) -> String {
    let mut pool = Vec::new();
    for block in FIXTURES.split("'''").skip(1).step_by(2) {
        pool.extend(block.split_whitespace());
    }
    pool.iter()
        .cycle()
        .take(words)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn measure(coach: &OfflineCoach, name: &str, answer: &str, runs: usize) {
    measure_read(coach, name, answer, runs, false);
}

/// As [`measure`], with the quick read (no embedded model) when `quick`.
fn measure_read(coach: &OfflineCoach, name: &str, answer: &str, runs: usize, quick: bool) {
    let rubric = vec![
        "Describes the problem and its impact".to_string(),
        "Explains how the cause was found".to_string(),
        "Quantifies the improvement".to_string(),
    ];
    let skills = vec!["PostgreSQL".to_string(), "Redis".to_string()];
    let input = AssessInput {
        question: "Tell me about a time you significantly improved the performance of a slow backend service.",
        kind: QuestionKind::Behavioral,
        rubric: &rubric,
        focus_area: Some("Performance"),
        jd_skills: &skills,
        answer,
    };
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            if quick {
                std::hint::black_box(coach.assess_quick(&input));
            } else {
                std::hint::black_box(coach.assess(&input));
            }
            start.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{name:<32} runs {runs:>5}  median {:>8.3} ms  p95 {:>8.3} ms  max {:>8.3} ms",
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(1.0).as_secs_f64() * 1e3,
    );
}

fn main() {
    // As the server does.
    // SAFETY: the first thing the process does; no other thread exists.
    unsafe { meaning::one_thread_per_job() };
    let library = Arc::new(Library::embedded().expect("content loads"));
    let loading = std::time::Instant::now();
    let model = meaning::load(&meaning::repository_dir());
    let coach = OfflineCoach::with_model(library, model);
    let millis = loading.elapsed().as_secs_f64() * 1e3;
    println!(
        "load the embedded model and build the coach ({}): {millis:.1} ms",
        coach.engine()
    );
    let short = answer_of(300);
    let long = answer_of(1_500);
    measure(&coach, "assess a 300-word answer", &short, 500);
    measure(&coach, "assess a 1,500-word answer", &long, 200);
    // What an answer gets while every core is busy.
    measure_read(&coach, "quick read of a 300-word answer", &short, 500, true);
    // The worst shapes for the sentence splitter and the phrase lists, at
    // the 10,000-character limit.
    for (name, unit) in [
        ("10,000 chars of tiny sentences", "Ok. "),
        (
            "10,000 chars of clauses",
            "I did it, and we did it; then I fixed it, mostly. ",
        ),
        ("10,000 chars of numbers", "1.5 2.5 four 7,000 8% $9 "),
    ] {
        let answer: String = unit
            .repeat(10_000 / unit.len() + 1)
            .chars()
            .take(10_000)
            .collect();
        measure(&coach, name, &answer, 50);
    }
}
