//! How an answer was delivered in a mock interview, as well as what it
//! said: pace, filler words, pauses and time. The browser reports how the
//! answer was given and how long it took; everything else is read from the
//! text here, the same way on both sides.

use serde::{Deserialize, Serialize};

use super::QuestionKind;
use super::feedback::word_count;

/// The time allowed for an answer, in seconds: the bounds of the mock
/// interview's setting and its default for each kind of question.
pub const MIN_ANSWER_SECONDS: u32 = 30;
pub const MAX_ANSWER_SECONDS: u32 = 20 * 60;

/// The default time for an answer to a question of `kind`: two minutes for
/// a story or a scenario, four for a technical question, eight for a
/// design.
pub fn default_answer_seconds(kind: QuestionKind) -> u32 {
    match kind {
        QuestionKind::Behavioral | QuestionKind::Situational => 2 * 60,
        QuestionKind::Technical => 4 * 60,
        QuestionKind::SystemDesign => 8 * 60,
    }
}

/// How the answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerMode {
    Spoken,
    Typed,
}

impl AnswerMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spoken => "spoken",
            Self::Typed => "typed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "spoken" => Some(Self::Spoken),
            "typed" => Some(Self::Typed),
            _ => None,
        }
    }
}

/// What the browser measured while the answer was given. Untrusted: it is
/// bounded by [`Timing::parse`] before anything is computed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub mode: AnswerMode,
    /// From the question being shown to the answer being handed in.
    pub seconds_used: u32,
    /// Filled in by the server from the run; a client may leave it out.
    #[serde(default)]
    pub seconds_allowed: u32,
    /// The longest silence the speech recogniser reported, in milliseconds;
    /// `None` for a typed answer or a browser that reports none.
    pub longest_pause_ms: Option<u32>,
}

impl Timing {
    /// Checks the browser's figures: the allowed time within its bounds,
    /// the time used no more than the allowed time and a minute's grace for
    /// a slow network, and a pause no longer than the time used.
    pub fn parse(self) -> Result<Self, String> {
        if !(MIN_ANSWER_SECONDS..=MAX_ANSWER_SECONDS).contains(&self.seconds_allowed) {
            return Err(format!(
                "The time per answer must be between {} seconds and {} minutes.",
                MIN_ANSWER_SECONDS,
                MAX_ANSWER_SECONDS / 60
            ));
        }
        if self.seconds_used > self.seconds_allowed + 60 {
            return Err("The time used is longer than the time allowed.".to_string());
        }
        let longest_pause_ms = match self.mode {
            AnswerMode::Typed => None,
            AnswerMode::Spoken => self
                .longest_pause_ms
                .map(|ms| ms.min(self.seconds_used.saturating_mul(1000))),
        };
        Ok(Self {
            longest_pause_ms,
            ..self
        })
    }
}

/// One filler word or phrase and how often it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filler {
    pub phrase: String,
    pub count: u32,
}

/// The delivery report for one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub mode: AnswerMode,
    pub words: u32,
    pub seconds_used: u32,
    pub seconds_allowed: u32,
    /// Spoken answers only.
    pub words_per_minute: Option<u32>,
    /// Spoken answers only; the fillers themselves are listed for both.
    pub fillers_per_minute: Option<f32>,
    pub fillers: Vec<Filler>,
    pub longest_pause_ms: Option<u32>,
}

impl Delivery {
    pub fn new(text: &str, timing: Timing) -> Self {
        let words = word_count(text);
        let fillers = fillers(text);
        let minutes = timing.seconds_used as f32 / 60.0;
        let spoken = timing.mode == AnswerMode::Spoken && timing.seconds_used > 0;
        let filler_total: u32 = fillers.iter().map(|f| f.count).sum();
        Self {
            mode: timing.mode,
            words,
            seconds_used: timing.seconds_used,
            seconds_allowed: timing.seconds_allowed,
            words_per_minute: spoken.then(|| (words as f32 / minutes).round() as u32),
            fillers_per_minute: spoken
                .then(|| (filler_total as f32 / minutes * 10.0).round() / 10.0),
            fillers,
            longest_pause_ms: timing.longest_pause_ms,
        }
    }
}

/// Words before "sort of" or "kind of" that make it a noun phrase ("a kind
/// of cache") rather than a hedge ("it was kind of slow").
const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "another",
    "any",
    "each",
    "every",
    "one",
    "same",
    "some",
    "that",
    "the",
    "these",
    "this",
    "those",
    "what",
    "which",
    "different",
    "right",
    "wrong",
];

/// Words after "you know" that make it a verb with an object ("you know
/// the schema") rather than a filler.
const KNOWN_THINGS: &[&str] = &[
    "a",
    "about",
    "all",
    "an",
    "each",
    "enough",
    "every",
    "everything",
    "exactly",
    "her",
    "him",
    "his",
    "how",
    "if",
    "it",
    "its",
    "me",
    "more",
    "my",
    "nothing",
    "our",
    "someone",
    "something",
    "that",
    "the",
    "their",
    "them",
    "these",
    "this",
    "those",
    "us",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "who",
    "why",
    "your",
];

/// Forms of "be" before a quoting "like" ("he was like, no").
const BE: &[&str] = &[
    "was", "were", "is", "are", "am", "i'm", "he's", "she's", "they're",
];

/// Words before "like" that make it a verb or a comparison ("I'd like",
/// "looks like", "something like").
const LIKE_AS_A_WORD: &[&str] = &[
    "would",
    "i'd",
    "we'd",
    "you'd",
    "they'd",
    "feel",
    "feels",
    "felt",
    "look",
    "looks",
    "looked",
    "seem",
    "seems",
    "seemed",
    "sound",
    "sounds",
    "sounded",
    "just",
    "something",
    "things",
    "more",
    "much",
    "didn't",
    "don't",
    "not",
    "i",
    "we",
    "you",
    "they",
    "people",
    "users",
];

/// One word of the text, lower-case, and the pause marks that follow it.
struct Word {
    lower: String,
    /// A comma, dash or other mid-sentence pause follows it.
    comma_after: bool,
    /// Any pause follows it, the end of a sentence included.
    pause_after: bool,
    /// It begins a sentence.
    first: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let core: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .replace('\u{2019}', "'")
            .to_lowercase();
        let ends = raw.trim_end_matches(['"', '\'', ')', '\u{201d}']);
        let comma_after = ends.ends_with([',', ';', ':', '-', '\u{2013}', '\u{2014}']);
        let pause_after = comma_after || ends.ends_with(['.', '?', '!']);
        if core.is_empty() {
            if let Some(last) = out.last_mut() {
                last.comma_after |= comma_after;
                last.pause_after |= pause_after;
            }
            continue;
        }
        out.push(Word {
            lower: core.trim_matches('\'').to_string(),
            comma_after,
            pause_after,
            first: sentence_start,
        });
        sentence_start = ends.ends_with(['.', '?', '!']);
    }
    out
}

/// Filler words and phrases in an answer, most frequent first. The rules
/// lean towards missing a filler rather than calling a real word one:
/// "like" counts only when it is set off by a pause or quotes speech, "you
/// know" only when nothing it could be knowing follows, and "kind of" and
/// "sort of" only when they hedge rather than classify.
pub fn fillers(text: &str) -> Vec<Filler> {
    let words = words(text);
    let mut counts: Vec<(&'static str, u32)> = Vec::new();
    let mut add = |phrase: &'static str| match counts.iter_mut().find(|(p, _)| *p == phrase) {
        Some((_, n)) => *n += 1,
        None => counts.push((phrase, 1)),
    };
    let at = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let before = i.checked_sub(1).map(|j| &words[j]);
        let next = at(i + 1);
        let mut taken = 1;
        match word.lower.as_str() {
            "um" | "umm" | "uhm" | "erm" | "hmm" => add("um"),
            "uh" | "uhh" | "er" => add("uh"),
            "basically" => add("basically"),
            "literally" => add("literally"),
            "like" => {
                let fixed = before.is_some_and(|b| LIKE_AS_A_WORD.contains(&b.lower.as_str()));
                let quoting = before.is_some_and(|b| BE.contains(&b.lower.as_str()))
                    && (word.comma_after || matches!(next, Some("um" | "uh")));
                if (word.comma_after && !fixed) || quoting {
                    add("like");
                }
            }
            "you" if next == Some("know") => {
                taken = 2;
                let object = at(i + 2);
                let ends_clause = words[i + 1].pause_after || object.is_none();
                if ends_clause || !object.is_some_and(|o| KNOWN_THINGS.contains(&o)) {
                    // "Do you know", "if you know": a real question.
                    if !before.is_some_and(|b| {
                        matches!(
                            b.lower.as_str(),
                            "do" | "did" | "if" | "as" | "don't" | "what"
                        )
                    }) {
                        add("you know");
                    }
                }
            }
            "i" if next == Some("mean") && (word.first || words[i + 1].comma_after) => {
                taken = 2;
                add("I mean");
            }
            "sort" | "kind" if next == Some("of") => {
                taken = 2;
                if !before.is_some_and(|b| DETERMINERS.contains(&b.lower.as_str())) {
                    add(if word.lower == "sort" {
                        "sort of"
                    } else {
                        "kind of"
                    });
                }
            }
            _ => {}
        }
        i += taken;
    }
    let mut out: Vec<Filler> = counts
        .into_iter()
        .map(|(phrase, count)| Filler {
            phrase: phrase.to_string(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.phrase.cmp(&b.phrase)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str, phrase: &str) -> u32 {
        fillers(text)
            .iter()
            .find(|f| f.phrase == phrase)
            .map_or(0, |f| f.count)
    }

    #[test]
    fn hesitations_are_fillers() {
        let text = "Um, so I started with the logs. Uh, then, erm, the metrics. Umm.";
        assert_eq!(count(text, "um"), 3);
        assert_eq!(count(text, "uh"), 1);
    }

    #[test]
    fn like_as_a_verb_or_a_comparison_is_not_a_filler() {
        for text in [
            "I'd like to walk you through it.",
            "It looks like the cache was cold.",
            "We used tools like Grafana and Loki.",
            "I like working with designers.",
            "It felt like a long week, and it was.",
            "Something like 40 requests a second.",
        ] {
            assert_eq!(count(text, "like"), 0, "{text}");
        }
    }

    #[test]
    fn like_set_off_by_pauses_or_quoting_is_a_filler() {
        assert_eq!(count("It was, like, three days of work.", "like"), 1);
        assert_eq!(count("And he was like, no way.", "like"), 1);
        assert_eq!(count("We had, like, no tests.", "like"), 1);
    }

    #[test]
    fn you_know_with_an_object_is_a_verb() {
        assert_eq!(
            count("You know the schema better than I do.", "you know"),
            0
        );
        assert_eq!(count("Do you know what the SLO was?", "you know"), 0);
        assert_eq!(count("It was, you know, a hard call.", "you know"), 1);
        assert_eq!(count("We shipped it you know and moved on", "you know"), 1);
    }

    #[test]
    fn kind_of_hedges_but_a_kind_of_classifies() {
        assert_eq!(count("It was kind of slow.", "kind of"), 1);
        assert_eq!(
            count("We built a kind of queue in front of it.", "kind of"),
            0
        );
        assert_eq!(count("That sort of problem comes up often.", "sort of"), 0);
        assert_eq!(count("I sort of owned the rollout.", "sort of"), 1);
    }

    #[test]
    fn i_mean_opening_a_sentence_is_a_filler() {
        assert_eq!(count("I mean, it worked. I meant to say so.", "I mean"), 1);
        assert_eq!(count("That is what I mean by ownership.", "I mean"), 0);
    }

    #[test]
    fn most_frequent_filler_comes_first() {
        let found = fillers("Um, uh, um. It was kind of, um, fine.");
        assert_eq!(
            found[0],
            Filler {
                phrase: "um".into(),
                count: 3
            }
        );
    }

    #[test]
    fn spoken_delivery_has_a_pace_and_a_filler_rate() {
        let text = "Um I rolled the release back and the errors stopped within four minutes";
        let d = Delivery::new(
            text,
            Timing {
                mode: AnswerMode::Spoken,
                seconds_used: 30,
                seconds_allowed: 120,
                longest_pause_ms: Some(2_500),
            },
        );
        assert_eq!(d.words, 13);
        assert_eq!(d.words_per_minute, Some(26));
        assert_eq!(d.fillers_per_minute, Some(2.0));
        assert_eq!(d.longest_pause_ms, Some(2_500));
    }

    #[test]
    fn typed_delivery_has_words_and_time_but_no_pace() {
        let d = Delivery::new(
            "I wrote the migration myself.",
            Timing {
                mode: AnswerMode::Typed,
                seconds_used: 120,
                seconds_allowed: 120,
                longest_pause_ms: None,
            },
        );
        assert_eq!(d.words, 5);
        assert_eq!(d.words_per_minute, None);
        assert_eq!(d.fillers_per_minute, None);
        assert_eq!((d.seconds_used, d.seconds_allowed), (120, 120));
    }

    #[test]
    fn the_browsers_figures_are_bounded() {
        let timing = |used, allowed, pause| Timing {
            mode: AnswerMode::Spoken,
            seconds_used: used,
            seconds_allowed: allowed,
            longest_pause_ms: pause,
        };
        assert!(timing(10, 10, None).parse().is_err(), "under the minimum");
        assert!(
            timing(10, 21 * 60, None).parse().is_err(),
            "over the maximum"
        );
        assert!(
            timing(500, 120, None).parse().is_err(),
            "used far beyond allowed"
        );
        assert_eq!(
            timing(20, 120, Some(90_000))
                .parse()
                .unwrap()
                .longest_pause_ms,
            Some(20_000),
            "a pause cannot be longer than the answer"
        );
        let typed = Timing {
            mode: AnswerMode::Typed,
            ..timing(20, 120, Some(5_000))
        };
        assert_eq!(typed.parse().unwrap().longest_pause_ms, None);
    }

    #[test]
    fn default_times_follow_the_kind() {
        assert_eq!(default_answer_seconds(QuestionKind::Behavioral), 120);
        assert_eq!(default_answer_seconds(QuestionKind::Situational), 120);
        assert_eq!(default_answer_seconds(QuestionKind::Technical), 240);
        assert_eq!(default_answer_seconds(QuestionKind::SystemDesign), 480);
    }
}
