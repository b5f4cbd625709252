//! Relevance: how much of the question's key terms and rubric points the
//! answer covers, and the job description's skills when there are any.
//! This file scores it; `terms` finds a text's key terms (with `concepts`,
//! words that stand for the same idea) and `topicality` reads the answer by
//! meaning.

mod concepts;
mod terms;
mod topicality;

use std::collections::BTreeSet;

use self::terms::{QUESTION_GENERIC, RUBRIC_GENERIC};
use self::topicality::{POINT_BY_MEANING, by_meaning};
use super::{AssessInput, Reading};
use crate::coach::offline::meaning::Meaning;
use crate::coach::offline::skills::SkillMatcher;
use crate::coach::offline::text::stem;

pub use self::terms::Terms;

pub use self::topicality::ByMeaning;

/// An answer that uses this share of the question's key terms is on the
/// question even when its meaning is far from the rubric: a short answer
/// that skips the outcome is incomplete, not about something else.
const MOST_OF_THE_QUESTION: f32 = 0.6;

/// One rubric point and how far the answer covers it.
#[derive(Debug, Clone)]
pub struct Point {
    pub text: String,
    /// 0 to 1; 1 once half its terms are there.
    pub coverage: f32,
    /// The sentence that covers it best.
    pub sentence: Option<usize>,
}

impl Point {
    pub fn covered(&self) -> bool {
        self.coverage >= 0.5
    }
}

#[derive(Debug, Clone)]
pub struct RelevanceReading {
    pub terms: Terms,
    pub question_coverage: f32,
    pub points: Vec<Point>,
    /// The sentence that uses the most key terms, and how many.
    pub best_sentence: Option<(usize, usize)>,
    pub jd_found: Vec<(String, usize)>,
    pub jd_missing: Vec<String>,
    /// How the answer reads by meaning, when the embedded model is there.
    pub meaning: Option<ByMeaning>,
    pub score: u8,
}

impl RelevanceReading {
    pub fn off_topic(&self) -> bool {
        self.score <= 3
    }

    /// The sentence closest to the question: by meaning when the model is
    /// there, else the one with most of its key terms.
    pub fn closest_sentence(&self) -> Option<usize> {
        self.meaning
            .as_ref()
            .and_then(|m| m.closest)
            .or(self.best_sentence.map(|(i, _)| i))
    }
}

pub fn read(
    reading: &Reading,
    input: &AssessInput,
    matcher: &SkillMatcher,
    meaning: Option<&Meaning>,
) -> RelevanceReading {
    let terms = Terms::new(input.question, QUESTION_GENERIC);
    let focus = input
        .focus_area
        .map(|f| Terms::new(f, QUESTION_GENERIC))
        .unwrap_or_default();
    // Naming real tools is what "technical" detail means in a rubric.
    let named_tools: BTreeSet<&str> = reading
        .skills
        .iter()
        .flatten()
        .filter(|f| f.major)
        .map(|f| f.skill.as_str())
        .collect();
    let mut with_tools;
    let all = if named_tools.len() >= 2 {
        with_tools = reading.all_content.clone();
        with_tools.extend(["technical", "tool", "technology"].map(stem));
        &with_tools
    } else {
        &reading.all_content
    };

    let question_coverage = if terms.is_empty() {
        0.5
    } else {
        terms.count_in(all) as f32 / terms.len() as f32
    };
    let on_question = question_coverage > 0.2;

    let rubric_terms: Vec<Terms> = input
        .rubric
        .iter()
        .map(|p| Terms::new(p, RUBRIC_GENERIC))
        .collect();
    let mut points: Vec<Point> = input
        .rubric
        .iter()
        .zip(&rubric_terms)
        .map(|(text, t)| {
            let mut coverage = if t.is_empty() {
                0.0
            } else {
                let matched = t.count_in(all);
                if matched >= 3 {
                    1.0
                } else if t.len() == 2 && matched == 1 {
                    // One word of two is a coincidence as often as not.
                    0.4
                } else {
                    matched as f32 / t.len() as f32
                }
            };
            if t.asks_for_numbers() && on_question && reading.measures >= 2 {
                coverage = coverage.max(0.75);
            }
            let sentence = reading
                .content
                .iter()
                .enumerate()
                .map(|(i, words)| (i, t.count_in(words)))
                .filter(|&(_, c)| c >= 2 || (c >= 1 && t.len() <= 2))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i);
            Point {
                text: text.trim().to_string(),
                coverage: if coverage >= 0.5 { 1.0 } else { coverage },
                sentence,
            }
        })
        .collect();

    let on_topic: Vec<bool> = reading
        .content
        .iter()
        .map(|words| {
            terms.count_in(words) > 0
                || focus.count_in(words) > 0
                || rubric_terms.iter().any(|t| t.count_in(words) >= 2)
        })
        .collect();
    let share = if on_topic.is_empty() {
        0.0
    } else {
        on_topic.iter().filter(|&&b| b).count() as f32 / on_topic.len() as f32
    };
    // Detail sentences need not repeat the question; a few that do are
    // enough.
    let share_level = (share / 0.4).min(1.0);
    let best_sentence = reading
        .content
        .iter()
        .enumerate()
        .map(|(i, words)| (i, terms.count_in(words)))
        .filter(|&(_, c)| c > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));

    // The job description's skills, as the taxonomy names them.
    let mut jd_found = Vec::new();
    let mut jd_missing = Vec::new();
    for skill in input.jd_skills {
        let name = matcher.canonical(skill).unwrap_or(skill);
        let at = reading
            .skills
            .iter()
            .position(|found| found.iter().any(|f| f.skill.eq_ignore_ascii_case(name)));
        match at {
            Some(i) => jd_found.push((name.to_string(), i)),
            None => jd_missing.push(name.to_string()),
        }
    }

    let question_level = if terms.is_empty() {
        0.7
    } else {
        (question_coverage / 0.6).min(1.0)
    };
    let mut level = if points.is_empty() {
        0.7 * question_level + 0.3 * share_level
    } else {
        let rubric_level = points.iter().map(|p| p.coverage).sum::<f32>() / points.len() as f32;
        0.4 * question_level + 0.45 * rubric_level + 0.15 * share_level
    };
    if !input.jd_skills.is_empty() && on_question {
        let wanted = input.jd_skills.len().min(4) as f32;
        level += 0.1 * (jd_found.len() as f32 / wanted).min(1.0);
    }
    let level = level.clamp(0.0, 1.0);
    let word_score = (1.0 + 9.0 * level).round().clamp(1.0, 10.0) as u8;
    let by_meaning = meaning.and_then(|m| by_meaning(reading, input, m));
    let score = match &by_meaning {
        None => word_score,
        Some(m) => {
            for (point, &(similarity, sentence)) in points.iter_mut().zip(&m.points) {
                if similarity >= POINT_BY_MEANING && !point.covered() {
                    point.coverage = 1.0;
                    point.sentence = Some(sentence);
                }
            }
            let blended = 0.5 * (1.0 + 9.0 * m.level) + 0.5 * f32::from(word_score);
            let score = blended.round().clamp(1.0, 10.0) as u8;
            // Meaning decides whether the answer is on the question at all;
            // words alone cannot tell a story about the asked-for thing
            // from a story about its neighbour.
            if m.off_topic && question_coverage < MOST_OF_THE_QUESTION {
                score.min(3)
            } else {
                score.max(4)
            }
        }
    };
    RelevanceReading {
        terms,
        question_coverage,
        points,
        best_sentence,
        jd_found,
        jd_missing,
        meaning: by_meaning,
        score,
    }
}
