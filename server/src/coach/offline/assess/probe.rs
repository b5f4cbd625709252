//! The follow-up an interviewer would ask after an answer: the question's
//! own follow-up that probes the answer's weakest part, or, when none of
//! them does, a plain probe of that part. A strong answer gets none.

use std::collections::BTreeSet;

use app::model::QuestionKind;

use super::relevance::RelevanceReading;
use super::specificity::SpecReading;
use super::star::StarReading;
use super::technical::TechReading;
use crate::coach::offline::text::content_words;

/// The part of an answer a follow-up should probe, in the order an
/// interviewer would go after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// The answer is about something else.
    OffTopic,
    /// A story with no outcome.
    NoResult,
    /// "We" did everything; "I" did nothing.
    NoOwnAction,
    /// No number anywhere.
    NoNumbers,
    /// A technical answer that never says what it would do.
    NeverCommits,
    /// A technical answer with no trade-off.
    NoTradeOff,
    /// The rubric point at this index is not covered.
    Uncovered(usize),
}

/// An answer at or above this overall score is strong enough that an
/// interviewer moves on.
const STRONG: u8 = 8;

/// Finds the weakest part of an answer, or `None` when it is strong.
pub(super) fn gap(
    kind: QuestionKind,
    overall: u8,
    relevance: &RelevanceReading,
    spec: &SpecReading,
    star: Option<&StarReading>,
    technical: Option<&TechReading>,
) -> Option<Gap> {
    if relevance.off_topic() {
        return Some(Gap::OffTopic);
    }
    if overall >= STRONG {
        return None;
    }
    match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => {
            if let Some(star) = star {
                if !star.star.result {
                    return Some(Gap::NoResult);
                }
                if star.own_actions == 0 && star.shared_actions > 0 {
                    return Some(Gap::NoOwnAction);
                }
            }
            if spec.quantities < 1.0 {
                return Some(Gap::NoNumbers);
            }
        }
        QuestionKind::Technical | QuestionKind::SystemDesign => {
            if let Some(t) = technical {
                if t.answer.is_none() || t.directness < 0.5 {
                    return Some(Gap::NeverCommits);
                }
                if t.trade_offs < 0.5 {
                    return Some(Gap::NoTradeOff);
                }
            }
        }
    }
    relevance
        .points
        .iter()
        .position(|p| !p.covered())
        .map(Gap::Uncovered)
}

/// Words in a follow-up that show what it probes.
fn cues(gap: &Gap) -> &'static [&'static str] {
    match gap {
        Gap::OffTopic | Gap::Uncovered(_) => &[],
        Gap::NoResult => &[
            "outcome",
            "result",
            "impact",
            "happened",
            "changed",
            "worked",
            "success",
            "afterwards",
            "measure",
            "effect",
            "difference",
        ],
        Gap::NoOwnAction => &[
            "you personally",
            "yourself",
            "your role",
            "your part",
            "you do",
            "you did",
            "you own",
            "you decide",
            "your call",
        ],
        Gap::NoNumbers => &[
            "how much",
            "how many",
            "how big",
            "how long",
            "how often",
            "number",
            "numbers",
            "measure",
            "quantify",
            "percent",
            "cost",
            "size",
        ],
        Gap::NeverCommits => &[
            "choose",
            "pick",
            "recommend",
            "which would",
            "what would you do",
            "decide",
            "if you had to",
        ],
        Gap::NoTradeOff => &[
            "trade-off",
            "tradeoff",
            "instead",
            "why not",
            "cost",
            "downside",
            "give up",
            "when would",
            "wrong",
            "alternative",
        ],
    }
}

/// A plain probe of each gap, for when none of the question's own
/// follow-ups goes after it.
fn plain_probe(gap: &Gap, question: &str, rubric: &[String]) -> String {
    match gap {
        Gap::OffTopic => format!(
            "Let me bring you back to the question: {} How would you answer that directly?",
            question.trim()
        ),
        Gap::NoResult => "How did it end? What was the outcome, and how did you know?".to_string(),
        Gap::NoOwnAction => "You said \"we\" a lot there. What did you do yourself?".to_string(),
        Gap::NoNumbers => {
            "Can you put a number on it: how big was the problem, and how much did it change?"
                .to_string()
        }
        Gap::NeverCommits => {
            "If you had to choose one approach today, which would it be, and why?".to_string()
        }
        Gap::NoTradeOff => {
            "What would you give up with that approach, and when would you choose differently?"
                .to_string()
        }
        Gap::Uncovered(i) => match rubric.get(*i) {
            Some(point) => format!(
                "One more thing a strong answer would cover: {}. Can you speak to that?",
                point.trim().trim_end_matches('.')
            ),
            None => {
                "Can you take one moment from that and walk me through it step by step?".to_string()
            }
        },
    }
}

/// The follow-up to ask about `gap`: the question's own follow-up that
/// probes it best, or a plain probe when none does.
pub(super) fn follow_up(gap: &Gap, question: &str, rubric: &[String], own: &[String]) -> String {
    let best = match gap {
        Gap::OffTopic => None,
        Gap::Uncovered(i) => {
            // The follow-up that shares most words with the missing point.
            let point = rubric.get(*i).map(|p| content_words(p)).unwrap_or_default();
            best_by(own, |f| {
                let words: BTreeSet<String> = content_words(f);
                point.intersection(&words).count()
            })
        }
        gap => {
            let cues = cues(gap);
            best_by(own, |f| {
                let lower = format!(" {} ", f.to_lowercase().replace(['?', ',', '.'], " "));
                cues.iter()
                    .filter(|c| lower.contains(&format!(" {c} ")))
                    .count()
            })
        }
    };
    best.unwrap_or_else(|| plain_probe(gap, question, rubric))
}

/// The text with the highest positive score, the first on a tie.
fn best_by(texts: &[String], score: impl Fn(&str) -> usize) -> Option<String> {
    texts
        .iter()
        .map(|t| (score(t), t))
        .filter(|(s, _)| *s > 0)
        .fold(None::<(usize, &String)>, |best, next| match best {
            Some(b) if b.0 >= next.0 => Some(b),
            _ => Some(next),
        })
        .map(|(_, t)| t.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Vec<String> {
        vec![
            "Who did you tell first, and why them?".to_string(),
            "What was the outcome for the customer?".to_string(),
            "How much of the fix did you do yourself?".to_string(),
        ]
    }

    #[test]
    fn the_questions_own_follow_up_is_chosen_when_it_probes_the_gap() {
        assert_eq!(
            follow_up(&Gap::NoResult, "Tell me about an outage.", &[], &own()),
            "What was the outcome for the customer?"
        );
        assert_eq!(
            follow_up(&Gap::NoOwnAction, "Tell me about an outage.", &[], &own()),
            "How much of the fix did you do yourself?"
        );
    }

    #[test]
    fn a_plain_probe_stands_in_when_no_follow_up_fits() {
        let asked = follow_up(&Gap::NeverCommits, "How would you cache this?", &[], &own());
        assert!(asked.contains("choose one approach"), "{asked}");
        let asked = follow_up(&Gap::NoResult, "Tell me about an outage.", &[], &[]);
        assert!(asked.contains("outcome"), "{asked}");
    }

    #[test]
    fn every_gap_has_a_probe_that_names_what_is_missing() {
        let probes = [
            (Gap::NoResult, "outcome"),
            (Gap::NoOwnAction, "yourself"),
            (Gap::NoNumbers, "number"),
            (Gap::NeverCommits, "choose"),
            (Gap::NoTradeOff, "give up"),
        ];
        for (gap, word) in probes {
            let asked = follow_up(&gap, "Tell me about an outage.", &[], &[]);
            assert!(asked.contains(word), "{gap:?}: {asked}");
        }
        let own = vec![
            "How many users did it touch?".to_string(),
            "Why not a queue instead?".to_string(),
        ];
        assert_eq!(
            follow_up(&Gap::NoNumbers, "Q", &[], &own),
            "How many users did it touch?"
        );
        assert_eq!(
            follow_up(&Gap::NoTradeOff, "Q", &[], &own),
            "Why not a queue instead?"
        );
    }

    #[test]
    fn an_off_topic_answer_is_brought_back_to_the_question() {
        let asked = follow_up(
            &Gap::OffTopic,
            "Tell me about a time you handled an outage.",
            &[],
            &own(),
        );
        assert!(asked.contains("Tell me about a time you handled an outage."));
    }

    #[test]
    fn a_missing_rubric_point_picks_the_follow_up_that_shares_its_words() {
        let rubric = vec![
            "Names who was told and when".to_string(),
            "Explains how the customer was kept informed".to_string(),
        ];
        assert_eq!(
            follow_up(
                &Gap::Uncovered(1),
                "Tell me about an outage.",
                &rubric,
                &own()
            ),
            "What was the outcome for the customer?"
        );
        let asked = follow_up(&Gap::Uncovered(1), "Tell me about an outage.", &rubric, &[]);
        assert_eq!(
            asked,
            "One more thing a strong answer would cover: Explains how the customer was kept \
             informed. Can you speak to that?"
        );
    }
}
