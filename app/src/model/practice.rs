//! Practising a set: the page's data, a submitted answer and its attempts.

use serde::{Deserialize, Serialize};

use super::{AnswerText, AppError, Feedback, IdempotencyKey, Problems, Question};

/// One answer to commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The set's share slug.
    pub question_set: String,
    /// 1-based position of the question in the set.
    pub question_index: u32,
    pub answer: String,
    /// Chosen by the client; the same key always means the same attempt.
    pub idempotency_key: String,
    /// Optional: the revision of the draft this answer replaces (the
    /// client's clock in milliseconds), so a draft save arriving late
    /// does not bring the text back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_revision: Option<i64>,
    /// The mock interview this answer belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_interview: Option<i64>,
    /// In a mock interview: an answer to the interviewer's follow-up to
    /// question `question_index`, rather than to the question itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub follow_up: bool,
    /// In a mock interview: how the answer was given and how long it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<super::Timing>,
}

/// A submission with every field parsed.
#[derive(Debug, Clone)]
pub struct CheckedSubmission {
    pub question_set: String,
    pub question_index: u32,
    pub answer: AnswerText,
    pub idempotency_key: IdempotencyKey,
    pub draft_revision: Option<i64>,
}

impl Submission {
    /// Every field parsed, every problem reported at once.
    pub fn parse(&self) -> Result<CheckedSubmission, AppError> {
        let mut problems = Problems::default();
        let answer = problems.take("answer", AnswerText::parse(&self.answer));
        let idempotency_key = problems.take(
            "idempotency_key",
            IdempotencyKey::parse(&self.idempotency_key),
        );
        if self.question_index == 0 {
            problems.add("question_index", "Questions are numbered from 1.");
        }
        match (answer, idempotency_key) {
            (Some(answer), Some(idempotency_key)) if problems.is_empty() => Ok(CheckedSubmission {
                question_set: self.question_set.clone(),
                question_index: self.question_index,
                answer,
                idempotency_key,
                draft_revision: self.draft_revision,
            }),
            _ => Err(problems.into_error()),
        }
    }
}

/// Part of the rewrite compared with the answer, word by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

/// One attempt at a question, with its feedback once computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: i64,
    pub question_set: String,
    pub question_index: u32,
    pub answer: String,
    /// RFC 3339.
    pub created_at: String,
    /// `None` until feedback is computed; it can be asked for again.
    pub feedback: Option<Feedback>,
}

/// An attempt as the practice page shows it, with the rewrite compared to
/// the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub attempt: Attempt,
    pub rewrite_diff: Vec<DiffPart>,
}

/// An earlier attempt, listed under the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: i64,
    pub created_at: String,
    pub word_count: u32,
    pub overall: Option<u8>,
}

/// Where the user is with each question of the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub attempts: u32,
    pub latest_overall: Option<u8>,
}

/// Everything the practice page needs for one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    pub slug: String,
    pub title: String,
    /// 1-based.
    pub position: u32,
    pub steps: Vec<Step>,
    pub question: Question,
    /// What the user was writing, saved as they typed.
    pub draft: Option<String>,
    /// The latest attempt's answer, to start a new attempt from.
    pub last_answer: Option<String>,
    /// This question's attempts, newest first.
    pub attempts: Vec<AttemptSummary>,
    /// The attempt being looked at, when there is one.
    pub shown: Option<AttemptView>,
    /// A fresh key for the next submit from this page.
    pub idempotency_key: String,
    /// The account's stories that fit this question, best first.
    #[serde(default)]
    pub stories: Vec<super::StoryMatch>,
    /// What a strong answer covers, as an outline to work from; once the
    /// question has been attempted.
    #[serde(default)]
    pub outline: Vec<OutlineStep>,
}

/// One step of an answer's outline: its part ("Situation", "Cover",
/// "Answer first"…) and what goes there, the user's own words or a
/// bracketed prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineStep {
    pub label: String,
    pub text: String,
}

impl PracticeView {
    pub fn total(&self) -> u32 {
        self.steps.len() as u32
    }

    /// The rubric is shown once the question has been attempted.
    pub fn rubric_unlocked(&self) -> bool {
        !self.attempts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission(answer: &str, key: &str) -> Submission {
        Submission {
            question_set: "abc".into(),
            question_index: 1,
            answer: answer.into(),
            idempotency_key: key.into(),
            draft_revision: None,
            mock_interview: None,
            follow_up: false,
            timing: None,
        }
    }

    #[test]
    fn bounds_every_field_with_a_message() {
        let fine = submission(" I led it.\r\n", "key-12345").parse().unwrap();
        assert_eq!(fine.answer.as_str(), "I led it.");
        let empty = submission("  ", "key-12345").parse().unwrap_err();
        assert_eq!(
            empty.field_message("answer"),
            Some("Write an answer first.")
        );
        let long = submission(&"a".repeat(crate::model::MAX_ANSWER_CHARS + 1), "key-12345")
            .parse()
            .unwrap_err();
        assert!(long.field_message("answer").unwrap().contains("10001"));
        let both = submission("fine", "short");
        let both = Submission {
            question_index: 0,
            ..both
        }
        .parse()
        .unwrap_err();
        assert!(both.field_message("idempotency_key").is_some());
        assert!(both.field_message("question_index").is_some());
    }
}

/// A drill on one part of an attempt's answer, and its result once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillView {
    pub attempt: i64,
    pub question_set: String,
    pub question_index: u32,
    pub question: String,
    /// The attempt's whole answer, for context.
    pub answer: String,
    pub part: super::DrillPart,
    pub text: Option<String>,
    pub feedback: Option<super::DrillFeedback>,
}

/// A set with the user's latest answer to each question and its feedback,
/// for the Markdown download and the printable page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeExport {
    pub slug: String,
    pub title: String,
    pub questions: Vec<ExportedQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedQuestion {
    pub question: Question,
    /// The latest attempt, if any.
    pub latest: Option<Attempt>,
    pub attempts: u32,
}
