//! Key terms of a question or rubric point: its stemmed content words less
//! the ones that say how to answer, and how many of them a text uses.

use std::collections::BTreeSet;
use std::ops::Bound;

use super::concepts::concepts;
use crate::coach::offline::text::{content_words, stem};

/// Words in a question that say how to answer rather than what about.
pub(super) const QUESTION_GENERIC: &[&str] = &[
    "about",
    "almost",
    "anything",
    "best",
    "decide",
    "describe",
    "did",
    "difference",
    "does",
    "done",
    "example",
    "experience",
    "explain",
    "give",
    "handle",
    "happen",
    "happened",
    "imagine",
    "know",
    "like",
    "made",
    "make",
    "particular",
    "really",
    "say",
    "share",
    "significant",
    "significantly",
    "someone",
    "something",
    "specific",
    "suppose",
    "talk",
    "tell",
    "thing",
    "things",
    "time",
    "walk",
    "way",
    "yourself",
];

/// Words in a rubric point that say what the answer does rather than what
/// it is about.
pub(super) const RUBRIC_GENERIC: &[&str] = &[
    "addresses",
    "answer",
    "approach",
    "assesses",
    "both",
    "clear",
    "clearly",
    "communicates",
    "concrete",
    "covers",
    "defines",
    "demonstrates",
    "describes",
    "details",
    "discusses",
    "especially",
    "example",
    "explains",
    "explores",
    "gives",
    "identifies",
    "ideally",
    "including",
    "keeps",
    "mentions",
    "plans",
    "prioritizes",
    "proposes",
    "recommends",
    "returns",
    "seeks",
    "sets",
    "shows",
    "specific",
    "states",
    "such",
    "uses",
    "way",
    "ways",
    "whether",
];

/// Stems in a rubric point that ask for numbers.
const QUANTITY_STEMS: &[&str] = &["figure", "metric", "number", "quantif"];

/// Key terms of a text, stemmed; "measured" and "measurement" match.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    stems: Vec<String>,
}

impl Terms {
    pub fn new(text: &str, generic: &[&str]) -> Self {
        let generic: BTreeSet<String> = generic.iter().map(|w| stem(w)).collect();
        let stems = content_words(text)
            .into_iter()
            .filter(|w| !generic.contains(w) && !is_number_word(w))
            .collect();
        Self { stems }
    }

    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    pub fn matched<'a>(
        &'a self,
        words: &'a BTreeSet<String>,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.stems
            .iter()
            .filter(|t| {
                term_in(t, words)
                    || concepts()
                        .get(t.as_str())
                        .is_some_and(|alts| alts.iter().any(|a| words.contains(a)))
            })
            .map(String::as_str)
    }

    pub fn count_in(&self, words: &BTreeSet<String>) -> usize {
        self.matched(words).count()
    }

    pub(super) fn asks_for_numbers(&self) -> bool {
        self.stems
            .iter()
            .any(|t| QUANTITY_STEMS.iter().any(|q| t.starts_with(q)))
    }
}

fn is_number_word(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "twelve"
                | "twenty"
                | "hundred"
                | "thousand"
                | "million"
        )
}

/// Whether a stemmed term is among `words`, exactly or sharing its first
/// six letters (five for a five-letter term).
fn term_in(term: &str, words: &BTreeSet<String>) -> bool {
    if words.contains(term) {
        return true;
    }
    let len = term.chars().count();
    if len < 5 {
        return false;
    }
    let cut = term
        .char_indices()
        .nth(len.min(6))
        .map_or(term.len(), |(i, _)| i);
    let prefix = &term[..cut];
    let longer = words
        .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .next()
        .is_some_and(|w| w.starts_with(prefix));
    // A shorter stem of the same word: "chang" (changing) for "change".
    longer
        || term
            .char_indices()
            .skip(5)
            .any(|(at, _)| words.contains(&term[..at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> BTreeSet<String> {
        content_words(text)
    }

    #[test]
    fn key_terms_leave_out_how_to_answer() {
        let terms = Terms::new(
            "Tell me about a time you led the response to a production incident.",
            QUESTION_GENERIC,
        );
        assert_eq!(terms.stems, ["incident", "led", "production", "response"]);
    }

    #[test]
    fn word_families_match() {
        let terms = Terms::new("how the bottleneck was measured", RUBRIC_GENERIC);
        assert_eq!(
            terms.count_in(&set("I took measurements of the bottlenecks")),
            2
        );
        assert_eq!(terms.count_in(&set("I baked bread")), 0);
    }
}
