//! Quoting the answer back: a sentence, or for a long one the clause
//! around the words a comment is about.

use super::View;

/// Longest quote, in bytes, before a sentence is cut down to a clause.
const LONG_QUOTE: usize = 300;

impl View<'_> {
    /// Sentence `i`, or for a long one, its first full clause.
    pub(super) fn quote(&self, i: usize) -> String {
        let s = &self.reading.sentences[i];
        if s.end - s.start <= LONG_QUOTE {
            return s.text(self.reading.answer).to_string();
        }
        self.quote_words(i, 0, 1)
    }

    /// The clause of sentence `i` around words `from..to`; the whole
    /// sentence when it is short.
    pub(super) fn quote_words(&self, i: usize, from: usize, to: usize) -> String {
        let answer = self.reading.answer;
        let s = &self.reading.sentences[i];
        if s.end - s.start <= LONG_QUOTE || s.words.is_empty() {
            return s.text(answer).to_string();
        }
        let from = from.min(s.words.len() - 1);
        let to = to.clamp(from + 1, s.words.len());
        let focus_start = s.words[from].start;
        let focus_end = s.words[to - 1].end;
        let is_break = |c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
        let text = &answer[s.start..s.end];
        // Clause boundaries as byte offsets into the answer.
        let breaks: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| is_break(c))
            .map(|(at, _)| s.start + at)
            .collect();
        let mut left = breaks
            .iter()
            .rev()
            .find(|&&b| b < focus_start)
            .map_or(s.start, |&b| {
                b + answer[b..].chars().next().map_or(1, char::len_utf8)
            });
        let mut right = breaks
            .iter()
            .find(|&&b| b >= focus_end)
            .copied()
            .unwrap_or(s.end);
        let words_in = |l: usize, r: usize| {
            s.words
                .iter()
                .filter(|w| w.start >= l && w.end <= r)
                .count()
        };
        // Too short to make sense alone: take in the next clause.
        let mut steps = 0;
        while words_in(left, right) < 8 && steps < 12 {
            steps += 1;
            if let Some(&b) = breaks.iter().find(|&&b| b > right) {
                right = b;
            } else if right < s.end {
                right = s.end;
            } else if let Some(&b) = breaks.iter().rev().find(|&&b| b + 1 < left) {
                left = b + answer[b..].chars().next().map_or(1, char::len_utf8);
            } else if left > s.start {
                left = s.start;
            } else {
                break;
            }
        }
        let clause = &answer[left..right];
        let trimmed = clause.trim();
        if trimmed.is_empty() {
            return s.text(answer).to_string();
        }
        trimmed.to_string()
    }
}
