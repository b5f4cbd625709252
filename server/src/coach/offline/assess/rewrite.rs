//! The rewrite: the user's own sentences, hedges trimmed, reordered into
//! Situation, Task, Action, Result (or answer first for technical
//! questions), with bracketed placeholders for what is missing. It adds no
//! fact: every word outside the brackets comes from the answer, and the
//! placeholders hold no numbers.

use app::model::QuestionKind;

use super::Reading;
use super::hedges;
use super::star::{Part, StarReading};
use super::technical::{Move, TechReading};

/// A sentence as it goes into the rewrite: trimmed, on one line, ending
/// with a full stop or other closing mark.
fn sentence_text(reading: &Reading, i: usize) -> Option<String> {
    let trimmed = hedges::trim(reading.answer, &reading.sentences[i])?;
    let mut one_line = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    if !one_line.ends_with(['.', '!', '?', '…', '"', '”', ')', '\'', '’']) {
        one_line.push('.');
    }
    Some(one_line)
}

fn paragraph(sentences: &[String], extra: Option<&str>) -> Option<String> {
    let mut parts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    if let Some(extra) = extra {
        parts.push(extra);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

pub fn star(reading: &Reading, star: &StarReading, kind: QuestionKind) -> String {
    let situational = kind == QuestionKind::Situational;
    let mut groups: [Vec<String>; 5] = Default::default();
    for (i, part) in star.parts.iter().enumerate() {
        if let Some(text) = sentence_text(reading, i) {
            groups[group(*part)].push(text);
        }
    }
    let present = [
        star.star.situation,
        star.star.task,
        star.star.action,
        star.star.result,
    ];
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(p) = paragraph(&groups[0], None) {
        paragraphs.push(p);
    }
    for (n, part) in Part::STAR.into_iter().enumerate() {
        let extra = match part {
            Part::Action if star.shared_actions > star.own_actions && situational => {
                Some("[Your part: which of these steps would you take yourself?]")
            }
            Part::Action if star.shared_actions > star.own_actions => {
                Some("[Your part: which of these steps did you take yourself?]")
            }
            Part::Result if star.star.result && !star.result_measured => {
                Some("[By how much? Add what you measured, or what people said.]")
            }
            _ => None,
        };
        match paragraph(&groups[n + 1], extra) {
            Some(p) if !groups[n + 1].is_empty() => paragraphs.push(p),
            _ if !present[n] => paragraphs.push(placeholder(part, situational).to_string()),
            // Told in passing within another part: ask for the measure.
            Some(p) if part == Part::Result => paragraphs.push(p),
            _ => {}
        }
    }
    paragraphs.join("\n\n")
}

fn group(part: Part) -> usize {
    match part {
        Part::Headline => 0,
        Part::Situation => 1,
        Part::Task => 2,
        Part::Action => 3,
        Part::Result => 4,
    }
}

fn placeholder(part: Part, situational: bool) -> &'static str {
    match (part, situational) {
        (Part::Situation, false) => "[Situation: where you were, and what was going on.]",
        (Part::Situation, true) => {
            "[Situation: a similar situation you have faced, or how you read this one.]"
        }
        (Part::Task, false) => "[Task: what you were responsible for, or asked to achieve.]",
        (Part::Task, true) => "[Task: what you would be trying to achieve.]",
        (Part::Action, false) => "[Action: the steps you took yourself, in order.]",
        (Part::Action, true) => "[Action: the steps you would take, in order.]",
        (Part::Result, false) => "[Result: what changed, and by how much?]",
        (Part::Result, true) => "[Result: what would change, and how would you measure it?]",
        (Part::Headline, _) => "",
    }
}

pub fn technical(reading: &Reading, tech: &TechReading, kind: QuestionKind) -> String {
    // Units of text, each filed under a move: the answer sentence on its
    // own, then whole paragraphs when the answer has them (so that an
    // example or an argument is never pulled apart), or else sentences.
    let mut groups: [Vec<String>; 4] = Default::default();
    if let Some(i) = tech.answer
        && let Some(text) = sentence_text(reading, i)
    {
        groups[0].push(text);
    }
    let n = reading.sentences.len();
    let paragraphed = n > 0 && reading.sentences[n - 1].paragraph > 0;
    let mut unit: Vec<String> = Vec::new();
    let mut unit_move: Option<Move> = None;
    for i in 0..n {
        if Some(i) == tech.answer {
            continue;
        }
        // A warm-up before a late answer goes: no numbers, no tools, and
        // the answer now comes first.
        if tech.answer.is_some_and(|a| i < a)
            && !reading.has_number(i)
            && reading.skills[i].iter().all(|s| !s.major)
        {
            continue;
        }
        let new_unit = !paragraphed
            || unit_move.is_none()
            || reading.sentences[i].paragraph != reading.sentences[i.saturating_sub(1)].paragraph
            || Some(i - 1) == tech.answer;
        if new_unit && let Some(m) = unit_move.take() {
            groups[m as usize].push(unit.join(" "));
            unit.clear();
        }
        if unit_move.is_none() {
            unit_move = Some(match tech.moves[i] {
                // Only the answer sentence itself counts as the answer.
                Move::Answer => Move::Reasoning,
                m => m,
            });
        }
        if let Some(text) = sentence_text(reading, i) {
            unit.push(text);
        }
    }
    if let Some(m) = unit_move
        && !unit.is_empty()
    {
        groups[m as usize].push(unit.join(" "));
    }

    if !paragraphed {
        for group in &mut groups {
            if !group.is_empty() {
                *group = vec![group.join(" ")];
            }
        }
    }

    let mut paragraphs: Vec<String> = Vec::new();
    for m in Move::ALL {
        let group = &groups[m as usize];
        let present = match m {
            Move::Answer => tech.answer.is_some(),
            Move::Reasoning => tech.reasoning > 0.0 || !group.is_empty(),
            Move::TradeOff => tech.trade_offs > 0.0,
            Move::Example => tech.example > 0.0,
        };
        let extra = match m {
            Move::Reasoning if tech.reasoning == 0.0 && !group.is_empty() => {
                Some(tech_placeholder(Move::Reasoning, kind))
            }
            Move::TradeOff if kind == QuestionKind::SystemDesign && !tech.failure_modes => {
                Some("[Failure: what happens when a part of this goes down?]")
            }
            Move::Example if !group.is_empty() && !tech.concrete_example => {
                Some("[Make it concrete: which system, and what did you measure?]")
            }
            _ => None,
        };
        let mut texts: Vec<String> = group.clone();
        if !present {
            texts.insert(0, tech_placeholder(m, kind).to_string());
        }
        if let Some(extra) = extra {
            match texts.last_mut() {
                Some(last) => {
                    last.push(' ');
                    last.push_str(extra);
                }
                None => texts.push(extra.to_string()),
            }
        }
        paragraphs.extend(texts);
    }
    paragraphs.join("\n\n")
}

fn tech_placeholder(m: Move, kind: QuestionKind) -> &'static str {
    match (m, kind) {
        (Move::Answer, QuestionKind::SystemDesign) => {
            "[Answer first: the design in one sentence, naming its main parts.]"
        }
        (Move::Answer, _) => "[Answer first: one sentence that answers the question directly.]",
        (Move::Reasoning, _) => "[Why: the reason it works, in a sentence or two.]",
        (Move::TradeOff, _) => "[Trade-offs: when would you not do this, and what does it cost?]",
        (Move::Example, _) => "[Example: a time you used this, and what you measured.]",
    }
}
