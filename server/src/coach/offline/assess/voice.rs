//! Who does what in a sentence: "I" or "we" as the subject of a verb, and
//! whether the verb tells a past action ("I rewrote") or a plan ("I'd start").

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    I,
    We,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "I rewrote", "we rolled back".
    Past,
    /// "I'd start", "we would run", "I'll ask".
    Plan,
    /// Anything else with a verb after the subject: "I check", "I was".
    Other,
}

/// One subject and the verb that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Word index of the subject.
    pub at: usize,
    pub subject: Subject,
    pub tense: Tense,
    /// The verb reports something found out ("I noticed", "I saw") rather
    /// than done.
    pub discovery: bool,
}

/// Verbs after "I" that hedge rather than act: "I think", "I guess".
const HEDGING_VERBS: &[&str] = &[
    "believe", "feel", "guess", "mean", "reckon", "suppose", "think",
];

/// Past forms that tell context or a state of mind, not an action.
const NOT_ACTIONS: &[&str] = &[
    "became",
    "been",
    "cared",
    "faced",
    "felt",
    "got",
    "had",
    "hated",
    "interested",
    "joined",
    "knew",
    "liked",
    "loved",
    "needed",
    "supposed",
    "thought",
    "tired",
    "used",
    "wanted",
    "was",
    "were",
    "worked",
    "worried",
];

const DISCOVERY: &[&str] = &[
    "discovered",
    "found",
    "learned",
    "learnt",
    "noticed",
    "realised",
    "realized",
    "saw",
    "spotted",
];

/// Irregular past forms of verbs that tell actions.
const IRREGULAR_PAST: &[&str] = &[
    "began",
    "bent",
    "bought",
    "broke",
    "brought",
    "built",
    "caught",
    "chose",
    "cut",
    "dealt",
    "did",
    "didn't",
    "drew",
    "drove",
    "dug",
    "fed",
    "flew",
    "fought",
    "found",
    "froze",
    "gave",
    "ground",
    "heard",
    "held",
    "hid",
    "hit",
    "hung",
    "kept",
    "laid",
    "led",
    "left",
    "let",
    "lit",
    "made",
    "met",
    "oversaw",
    "paid",
    "put",
    "quit",
    "ran",
    "read",
    "rebuilt",
    "redid",
    "rewrote",
    "rode",
    "said",
    "sat",
    "saw",
    "sent",
    "set",
    "shook",
    "shot",
    "showed",
    "shut",
    "slid",
    "sold",
    "sought",
    "spent",
    "split",
    "spoke",
    "spun",
    "stood",
    "stuck",
    "swept",
    "taught",
    "threw",
    "told",
    "took",
    "tore",
    "understood",
    "undid",
    "upheld",
    "went",
    "withdrew",
    "won",
    "wound",
    "wrote",
];

/// Words that may stand between a subject and its verb.
const BETWEEN: &[&str] = &[
    "actually",
    "again",
    "all",
    "also",
    "always",
    "basically",
    "both",
    "carefully",
    "deliberately",
    "eventually",
    "finally",
    "first",
    "immediately",
    "instead",
    "just",
    "kind",
    "later",
    "maybe",
    "never",
    "next",
    "of",
    "personally",
    "probably",
    "quickly",
    "quietly",
    "really",
    "sort",
    "still",
    "then",
    "together",
];

pub fn is_past_action(word: &str) -> bool {
    if NOT_ACTIONS.contains(&word) {
        return false;
    }
    IRREGULAR_PAST.contains(&word)
        || (word.len() >= 5 && word.ends_with("ed") && word.chars().all(|c| c.is_alphabetic()))
}

/// The subjects "I" and "we" in a sentence's lower-case words, each with
/// the verb after it. Hedging uses ("I think") are left out.
pub fn clauses(words: &[&str]) -> Vec<Clause> {
    let mut out = Vec::new();
    for (i, &word) in words.iter().enumerate() {
        let (subject, contracted_plan) = match word {
            "i" | "i've" | "i'm" => (Subject::I, false),
            "i'd" | "i'll" => (Subject::I, true),
            "we" | "we've" | "we're" => (Subject::We, false),
            "we'd" | "we'll" => (Subject::We, true),
            _ => continue,
        };
        let mut j = i + 1;
        while j < words.len()
            && j <= i + 3
            && (BETWEEN.contains(&words[j]) || words[j].ends_with("ly"))
        {
            j += 1;
        }
        let Some(&verb) = words.get(j) else {
            continue;
        };
        if HEDGING_VERBS.contains(&verb) || (contracted_plan && verb == "say") {
            continue;
        }
        // "I load-tested" reaches here as "load", "tested".
        let compound = !matches!(
            verb,
            "am" | "is" | "was" | "were" | "be" | "been" | "have" | "has" | "had" | "do" | "did"
        ) && words
            .get(j + 1)
            .is_some_and(|w| is_past_action(w) && w.ends_with("ed"));
        let tense = if contracted_plan || matches!(verb, "would" | "will") {
            Tense::Plan
        } else if is_past_action(verb) || compound {
            Tense::Past
        } else {
            Tense::Other
        };
        out.push(Clause {
            at: i,
            subject,
            tense,
            discovery: DISCOVERY.contains(&verb),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Subject, Tense)> {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                    .to_lowercase()
            })
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        clauses(&refs)
            .into_iter()
            .map(|c| (c.subject, c.tense))
            .collect()
    }

    #[test]
    fn finds_who_acted() {
        assert_eq!(
            read("I also rewrote the layer"),
            [(Subject::I, Tense::Past)]
        );
        assert_eq!(read("then we rolled it back"), [(Subject::We, Tense::Past)]);
        assert_eq!(read("I'd start by asking"), [(Subject::I, Tense::Plan)]);
        assert_eq!(
            read("I was a backend engineer"),
            [(Subject::I, Tense::Other)]
        );
        assert!(read("I think it was the database").is_empty());
        assert!(read("I'd say it helped").is_empty());
    }
}
