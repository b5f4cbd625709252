//! The offline answer assessor: deterministic feedback on one answer to one
//! question, from the answer's own words. It scores structure (STAR, or
//! answer first for technical questions), specificity and relevance, says
//! why with quotes from the answer, and rewrites the answer in the user's
//! own words without adding a fact.
//!
//! How it reads an answer:
//!
//! - `sentences` splits it into sentences and words with byte spans, so
//!   every quote is an exact substring of the answer.
//! - `star` reads each sentence of a behavioral or situational answer as
//!   Situation, Task, Action or Result from cue phrases, who acts ("I
//!   rewrote" against "we talked") and where it falls, carrying a part on
//!   when a sentence has no cue of its own. Structure is presence (weighted
//!   by quality: an explicit task, actions led by "I", a measured result),
//!   then order and balance, scaled by how complete the parts are.
//! - `technical` looks for a direct answer in the first sentence (the
//!   question's key terms, no warm-up, no hedges), then reasoning,
//!   trade-offs and an example, ideally with numbers.
//! - `specificity` counts distinct numbers (with a unit or a counted
//!   noun, or bare), time frames, named tools from the skills taxonomy and
//!   other proper nouns, and "I" against "we", less a penalty for the
//!   density of hedges, filler and vague words (`hedges`).
//! - `relevance` measures how many of the question's key terms and of
//!   each rubric point's terms the answer uses (stemmed, with a few
//!   synonyms per idea), how many sentences touch them, and the job
//!   description's skills.
//!
//! Overall is a blend (structure and specificity weigh more for stories,
//! relevance more for technical answers), capped at relevance + 1 when
//! relevance is 4 or less and at 4 for answers under 40 words.

mod comments;
mod drill;
mod facts;
mod hedges;
mod lexicon;
mod outline;
mod probe;
mod relevance;
mod rewrite;
mod sentences;
mod specificity;
mod star;
mod technical;
mod voice;

use std::collections::BTreeSet;

use app::model::{Feedback, QuestionKind, Reasons, Scores, spoken_seconds, word_count};

use self::facts::Number;
use self::hedges::Tag;
use self::lexicon::Hit;
use self::sentences::Sentence;
use super::OfflineCoach;
use super::skills::{Found, SkillMatcher};
use super::text::{content_words, tokens};

pub use self::facts::{new_names, new_numbers};

/// What the assessor needs to know about one answer.
#[derive(Debug, Clone, Copy)]
pub struct AssessInput<'a> {
    pub question: &'a str,
    pub kind: QuestionKind,
    /// What a strong answer covers; may be empty (the CLI).
    pub rubric: &'a [String],
    pub focus_area: Option<&'a str>,
    /// Skills the set's job description requires; empty when none.
    pub jd_skills: &'a [String],
    /// Already cleaned, 1 to 10,000 characters.
    pub answer: &'a str,
}

/// An answer read once: sentences and what each contains, shared by every
/// part of the assessment.
pub(crate) struct Reading<'a> {
    pub answer: &'a str,
    pub sentences: Vec<Sentence>,
    pub numbers: Vec<Vec<Number>>,
    pub skills: Vec<Vec<Found>>,
    pub hedges: Vec<Vec<Hit<Tag>>>,
    /// Stemmed content words of each sentence, and of the whole answer.
    pub content: Vec<BTreeSet<String>>,
    pub all_content: BTreeSet<String>,
    pub word_total: usize,
    /// Numbers in the answer, not counting a lone "one".
    pub measures: usize,
}

/// An answer this long, with hedges, filler and vague words at this rate
/// or more per hundred words, wanders: the listener loses the thread, and
/// its structure scores lower. Chosen on the tuning half of the labelled
/// answers only, where a count of such phrases put strong answers at 1.5
/// or fewer per hundred words and rambling ones at 3.6 to 7.1.
const WANDERING_FROM_WORDS: usize = 250;
const WANDERING_ASIDES_PER_100: f32 = 3.0;
/// What is left of the structure score of an answer that wanders.
const WANDERING_KEEPS: f32 = 0.6;

impl<'a> Reading<'a> {
    fn new(answer: &'a str, coach: &OfflineCoach) -> Self {
        let sentences = sentences::split(answer);
        let mut numbers = Vec::with_capacity(sentences.len());
        let mut skills = Vec::with_capacity(sentences.len());
        let mut hedges = Vec::with_capacity(sentences.len());
        let mut content = Vec::with_capacity(sentences.len());
        let mut all_content = BTreeSet::new();
        let mut measures = 0;
        for sentence in &sentences {
            let words = sentence.lower();
            let found = facts::numbers(&words);
            measures += found
                .iter()
                .filter(|n| !(n.spelled && n.first == n.last && words[n.first] == "one"))
                .count();
            numbers.push(found);
            let text = sentence.text(answer);
            skills.push(named_skills(coach.matcher(), text, sentence));
            hedges.push(hedges::find(sentence));
            let words = content_words(text);
            all_content.extend(words.iter().cloned());
            content.push(words);
        }
        Self {
            answer,
            word_total: word_count(answer) as usize,
            sentences,
            numbers,
            skills,
            hedges,
            content,
            all_content,
            measures,
        }
    }
}

/// The skills a sentence names. A match counts when the skill's name is
/// written out, or an alias is capitalised or looks like a product name
/// ("Postgres", "k8s"); an ordinary word that happens to be an alias
/// ("fetch") or a near-miss spelling ("Jupiter") does not count.
fn named_skills(matcher: &SkillMatcher, text: &str, sentence: &Sentence) -> Vec<Found> {
    let found = matcher.find(text);
    if found.is_empty() {
        return found;
    }
    let lower = format!(" {} ", sentence.lower().join(" "));
    found
        .into_iter()
        .filter(|f| {
            let name = tokens(&f.skill).join(" ");
            if lower.contains(&format!(" {name} ")) {
                return true;
            }
            sentence.words.iter().any(|w| {
                matcher.canonical(&w.lower) == Some(f.skill.as_str())
                    && (w.capitalised || !f.major || !w.lower.chars().all(char::is_alphabetic))
            })
        })
        .collect()
}

impl Reading<'_> {
    /// A long answer thick with hedges, filler and vague words (see
    /// [`WANDERING_FROM_WORDS`]).
    pub fn wanders(&self) -> bool {
        if self.word_total < WANDERING_FROM_WORDS {
            return false;
        }
        let asides: usize = self.hedges.iter().map(Vec::len).sum();
        asides as f32 * 100.0 / self.word_total as f32 >= WANDERING_ASIDES_PER_100
    }

    /// Whether sentence `i` has a number, not counting a lone "one"
    /// ("one of my engineers").
    pub fn has_number(&self, i: usize) -> bool {
        let words = &self.sentences[i].words;
        self.numbers[i]
            .iter()
            .any(|n| !(n.spelled && n.first == n.last && words[n.first].lower == "one"))
    }
}

impl OfflineCoach {
    /// An answer's sentences sorted into situation, task, action and
    /// result, as the STAR reading classifies them (an opening summary
    /// goes with the situation): the answer's own words, in its order.
    pub fn star_parts(&self, kind: QuestionKind, answer: &str) -> [String; 4] {
        let reading = Reading::new(answer, self);
        let star = star::read(&reading, kind);
        let mut parts: [Vec<&str>; 4] = Default::default();
        for (sentence, part) in reading.sentences.iter().zip(&star.parts) {
            let at = match part {
                star::Part::Headline | star::Part::Situation => 0,
                star::Part::Task => 1,
                star::Part::Action => 2,
                star::Part::Result => 3,
            };
            parts[at].push(sentence.text(answer).trim());
        }
        parts.map(|p| p.join(" "))
    }

    /// Feedback on one answer. Deterministic: the same input always gives
    /// the same feedback.
    pub fn assess(&self, input: &AssessInput) -> Feedback {
        self.assess_and_probe(input, Depth::Full).0
    }

    /// A quick read of one answer, by words alone, for when the embedded
    /// model is busy: it never runs the model, and its feedback says so
    /// (engine [`app::model::QUICK_ENGINE`]). Without the model it is the
    /// same as [`Self::assess`].
    pub fn assess_quick(&self, input: &AssessInput) -> Feedback {
        self.assess_and_probe(input, Depth::Quick).0
    }

    /// Whether [`Self::assess`] reads more than [`Self::assess_quick`].
    pub fn quick_reads_less(&self) -> bool {
        self.meaning().is_some()
    }

    /// Feedback on one answer, and the follow-up an interviewer would ask
    /// about its weakest part: one of `follow_ups` (the question's own)
    /// where one probes that part, else a plain probe of it; none when the
    /// answer is strong.
    pub fn assess_with_follow_up(
        &self,
        input: &AssessInput,
        follow_ups: &[String],
    ) -> (Feedback, Option<String>) {
        let (feedback, gap) = self.assess_and_probe(input, Depth::Full);
        let asked = gap.map(|gap| probe::follow_up(&gap, input.question, input.rubric, follow_ups));
        (feedback, asked)
    }

    fn assess_and_probe(
        &self,
        input: &AssessInput,
        depth: Depth,
    ) -> (Feedback, Option<probe::Gap>) {
        let reading = Reading::new(input.answer, self);
        let meaning = match depth {
            Depth::Full => self.meaning(),
            Depth::Quick => None,
        };
        let relevance = relevance::read(&reading, input, self.matcher(), meaning);
        let spec = specificity::read(&reading, input.kind, self.matcher());

        let star_kind = matches!(
            input.kind,
            QuestionKind::Behavioral | QuestionKind::Situational
        );
        let (structure_points, star, rewrite, structure) = if star_kind {
            let s = star::read(&reading, input.kind);
            let rewrite = rewrite::star(&reading, &s, input.kind);
            (
                s.points,
                Some(s.star),
                rewrite,
                comments::Structure::Star(s),
            )
        } else {
            let t = technical::read(&reading, &relevance.terms, input.kind);
            let rewrite = rewrite::technical(&reading, &t, input.kind);
            (t.points, None, rewrite, comments::Structure::Technical(t))
        };

        let rewrite = if relevance.off_topic() {
            format!(
                "[Off the question: start again from what was asked, and keep only what fits.]\n\n{rewrite}"
            )
        } else {
            rewrite
        };
        let structure_score = if reading.wanders() {
            to_score(structure_points * WANDERING_KEEPS)
        } else {
            to_score(structure_points)
        };
        let specificity_score = to_score(spec.points);
        let relevance_score = relevance.score;
        let overall = overall(
            input.kind,
            structure_score,
            specificity_score,
            relevance_score,
            reading.word_total,
        );
        let scores = Scores {
            structure: structure_score,
            specificity: specificity_score,
            relevance: relevance_score,
            overall,
        };

        let view = comments::View {
            input,
            reading: &reading,
            structure: &structure,
            spec: &spec,
            relevance: &relevance,
            scores: &scores,
        };
        let reasons = Reasons {
            structure: view.structure_reason(),
            specificity: view.specificity_reason(),
            relevance: view.relevance_reason(),
            overall: view.overall_reason(),
        };
        let comments = view.comments();
        let (star_reading, tech_reading) = match &structure {
            comments::Structure::Star(s) => (Some(s), None),
            comments::Structure::Technical(t) => (None, Some(t)),
        };
        let gap = probe::gap(
            input.kind,
            overall,
            &relevance,
            &spec,
            star_reading,
            tech_reading,
        );

        let words = word_count(input.answer);
        let engine = if depth == Depth::Quick && self.quick_reads_less() {
            app::model::QUICK_ENGINE
        } else {
            self.engine()
        };
        let feedback = Feedback {
            engine: engine.to_string(),
            prompt_version: None,
            notice: None,
            kind: input.kind,
            scores,
            reasons,
            star,
            comments,
            rewrite,
            word_count: words,
            spoken_seconds: spoken_seconds(words),
        };
        (feedback, gap)
    }
}

/// How much of the coach reads an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// Everything, the embedded model included.
    Full,
    /// Rules and word lists only.
    Quick,
}

fn to_score(points: f32) -> u8 {
    points.round().clamp(1.0, 10.0) as u8
}

/// A weighted blend of the three scores, held down hard when the answer is
/// off the question or too short to judge.
fn overall(kind: QuestionKind, structure: u8, specificity: u8, relevance: u8, words: usize) -> u8 {
    let (ws, wp, wr) = match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => (0.35, 0.35, 0.30),
        QuestionKind::Technical | QuestionKind::SystemDesign => (0.30, 0.30, 0.40),
    };
    let blend = ws * f32::from(structure) + wp * f32::from(specificity) + wr * f32::from(relevance);
    let mut score = blend.round().clamp(1.0, 10.0) as u8;
    if relevance <= 4 {
        score = score.min(relevance + 1);
    }
    if words < 40 {
        score = score.min(4);
    }
    score.max(1)
}

/// The kind of a question from its wording, for when none is given.
pub fn guess_kind(question: &str) -> QuestionKind {
    let q = format!(
        " {} ",
        question
            .to_lowercase()
            .replace(['’', '\''], "'")
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let has = |phrases: &[&str]| phrases.iter().any(|p| q.contains(&format!(" {p} ")));
    let behavioral = [
        "tell me about a time",
        "tell me about a situation",
        "tell me about a project",
        "tell me about an occasion",
        "describe a time",
        "describe a situation where you",
        "describe a project",
        "give me an example of a time",
        "give an example of a time",
        "give me an example of when",
        "share an example",
        "talk about a time",
        "walk me through a time",
        "have you ever",
        "when was the last time",
        "what's a time",
        "what is a time",
        "a time when you",
        "a time you",
        "recall a time",
        "tell me about yourself",
        "walk me through your resume",
        "greatest weakness",
        "greatest strength",
        "biggest mistake",
        "why do you want",
        "where do you see yourself",
    ];
    let design = [
        "design a",
        "design an",
        "design the",
        "how would you design",
        "how would you architect",
        "architect a",
        "designing a",
        "designing an",
        "system design",
    ];
    let situational = [
        "what would you do",
        "how would you handle",
        "how would you respond",
        "how would you react",
        "how would you deal",
        "how would you approach",
        "how would you manage",
        "imagine",
        "suppose",
        "what if",
        "if you were",
        "if you had to",
        "you discover",
        "you notice",
        "you find out",
        "you join",
        "you are asked",
        "you're asked",
    ];
    if has(&behavioral) {
        QuestionKind::Behavioral
    } else if has(&design) {
        QuestionKind::SystemDesign
    } else if has(&situational) {
        QuestionKind::Situational
    } else {
        QuestionKind::Technical
    }
}

#[cfg(test)]
mod tests;
