//! Hedges ("I think maybe"), filler ("basically") and vague wording
//! ("stuff like that"): finding them, and trimming them from a sentence
//! without breaking its grammar.

use std::sync::OnceLock;

use super::lexicon::{Hit, Lexicon};
use super::sentences::Sentence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Softens a claim: "I think", "maybe", "kind of".
    Hedge,
    /// Says nothing: "basically", "you know".
    Filler,
    /// Stands in for a detail: "stuff like that", "a bunch of".
    Vague,
}

/// What the rewrite does with a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trim {
    Keep,
    Drop,
    Replace(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tag {
    pub kind: Kind,
    /// How much it costs the specificity score.
    pub weight: f32,
    pub trim: Trim,
}

const fn tag(kind: Kind, weight: f32, trim: Trim) -> Tag {
    Tag { kind, weight, trim }
}

const HEDGE: Tag = tag(Kind::Hedge, 1.0, Trim::Drop);
const SOFT_HEDGE: Tag = tag(Kind::Hedge, 0.5, Trim::Keep);
const FILLER: Tag = tag(Kind::Filler, 0.8, Trim::Drop);
const OPENER: Tag = tag(Kind::Filler, 0.1, Trim::Drop);
const TAIL: Tag = tag(Kind::Vague, 1.0, Trim::Drop);
const VAGUE: Tag = tag(Kind::Vague, 0.6, Trim::Keep);
const SLIGHTLY_VAGUE: Tag = tag(Kind::Vague, 0.3, Trim::Keep);

fn lexicon() -> &'static Lexicon<Tag> {
    static LEXICON: OnceLock<Lexicon<Tag>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::new(&[
            // Hedges the rewrite can drop without changing what is said.
            ("i think maybe", HEDGE),
            ("i think that", HEDGE),
            ("i think", HEDGE),
            ("i guess", HEDGE),
            ("i suppose", HEDGE),
            ("i believe", tag(Kind::Hedge, 0.6, Trim::Drop)),
            ("i feel like", HEDGE),
            ("i'd say", tag(Kind::Hedge, 0.6, Trim::Drop)),
            ("i would say", tag(Kind::Hedge, 0.6, Trim::Drop)),
            ("maybe", HEDGE),
            ("perhaps", HEDGE),
            ("probably", tag(Kind::Hedge, 0.7, Trim::Drop)),
            ("possibly", HEDGE),
            ("kind of", HEDGE),
            ("sort of", HEDGE),
            ("kinda", HEDGE),
            ("sorta", HEDGE),
            ("more or less", HEDGE),
            ("pretty much", HEDGE),
            ("in a way", tag(Kind::Hedge, 0.6, Trim::Drop)),
            ("some sort of", tag(Kind::Vague, 1.0, Trim::Replace("some"))),
            ("some kind of", tag(Kind::Vague, 1.0, Trim::Replace("some"))),
            // Hedges that carry meaning, so they stay.
            ("somewhat", SOFT_HEDGE),
            ("i'm not sure", SOFT_HEDGE),
            ("not really sure", SOFT_HEDGE),
            ("to some extent", SOFT_HEDGE),
            // Filler.
            ("basically", FILLER),
            ("honestly", FILLER),
            ("to be honest", FILLER),
            ("literally", FILLER),
            ("you know", FILLER),
            ("i mean", FILLER),
            ("actually", tag(Kind::Filler, 0.2, Trim::Drop)),
            ("at the end of the day", FILLER),
            ("^so", OPENER),
            ("^yeah", tag(Kind::Filler, 0.5, Trim::Drop)),
            ("^well", OPENER),
            ("^okay", OPENER),
            ("^um", tag(Kind::Filler, 0.5, Trim::Drop)),
            ("^uh", tag(Kind::Filler, 0.5, Trim::Drop)),
            // Vague tails that stand in for a list.
            ("stuff like that", TAIL),
            ("or stuff like that", TAIL),
            ("or things like that", TAIL),
            ("or stuff", TAIL),
            ("or things", TAIL),
            ("and stuff like that", TAIL),
            ("things like that", TAIL),
            ("and things like that", TAIL),
            ("or something like that", TAIL),
            ("something like that", TAIL),
            ("or something", TAIL),
            ("or whatever", TAIL),
            ("and stuff", TAIL),
            ("and things", TAIL),
            ("and so on", VAGUE),
            ("etc", SLIGHTLY_VAGUE),
            // Vague amounts and nouns.
            (
                "a bunch of",
                tag(Kind::Vague, 1.0, Trim::Replace("several")),
            ),
            ("a lot of", VAGUE),
            ("lots of", VAGUE),
            ("a lot", SLIGHTLY_VAGUE),
            ("at some point", VAGUE),
            ("for a while", SLIGHTLY_VAGUE),
            ("a while", SLIGHTLY_VAGUE),
            ("a bit", SLIGHTLY_VAGUE),
            ("stuff", VAGUE),
            ("things", SLIGHTLY_VAGUE),
            ("something", SLIGHTLY_VAGUE),
            ("some things", VAGUE),
            ("various", SLIGHTLY_VAGUE),
            ("it depends", SLIGHTLY_VAGUE),
            ("in general", SLIGHTLY_VAGUE),
            ("learning experience", VAGUE),
        ])
    })
}

/// Words before "kind of" / "sort of" that make it a plain noun phrase
/// ("this kind of problem", "what sort of tests").
const DETERMINERS: &[&str] = &[
    "a",
    "another",
    "any",
    "bad",
    "best",
    "certain",
    "common",
    "different",
    "each",
    "every",
    "exact",
    "first",
    "good",
    "new",
    "no",
    "of",
    "one",
    "only",
    "other",
    "particular",
    "right",
    "same",
    "similar",
    "specific",
    "that",
    "the",
    "these",
    "this",
    "those",
    "usual",
    "what",
    "whatever",
    "which",
    "whole",
    "worst",
    "wrong",
];

/// Words before "that kind of" which make "that" point at a kind ("is that
/// kind of problem") rather than open a clause ("something that kind of
/// works").
const POINTING: &[&str] = &[
    "all", "be", "did", "do", "does", "exactly", "for", "in", "is", "just", "like", "love", "need",
    "of", "prefer", "see", "use", "want", "was", "were", "with",
];

/// Whether "kind of" at word `at` names a kind ("this kind of problem")
/// rather than hedging ("it kind of works").
fn noun_phrase(words: &[&str], at: usize) -> bool {
    let before = words[at - 1];
    if matches!(before, "that" | "which") {
        return at < 2 || POINTING.contains(&words[at - 2]);
    }
    DETERMINERS.contains(&before)
}

/// Hedges, filler and vague wording in a sentence.
pub fn find(sentence: &Sentence) -> Vec<Hit<Tag>> {
    let words = sentence.lower();
    lexicon()
        .find(&words)
        .into_iter()
        .filter(|hit| {
            let phrase = &words[hit.start..hit.end];
            let is_kind_of = matches!(phrase, ["kind", "of"] | ["sort", "of"]);
            !(is_kind_of && hit.start > 0 && noun_phrase(&words, hit.start))
        })
        .collect()
}

/// The sentence with droppable hedges and filler taken out, punctuation
/// tidied and the first letter capitalised. `None` when nothing is left.
pub fn trim(answer: &str, sentence: &Sentence) -> Option<String> {
    let text = sentence.text(answer);
    let base = sentence.start;
    let hits = find(sentence);
    // Byte ranges within `text` to remove, and what to put in their place.
    let mut edits: Vec<(usize, usize, &'static str)> = Vec::new();
    for hit in hits {
        let replacement = match hit.tag.trim {
            Trim::Keep => continue,
            Trim::Drop => "",
            Trim::Replace(with) => with,
        };
        let start = sentence.words[hit.start].start - base;
        let end = sentence.words[hit.end - 1].end - base;
        edits.push((start, end, replacement));
    }
    if edits.is_empty() {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, replacement) in edits {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    let tidied = tidy(&out);
    let first_word_changed = sentence.words[0].start == base
        && !tidied.starts_with(&text[..sentence.words[0].end - base]);
    let tidied = if first_word_changed || starts_lower(text) == Some(false) {
        capitalise(&tidied)
    } else {
        tidied
    };
    tidied.chars().any(char::is_alphanumeric).then_some(tidied)
}

fn starts_lower(text: &str) -> Option<bool> {
    text.chars()
        .find(|c| c.is_alphabetic())
        .map(char::is_lowercase)
}

/// Mends the spaces and commas that removing words leaves behind.
fn tidy(text: &str) -> String {
    let mut s: String = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    loop {
        let before = s.len();
        for (from, to) in [
            (" ,", ","),
            (" .", "."),
            (" ?", "?"),
            (" !", "!"),
            (" ;", ";"),
            (" :", ":"),
            (",,", ","),
            (",.", "."),
            (",?", "?"),
            (",!", "!"),
            (", ,", ","),
            (",;", ";"),
            ("  ", " "),
            ("( ", "("),
            (" )", ")"),
        ] {
            s = s.replace(from, to);
        }
        if s.len() == before {
            break;
        }
    }
    // A list cut short leaves a dangling "or" or "and" before the stop.
    for conjunction in [" or", " and", ", or", ", and"] {
        for stop in [".", "?", "!", ",", ";"] {
            let from = format!("{conjunction}{stop}");
            s = s.replace(&from, stop);
        }
    }
    // A sentence cannot open with punctuation left from a removed opener.
    let trimmed = s.trim_start_matches([',', ';', ':', ' ']);
    let trimmed = trimmed.trim_end_matches([',', ' ']);
    trimmed.to_string()
}

fn capitalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = false;
    for c in text.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sentences::split;
    use super::*;

    fn trimmed(text: &str) -> Vec<String> {
        split(text).iter().filter_map(|s| trim(text, s)).collect()
    }

    #[test]
    fn drops_hedges_and_keeps_grammar() {
        assert_eq!(
            trimmed(
                "So basically we had this service that was kind of slow, and people were sort of complaining about it. \
                 We looked into it, and I think maybe the database was part of the problem, or some of the queries, stuff like that."
            ),
            [
                "We had this service that was slow, and people were complaining about it.",
                "We looked into it, and the database was part of the problem, or some of the queries."
            ]
        );
    }

    #[test]
    fn trailing_and_parenthetical_filler() {
        assert_eq!(
            trimmed(
                "It was a good learning experience for everybody involved, basically. It sort of depends on the app, honestly."
            ),
            [
                "It was a good learning experience for everybody involved.",
                "It depends on the app."
            ]
        );
        assert_eq!(
            trimmed("Yeah, so there was this bug. I think I'd basically just try to talk to them."),
            ["There was this bug.", "I'd just try to talk to them."]
        );
    }

    #[test]
    fn replaces_vague_amounts() {
        assert_eq!(
            trimmed("We tried a bunch of things and found some sort of middle ground."),
            ["We tried several things and found some middle ground."]
        );
    }

    #[test]
    fn leaves_noun_phrases_and_plain_sentences_alone() {
        assert_eq!(
            trimmed(
                "This kind of problem needs a different sort of test. I added OpenTelemetry spans."
            ),
            [
                "This kind of problem needs a different sort of test.",
                "I added OpenTelemetry spans."
            ]
        );
    }

    #[test]
    fn a_sentence_of_only_filler_disappears() {
        assert!(trimmed("I think maybe.").is_empty());
    }

    #[test]
    fn counts_hedges() {
        let text = "So basically we kind of fixed stuff, I think.";
        let sentences = split(text);
        let kinds: Vec<Kind> = find(&sentences[0]).iter().map(|h| h.tag.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Filler,
                Kind::Filler,
                Kind::Hedge,
                Kind::Vague,
                Kind::Hedge
            ]
        );
    }
}
