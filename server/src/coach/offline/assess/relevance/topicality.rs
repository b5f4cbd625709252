//! Relevance by meaning: each sentence's vector against the question's and
//! each rubric point's, when the embedded model is there.

use super::super::sentences::Sentence;
use super::super::{AssessInput, Reading};
use crate::coach::offline::meaning::{MAX_ENCODED, Meaning};

/// The answer against the question by meaning: each sentence's vector
/// against the question's and each rubric point's.
#[derive(Debug, Clone)]
pub struct ByMeaning {
    /// For each rubric point, the similarity of the sentence closest to it.
    pub points: Vec<(f32, usize)>,
    pub closest: Option<usize>,
    /// 0 (barely on the question) to 1 (squarely on it).
    pub level: f32,
    /// No sentence comes close to the question or its rubric in meaning.
    pub off_topic: bool,
}

/// Sentences this short say too little to judge by meaning.
const MIN_MEANING_WORDS: usize = 4;
/// A rubric point counts as covered when a sentence is this close to it.
pub(super) const POINT_BY_MEANING: f32 = 0.6;
/// Topicality (see [`by_meaning`]) below which an answer is about something
/// else; and the range over which it goes from barely to squarely on the
/// question. Calibrated on the tuning half of the labelled answers only.
const OFF_TOPIC_BELOW: f32 = 0.36;
const TOPICALITY_LOW: f32 = 0.3;
const TOPICALITY_HIGH: f32 = 0.8;

pub(super) fn by_meaning(
    reading: &Reading,
    input: &AssessInput,
    meaning: &Meaning,
) -> Option<ByMeaning> {
    let long_enough = |s: &&Sentence| s.words.len() >= MIN_MEANING_WORDS;
    let mut sentences: Vec<usize> = (0..reading.sentences.len())
        .filter(|&i| long_enough(&&reading.sentences[i]))
        .collect();
    if sentences.is_empty() {
        sentences = (0..reading.sentences.len()).collect();
    }
    if sentences.is_empty() {
        return None;
    }
    // The static table ranks every sentence cheaply; the transformer then
    // reads only the few that come closest to the question or a rubric
    // point, so an answer's length does not change the cost.
    let question = meaning.embed(input.question);
    let points: Vec<embed::Vector> = input.rubric.iter().map(|p| meaning.embed(p)).collect();
    let mut ranked: Vec<(f32, usize)> = sentences
        .iter()
        .map(|&i| {
            let v = meaning.embed(reading.sentences[i].text(reading.answer));
            let best = points
                .iter()
                .map(|p| p.cosine(&v))
                .fold(v.cosine(&question), f32::max);
            (best, i)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(MAX_ENCODED);
    let chosen: Vec<usize> = ranked.iter().map(|r| r.1).collect();
    let texts: Vec<&str> = chosen
        .iter()
        .map(|&i| reading.sentences[i].text(reading.answer))
        .collect();
    let encoded = meaning.encode(&texts);
    let mut asked: Vec<&str> = vec![input.question];
    asked.extend(input.rubric.iter().map(String::as_str));
    let asked = meaning.encode_cached(&asked);
    let (question, points) = asked.split_first().expect("the question is always there");

    let closest = chosen
        .iter()
        .zip(&encoded)
        .map(|(&i, v)| (v.cosine(question), i))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let question_level = closest.map_or(0.0, |c| c.0);
    let points: Vec<(f32, usize)> = points
        .iter()
        .map(|p| {
            chosen
                .iter()
                .zip(&encoded)
                .map(|(&i, v)| (v.cosine(p), i))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .unwrap_or((0.0, 0))
        })
        .collect();
    let rubric_level = if points.is_empty() {
        question_level
    } else {
        points.iter().map(|p| p.0).sum::<f32>() / points.len() as f32
    };
    let topicality = rubric_level + 0.5 * question_level;
    let level =
        ((topicality - TOPICALITY_LOW) / (TOPICALITY_HIGH - TOPICALITY_LOW)).clamp(0.0, 1.0);
    Some(ByMeaning {
        points,
        closest: closest.map(|c| c.1),
        level,
        off_topic: topicality < OFF_TOPIC_BELOW,
    })
}
