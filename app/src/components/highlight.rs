//! Marking the quoted spans of an answer, so each comment points at the
//! words it is about.

use crate::model::{Comment, Verdict};

/// A run of the answer: plain, or quoted by comment `comment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub mark: Option<(usize, Verdict)>,
}

/// The answer cut into runs at the first place each comment's quote
/// appears. A quote overlapping one marked before it stays unmarked (its
/// comment still shows the quote).
pub fn highlight(answer: &str, comments: &[Comment]) -> Vec<Segment> {
    let mut spans: Vec<(usize, usize, usize, Verdict)> = Vec::new();
    for (i, comment) in comments.iter().enumerate() {
        let Some(quote) = comment.quote.as_deref().filter(|q| !q.is_empty()) else {
            continue;
        };
        let placed = answer
            .match_indices(quote)
            .map(|(start, _)| start)
            .find(|&start| {
                let end = start + quote.len();
                spans.iter().all(|&(s, e, _, _)| end <= s || start >= e)
            });
        if let Some(start) = placed {
            spans.push((start, start + quote.len(), i, comment.verdict));
        }
    }
    spans.sort_by_key(|s| s.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, index, verdict) in spans {
        if start > at {
            out.push(Segment {
                text: answer[at..start].to_string(),
                mark: None,
            });
        }
        out.push(Segment {
            text: answer[start..end].to_string(),
            mark: Some((index, verdict)),
        });
        at = end;
    }
    if at < answer.len() {
        out.push(Segment {
            text: answer[at..].to_string(),
            mark: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dimension;

    fn comment(quote: Option<&str>, verdict: Verdict) -> Comment {
        Comment {
            dimension: Dimension::Specificity,
            verdict,
            text: "x".into(),
            quote: quote.map(str::to_string),
        }
    }

    #[test]
    fn marks_each_quote_once_and_keeps_every_character() {
        let answer = "We shipped it. I cut p95 to 320 ms. We shipped it.";
        let comments = [
            comment(Some("I cut p95 to 320 ms."), Verdict::Strength),
            comment(Some("We shipped it."), Verdict::Improve),
            comment(None, Verdict::Improve),
            comment(Some("p95 to 320"), Verdict::Strength),
            comment(Some("not in the answer"), Verdict::Improve),
        ];
        let segments = highlight(answer, &comments);
        let rebuilt: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(rebuilt, answer);
        let marked: Vec<_> = segments.iter().filter_map(|s| s.mark).collect();
        assert_eq!(marked, vec![(1, Verdict::Improve), (0, Verdict::Strength)]);
    }

    #[test]
    fn an_answer_with_markup_stays_text() {
        let answer = "<script>alert(1)</script> I led it.";
        let segments = highlight(answer, &[comment(Some("<script>"), Verdict::Improve)]);
        assert_eq!(segments[0].text, "<script>");
    }
}
