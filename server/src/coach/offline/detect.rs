//! Which role a job description is for, when the visitor did not say.

use std::collections::HashMap;

use super::jd::{JdAnalysis, LineKind};
use super::meaning::Meaning;
use super::text::tokens;
use crate::content::{Library, Role};

/// Below this a description matches no role well enough to claim it.
const MIN_SCORE: f32 = 2.5;

/// How much the description's meaning, set against each role's, counts
/// beside titles and skills. Calibrated on the tuning half of the postings.
const MEANING_WEIGHT: f32 = 20.0;

pub fn detect<'a>(
    library: &'a Library,
    jd: &JdAnalysis,
    meaning: Option<&Meaning>,
) -> Option<&'a Role> {
    // The title and the lines about the work, by meaning: "owns the
    // ingestion service's API" reads as backend even where its skills
    // would fit a data engineer as well.
    let by_meaning: Vec<(&str, f32)> = meaning
        .map(|m| {
            let work: Vec<&str> = jd
                .title
                .iter()
                .map(String::as_str)
                .chain(
                    jd.lines
                        .iter()
                        .filter(|l| l.kind != LineKind::Other)
                        .map(|l| l.text.as_str()),
                )
                .collect();
            m.roles_near(&m.embed(&work.join(". ")))
        })
        .unwrap_or_default();
    let heading: Vec<String> = jd
        .title
        .iter()
        .map(String::as_str)
        .chain(jd.lines.iter().take(2).map(|l| l.text.as_str()))
        .flat_map(tokens)
        .collect();

    let mut best: Option<(&Role, f32)> = None;
    for role in library.roles() {
        let title = role
            .title_names()
            .map(|name| tokens(&name))
            .filter(|words| contains_run(&heading, words))
            .map(|words| 4.0 + words.len() as f32)
            .fold(0.0_f32, f32::max);
        let profile = skill_profile(role);
        let skills: f32 = jd
            .skills
            .iter()
            .map(|s| {
                let weight = if s.must_have { 1.0 } else { 0.5 };
                weight * (1.0 + profile.get(s.skill.as_str()).copied().unwrap_or(0) as f32).ln()
            })
            .sum();
        let fit = by_meaning
            .iter()
            .find(|(slug, _)| *slug == role.slug)
            .map_or(0.0, |(_, similarity)| MEANING_WEIGHT * similarity);
        let score = title + skills + fit;
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((role, score));
        }
    }
    best.filter(|&(_, score)| score >= MIN_SCORE)
        .map(|(role, _)| role)
}

fn skill_profile(role: &Role) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for q in &role.questions {
        for s in &q.skills {
            *counts.entry(s.as_str()).or_default() += 1;
        }
    }
    counts
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
