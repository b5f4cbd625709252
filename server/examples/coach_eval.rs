//! How well the offline coach agrees with people, on the labelled answers
//! and postings in `tests/fixtures`, reported separately for the tuning
//! half (which rules may be adjusted against) and the test half (which
//! they may not). A large gap between the halves means overfitting.
//!
//!   cargo run --release -p server --example coach_eval [-- --details tuning]
//!
//! The embedded model is read from REHEARSE_MODEL_DIR (default
//! target/model); without it the figures are for the word-only coach.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use app::model::{Feedback, GenerateInput, QuestionKind, QuestionSet};
use rehearse::coach::OfflineCoach;
use rehearse::coach::offline::assess::AssessInput;
use rehearse::coach::offline::meaning;
use rehearse::content::Library;
use serde::Deserialize;

#[derive(Deserialize)]
struct AnswerFile {
    question: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    kind: String,
    text: String,
    rubric: Vec<String>,
    answer: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    variant: String,
    labels: Labels,
    text: String,
}

#[derive(Deserialize, Clone, Copy)]
struct Labels {
    structure: u8,
    specificity: u8,
    relevance: u8,
    overall: u8,
}

#[derive(Deserialize)]
struct PostingFile {
    posting: Vec<Posting>,
}

#[derive(Deserialize)]
struct Posting {
    id: String,
    role: String,
    key_skills: Vec<String>,
    absent: Vec<String>,
    text: String,
}

#[derive(Deserialize)]
struct Split {
    answers: Halves,
    postings: Halves,
}

#[derive(Deserialize)]
struct Halves {
    tuning: Vec<String>,
    test: Vec<String>,
}

impl Halves {
    fn half(&self, id: &str) -> Option<&'static str> {
        if self.tuning.iter().any(|t| t == id) {
            Some("tuning")
        } else if self.test.iter().any(|t| t == id) {
            Some("test")
        } else {
            None
        }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Spearman's rank correlation, ties given their average rank.
fn spearman(pairs: &[(f64, f64)]) -> f64 {
    fn ranks(values: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        let mut out = vec![0.0; values.len()];
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
                j += 1;
            }
            let rank = (i + j) as f64 / 2.0 + 1.0;
            for &k in &order[i..=j] {
                out[k] = rank;
            }
            i = j + 1;
        }
        out
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[derive(Default)]
struct AnswerFigures {
    pairs: BTreeMap<&'static str, Vec<(f64, f64)>>,
    strong_beats_vague: (usize, usize),
    no_result_flagged: (usize, usize),
    off_topic: Vec<u8>,
    details: Vec<String>,
}

#[derive(Default)]
struct PostingFigures {
    coverage: Vec<f64>,
    distractor_sets: usize,
    roles_right: usize,
    total: usize,
    details: Vec<String>,
}

fn main() {
    let details: Option<String> = {
        let args: Vec<String> = std::env::args().collect();
        args.iter()
            .position(|a| a == "--details")
            .and_then(|i| args.get(i + 1).cloned())
    };
    let library = Arc::new(Library::embedded().expect("content loads"));
    let coach = OfflineCoach::with_model(
        Arc::clone(&library),
        meaning::load(&meaning::repository_dir()),
    );
    let split: Split = read(&fixtures().join("split.toml"));
    println!("engine: {}", coach.engine());

    let mut answers: BTreeMap<&str, AnswerFigures> = BTreeMap::new();
    for file in toml_files(&fixtures().join("answers")) {
        let parsed: AnswerFile = read(&file);
        for case in &parsed.question {
            let half = split
                .answers
                .half(&case.id)
                .unwrap_or_else(|| panic!("{} is in neither half of split.toml", case.id));
            let figures = answers.entry(half).or_default();
            let kind = QuestionKind::parse(&case.kind).expect("a known kind");
            let mut by_variant: BTreeMap<&str, Feedback> = BTreeMap::new();
            for answer in &case.answer {
                let feedback = coach.assess(&AssessInput {
                    question: &case.text,
                    kind,
                    rubric: &case.rubric,
                    focus_area: None,
                    jd_skills: &[],
                    answer: &answer.text,
                });
                let s = feedback.scores;
                let l = answer.labels;
                for (name, got, want) in [
                    ("overall", s.overall, l.overall),
                    ("structure", s.structure, l.structure),
                    ("specificity", s.specificity, l.specificity),
                    ("relevance", s.relevance, l.relevance),
                ] {
                    figures
                        .pairs
                        .entry(name)
                        .or_default()
                        .push((f64::from(got), f64::from(want)));
                }
                if details.as_deref() == Some(half) {
                    figures.details.push(format!(
                        "{:<34} {:<14} got {:>2} {:>2} {:>2} {:>2}  label {:>2} {:>2} {:>2} {:>2}",
                        case.id,
                        answer.variant,
                        s.structure,
                        s.specificity,
                        s.relevance,
                        s.overall,
                        l.structure,
                        l.specificity,
                        l.relevance,
                        l.overall
                    ));
                }
                if answer.variant == "no_result" {
                    figures.no_result_flagged.1 += 1;
                    if feedback.star.is_some_and(|star| !star.result) {
                        figures.no_result_flagged.0 += 1;
                    }
                }
                if answer.variant == "off_topic" {
                    figures.off_topic.push(s.relevance);
                }
                by_variant.insert(answer.variant.as_str(), feedback);
            }
            if let (Some(strong), Some(vague)) = (by_variant.get("strong"), by_variant.get("vague"))
            {
                figures.strong_beats_vague.1 += 1;
                if strong.scores.overall > vague.scores.overall {
                    figures.strong_beats_vague.0 += 1;
                }
            }
        }
    }

    let mut postings: BTreeMap<&str, PostingFigures> = BTreeMap::new();
    for file in toml_files(&fixtures().join("postings")) {
        let parsed: PostingFile = read(&file);
        for posting in &parsed.posting {
            let half = split
                .postings
                .half(&posting.id)
                .unwrap_or_else(|| panic!("{} is in neither half of split.toml", posting.id));
            let figures = postings.entry(half).or_default();
            let request = coach
                .check(GenerateInput {
                    job_description: Some(posting.text.clone()),
                    count: Some(10),
                    ..GenerateInput::default()
                })
                .expect("a posting is a valid request");
            let set = coach.generate(&request);
            let named = Named::new(&coach, &set);
            let covered = posting
                .key_skills
                .iter()
                .filter(|k| named.contains(&coach, k))
                .count();
            let coverage = covered as f64 / posting.key_skills.len() as f64;
            let distractors: Vec<&String> = posting
                .absent
                .iter()
                .filter(|a| named.contains(&coach, a))
                .collect();
            figures.coverage.push(coverage);
            figures.total += 1;
            if !distractors.is_empty() {
                figures.distractor_sets += 1;
            }
            let role_right = set.role.as_deref() == Some(posting.role.as_str());
            if role_right {
                figures.roles_right += 1;
            }
            if details.as_deref() == Some(half) {
                let missing: Vec<&String> = posting
                    .key_skills
                    .iter()
                    .filter(|k| !named.contains(&coach, k))
                    .collect();
                let brief = coach.brief(&request);
                figures.details.push(format!(
                    "{:<40} role {:<28} {} coverage {:.2} missing {:?} distractors {:?}\n      required as read: {:?}",
                    posting.id,
                    set.role.as_deref().unwrap_or("-"),
                    if role_right { "ok " } else { "BAD" },
                    coverage,
                    missing,
                    distractors,
                    brief.must_have
                ));
            }
        }
    }

    for half in ["tuning", "test"] {
        println!("\n== {half} half");
        if let Some(f) = answers.get(half) {
            let n = f.pairs.get("overall").map_or(0, Vec::len);
            println!("answers: {n}");
            for name in ["overall", "structure", "specificity", "relevance"] {
                println!("  Spearman {name:<12} {:.3}", spearman(&f.pairs[name]));
            }
            println!(
                "  strong beats vague      {} of {}",
                f.strong_beats_vague.0, f.strong_beats_vague.1
            );
            println!(
                "  no-result flagged       {} of {}",
                f.no_result_flagged.0, f.no_result_flagged.1
            );
            println!(
                "  off-topic relevance     {:?} ({} of {} at 3 or less)",
                f.off_topic,
                f.off_topic.iter().filter(|&&r| r <= 3).count(),
                f.off_topic.len()
            );
            for line in &f.details {
                println!("    {line}");
            }
        }
        if let Some(f) = postings.get(half) {
            let mean = f.coverage.iter().sum::<f64>() / f.coverage.len().max(1) as f64;
            println!("postings: {}", f.total);
            println!("  key-skill coverage      {:.1}%", 100.0 * mean);
            println!(
                "  sets with a distractor  {} of {} ({:.1}%)",
                f.distractor_sets,
                f.total,
                100.0 * f.distractor_sets as f64 / f.total.max(1) as f64
            );
            println!(
                "  role accuracy           {} of {} ({:.1}%)",
                f.roles_right,
                f.total,
                100.0 * f.roles_right as f64 / f.total.max(1) as f64
            );
            for line in &f.details {
                println!("    {line}");
            }
        }
    }
}

/// What a set names: the taxonomy's skills found in its questions, rubric
/// and follow-ups or given as a question's provenance, and its words for
/// names outside the taxonomy.
struct Named {
    skills: BTreeSet<String>,
    words: String,
}

impl Named {
    fn new(coach: &OfflineCoach, set: &QuestionSet) -> Self {
        let mut skills = BTreeSet::new();
        let mut words = String::from(" ");
        for q in &set.questions {
            let text = format!(
                "{}\n{}\n{}\n{}",
                q.text,
                q.rubric.join("\n"),
                q.follow_ups.join("\n"),
                q.provenance.detail
            );
            for found in coach.matcher().find(&text) {
                skills.insert(found.skill.to_lowercase());
            }
            if let Some(skill) = coach.matcher().canonical(&q.provenance.detail) {
                skills.insert(skill.to_lowercase());
            }
            for word in text.split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#') {
                if !word.is_empty() {
                    words.push_str(&word.to_lowercase());
                    words.push(' ');
                }
            }
        }
        Self { skills, words }
    }

    fn contains(&self, coach: &OfflineCoach, name: &str) -> bool {
        match coach.matcher().canonical(name) {
            Some(skill) => self.skills.contains(&skill.to_lowercase()),
            None => self.words.contains(&format!(" {} ", name.to_lowercase())),
        }
    }
}
