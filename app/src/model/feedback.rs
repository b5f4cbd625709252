//! Feedback on one answer, in the one JSON form shared by the web UI, the
//! JSON API and the CLI.

use serde::{Deserialize, Serialize};

use super::QuestionKind;

/// The most characters an answer may have.
pub const MAX_ANSWER_CHARS: usize = 10_000;
/// Words a minute when an answer is spoken aloud.
pub const SPOKEN_WORDS_PER_MINUTE: u32 = 150;

/// What a comment or a score is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// STAR for behavioral and situational questions; answer first, then
    /// reasoning, trade-offs and an example for technical ones.
    Structure,
    Specificity,
    Relevance,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [
        Dimension::Structure,
        Dimension::Specificity,
        Dimension::Relevance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Structure => "structure",
            Self::Specificity => "specificity",
            Self::Relevance => "relevance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Structure => "Structure",
            Self::Specificity => "Specificity",
            Self::Relevance => "Relevance",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == value.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Strength,
    Improve,
}

/// One observation, tied to the words of the answer it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub dimension: Dimension,
    pub verdict: Verdict,
    pub text: String,
    /// An exact substring of the answer, or `None` when the comment is about
    /// something missing (and then `text` says what).
    pub quote: Option<String>,
}

/// Scores from 1 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub structure: u8,
    pub specificity: u8,
    pub relevance: u8,
    pub overall: u8,
}

impl Scores {
    pub fn get(&self, dimension: Dimension) -> u8 {
        match dimension {
            Dimension::Structure => self.structure,
            Dimension::Specificity => self.specificity,
            Dimension::Relevance => self.relevance,
        }
    }
}

/// A one-line reason for each score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reasons {
    pub structure: String,
    pub specificity: String,
    pub relevance: String,
    pub overall: String,
}

impl Reasons {
    pub fn get(&self, dimension: Dimension) -> &str {
        match dimension {
            Dimension::Structure => &self.structure,
            Dimension::Specificity => &self.specificity,
            Dimension::Relevance => &self.relevance,
        }
    }
}

/// Which parts of Situation, Task, Action, Result an answer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Star {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
}

impl Star {
    /// The names of the parts the answer lacks, in STAR order.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.situation, "Situation"),
            (self.task, "Task"),
            (self.action, "Action"),
            (self.result, "Result"),
        ]
        .into_iter()
        .filter(|(present, _)| !present)
        .map(|(_, name)| name)
        .collect()
    }
}

/// Feedback on one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Who assessed it: `offline/2+embeddings` (or `offline/2`) for the built-in coach,
    /// [`QUICK_ENGINE`] for its quick read while busy, or `model:` and the
    /// model's name.
    pub engine: String,
    /// The version of the prompt a model was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_version: Option<String>,
    /// Said to the user about how the feedback was made, e.g. that the
    /// model was unavailable and the offline coach stood in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub kind: QuestionKind,
    pub scores: Scores,
    pub reasons: Reasons,
    /// `None` for technical and system-design questions.
    pub star: Option<Star>,
    pub comments: Vec<Comment>,
    /// The answer in the user's own words, reordered and trimmed, with
    /// bracketed placeholders for what is missing.
    pub rewrite: String,
    pub word_count: u32,
    pub spoken_seconds: u32,
}

impl Feedback {
    /// Whether a model wrote this feedback (the heuristic never claims to).
    pub fn by_model(&self) -> bool {
        self.engine.starts_with("model:")
    }

    /// Whether this is the offline coach's quick read, made while the coach
    /// was busy, which a full read may replace.
    pub fn is_quick(&self) -> bool {
        self.engine == QUICK_ENGINE
    }
}

/// The engine label of the offline coach's quick read: rules and word
/// lists without the embedded model, given when the model was too busy to
/// read the answer in time.
pub const QUICK_ENGINE: &str = "offline/2+quick";

/// What the built-in coach is, in plain words, for an engine label such as
/// `offline/2` or `offline/2+embeddings`.
pub fn offline_coach_label(engine: &str) -> String {
    if engine == QUICK_ENGINE {
        format!(
            "a quick read by the built-in offline coach ({engine}): rules and word lists only, because the coach was busy; not AI"
        )
    } else if engine.contains("+embeddings") {
        format!(
            "the built-in offline coach ({engine}): rules and word lists, with a small embedded model that compares meanings; not generative AI"
        )
    } else {
        format!("the built-in offline coach ({engine}): rules and word lists, not AI")
    }
}

/// What a drill asks for: one missing piece of an answer, written on its
/// own and assessed alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrillPart {
    Situation,
    Task,
    Action,
    Result,
    /// One sentence with the concrete details: a number, a time frame, a
    /// named tool, and "I".
    Specifics,
    /// The direct answer to the question, in one or two sentences.
    Point,
}

impl DrillPart {
    pub const ALL: [DrillPart; 6] = [
        DrillPart::Situation,
        DrillPart::Task,
        DrillPart::Action,
        DrillPart::Result,
        DrillPart::Specifics,
        DrillPart::Point,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Situation => "situation",
            Self::Task => "task",
            Self::Action => "action",
            Self::Result => "result",
            Self::Specifics => "specifics",
            Self::Point => "point",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == value.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Situation => "the Situation",
            Self::Task => "the Task",
            Self::Action => "the Action",
            Self::Result => "the Result",
            Self::Specifics => "the specifics",
            Self::Point => "the direct answer",
        }
    }

    /// What to write, in a line.
    pub fn instruction(self) -> &'static str {
        match self {
            Self::Situation => {
                "In at most two sentences, set the scene: where you were, when, and what was at stake."
            }
            Self::Task => {
                "In at most two sentences, say what you were responsible for or asked to achieve."
            }
            Self::Action => {
                "In at most two sentences, say what you did yourself: start with \"I\" and a verb."
            }
            Self::Result => {
                "In at most two sentences, say what changed because of what you did, with a number if you have one."
            }
            Self::Specifics => {
                "In one or two sentences, give the concrete details: how much, how many, how long, which tools, and your own part."
            }
            Self::Point => {
                "In one or two sentences, answer the question directly, using its own terms."
            }
        }
    }
}

/// The most characters a drill answer may have.
pub const MAX_DRILL_CHARS: usize = 600;

/// A drill's result: the part on its own, scored 1 to 10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillFeedback {
    pub part: DrillPart,
    pub score: u8,
    /// 7 or more: the part does its job.
    pub passed: bool,
    pub comments: Vec<Comment>,
    pub word_count: u32,
}

/// Words in an answer, counted the same way in the browser and the server.
pub fn word_count(text: &str) -> u32 {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u32
}

/// Seconds an answer of `words` words takes to say aloud.
pub fn spoken_seconds(words: u32) -> u32 {
    (words * 60).div_ceil(SPOKEN_WORDS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_speaking_time() {
        assert_eq!(word_count("  I led the  migration — twice. "), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(spoken_seconds(150), 60);
        assert_eq!(spoken_seconds(225), 90);
        assert_eq!(spoken_seconds(1), 1);
    }

    #[test]
    fn names_the_missing_star_parts_in_order() {
        let star = Star {
            situation: true,
            task: false,
            action: true,
            result: false,
        };
        assert_eq!(star.missing(), vec!["Task", "Result"]);
    }
}
