//! The `/me` dashboard: practice progress per set, recent attempts, scores
//! over time and by focus area, and the weakest dimension.

use serde::{Deserialize, Serialize};

use super::{Dimension, Scores};

/// How far the user is with one set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetProgress {
    pub slug: String,
    pub title: String,
    pub questions: u32,
    /// Questions with at least one attempt.
    pub answered: u32,
    /// The mean overall score of the latest assessed attempt at each
    /// answered question, to one decimal.
    pub average: Option<f32>,
    /// Whether the user made the set (or only practises it).
    pub owned: bool,
    /// For a set the user made from a job description: which of its
    /// required skills the answers tell a story about.
    pub coverage: Option<JdCoverage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JdCoverage {
    /// Required skills some answer names, in the description's order.
    pub covered: Vec<String>,
    /// Required skills no answer names yet.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentAttempt {
    pub id: i64,
    pub question_set: String,
    pub question_index: u32,
    pub question: String,
    pub created_at: String,
    pub overall: Option<u8>,
}

/// One assessed attempt's scores, for the chart over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorePoint {
    pub attempt: i64,
    pub created_at: String,
    pub scores: Scores,
}

/// The mean scores of the latest attempts at questions of one focus area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaAverage {
    pub focus_area: String,
    pub questions: u32,
    pub structure: f32,
    pub specificity: f32,
    pub relevance: f32,
    pub overall: f32,
}

/// A comment that shows the weakest dimension, from a latest attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub attempt: i64,
    pub question_set: String,
    pub question: String,
    pub text: String,
    pub quote: Option<String>,
}

/// A drill to offer: one part of one attempt's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillLink {
    pub attempt: i64,
    pub question_set: String,
    pub part: super::DrillPart,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weakest {
    pub dimension: Dimension,
    /// The drill that works on it.
    pub drill: Option<DrillLink>,
    /// Its mean over the latest attempt at each question, to one decimal.
    pub average: f32,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub sets: Vec<SetProgress>,
    /// Newest first.
    pub recent: Vec<RecentAttempt>,
    /// Oldest first: the latest assessed attempts, at most
    /// [`TIMELINE_POINTS`].
    pub timeline: Vec<ScorePoint>,
    pub areas: Vec<AreaAverage>,
    pub weakest: Option<Weakest>,
    /// The account's mock interviews, newest first.
    #[serde(default)]
    pub mock_runs: Vec<super::MockSummary>,
    /// What is due for review; `None` when the account switched the
    /// reminder off.
    #[serde(default)]
    pub review: Option<super::ReviewSummary>,
}

/// Attempts on the chart over time.
pub const TIMELINE_POINTS: usize = 60;
/// Attempts in the recent list.
pub const RECENT_ATTEMPTS: usize = 10;

/// A mean to one decimal.
pub fn mean(values: &[u8]) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    let sum: u32 = values.iter().map(|&v| u32::from(v)).sum();
    Some((sum as f32 / values.len() as f32 * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::mean;

    #[test]
    fn means_round_to_one_decimal() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[7, 8]), Some(7.5));
        assert_eq!(mean(&[5, 6, 6]), Some(5.7));
    }
}
