//! Comments on relevance: an answer off the question, the rubric points
//! covered and missed, and the job description's skills.

use app::model::{Dimension, QuestionKind};

use super::super::relevance::Point;
use super::{Draft, View, improve, join, strength};

impl View<'_> {
    pub(super) fn relevance_comments(&self, out: &mut Vec<Draft>) {
        let d = Dimension::Relevance;
        let rel = self.relevance;
        if rel.off_topic() {
            if !self.reading.sentences.is_empty() {
                let how = match self.input.kind {
                    QuestionKind::Behavioral => "with a real example of exactly that",
                    QuestionKind::Situational => "with what you would do, and why",
                    QuestionKind::Technical => "with a direct explanation",
                    QuestionKind::SystemDesign => "with a design for exactly that",
                };
                out.push(improve(
                    d,
                    &format!(
                        "This is about something other than the question, which asks: \"{}\" Answer that, {}.",
                        self.input.question.trim(),
                        how
                    ),
                    Some(self.quote(rel.closest_sentence().unwrap_or(0))),
                    0,
                ));
                // Where to start instead: what the question is listening for.
                let wanted: Vec<String> = rel
                    .points
                    .iter()
                    .take(2)
                    .map(|p| point_phrase(&p.text))
                    .collect();
                if !wanted.is_empty() {
                    out.push(improve(
                        d,
                        &format!(
                            "An answer to this question would cover {}.",
                            wanted.join(", and ")
                        ),
                        None,
                        1,
                    ));
                }
            }
            return;
        }

        // A rubric point the answer covers, with the sentence that does.
        let taken = self.spec.best.map(|(i, _)| i);
        let usable = |p: &&Point| p.covered() && p.sentence.is_some_and(|i| self.hedging(i) < 1.0);
        let covered = rel
            .points
            .iter()
            .filter(usable)
            .find(|p| p.sentence != taken)
            .or_else(|| rel.points.iter().find(usable));
        if let Some(point) = covered {
            let i = point.sentence.unwrap_or(0);
            out.push(strength(
                d,
                &format!(
                    "This covers something interviewers listen for: {}.",
                    point_phrase(&point.text)
                ),
                Some(self.quote(i)),
                1,
            ));
        } else if let Some((i, count)) = rel.best_sentence
            && count >= 2
            && self.hedging(i) < 1.0
        {
            out.push(strength(
                d,
                "This goes straight at what the question asks.",
                Some(self.quote(i)),
                1,
            ));
        }

        let mut missing: Vec<&Point> = rel.points.iter().filter(|p| p.coverage < 0.5).collect();
        missing.sort_by(|a, b| a.coverage.total_cmp(&b.coverage));
        let room = if self.scores.overall >= 8 { 1 } else { 2 };
        for (n, point) in missing.into_iter().take(room).enumerate() {
            out.push(improve(
                d,
                &format!(
                    "Make this explicit: interviewers listen for {}.",
                    point_phrase(&point.text)
                ),
                None,
                2 + n as u8,
            ));
        }
        if rel.points.is_empty() && rel.question_coverage < 0.3 && !rel.terms.is_empty() {
            out.push(improve(
                d,
                "The answer drifts from what was asked. Use the question's own terms so the link is obvious.",
                None,
                2,
            ));
        }

        if let Some((skill, i)) = rel.jd_found.first() {
            out.push(strength(
                d,
                &format!("Mentions {skill}, which the job description asks for; keep it."),
                Some(self.quote(*i)),
                3,
            ));
        } else if !rel.jd_missing.is_empty() {
            let wanted: Vec<String> = rel.jd_missing.iter().take(3).cloned().collect();
            out.push(improve(
                d,
                &format!(
                    "The job description asks for {}; if you used {} here, name {}.",
                    join(&wanted),
                    if wanted.len() == 1 {
                        "it"
                    } else {
                        "any of them"
                    },
                    if wanted.len() == 1 { "it" } else { "them" }
                ),
                None,
                4,
            ));
        }
    }
}

/// A rubric point as the end of a sentence: "an answer that quantifies the
/// improvement…" when it opens with a verb, else the point itself.
fn point_phrase(point: &str) -> String {
    let point = point.trim().trim_end_matches('.');
    let first = point.split_whitespace().next().unwrap_or("");
    let lowered = lower_first(point);
    let verb = first.len() > 3
        && first.ends_with('s')
        && !first.ends_with("ss")
        && !first.ends_with("us")
        && !first.ends_with("is")
        && first.chars().all(char::is_alphabetic);
    if verb {
        format!("an answer that {lowered}")
    } else {
        lowered
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Leave acronyms ("SLO targets") as they are.
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}
