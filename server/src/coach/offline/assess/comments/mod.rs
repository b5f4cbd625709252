//! What the assessor says: comments tied to quotes from the answer, and a
//! one-line reason for each score. This file holds the view they are drawn
//! from, the choice of which comments to keep, and the shared wording
//! helpers; each dimension's comments, the quoting and the reasons live in
//! its submodules.

mod quote;
mod reasons;
mod relevance;
mod specificity;
mod structure;

use app::model::{Comment, Dimension, QuestionKind, Scores, Verdict};

use super::relevance::RelevanceReading;
use super::specificity::SpecReading;
use super::star::StarReading;
use super::technical::TechReading;
use super::{AssessInput, Reading};

pub enum Structure {
    Star(StarReading),
    Technical(TechReading),
}

/// Everything the comments and reasons are drawn from.
pub struct View<'a> {
    pub input: &'a AssessInput<'a>,
    pub reading: &'a Reading<'a>,
    pub structure: &'a Structure,
    pub spec: &'a SpecReading,
    pub relevance: &'a RelevanceReading,
    pub scores: &'a Scores,
}

struct Draft {
    dimension: Dimension,
    verdict: Verdict,
    text: String,
    quote: Option<String>,
    /// Lower comes first.
    rank: u8,
}

/// Comments kept per dimension, and in all.
const PER_DIMENSION: [usize; 3] = [4, 3, 3];
const MIN_COMMENTS: usize = 4;

impl View<'_> {
    fn star_kind(&self) -> bool {
        matches!(self.structure, Structure::Star(_))
    }

    fn situational(&self) -> bool {
        self.input.kind == QuestionKind::Situational
    }

    /// How hedged sentence `i` is.
    fn hedging(&self, i: usize) -> f32 {
        self.reading.hedges[i].iter().map(|h| h.tag.weight).sum()
    }

    pub fn comments(&self) -> Vec<Comment> {
        let mut drafts = Vec::new();
        match self.structure {
            Structure::Star(s) => self.star_comments(s, &mut drafts),
            Structure::Technical(t) => self.tech_comments(t, &mut drafts),
        }
        self.length_comment(&mut drafts);
        self.specificity_comments(&mut drafts);
        self.relevance_comments(&mut drafts);
        // On an off-topic answer only the missing parts of the structure
        // are worth saying; praising how it is told misses the point.
        if self.relevance.off_topic() {
            drafts.retain(|d| {
                d.dimension != Dimension::Structure
                    || (d.verdict == Verdict::Improve && d.rank == 0)
            });
        }

        let mut chosen: Vec<Draft> = Vec::new();
        let mut left: Vec<Draft> = Vec::new();
        for (n, dimension) in Dimension::ALL.into_iter().enumerate() {
            let (mut strengths, mut improvements): (Vec<Draft>, Vec<Draft>) = drafts
                .extract_if(.., |d| d.dimension == dimension)
                .partition(|d| d.verdict == Verdict::Strength);
            strengths.sort_by_key(|d| d.rank);
            improvements.sort_by_key(|d| d.rank);
            let cap = PER_DIMENSION[n];
            let mut taken = 0;
            let mut strengths = strengths.into_iter();
            let mut improvements = improvements.into_iter();
            if let Some(s) = strengths.next() {
                chosen.push(s);
                taken += 1;
            }
            for i in improvements.by_ref() {
                if taken == cap {
                    left.push(i);
                    continue;
                }
                chosen.push(i);
                taken += 1;
            }
            for s in strengths {
                if taken < cap {
                    chosen.push(s);
                    taken += 1;
                } else {
                    left.push(s);
                }
            }
        }
        // Never all praise or all criticism.
        for verdict in [Verdict::Strength, Verdict::Improve] {
            if chosen.iter().all(|d| d.verdict != verdict) {
                left.sort_by_key(|d| d.rank);
                match left.iter().position(|d| d.verdict == verdict) {
                    Some(at) => chosen.push(left.remove(at)),
                    None => chosen.push(self.fallback(verdict)),
                }
            }
        }
        left.sort_by_key(|d| d.rank);
        let mut left = left.into_iter();
        while chosen.len() < MIN_COMMENTS {
            match left.next() {
                Some(d) => chosen.push(d),
                None => break,
            }
        }
        chosen.sort_by_key(|d| (d.dimension, d.verdict == Verdict::Improve, d.rank));
        chosen
            .into_iter()
            .map(|d| Comment {
                dimension: d.dimension,
                verdict: d.verdict,
                text: d.text,
                quote: d.quote,
            })
            .collect()
    }

    fn fallback(&self, verdict: Verdict) -> Draft {
        let reading = self.reading;
        if verdict == Verdict::Improve {
            let lower = reading.answer.to_lowercase();
            let reflects = ["learn", "lesson", "differently", "takeaway", "hindsight"]
                .iter()
                .any(|w| lower.contains(w));
            if self.star_kind() && !reflects {
                return improve(
                    Dimension::Structure,
                    "To finish strongly, add one line on what you learned or would do differently next time.",
                    None,
                    5,
                );
            }
            if self.star_kind() {
                return improve(
                    Dimension::Relevance,
                    "To finish strongly, link the result to the role you are interviewing for, in one sentence.",
                    None,
                    5,
                );
            }
            return improve(
                Dimension::Structure,
                "To finish strongly, close with one sentence that ties the example back to the question.",
                None,
                5,
            );
        }
        // The sentence nearest the question, the least hedged of those.
        let nearest = (0..reading.sentences.len())
            .map(|i| (i, self.relevance.terms.count_in(&reading.content[i])))
            .filter(|&(_, count)| count > 0)
            .min_by(|a, b| {
                self.hedging(a.0)
                    .total_cmp(&self.hedging(b.0))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            });
        if !self.relevance.off_topic()
            && let Some((i, _)) = nearest
        {
            return strength(
                Dimension::Relevance,
                "This sentence is on the question; build the answer out from it.",
                Some(self.quote(i)),
                5,
            );
        }
        if let Some(i) = (0..reading.sentences.len()).find(|&i| {
            let words = reading.sentences[i].lower();
            super::voice::clauses(&words).iter().any(|c| {
                c.subject == super::voice::Subject::I && c.tense != super::voice::Tense::Other
            })
        }) {
            return strength(
                Dimension::Specificity,
                "Told in the first person, so it is clear what you did yourself.",
                Some(self.quote(i)),
                5,
            );
        }
        if !reading.sentences.is_empty() {
            return strength(
                Dimension::Structure,
                "A starting point: build on this with the parts listed below.",
                Some(self.quote(0)),
                5,
            );
        }
        strength(
            Dimension::Structure,
            "You made a start; the notes below say what a full answer needs.",
            None,
            5,
        )
    }
}

fn strength(dimension: Dimension, text: &str, quote: Option<String>, rank: u8) -> Draft {
    Draft {
        dimension,
        verdict: Verdict::Strength,
        text: text.to_string(),
        quote,
        rank,
    }
}

fn improve(dimension: Dimension, text: &str, quote: Option<String>, rank: u8) -> Draft {
    Draft {
        dimension,
        verdict: Verdict::Improve,
        text: text.to_string(),
        quote,
        rank,
    }
}

/// "a, b and c".
fn join(items: &[String]) -> String {
    join_with(items, "and")
}

fn join_or(items: &[String]) -> String {
    join_with(items, "or")
}

fn join_with(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
