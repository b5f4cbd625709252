//! Specificity: numbers with units and time frames, named tools and proper
//! nouns, "I" rather than "we", and few hedges or vague words. This file
//! reads an answer sentence by sentence and scores it; `quantities` says how
//! its numbers are written and what they measure.

mod quantities;

use std::collections::BTreeSet;

use app::model::QuestionKind;

use self::quantities::{has_unit, is_unit, number_surface, vague_amounts};
use super::Reading;
use super::hedges::Kind;
use super::voice::{Subject, Tense, clauses};
use crate::coach::offline::skills::SkillMatcher;

#[derive(Debug, Clone)]
pub struct SpecReading {
    /// Distinct numbers, those with a unit or a noun counting as one and
    /// bare ones as half.
    pub quantities: f32,
    /// For each sentence, its numbers as written with their unit, for
    /// quoting back ("1.8 seconds", "40 percent").
    pub examples: Vec<Vec<String>>,
    /// Named technologies, the major ones first.
    pub tools: Vec<String>,
    pub names: Vec<String>,
    pub i_clauses: usize,
    pub we_clauses: usize,
    pub hedge_weight: f32,
    /// Hedges and filler as written, each once, in order.
    pub hedge_phrases: Vec<String>,
    /// Sentences by hedge weight, heaviest first.
    pub hedged_sentences: Vec<(usize, f32)>,
    /// The most specific sentence and its score.
    pub best: Option<(usize, f32)>,
    /// The first sentence where "we" acts and "I" does not.
    pub we_sentence: Option<usize>,
    /// A vague amount in a sentence with no number: sentence and word range.
    pub vague_amount: Option<(usize, usize, usize)>,
    pub points: f32,
}

const TIME_UNITS: &[&str] = &[
    "day", "days", "hour", "hours", "minute", "minutes", "month", "months", "quarter", "quarters",
    "second", "seconds", "sprint", "sprints", "week", "weeks", "year", "years",
];

const CALENDAR: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

const TIME_WORDS: &[&str] = &[
    "a.m",
    "biweekly",
    "daily",
    "monthly",
    "overnight",
    "p.m",
    "quarterly",
    "weekly",
    "yearly",
];

/// Words before a time unit that make it a time frame ("last quarter").
const TIME_LEAD: &[&str] = &[
    "a",
    "following",
    "last",
    "next",
    "previous",
    "same",
    "that",
    "this",
    "every",
    "per",
];

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &["i", "i'd", "i'll", "i'm", "i've", "ok", "okay"];

pub fn read(reading: &Reading, kind: QuestionKind, matcher: &SkillMatcher) -> SpecReading {
    let mut seen_values: BTreeSet<String> = BTreeSet::new();
    let mut quantities = 0.0f32;
    let mut examples = Vec::new();
    let mut time_frames = 0;
    let mut tools: Vec<String> = Vec::new();
    let mut minor: BTreeSet<String> = BTreeSet::new();
    let mut names: Vec<String> = Vec::new();
    let mut i_clauses = 0;
    let mut we_clauses = 0;
    let mut hedge_weight = 0.0f32;
    let mut hedge_phrases: Vec<String> = Vec::new();
    let mut hedged_sentences = Vec::new();
    let mut best: Option<(usize, f32)> = None;
    let mut we_sentence = None;
    let mut vague_amount = None;

    for (i, sentence) in reading.sentences.iter().enumerate() {
        let words = sentence.lower();
        let mut local = 0.0f32;

        // Numbers.
        let mut sentence_numbers = 0;
        let mut here_examples = Vec::new();
        for n in &reading.numbers[i] {
            if n.spelled && n.first == n.last && words[n.first] == "one" {
                continue;
            }
            sentence_numbers += 1;
            let unit = has_unit(reading, i, n);
            let key = format!("{}", n.scaled);
            if seen_values.insert(key) {
                quantities += if unit { 1.0 } else { 0.5 };
            }
            let counted = sentence
                .words
                .get(n.last + 1)
                .is_some_and(|w| is_unit(&w.lower))
                || reading.answer[sentence.words[n.last].end..].starts_with('%')
                || reading.answer[..sentence.words[n.first].start].ends_with(['$', '£', '€'])
                || sentence.words[n.first]
                    .lower
                    .ends_with(|c: char| c.is_alphabetic());
            if counted
                && let Some(text) = number_surface(reading, i, n)
                && !here_examples.contains(&text)
            {
                here_examples.push(text);
            }
            let measured = sentence
                .words
                .get(n.last + 1)
                .is_some_and(|w| is_unit(&w.lower))
                || reading.answer[sentence.words[n.last].end..].starts_with('%');
            local += match (unit, measured) {
                (true, true) => 1.0,
                (true, false) => 0.7,
                _ => 0.5,
            };
            // A time frame: "six weeks", "within a day".
            if sentence
                .words
                .get(n.last + 1)
                .is_some_and(|w| TIME_UNITS.contains(&w.lower.as_str()))
            {
                time_frames += 1;
                local += 0.3;
            }
        }
        examples.push(here_examples);
        for (j, w) in words.iter().enumerate() {
            let calendar = CALENDAR.contains(w) && sentence.words[j].capitalised;
            let lead = TIME_UNITS.contains(w) && j > 0 && TIME_LEAD.contains(&words[j - 1]);
            if calendar || lead || TIME_WORDS.contains(w) {
                time_frames += 1;
                local += 0.3;
            }
        }

        // Named tools and other names.
        for found in &reading.skills[i] {
            if found.major {
                if !tools.contains(&found.skill) {
                    tools.push(found.skill.clone());
                }
                local += 0.8;
            } else {
                minor.insert(found.skill.clone());
                local += 0.2;
            }
        }
        for (j, w) in sentence.words.iter().enumerate() {
            if j == 0
                || !w.capitalised
                || w.lower.chars().count() < 2
                || w.is_number()
                || NOT_NAMES.contains(&w.lower.as_str())
                || CALENDAR.contains(&w.lower.as_str())
                || matcher.canonical(&w.lower).is_some()
            {
                continue;
            }
            // After a colon or an opening quote, a capital starts a phrase.
            let before = reading.answer[..w.start].trim_end();
            if before.ends_with([':', '"', '“', '(']) {
                continue;
            }
            let bare = w.lower.trim_end_matches("'s").to_string();
            if !names.contains(&bare) {
                names.push(bare);
            }
            local += 0.3;
        }

        // Who acts.
        let mut i_here = false;
        let mut we_here = false;
        for clause in clauses(&words) {
            match clause.subject {
                Subject::I => {
                    i_clauses += 1;
                    i_here = true;
                }
                Subject::We => {
                    we_clauses += 1;
                    we_here |= clause.tense != Tense::Other;
                }
            }
        }
        if we_here && !i_here && we_sentence.is_none() {
            we_sentence = Some(i);
        }
        if i_here {
            local += 0.3;
        }

        // Hedges.
        let mut here = 0.0;
        for hit in &reading.hedges[i] {
            hedge_weight += hit.tag.weight;
            here += hit.tag.weight;
            if hit.tag.kind != Kind::Vague || hit.tag.weight >= 1.0 {
                let surface = &reading.answer
                    [sentence.words[hit.start].start..sentence.words[hit.end - 1].end];
                let surface = surface.to_lowercase().replace('’', "'");
                let surface = if surface.starts_with("i ") || surface == "i" {
                    format!("I{}", &surface[1..])
                } else {
                    surface
                };
                if hit.tag.weight >= 0.5 && !hedge_phrases.contains(&surface) {
                    hedge_phrases.push(surface);
                }
            }
        }
        if here >= 0.5 {
            hedged_sentences.push((i, here));
        }
        local -= here;

        if sentence_numbers == 0
            && vague_amount.is_none()
            && let Some(hit) = vague_amounts().find(&words).first()
        {
            vague_amount = Some((i, hit.start, hit.end));
        }
        if local >= 2.0 && best.is_none_or(|(_, b)| local > b) {
            best = Some((i, local));
        }
    }
    hedged_sentences.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let words = reading.word_total.max(1) as f32;
    let density = hedge_weight / words * 100.0;
    let quant_points = (0.7 * quantities).min(3.5);
    // Stories need time frames; explanations need sizes and timings.
    let time_points = match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => 0.5 * time_frames as f32,
        _ => 0.5 * time_frames as f32 + 0.35 * quantities,
    }
    .min(1.0);
    let name_points =
        (0.5 * (tools.len() as f32 + 0.4 * minor.len() as f32 + 0.6 * names.len() as f32)).min(2.5);
    let own_points = match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => {
            if i_clauses + we_clauses == 0 {
                0.6
            } else {
                2.0 * i_clauses as f32 / (i_clauses + we_clauses) as f32
            }
        }
        _ => {
            if we_clauses >= 3 && we_clauses > 2 * i_clauses {
                0.8
            } else {
                1.5
            }
        }
    };
    let penalty = (0.55 * density).min(4.5);
    let mut points = 1.0 + quant_points + time_points + name_points + own_points - penalty;
    if reading.word_total < 40 {
        points = points.min(5.0);
    }
    SpecReading {
        quantities,
        examples,
        tools,
        names,
        i_clauses,
        we_clauses,
        hedge_weight,
        hedge_phrases,
        hedged_sentences,
        best,
        we_sentence,
        vague_amount,
        points,
    }
}
