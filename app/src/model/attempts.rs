//! Comparing two attempts: what changed in the words, the scores and the
//! comments.

use serde::{Deserialize, Serialize};

use super::{Attempt, Comment, DiffPart, Dimension, Scores, Verdict};

/// One score before and after; `dimension` is `None` for the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChange {
    pub dimension: Option<Dimension>,
    pub before: u8,
    pub after: u8,
}

impl ScoreChange {
    pub fn label(&self) -> &'static str {
        self.dimension.map_or("Overall", Dimension::label)
    }

    pub fn delta(&self) -> i16 {
        i16::from(self.after) - i16::from(self.before)
    }
}

/// Two attempts side by side, the older first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub before: Attempt,
    pub after: Attempt,
    /// The question each was an answer to.
    pub before_question: String,
    pub after_question: String,
    /// The newer answer against the older, word by word.
    pub text_diff: Vec<DiffPart>,
    /// Structure, specificity, relevance and overall; empty unless both
    /// have feedback.
    pub changes: Vec<ScoreChange>,
    /// Points to improve on the older attempt that the newer one no
    /// longer gets.
    pub resolved: Vec<Comment>,
    /// Points to improve that only the newer attempt gets.
    pub new_issues: Vec<Comment>,
    /// Points to improve that both get.
    pub still: Vec<Comment>,
}

/// The score changes from `before` to `after`, overall last.
pub fn score_changes(before: &Scores, after: &Scores) -> Vec<ScoreChange> {
    Dimension::ALL
        .into_iter()
        .map(|d| ScoreChange {
            dimension: Some(d),
            before: before.get(d),
            after: after.get(d),
        })
        .chain(std::iter::once(ScoreChange {
            dimension: None,
            before: before.overall,
            after: after.overall,
        }))
        .collect()
}

/// What a comment is about, whatever it quotes: its dimension and the
/// opening words of its text, which name the issue ("There is no
/// Result", "Hedges and filler").
fn issue(comment: &Comment) -> (Dimension, String) {
    // What the comment lists in brackets or quotes ("basically", "kind of")
    // varies from answer to answer; the issue does not.
    let mut plain = String::new();
    let (mut depth, mut quoted) = (0u32, false);
    for c in comment.text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '"' | '“' | '”' => quoted = !quoted,
            _ if depth == 0 && !quoted => plain.push(c),
            _ => {}
        }
    }
    let opening: Vec<String> = plain
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    (comment.dimension, opening.join(" "))
}

/// The points to improve that `after` resolved, the new ones, and those
/// both share (as `after` words them).
pub fn compare_comments(
    before: &[Comment],
    after: &[Comment],
) -> (Vec<Comment>, Vec<Comment>, Vec<Comment>) {
    let improve = |list: &[Comment]| -> Vec<Comment> {
        list.iter()
            .filter(|c| c.verdict == Verdict::Improve)
            .cloned()
            .collect()
    };
    let (before, after) = (improve(before), improve(after));
    let before_issues: Vec<_> = before.iter().map(issue).collect();
    let after_issues: Vec<_> = after.iter().map(issue).collect();
    let resolved = before
        .iter()
        .filter(|c| !after_issues.contains(&issue(c)))
        .cloned()
        .collect();
    let (still, new_issues) = after
        .into_iter()
        .partition(|c| before_issues.contains(&issue(c)));
    (resolved, new_issues, still)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn improve(dimension: Dimension, text: &str, quote: Option<&str>) -> Comment {
        Comment {
            dimension,
            verdict: Verdict::Improve,
            text: text.into(),
            quote: quote.map(str::to_string),
        }
    }

    #[test]
    fn issues_match_by_what_they_are_about_not_what_they_quote() {
        let before = [
            improve(
                Dimension::Structure,
                "There is no Result: say what changed.",
                None,
            ),
            improve(
                Dimension::Specificity,
                "Hedges and filler (\"basically\") make you sound unsure.",
                Some("basically we"),
            ),
            Comment {
                verdict: Verdict::Strength,
                ..improve(Dimension::Relevance, "On the question.", None)
            },
        ];
        let after = [
            improve(
                Dimension::Specificity,
                "Hedges and filler (\"kind of\") make you sound unsure.",
                Some("kind of"),
            ),
            improve(
                Dimension::Relevance,
                "Make this explicit: trade-offs.",
                None,
            ),
        ];
        let (resolved, new_issues, still) = compare_comments(&before, &after);
        assert_eq!(resolved.len(), 1);
        assert!(resolved[0].text.starts_with("There is no Result"));
        assert_eq!(new_issues.len(), 1);
        assert_eq!(new_issues[0].dimension, Dimension::Relevance);
        assert_eq!(still.len(), 1);
        assert_eq!(still[0].quote.as_deref(), Some("kind of"));
    }

    #[test]
    fn score_changes_end_with_overall() {
        let a = Scores {
            structure: 4,
            specificity: 3,
            relevance: 8,
            overall: 5,
        };
        let b = Scores {
            structure: 7,
            specificity: 3,
            relevance: 6,
            overall: 6,
        };
        let changes = score_changes(&a, &b);
        let deltas: Vec<i16> = changes.iter().map(ScoreChange::delta).collect();
        assert_eq!(deltas, [3, 0, -2, 1]);
        assert_eq!(changes[3].label(), "Overall");
    }
}
