//! Drills: one piece of an answer (just the Result, just the specifics),
//! written on its own in a sentence or two and assessed on that piece
//! alone.

use app::model::{Comment, Dimension, DrillFeedback, DrillPart, QuestionKind, Verdict, word_count};

use super::star::{self, Part};
use super::{AssessInput, Reading, relevance, specificity};
use crate::coach::offline::OfflineCoach;

/// A drill passes at this score.
const PASS: u8 = 7;

fn star_part(part: DrillPart) -> Option<Part> {
    match part {
        DrillPart::Situation => Some(Part::Situation),
        DrillPart::Task => Some(Part::Task),
        DrillPart::Action => Some(Part::Action),
        DrillPart::Result => Some(Part::Result),
        DrillPart::Specifics | DrillPart::Point => None,
    }
}

fn index(part: Part) -> usize {
    match part {
        Part::Headline | Part::Situation => 0,
        Part::Task => 1,
        Part::Action => 2,
        Part::Result => 3,
    }
}

impl OfflineCoach {
    /// `text`, written as `part` of an answer to `question`, assessed on
    /// that part alone.
    pub fn drill(&self, part: DrillPart, question: &str, text: &str) -> DrillFeedback {
        let reading = Reading::new(text, self);
        let sentences = reading.sentences.len();
        let quote = |i: usize| Some(reading.sentences[i].text(text).trim().to_string());
        let mut comments = Vec::new();
        let mut points: f32 = match star_part(part) {
            Some(wanted) => {
                let star = star::read(&reading, QuestionKind::Behavioral);
                let matching: Vec<usize> = (0..sentences)
                    .filter(|&i| star.parts[i] == wanted)
                    .collect();
                let quality = star.quality[index(wanted)];
                let mut points = 2.0 + 6.0 * quality;
                match matching.first() {
                    Some(&i) => comments.push(Comment {
                        dimension: Dimension::Structure,
                        verdict: Verdict::Strength,
                        text: format!("This reads as {}.", part.label()),
                        quote: quote(i),
                    }),
                    None => {
                        points = points.min(3.0);
                        comments.push(Comment {
                            dimension: Dimension::Structure,
                            verdict: Verdict::Improve,
                            text: format!(
                                "This does not read as {} yet. {}",
                                part.label(),
                                part.instruction()
                            ),
                            quote: None,
                        });
                    }
                }
                if wanted == Part::Result {
                    if star.result_measured {
                        points += 2.0;
                    } else {
                        comments.push(Comment {
                            dimension: Dimension::Specificity,
                            verdict: Verdict::Improve,
                            text: "Add a measure: how much faster, cheaper or better, or what someone said.".into(),
                            quote: None,
                        });
                    }
                }
                if wanted == Part::Action && star.own_actions == 0 {
                    points -= 1.5;
                    comments.push(Comment {
                        dimension: Dimension::Specificity,
                        verdict: Verdict::Improve,
                        text: "Say what you did yourself: \"I …\" rather than \"we …\".".into(),
                        quote: None,
                    });
                }
                points
            }
            None if part == DrillPart::Specifics => {
                let spec = specificity::read(&reading, QuestionKind::Behavioral, self.matcher());
                let details = spec.quantities.min(2.0) * 2.0
                    + (spec.tools.len() + spec.names.len()).min(2) as f32
                    + if spec.i_clauses > 0 && spec.i_clauses >= spec.we_clauses {
                        1.5
                    } else {
                        0.0
                    };
                if let Some((i, _)) = spec.best {
                    comments.push(Comment {
                        dimension: Dimension::Specificity,
                        verdict: Verdict::Strength,
                        text: "The most concrete line: keep details like these.".into(),
                        quote: quote(i),
                    });
                }
                if spec.quantities < 1.0 {
                    comments.push(Comment {
                        dimension: Dimension::Specificity,
                        verdict: Verdict::Improve,
                        text: "There is no number yet: how many, how much, or how long?".into(),
                        quote: None,
                    });
                }
                if let Some(&(i, _)) = spec.hedged_sentences.first() {
                    comments.push(Comment {
                        dimension: Dimension::Specificity,
                        verdict: Verdict::Improve,
                        text: "Drop the hedges and say it plainly.".into(),
                        quote: quote(i),
                    });
                }
                2.5 + details - spec.hedge_weight.min(3.0)
            }
            None => {
                let input = AssessInput {
                    question,
                    kind: QuestionKind::Technical,
                    rubric: &[],
                    focus_area: None,
                    jd_skills: &[],
                    answer: text,
                };
                let rel = relevance::read(&reading, &input, self.matcher(), self.meaning());
                match rel.best_sentence {
                    Some((i, n)) if n > 0 => comments.push(Comment {
                        dimension: Dimension::Relevance,
                        verdict: Verdict::Strength,
                        text: "This line answers the question in its own terms.".into(),
                        quote: quote(i),
                    }),
                    _ => comments.push(Comment {
                        dimension: Dimension::Relevance,
                        verdict: Verdict::Improve,
                        text: "Use the question's own words, so the interviewer hears the answer to what they asked.".into(),
                        quote: None,
                    }),
                }
                1.0 + 9.0 * rel.question_coverage
            }
        };
        if sentences > 2 {
            points -= 1.0;
            comments.push(Comment {
                dimension: Dimension::Structure,
                verdict: Verdict::Improve,
                text: format!("{sentences} sentences: a drill is one or two. Keep the strongest."),
                quote: None,
            });
        }
        let score = points.round().clamp(1.0, 10.0) as u8;
        DrillFeedback {
            part,
            score,
            passed: score >= PASS,
            comments,
            word_count: word_count(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::offline::for_tests;

    const QUESTION: &str = "Tell me about a time you made a slow service fast.";

    fn drill(part: DrillPart, text: &str) -> DrillFeedback {
        let feedback = for_tests().drill(part, QUESTION, text);
        for comment in &feedback.comments {
            if let Some(quote) = &comment.quote {
                assert!(text.contains(quote.as_str()), "{quote}");
            }
        }
        feedback
    }

    #[test]
    fn a_measured_result_passes_and_a_vague_one_does_not() {
        let strong = drill(
            DrillPart::Result,
            "As a result, p95 latency fell from 1.8 seconds to 320 ms within three weeks, and timeout tickets dropped from 30 a week to 2.",
        );
        assert!(strong.passed, "{strong:?}");
        let vague = drill(DrillPart::Result, "It went fine and everyone was happy.");
        assert!(vague.score < strong.score, "{vague:?}");
        assert!(!vague.passed);
        let wrong_part = drill(
            DrillPart::Result,
            "I was asked to own the checkout service.",
        );
        assert!(wrong_part.score <= 3, "{wrong_part:?}");
        assert!(
            wrong_part.comments[0]
                .text
                .contains("does not read as the Result")
        );
    }

    #[test]
    fn specifics_want_numbers_and_plain_words() {
        let concrete = drill(
            DrillPart::Specifics,
            "I batched 201 Postgres queries into one and added a Redis cache with a five-minute TTL.",
        );
        let vague = drill(
            DrillPart::Specifics,
            "We kind of improved some things, basically, and it sort of helped.",
        );
        assert!(concrete.score > vague.score, "{concrete:?} {vague:?}");
        assert!(!vague.passed);
    }

    #[test]
    fn the_point_uses_the_questions_terms_and_long_drills_lose_a_point() {
        let direct = drill(
            DrillPart::Point,
            "I made the slow checkout service fast by removing an N+1 query.",
        );
        let off = drill(DrillPart::Point, "I enjoy baking bread on Sundays.");
        assert!(direct.score > off.score, "{direct:?} {off:?}");
        let long = drill(
            DrillPart::Action,
            "I traced the requests. I found the query. I batched it. I added an index.",
        );
        assert!(
            long.comments
                .iter()
                .any(|c| c.text.contains("a drill is one or two"))
        );
    }
}
