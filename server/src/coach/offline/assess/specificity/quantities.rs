//! Numbers as written: whether one has a unit or counts something, its
//! surface form for quoting back, and the vague amounts that stand in for
//! a number.

use std::sync::OnceLock;

use super::super::Reading;
use super::super::facts::Number;
use super::super::lexicon::Lexicon;
use super::TIME_UNITS;
use crate::coach::offline::text::is_stop_word;

pub(super) fn vague_amounts() -> &'static Lexicon<()> {
    static LEXICON: OnceLock<Lexicon<()>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::new(&[
            ("a large", ()),
            ("a huge", ()),
            ("a big", ()),
            ("a small", ()),
            ("a lot of", ()),
            ("lots of", ()),
            ("a bunch of", ()),
            ("a handful of", ()),
            ("a couple of", ()),
            ("a few", ()),
            ("several", ()),
            ("many", ()),
            ("most", ()),
            ("very little", ()),
            ("far below", ()),
            ("far above", ()),
            ("tons of", ()),
            ("a tiny fraction", ()),
            ("a fraction", ()),
        ])
    })
}

/// Number `n` of sentence `i` as written, with its unit: "1.8 seconds",
/// "40%", "$400,000", "200 orders". `None` for labels such as "p95".
pub(super) fn number_surface(reading: &Reading, i: usize, n: &Number) -> Option<String> {
    let sentence = &reading.sentences[i];
    let answer = reading.answer;
    let first = &sentence.words[n.first];
    if !first.lower.starts_with(|c: char| c.is_ascii_digit()) && !n.spelled {
        return None;
    }
    let mut start = first.start;
    if let Some(sign) = answer[..start]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '$' | '£' | '€'))
    {
        start -= sign.len_utf8();
    }
    let mut end = sentence.words[n.last].end;
    if answer[end..].starts_with('%') {
        end += 1;
    } else if let Some(next) = sentence.words.get(n.last + 1)
        && (n.spelled || !first.lower.ends_with(|c: char| c.is_alphabetic()))
        && is_unit(&next.lower)
    {
        end = next.end;
    }
    Some(answer[start..end].to_string())
}

/// Units and the things answers count.
const UNITS: &[&str] = &[
    "bytes",
    "celsius",
    "cents",
    "dollars",
    "euros",
    "fahrenheit",
    "gb",
    "hz",
    "k",
    "kb",
    "kilograms",
    "kilometers",
    "kilometres",
    "kg",
    "km",
    "m",
    "mb",
    "meters",
    "metres",
    "miles",
    "ms",
    "ns",
    "percent",
    "pounds",
    "rps",
    "qps",
    "tb",
    "times",
    "x",
];

/// Whether a word after a number names what it measures: a unit, a time
/// unit or a counted thing ("200 orders").
pub(super) fn is_unit(word: &str) -> bool {
    UNITS.contains(&word)
        || TIME_UNITS.contains(&word)
        || (word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && word.chars().all(char::is_alphabetic)
            && !matches!(
                word,
                "plus" | "minus" | "thus" | "was" | "has" | "this" | "its"
            ))
}

/// Whether number `n` in sentence `i` has a unit or counts something.
pub(super) fn has_unit(reading: &Reading, i: usize, n: &Number) -> bool {
    let sentence = &reading.sentences[i];
    let word = &sentence.words[n.first];
    let last = &sentence.words[n.last];
    let answer = reading.answer;
    if word.lower.ends_with(|c: char| c.is_alphabetic())
        && word.lower.starts_with(|c: char| c.is_ascii_digit())
    {
        return true; // "1.8s", "320ms", "10x"
    }
    if answer[last.end..].starts_with(['%', '×']) || answer[..word.start].ends_with(['$', '£', '€'])
    {
        return true;
    }
    sentence.words.get(n.last + 1).is_some_and(|next| {
        let w = next.lower.as_str();
        w.chars().all(char::is_alphabetic) && (w == "percent" || !is_stop_word(w))
    })
}
