//! Numbers and names: finding them in an answer, and checking that a
//! rewrite brings in none the answer lacks.

use super::sentences::words;
use crate::coach::offline::skills::SkillMatcher;
use crate::coach::offline::text::{tokens, tokens_with_starts};
use std::collections::HashSet;

/// A number in a list of words: words `first..=last`, digits ("1.8", "1,800",
/// "p95", "400k") or spelled ("forty", "two hundred").
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub first: usize,
    pub last: usize,
    /// The value as written, before any "k", "million" and so on.
    pub value: f64,
    /// The value with its magnitude applied.
    pub scaled: f64,
    /// The magnitude came from a letter ("400k", "5m"), which may also be
    /// a unit ("5m" as in minutes), so the bare value also counts.
    pub letter_magnitude: bool,
    pub spelled: bool,
}

/// Numbers in a sentence's lower-case words.
pub fn numbers(words: &[&str]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if word.chars().any(|c| c.is_ascii_digit()) {
            let runs = digit_runs(word);
            let count = runs.len();
            for (n, (value, suffix)) in runs.into_iter().enumerate() {
                let mut number = Number {
                    first: i,
                    last: i,
                    value,
                    scaled: value,
                    letter_magnitude: false,
                    spelled: false,
                };
                if n + 1 == count {
                    if let Some(m) = letter_magnitude(suffix) {
                        number.scaled = value * m;
                        number.letter_magnitude = true;
                    } else if suffix.is_empty()
                        && let Some(m) = words.get(i + 1).and_then(|w| magnitude(w))
                    {
                        number.scaled = value * m;
                        number.last = i + 1;
                    }
                }
                out.push(number);
            }
            i = out.last().map_or(i, |n: &Number| n.last.max(i)) + 1;
            continue;
        }
        if let Some((value, len)) = spelled(&words[i..]) {
            out.push(Number {
                first: i,
                last: i + len - 1,
                value,
                scaled: value,
                letter_magnitude: false,
                spelled: true,
            });
            i += len;
            continue;
        }
        i += 1;
    }
    out
}

/// Each run of digits in a word (with a decimal point or thousands commas),
/// with the letters that follow the last one.
fn digit_runs(word: &str) -> Vec<(f64, &str)> {
    let bytes = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b'.' | b',')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && i > start))
        {
            i += 1;
        }
        let run = &word[start..i];
        let value = if run.matches('.').count() > 1 {
            // A version such as "1.2.3": its first part stands for it.
            run.split('.')
                .next()
                .unwrap_or("0")
                .replace(',', "")
                .parse()
                .unwrap_or(0.0)
        } else {
            run.replace(',', "").parse().unwrap_or(0.0)
        };
        let rest = &word[i..];
        let suffix_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        out.push((value, &rest[..suffix_end]));
    }
    out
}

fn letter_magnitude(suffix: &str) -> Option<f64> {
    match suffix {
        "k" => Some(1e3),
        "m" | "mm" => Some(1e6),
        "b" | "bn" => Some(1e9),
        _ => None,
    }
}

fn magnitude(word: &str) -> Option<f64> {
    match word {
        "hundred" | "hundreds" => Some(1e2),
        "thousand" | "thousands" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" | "billions" => Some(1e9),
        _ => None,
    }
}

fn small_number(word: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = SMALL.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|w| *w == word) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match word {
        "dozen" | "dozens" => Some(12.0),
        _ => None,
    }
}

/// A spelled-out number at the start of `words`, and how many words it takes.
fn spelled(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut seen = false;
    for (i, word) in words.iter().enumerate() {
        if let Some(v) = small_number(word) {
            if *word == "dozen" || *word == "dozens" {
                current = if current == 0.0 { v } else { current * v };
            } else {
                current += v;
            }
        } else if let Some(m) = magnitude(word) {
            if current == 0.0 {
                current = 1.0;
            }
            if m >= 1e3 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
        } else if *word == "and"
            && seen
            && words.get(i + 1).is_some_and(|w| small_number(w).is_some())
        {
            // "two hundred and fifty"
        } else {
            break;
        }
        seen = true;
        used = i + 1;
    }
    seen.then_some((total + current, used))
}

/// A stable key for a value: rounded, without a trailing ".0".
fn key(value: f64) -> String {
    let rounded = (value * 1e6).round() / 1e6;
    format!("{rounded}")
}

/// `text` with everything inside matched square brackets blanked out.
fn without_brackets(text: &str) -> String {
    // Pair each `]` with the nearest open `[`; what a pair encloses goes.
    // A bracket with no partner is the answer's own text, and stays, so
    // a stray `[` typed by the user cannot swallow a placeholder's `]`.
    let chars: Vec<char> = text.chars().collect();
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' => open.push(i),
            ']' => {
                if let Some(start) = open.pop() {
                    pairs.push((start, i));
                }
            }
            _ => {}
        }
    }
    pairs.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut next) = (0, 0);
    while i < chars.len() {
        // Pairs inside one already skipped end before `i`.
        while next < pairs.len() && pairs[next].1 < i {
            next += 1;
        }
        if next < pairs.len() && pairs[next].0 == i {
            out.push(' ');
            i = pairs[next].1 + 1;
            next += 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn lower_words(text: &str) -> (Vec<String>, Vec<(usize, usize)>) {
    let found = words(text, 0, text.len());
    let spans = found.iter().map(|w| (w.start, w.end)).collect();
    (found.into_iter().map(|w| w.lower).collect(), spans)
}

/// Numbers in `rewrite` (outside square brackets) that `answer` does not
/// contain, as written in the rewrite. "1.8s" matches "1.8 seconds", "40%"
/// matches "40 percent", "forty" matches "40"; a lone "one" is not counted.
pub fn new_numbers(answer: &str, rewrite: &str) -> Vec<String> {
    let (answer_words, _) = lower_words(answer);
    let answer_refs: Vec<&str> = answer_words.iter().map(String::as_str).collect();
    let mut known: HashSet<String> = HashSet::new();
    for n in numbers(&answer_refs) {
        known.insert(key(n.value));
        known.insert(key(n.scaled));
        if n.spelled {
            // "two hundred" also backs "two" and "hundred".
            for w in &answer_refs[n.first..=n.last] {
                if let Some((v, _)) = spelled(&[w]) {
                    known.insert(key(v));
                }
            }
        }
    }

    // Words that stand for a number the rewrite may spell in digits.
    for word in &answer_refs {
        let values: &[f64] = match *word {
            "twice" | "double" | "doubled" => &[2.0],
            "triple" | "tripled" | "threefold" => &[3.0],
            "half" | "halved" => &[0.5, 50.0],
            "first" => &[1.0],
            "second" => &[2.0],
            "third" => &[3.0],
            "fourth" => &[4.0],
            "fifth" => &[5.0],
            _ => &[],
        };
        known.extend(values.iter().map(|v| key(*v)));
    }

    let text = without_brackets(rewrite);
    let (rewrite_words, spans) = lower_words(&text);
    let refs: Vec<&str> = rewrite_words.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::new();
    for n in numbers(&refs) {
        if n.spelled && n.first == n.last && refs[n.first] == "one" {
            continue;
        }
        let present = known.contains(&key(n.scaled))
            || ((n.letter_magnitude || n.scaled == n.value) && known.contains(&key(n.value)));
        if !present {
            let surface = text[spans[n.first].0..spans[n.last].1].to_string();
            if !out.contains(&surface) {
                out.push(surface);
            }
        }
    }
    out
}

/// Capitalised names in `rewrite` (outside square brackets) that `answer`
/// does not contain: people, companies, tools, acronyms. A capitalised
/// word opening a sentence counts only if it has another capital inside
/// ("PagerDuty", "SLO"), appears capitalised mid-sentence too, or is a
/// technology `taxonomy` knows ("Kubernetes").
pub fn new_names(answer: &str, rewrite: &str, taxonomy: &SkillMatcher) -> Vec<String> {
    let mut known: HashSet<String> = HashSet::new();
    for token in tokens(answer) {
        for piece in token.split(['.', '/', '-', '_']) {
            known.insert(piece.to_string());
        }
        known.insert(token);
    }
    let is_known = |token: &str| {
        let lower = token.to_lowercase();
        let bare = |w: &str| {
            known.contains(w)
                || w.strip_suffix('s').is_some_and(|s| known.contains(s))
                || known.contains(&format!("{w}s"))
        };
        bare(&lower)
            || lower
                .split(['.', '/', '-', '_'])
                .filter(|p| !p.is_empty())
                .all(bare)
    };

    let text = without_brackets(rewrite);
    let cased = tokens_with_starts(&text);
    let mid_sentence_capitals: HashSet<String> = cased
        .iter()
        .filter(|(t, start)| !start && is_capitalised(t))
        .map(|(t, _)| t.to_lowercase())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (token, sentence_start) in &cased {
        if !is_capitalised(token) || is_pronoun_or_plain(token) {
            continue;
        }
        let inner_capital = token.chars().skip(1).any(char::is_uppercase);
        if *sentence_start
            && !inner_capital
            && !mid_sentence_capitals.contains(&token.to_lowercase())
            && !taxonomy.is_major(token)
        {
            continue;
        }
        if !is_known(token) && !out.contains(token) {
            out.push(token.clone());
        }
    }
    out
}

fn is_capitalised(token: &str) -> bool {
    token.chars().any(char::is_uppercase) && token.chars().any(char::is_alphabetic)
}

fn is_pronoun_or_plain(token: &str) -> bool {
    matches!(token, "I" | "OK" | "Ok")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(answer: &str, rewrite: &str) -> Vec<String> {
        new_names(
            answer,
            rewrite,
            crate::coach::offline::for_tests().matcher(),
        )
    }

    fn values(text: &str) -> Vec<f64> {
        let (w, _) = lower_words(text);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        numbers(&refs).into_iter().map(|n| n.scaled).collect()
    }

    #[test]
    fn reads_digits_and_spelled_numbers() {
        assert_eq!(
            values(
                "p95 fell from 1.8s to 320 ms for 1,800 users, forty-two teams and $1.2 million"
            ),
            [95.0, 1.8, 320.0, 1800.0, 42.0, 1_200_000.0]
        );
        assert_eq!(
            values("two hundred and fifty, a dozen, 400k"),
            [250.0, 12.0, 400_000.0]
        );
    }

    #[test]
    fn equivalent_forms_are_not_new() {
        let answer = "p95 dropped from 1.8 seconds to 320 ms and CPU fell by 40 percent, over six weeks, for $400,000.";
        let rewrite =
            "P95 fell from 1.8s to 320ms; CPU dropped 40%; it took 6 weeks and saved $400k.";
        assert!(
            new_numbers(answer, rewrite).is_empty(),
            "{:?}",
            new_numbers(answer, rewrite)
        );
        assert!(new_numbers("five-minute TTL", "a 5 minute TTL").is_empty());
        assert!(new_numbers("We have 1.2M users", "one point: 1.2 million users").is_empty());
        assert!(
            new_numbers(
                "latency halved and throughput doubled",
                "latency fell 50%, throughput 2x"
            )
            .is_empty()
        );
    }

    #[test]
    fn new_numbers_are_reported_as_written() {
        assert_eq!(
            new_numbers(
                "Latency fell a lot.",
                "Latency fell by forty percent to 300 ms."
            ),
            ["forty", "300"]
        );
        assert_eq!(new_numbers("p95 was slow", "p99 was slow"), ["p99"]);
        assert_eq!(
            new_numbers("We had 1.2 million users", "We had 1.2 billion users"),
            ["1.2 billion"]
        );
    }

    #[test]
    fn a_stray_bracket_in_the_answer_does_not_hide_a_placeholder() {
        // Found by fuzzing: the answer's own "[" used to pair with the
        // placeholder's "]" and make its "two" look like a new number.
        let answer = "We paused the rollout an[d shipped a hotfix within 3 hours.";
        let rewrite = "We paused the rollout an[d shipped a hotfix within 3 hours. [Why: the reason it works, in a sentence or two.]";
        assert!(new_numbers(answer, rewrite).is_empty());
        assert!(new_numbers("It got [much faster.", "It got [much faster [by 40%?].").is_empty());
        assert!(!new_numbers("It got faster.", "It got faster] by 40%.").is_empty());
    }

    #[test]
    fn bracketed_placeholders_are_ignored() {
        assert!(new_numbers("It got faster.", "It got faster [by 40%?].").is_empty());
        assert!(names("It got faster.", "It got faster [Result: ask Grafana].").is_empty());
        // An unclosed bracket hides nothing.
        assert_eq!(
            new_numbers("It got faster.", "It got faster [by 40%."),
            ["40"]
        );
    }

    #[test]
    fn names_new_to_the_rewrite() {
        let answer = "I added spans and sent traces to Jaeger. My manager asked me to fix it.";
        assert!(names(answer, "I sent traces to Jaeger. Then I fixed it.").is_empty());
        assert!(names(answer, "I sent traces to jaeger via node.js").is_empty());
        assert_eq!(
            names(
                answer,
                "I sent traces to Jaeger and Grafana. My manager, Priya, asked me."
            ),
            ["Grafana", "Priya"]
        );
        // Acronyms and inner capitals count even at a sentence start.
        assert_eq!(
            names(answer, "PagerDuty fired. Traces went out."),
            ["PagerDuty"]
        );
        assert_eq!(names(answer, "SLOs matter."), ["SLOs"]);
        // A named tool is a name even when it opens a sentence.
        assert_eq!(
            names(answer, "Kubernetes was down. Traces helped."),
            ["Kubernetes"]
        );
    }

    #[test]
    fn names_match_plurals_and_case() {
        assert!(
            names(
                "we built two APIs in postgres",
                "We built the API in Postgres."
            )
            .is_empty()
        );
        assert!(names("I'm fine", "I'm fine. I'd say so.").is_empty());
    }
}
