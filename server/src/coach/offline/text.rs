//! Small text tools shared by job-description analysis and question ranking.

use std::collections::BTreeSet;

pub use app::model::clean;

/// Lower-case word tokens. Characters that belong inside tech names
/// (`c++`, `c#`, `node.js`, `ci/cd`) stay part of the token; the trailing
/// dot of a sentence does not.
pub fn tokens(text: &str) -> Vec<String> {
    cased_tokens(text)
        .into_iter()
        .map(|t| t.to_lowercase())
        .collect()
}

/// The same tokens as [`tokens`], in their original case.
pub fn cased_tokens(text: &str) -> Vec<String> {
    tokens_with_starts(text)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Tokens in their original case, each with whether it opens a sentence
/// (where a capital letter says nothing about it being a name).
pub fn tokens_with_starts(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut at_start = true;
    let flush = |current: &mut String, at_start: &mut bool, out: &mut Vec<(String, bool)>| {
        if current.is_empty() {
            return;
        }
        let ends_sentence = current.ends_with('.');
        let token = trim_token(current);
        if !token.is_empty() {
            out.push((token, *at_start));
            *at_start = false;
        }
        if ends_sentence {
            *at_start = true;
        }
        current.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '+' | '#' | '.' | '/' | '-' | '_') {
            current.push(c);
        } else {
            flush(&mut current, &mut at_start, &mut out);
            if matches!(
                c,
                '!' | '?' | ':' | '\n' | '"' | '“' | '‘' | '(' | '•' | '*'
            ) {
                at_start = true;
            }
        }
    }
    flush(&mut current, &mut at_start, &mut out);
    out
}

fn trim_token(token: &str) -> String {
    token
        .trim_matches(|c: char| matches!(c, '.' | '/' | '-' | '_'))
        .to_string()
}

/// Content words of a text: lower-case, stop words removed, crudely stemmed,
/// so that "deploying services" and "deployed a service" share words.
pub fn content_words(text: &str) -> BTreeSet<String> {
    tokens(text)
        .into_iter()
        .flat_map(|t| {
            t.split(['/', '-', '.'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|t| t.len() > 2 && !is_stop_word(t))
        .map(|t| stem(&t))
        .collect()
}

/// Jaccard similarity of two word sets, from 0 to 1.
pub fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// Strips common English suffixes. Good enough to match word families; it
/// is never shown to anyone.
pub fn stem(word: &str) -> String {
    for suffix in [
        "ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "ly", "s",
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            return if suffix == "ies" || suffix == "ied" {
                format!("{stem}y")
            } else {
                stem.to_string()
            };
        }
    }
    word.to_string()
}

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

// Sorted, for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "around", "as", "at", "be", "been", "before", "being", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "during", "each", "either", "etc", "ever",
    "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
    "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
    "one", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "via", "was", "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "within", "without", "would", "you", "your", "yours",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tokens_keep_tech_names_whole() {
        assert_eq!(
            tokens("Node.js, C++ and C# with CI/CD."),
            ["node.js", "c++", "and", "c#", "with", "ci/cd"]
        );
    }

    #[test]
    fn word_families_share_a_stem() {
        assert_eq!(stem("deploying"), stem("deployed"));
        assert_eq!(stem("services"), stem("service"));
    }
}
