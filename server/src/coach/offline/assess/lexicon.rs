//! Phrase lists matched against a sentence's words in one pass: phrases are
//! indexed by their first word, so the cost grows with the words of the
//! answer, not with the size of the lists.

use std::collections::HashMap;

/// A list of phrases, each tagged with a value such as a weight.
pub struct Lexicon<T> {
    by_first: HashMap<&'static str, Vec<Entry<T>>>,
    /// Phrases whose first word ends in `*` (a prefix), checked one by one.
    by_prefix: Vec<Entry<T>>,
}

struct Entry<T> {
    words: Vec<&'static str>,
    tag: T,
    /// Only at the start of a sentence (after any "so", "and", "then").
    opening: bool,
}

/// One phrase found: words `start..end` of the sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub tag: T,
}

impl<T: Copy> Lexicon<T> {
    /// Phrases are lower-case words separated by spaces. A word ending in
    /// `*` matches any word it begins; a phrase starting with `^` only
    /// counts at the opening of a sentence.
    pub fn new(entries: &[(&'static str, T)]) -> Self {
        let mut by_first: HashMap<&'static str, Vec<Entry<T>>> = HashMap::new();
        let mut by_prefix = Vec::new();
        for &(phrase, tag) in entries {
            let (opening, phrase) = match phrase.strip_prefix('^') {
                Some(rest) => (true, rest),
                None => (false, phrase),
            };
            let words: Vec<&'static str> = phrase.split(' ').collect();
            let entry = Entry {
                words,
                tag,
                opening,
            };
            if entry.words[0].ends_with('*') {
                by_prefix.push(entry);
            } else {
                by_first.entry(entry.words[0]).or_default().push(entry);
            }
        }
        // Longest phrases first, so that "i think maybe" wins over "i think".
        for list in by_first.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        Self {
            by_first,
            by_prefix,
        }
    }

    /// Phrases found in `words`, longest first at each position, not
    /// overlapping, in order.
    pub fn find(&self, words: &[&str]) -> Vec<Hit<T>> {
        let opening_end = opening_end(words);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let candidates = self
                .by_first
                .get(words[i])
                .into_iter()
                .flatten()
                .chain(self.by_prefix.iter());
            let mut best: Option<(usize, T)> = None;
            for entry in candidates {
                if entry.opening && i > opening_end {
                    continue;
                }
                if matches(&entry.words, &words[i..])
                    && best.is_none_or(|(len, _)| entry.words.len() > len)
                {
                    best = Some((entry.words.len(), entry.tag));
                }
            }
            match best {
                Some((len, tag)) => {
                    out.push(Hit {
                        start: i,
                        end: i + len,
                        tag,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

fn matches(pattern: &[&str], words: &[&str]) -> bool {
    pattern.len() <= words.len()
        && pattern
            .iter()
            .zip(words)
            .all(|(p, w)| match p.strip_suffix('*') {
                Some(prefix) => w.starts_with(prefix),
                None => p == w,
            })
}

/// The index of the first word after the linking words that can open a
/// sentence ("so", "and then", "yeah so").
fn opening_end(words: &[&str]) -> usize {
    words
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "so" | "and" | "then" | "but" | "yeah" | "well" | "okay" | "ok" | "um" | "uh"
            )
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_hits_do_not_overlap() {
        let lexicon = Lexicon::new(&[("i think", 1), ("i think maybe", 2), ("maybe", 3)]);
        let hits = lexicon.find(&["i", "think", "maybe", "it", "was", "maybe"]);
        assert_eq!(
            hits.iter()
                .map(|h| (h.start, h.end, h.tag))
                .collect::<Vec<_>>(),
            [(0, 3, 2), (5, 6, 3)]
        );
    }

    #[test]
    fn prefixes_and_openings() {
        let lexicon = Lexicon::new(&[("improv* by", 1), ("^as a", 2)]);
        assert_eq!(lexicon.find(&["it", "improved", "by", "half"]).len(), 1);
        assert_eq!(lexicon.find(&["so", "as", "a", "lead"]).len(), 1);
        assert!(lexicon.find(&["i", "worked", "as", "a", "lead"]).is_empty());
    }
}
