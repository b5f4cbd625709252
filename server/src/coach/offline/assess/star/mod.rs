//! STAR for behavioral and situational answers: each sentence is read as
//! Situation, Task, Action or Result from cue phrases, who acts, numbers
//! and where it falls in the answer; then the parts are scored for
//! presence, order and balance. The cue phrases themselves are in
//! `cues`.

mod cues;

use app::model::{QuestionKind, Star};

use self::cues::cues;
use super::Reading;
use super::voice::{Subject, Tense, clauses};

/// The part of a STAR answer a sentence belongs to, in telling order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// An opening one-line summary of the approach ("I'd start by…").
    Headline,
    Situation,
    Task,
    Action,
    Result,
}

impl Part {
    pub const STAR: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

    pub fn name(self) -> &'static str {
        match self {
            Part::Headline => "Headline",
            Part::Situation => "Situation",
            Part::Task => "Task",
            Part::Action => "Action",
            Part::Result => "Result",
        }
    }

    fn index(self) -> usize {
        match self {
            Part::Headline | Part::Situation => 0,
            Part::Task => 1,
            Part::Action => 2,
            Part::Result => 3,
        }
    }
}

/// How a STAR answer reads.
#[derive(Debug, Clone)]
pub struct StarReading {
    /// The part of each sentence.
    pub parts: Vec<Part>,
    pub star: Star,
    /// How well each part is done, 0 to 1, in S, T, A, R order.
    pub quality: [f32; 4],
    /// Share of the answer's words in each part.
    pub shares: [f32; 4],
    /// Sentences that step back to an earlier part than the one before.
    pub out_of_order: Vec<usize>,
    /// The result has a number in it.
    pub result_measured: bool,
    /// Action sentences led by "I", and by "we".
    pub own_actions: usize,
    pub shared_actions: usize,
    /// Points out of 10 before rounding.
    pub points: f32,
}

/// Whether sentence `i` has a number in it: a measure.
fn is_measure(reading: &Reading, i: usize) -> bool {
    reading.has_number(i)
}

pub fn read(reading: &Reading, kind: QuestionKind) -> StarReading {
    let n = reading.sentences.len();
    let mut parts: Vec<Part> = Vec::with_capacity(n);
    let mut strong_cue = [false; 4];
    let mut own_actions = 0;
    let mut shared_actions = 0;
    let mut explicit_task = false;
    let mut locked_in_result = false;
    let mut result_in_passing = false;

    for (i, sentence) in reading.sentences.iter().enumerate() {
        let words = sentence.lower();
        let p = if n > 1 {
            i as f32 / (n - 1) as f32
        } else {
            0.0
        };
        let mut score = [0.0f32; 4];
        for hit in cues().find(&words) {
            let (part, weight) = hit.tag;
            // "had dropped" is background, not an outcome.
            let background = part == Part::Result && hit.start > 0 && words[hit.start - 1] == "had";
            if background {
                score[0] += 0.8;
                continue;
            }
            score[part.index()] += weight;
            if weight >= 1.2 {
                strong_cue[part.index()] = true;
                if part == Part::Task {
                    explicit_task = true;
                }
            }
        }
        let mut led_by_i = false;
        let mut led_by_we = false;
        for clause in clauses(&words) {
            let weight = match (clause.subject, clause.tense) {
                // Finding the problem early on is part of the situation.
                (Subject::I, Tense::Past) if clause.discovery && p < 0.34 => 0.3,
                (Subject::I, Tense::Past) if clause.discovery => 0.6,
                (Subject::I, Tense::Past) => 1.2,
                (Subject::I, Tense::Plan) => 1.0,
                (Subject::We, Tense::Past) => 0.7,
                (Subject::We, Tense::Plan) => 0.6,
                (_, Tense::Other) => 0.0,
            };
            if weight > 0.0 {
                score[2] = score[2].max(weight) + 0.1;
                match clause.subject {
                    Subject::I => led_by_i = true,
                    Subject::We => led_by_we = true,
                }
            }
        }
        for s in &mut score {
            *s = s.min(2.5);
        }
        let cue_result = score[3];
        // Outcomes told early are usually the problem ("p95 had climbed to
        // two seconds"); background late is usually a finding mid-story.
        if p < 0.34 {
            score[3] *= 0.4;
        }
        if p > 0.4 {
            score[0] *= 0.5;
        }
        if p > 0.5 {
            score[1] *= 0.5;
        }
        // Position.
        let measured = is_measure(reading, i);
        if i == 0 {
            score[0] += 0.8;
        } else if p < 0.25 {
            score[0] += 0.3;
        }
        if p > 0.3 {
            score[2] += 0.2;
        }
        if p >= 0.6 && score[3] >= 0.5 {
            score[3] += 0.5;
        }
        if score[3] > 0.0 && measured && p >= 0.34 {
            score[3] += 0.3;
        }
        let previous = parts.last().copied();
        if let Some(prev) = previous {
            score[prev.index()] += 0.3;
        }

        // The highest score wins, if it is clear enough; otherwise the
        // sentence carries on the part before it.
        let mut best = 0;
        for candidate in [1, 3, 2, 0] {
            if score[candidate] > score[best] {
                best = candidate;
            }
        }
        let mut part = Part::STAR[best];
        if let Some(prev) = previous {
            if score[best] < 0.6 || score[best] <= score[prev.index()] {
                part = prev;
            }
            // Once the story has reached its result, what follows is the
            // aftermath unless it clearly starts over.
            if locked_in_result && score[0].max(score[1]) < 1.2 {
                part = Part::Result;
            }
        }
        // Only the opening sentence can be a headline; what follows it is
        // the story's setting unless it says otherwise.
        if part == Part::Headline {
            part = Part::Situation;
        }
        if i == 0
            && kind == QuestionKind::Situational
            && n >= 3
            && clauses(&words)
                .first()
                .is_some_and(|c| c.at <= 2 && c.subject == Subject::I && c.tense == Tense::Plan)
        {
            part = Part::Headline;
        }
        // An outcome told in the same sentence as the last step ("I rolled
        // it back, and the errors went away") still counts as a result.
        if part != Part::Result && p >= 0.5 && cue_result >= 1.0 {
            result_in_passing = true;
        }
        if part == Part::Result && p >= 0.5 && cue_result >= 1.0 {
            locked_in_result = true;
        }
        if part == Part::Action {
            if led_by_i {
                own_actions += 1;
            } else if led_by_we {
                shared_actions += 1;
            }
        }
        parts.push(part);
    }

    // A sentence read as Headline counts as the plan; the story after it
    // is scored as usual.
    let has =
        |part: Part| parts.contains(&part) || (part != Part::Action && strong_cue[part.index()]);
    let star = Star {
        situation: has(Part::Situation),
        task: has(Part::Task),
        action: has(Part::Action) || parts.contains(&Part::Headline),
        result: parts.contains(&Part::Result) || result_in_passing,
    };

    let total_words: usize = reading
        .sentences
        .iter()
        .map(|s| s.word_count())
        .sum::<usize>()
        .max(1);
    let mut shares = [0.0f32; 4];
    for (sentence, part) in reading.sentences.iter().zip(&parts) {
        shares[part.index()] += sentence.word_count() as f32 / total_words as f32;
    }

    let result_measured = parts
        .iter()
        .enumerate()
        .any(|(i, p)| *p == Part::Result && is_measure(reading, i));

    let mut out_of_order = Vec::new();
    let mut furthest = Part::Headline;
    for (i, &part) in parts.iter().enumerate() {
        if part < furthest && part != Part::Headline {
            out_of_order.push(i);
        }
        furthest = furthest.max(part);
    }

    let actions = own_actions + shared_actions;
    let quality = [
        f32::from(u8::from(star.situation)),
        if explicit_task {
            1.0
        } else if star.task {
            0.6
        } else {
            0.0
        },
        if star.action {
            if actions == 0 {
                0.6
            } else {
                0.5 + 0.5 * own_actions as f32 / actions as f32
            }
        } else {
            0.0
        },
        if result_measured {
            1.0
        } else if star.result {
            0.55
        } else {
            0.0
        },
    ];
    // Situational answers are given the situation; stating it is worth less.
    let weights = if kind == QuestionKind::Situational {
        [0.6, 1.2, 2.2, 2.0]
    } else {
        [1.0, 1.0, 2.0, 2.0]
    };
    let presence: f32 = quality.iter().zip(weights).map(|(q, w)| q * w).sum();
    let order = (2.0 - 0.75 * out_of_order.len() as f32).max(0.0);
    let mut balance = 0.0;
    if (0.3..=0.75).contains(&shares[2]) {
        balance += 1.0;
    } else if shares[2] >= 0.15 {
        balance += 0.5;
    }
    if shares[0] + shares[1] <= 0.45 {
        balance += 0.5;
    }
    if shares[3] >= 0.08 {
        balance += 0.5;
    }
    // Order and balance matter only as much as the parts are there.
    let completeness = presence / weights.iter().sum::<f32>();
    let mut points = presence + (order + balance) * completeness;
    if reading.word_total < 60 {
        points *= 0.6;
    }
    StarReading {
        parts,
        star,
        quality,
        shares,
        out_of_order,
        result_measured,
        own_actions,
        shared_actions,
        points,
    }
}
