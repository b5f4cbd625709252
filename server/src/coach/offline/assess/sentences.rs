//! Sentences and words of an answer, each with its byte span in the answer,
//! so that every quote taken from them is an exact substring.

/// One sentence: `start..end` is its span in the answer, trimmed of
/// whitespace and list markers.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Which paragraph it is in, counting from zero.
    pub paragraph: usize,
    pub words: Vec<Word>,
}

impl Sentence {
    pub fn text<'a>(&self, answer: &'a str) -> &'a str {
        &answer[self.start..self.end]
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Lower-case words, for lexicon matching.
    pub fn lower(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.lower.as_str()).collect()
    }
}

/// One word: `start..end` is its span in the answer.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Lower case, with typographic apostrophes made plain.
    pub lower: String,
    /// Starts with a capital letter, or has one inside ("iOS", "PagerDuty").
    pub capitalised: bool,
}

impl Word {
    pub fn is_number(&self) -> bool {
        self.lower.starts_with(|c: char| c.is_ascii_digit())
    }
}

/// Words that end with a full stop without ending a sentence.
const NEVER_FINAL: &[&str] = &[
    "al", "approx", "cf", "dr", "e.g", "eg", "esp", "fig", "i.e", "ie", "incl", "jr", "mr", "mrs",
    "mt", "prof", "sr", "st", "viz", "vs",
];

/// Words that end with a full stop and end the sentence only when a capital
/// letter follows ("2 a.m. on a Friday", but "… and so on, etc. Then …").
const SOMETIMES_FINAL: &[&str] = &[
    "a.m", "co", "corp", "etc", "inc", "ltd", "p.m", "u.k", "u.s",
];

/// Splits an answer into sentences. A sentence ends at `.`, `!`, `?` or `…`
/// followed by white space (not inside "1.8", "e.g." or "Node.js"), and at
/// line breaks; a blank line also starts a new paragraph.
pub fn split(answer: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut blank_lines_seen = false;
    for line in lines(answer) {
        let (start, end) = line;
        if answer[start..end].trim().is_empty() {
            blank_lines_seen = true;
            continue;
        }
        if blank_lines_seen && !out.is_empty() {
            paragraph += 1;
        }
        blank_lines_seen = false;
        split_line(answer, start, end, paragraph, &mut out);
    }
    out
}

/// Byte ranges of the lines, joining a line to the next when it was only
/// wrapped (it neither ends a sentence nor is followed by a list item or
/// a capitalised line).
fn lines(answer: &str) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in answer.char_indices() {
        if c == '\n' {
            raw.push((start, i));
            start = i + 1;
        }
    }
    raw.push((start, answer.len()));

    let mut out: Vec<(usize, usize)> = Vec::new();
    for (start, end) in raw {
        let text = &answer[start..end];
        if let Some(last) = out.last_mut() {
            let previous = answer[last.0..last.1].trim_end();
            let continues = !previous.is_empty()
                && !text.trim().is_empty()
                && !previous.ends_with(['.', '!', '?', ':', ';', '…', '"', '”', ')'])
                && !starts_list_item(text)
                && text
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase());
            if continues {
                last.1 = end;
                continue;
            }
        }
        out.push((start, end));
    }
    out
}

fn starts_list_item(line: &str) -> bool {
    list_marker_len(line.trim_start()).is_some()
}

/// The length of a list marker and the space after it at the start of
/// `text`: "- ", "• ", "1. ", "2) ".
fn list_marker_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let after_marker = if matches!(first, '-' | '*' | '•' | '–' | '—') {
        first.len_utf8()
    } else if first.is_ascii_digit() {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        if digits > 2 || !text[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    } else {
        return None;
    };
    let rest = &text[after_marker..];
    let space = rest.len() - rest.trim_start().len();
    (space > 0 && space < rest.len()).then_some(after_marker + space)
}

/// Splits one line (or joined lines) at sentence ends.
fn split_line(answer: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let line = &answer[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take in repeated marks and closing quotes or brackets.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']'
                )
            {
                j += 1;
            }
            let at_end = j >= chars.len();
            let followed_by_space = !at_end && chars[j].1.is_whitespace();
            if (at_end || followed_by_space) && (c != '.' || ends_sentence(line, at, &chars[j..])) {
                let stop = if at_end { line.len() } else { chars[j].0 };
                push(answer, start + sentence_start, start + stop, paragraph, out);
                sentence_start = stop;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(answer, start + sentence_start, end, paragraph, out);
}

/// Whether the full stop at byte `at` of `line` ends a sentence, given the
/// characters after it.
fn ends_sentence(line: &str, at: usize, rest: &[(usize, char)]) -> bool {
    let before = &line[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = before[word_start..].to_lowercase();
    let next = rest.iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
    let next_is_lower = next.is_some_and(char::is_lowercase);
    // "No. 5", but "The answer was no."
    if word == "no" {
        return !next.is_some_and(|c| c.is_ascii_digit());
    }
    if NEVER_FINAL.contains(&word.as_str()) {
        return false;
    }
    if SOMETIMES_FINAL.contains(&word.as_str()) {
        return next.is_some_and(char::is_uppercase);
    }
    // "1. e4 c6", "Plan B. then": a number or a single letter before the
    // stop and a small letter after it.
    let short = word.chars().all(|c| c.is_ascii_digit())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic));
    !(short && next_is_lower)
}

fn push(answer: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let text = &answer[start..end];
    // Trim white space and a leading list marker.
    let lead = text.len() - text.trim_start().len();
    let mut s = start + lead;
    let e = start + text.trim_end().len();
    if s >= e {
        return;
    }
    if let Some(marker) = list_marker_len(&answer[s..e]) {
        s += marker;
    }
    let words = words(answer, s, e);
    if words.is_empty() {
        // Punctuation on its own joins the sentence before it.
        if let Some(last) = out.last_mut()
            && answer[last.end..s].trim().is_empty()
        {
            last.end = e;
        }
        return;
    }
    out.push(Sentence {
        start: s,
        end: e,
        paragraph,
        words,
    });
}

/// The words in `answer[start..end]`. A word is a run of letters and digits,
/// with apostrophes between letters ("didn't"), and full stops, commas,
/// `+` or `#` where they belong to a number or a name ("1.8", "1,800",
/// "Node.js", "C++"). Hyphens and slashes split words.
pub fn words(answer: &str, start: usize, end: usize) -> Vec<Word> {
    let text = &answer[start..end];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            let prev = chars[j - 1].1;
            let apostrophe = matches!(c, '\'' | '’')
                && prev.is_alphabetic()
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic());
            let decimal_or_dot = c == '.' && prev.is_alphanumeric() && next_alnum;
            let thousands = c == ','
                && prev.is_ascii_digit()
                && chars.len() > j + 3
                && chars[j + 1..j + 4].iter().all(|&(_, d)| d.is_ascii_digit())
                && chars.get(j + 4).is_none_or(|&(_, d)| !d.is_ascii_digit());
            let suffix = matches!(c, '+' | '#') && (prev.is_alphanumeric() || prev == '+');
            if c.is_alphanumeric() || apostrophe || decimal_or_dot || thousands || suffix {
                j += 1;
            } else {
                break;
            }
        }
        let s = chars[first].0;
        let e = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let surface = &text[s..e];
        out.push(Word {
            start: start + s,
            end: start + e,
            lower: surface.to_lowercase().replace('’', "'"),
            capitalised: surface.chars().any(char::is_uppercase),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(answer: &str) -> Vec<&str> {
        split(answer).iter().map(|s| s.text(answer)).collect()
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        assert_eq!(
            texts(
                "p95 was 1.8 seconds. We used tools, e.g. Node.js and Redis, to fix it! Did it work? Yes."
            ),
            [
                "p95 was 1.8 seconds.",
                "We used tools, e.g. Node.js and Redis, to fix it!",
                "Did it work?",
                "Yes."
            ]
        );
    }

    #[test]
    fn abbreviations_and_times_do_not_end_sentences() {
        assert_eq!(
            texts(
                "At about 2 a.m. on a Friday the pager fired. I asked Dr. Lee, i.e. the lead, etc. Then we met."
            ),
            [
                "At about 2 a.m. on a Friday the pager fired.",
                "I asked Dr. Lee, i.e. the lead, etc.",
                "Then we met."
            ]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            texts("She said \"ship it.\" (We did.) Then it broke..."),
            ["She said \"ship it.\"", "(We did.)", "Then it broke..."]
        );
    }

    #[test]
    fn paragraphs_and_list_items() {
        let answer = "First paragraph here.\n\n- one item\n- another item\nLast line";
        let sentences = split(answer);
        let got: Vec<(&str, usize)> = sentences
            .iter()
            .map(|s| (s.text(answer), s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("First paragraph here.", 0),
                ("one item", 1),
                ("another item", 1),
                ("Last line", 1)
            ]
        );
    }

    #[test]
    fn wrapped_lines_are_joined() {
        assert_eq!(
            texts("I rewrote the data\naccess layer. Then\nwe measured it.\nReduced costs"),
            [
                "I rewrote the data\naccess layer.",
                "Then\nwe measured it.",
                "Reduced costs"
            ]
        );
    }

    #[test]
    fn words_keep_numbers_and_names_whole() {
        let answer = "We cut p95 from 1.8s to 320 ms for 1,800 users with Node.js, C++ and didn’t look back.";
        let got: Vec<String> = words(answer, 0, answer.len())
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            got,
            [
                "we", "cut", "p95", "from", "1.8s", "to", "320", "ms", "for", "1,800", "users",
                "with", "node.js", "c++", "and", "didn't", "look", "back"
            ]
        );
    }

    #[test]
    fn spans_are_exact() {
        let answer = "  Ünïcode — fine.  Ça va?\n";
        for s in split(answer) {
            assert_eq!(s.text(answer), &answer[s.start..s.end]);
            for w in &s.words {
                assert!(answer.get(w.start..w.end).is_some());
            }
        }
        assert_eq!(texts(answer), ["Ünïcode — fine.", "Ça va?"]);
    }

    #[test]
    fn numbered_moves_are_not_sentence_ends() {
        assert_eq!(
            texts("After 1. e4 c6 2. d4 d5, Black is solid. Good."),
            ["After 1. e4 c6 2. d4 d5, Black is solid.", "Good."]
        );
    }
}
