//! The lines of a job description: bullets stripped, headings recognised
//! as the section they open, and each line read as a requirement,
//! responsibility, nice-to-have or other.

use super::LineKind;
use crate::coach::offline::text::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    None,
    Responsibilities,
    Requirements,
    NiceToHave,
    Other,
}

const RESPONSIBILITY_HEADINGS: &[&str] = &[
    "responsibilities",
    "what you'll do",
    "what you will do",
    "what you’ll do",
    "the role",
    "your role",
    "in this role",
    "day to day",
    "day-to-day",
    "key duties",
    "duties",
    "what you'll be doing",
    "what you will be doing",
    "your impact",
    "the job",
    "you will",
    "what the job involves",
    "your mission",
];
const REQUIREMENT_HEADINGS: &[&str] = &[
    "requirements",
    "qualifications",
    "what you'll bring",
    "what you will bring",
    "what you’ll bring",
    "what you bring",
    "must have",
    "must-have",
    "must haves",
    "about you",
    "you have",
    "you might be a fit",
    "skills",
    "what we're looking for",
    "what we are looking for",
    "what we’re looking for",
    "who you are",
    "experience",
    "minimum qualifications",
    "basic qualifications",
    "required",
    "you should have",
];
const NICE_HEADINGS: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "nice to haves",
    "bonus",
    "bonus points",
    "preferred",
    "preferred qualifications",
    "pluses",
    "good to have",
    "desirable",
    "extra credit",
];
const OTHER_HEADINGS: &[&str] = &[
    "about us",
    "about the company",
    "who we are",
    "benefits",
    "perks",
    "what we offer",
    "compensation",
    "salary",
    "equal opportunity",
    "why join us",
    "why us",
    "our culture",
    "how to apply",
    "location",
    "the team",
    "about the team",
    "our values",
];

const REQUIREMENT_CUES: &[&str] = &[
    "experience with",
    "experience in",
    "experience building",
    "experience of",
    "proficien",
    "knowledge of",
    "familiar",
    "fluency",
    "fluent",
    "strong",
    "solid",
    "years",
    "expertise",
    "expert",
    "understanding of",
    "degree",
    "you have",
    "must",
    "required",
    "background in",
    "track record",
    "comfortable with",
    "hands-on",
    "ability to",
];
const NICE_CUES: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "bonus",
    "a plus",
    "is a plus",
    "are a plus",
    "preferred",
    "desirable",
    "not required",
];
/// "Ideally" makes a line a nice-to-have when it opens it ("Ideally, you
/// have shipped..."); later in a line it qualifies a clause of a
/// requirement ("seven years of..., ideally to a hard deadline").
const OPENING_NICE_CUES: &[&str] = &["ideally"];
const ACTION_VERBS: &[&str] = &[
    "analyse",
    "analyze",
    "architect",
    "automate",
    "build",
    "champion",
    "coach",
    "collaborate",
    "contribute",
    "coordinate",
    "create",
    "debug",
    "define",
    "deliver",
    "deploy",
    "design",
    "develop",
    "document",
    "drive",
    "establish",
    "evaluate",
    "help",
    "implement",
    "improve",
    "lead",
    "maintain",
    "manage",
    "measure",
    "mentor",
    "migrate",
    "monitor",
    "operate",
    "optimise",
    "optimize",
    "own",
    "participate",
    "partner",
    "plan",
    "prioritise",
    "prioritize",
    "profile",
    "prototype",
    "research",
    "review",
    "run",
    "scale",
    "ship",
    "shape",
    "support",
    "take",
    "test",
    "track",
    "translate",
    "troubleshoot",
    "work",
    "write",
];

pub(crate) fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    let line = line.trim_start_matches(['-', '*', '•', '·', '–', '—', '▪', '◦', '>', '+']);
    let line = line.trim_start();
    // "1." or "2)" numbering.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            return rest.trim();
        }
    }
    line.trim()
}

fn normalised_heading(text: &str) -> String {
    text.trim_end_matches([':', '.', '!', '?'])
        .trim()
        .trim_matches(['#', '*', '_', ' '])
        .to_lowercase()
}

pub(super) fn heading_section(text: &str) -> Option<Section> {
    if text.chars().count() > 60 {
        return None;
    }
    let heading = normalised_heading(text);
    let is = |list: &[&str]| {
        list.iter().any(|h| {
            heading == *h
                || (heading.starts_with(h) && text.trim_end().ends_with(':'))
                || (heading.len() <= 40 && heading.starts_with(h) && !heading.contains(' '))
        })
    };
    if is(NICE_HEADINGS) {
        Some(Section::NiceToHave)
    } else if is(REQUIREMENT_HEADINGS) {
        Some(Section::Requirements)
    } else if is(RESPONSIBILITY_HEADINGS) {
        Some(Section::Responsibilities)
    } else if is(OTHER_HEADINGS) {
        Some(Section::Other)
    } else if text.trim_end().ends_with(':') && text.split_whitespace().count() <= 6 {
        Some(Section::None)
    } else {
        None
    }
}

/// Words that give away what an unfamiliar heading opens ("What the job
/// is", "What you need", "Nice to have (honestly optional)").
const NICE_HEADING_WORDS: &[&str] = &["nice", "bonus", "bonuses", "plus", "optional", "preferred"];
const REQUIREMENT_HEADING_WORDS: &[&str] = &[
    "need",
    "needs",
    "require",
    "requires",
    "required",
    "bring",
    "qualifications",
];
const RESPONSIBILITY_HEADING_WORDS: &[&str] =
    &["job", "role", "responsibilities", "do", "doing", "day"];
/// A heading about the company ("How we work", "Our stack") is not read as
/// a heading at all: opening a section of its own would also take the
/// job's technologies out of a stack line under it.
const COMPANY_HEADING_WORDS: &[&str] = &["we", "us", "our", "we're", "offer"];

/// The section a line opens when it reads like a heading that the lists
/// above do not know: a short line on its own (not a bullet), with no
/// full stop, whose words say what follows.
pub(super) fn heading_by_cues(text: &str) -> Option<Section> {
    let heading = normalised_heading(text);
    let words: Vec<&str> = heading
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 7 || text.trim_end().ends_with('.') || text.contains(':') {
        return None;
    }
    let has = |cues: &[&str]| words.iter().any(|w| cues.contains(w));
    if has(COMPANY_HEADING_WORDS) {
        None
    } else if has(NICE_HEADING_WORDS) {
        Some(Section::NiceToHave)
    } else if has(REQUIREMENT_HEADING_WORDS) {
        Some(Section::Requirements)
    } else if has(RESPONSIBILITY_HEADING_WORDS) {
        Some(Section::Responsibilities)
    } else {
        None
    }
}

/// A heading and its text on one line ("Requirements: Go and PostgreSQL",
/// "The job: you'll own the pipelines"): the section it opens, and the rest.
pub(super) fn inline_heading(text: &str) -> Option<(Section, &str)> {
    let (head, rest) = text.split_once(':')?;
    let rest = rest.trim();
    if rest.is_empty() || head.chars().count() > 40 {
        return None;
    }
    match heading_section(&format!("{}:", head.trim())) {
        Some(Section::None) | None => None,
        Some(section) => Some((section, rest)),
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "incl", "approx", "esp", "dept"];

/// The sentences of a line of prose, so that a paragraph's "it's a bonus
/// if..." marks only its own sentence. A full stop ends a sentence when a
/// capital letter or digit opens the next.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = i + c.len_utf8();
        if bytes.get(next) != Some(&b' ') {
            continue;
        }
        let opens = text[next..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
        let word = text[start..i]
            .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        if opens && !ABBREVIATIONS.contains(&word.as_str()) {
            out.push(text[start..next].trim());
            start = next;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

pub(super) fn looks_like_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && !text.ends_with('.') && text.chars().count() <= 100
}

pub(super) fn classify(text: &str, section: Section) -> LineKind {
    let lower = text.to_lowercase();
    let has = |cues: &[&str]| cues.iter().any(|c| lower.contains(c));
    let opens_nicely = OPENING_NICE_CUES.iter().any(|c| lower.starts_with(c));
    if section == Section::NiceToHave || has(NICE_CUES) || opens_nicely {
        return LineKind::NiceToHave;
    }
    match section {
        Section::Requirements => LineKind::Requirement,
        Section::Responsibilities => LineKind::Responsibility,
        Section::Other => LineKind::Other,
        Section::NiceToHave => LineKind::NiceToHave,
        Section::None => {
            let first = tokens(text).into_iter().next().unwrap_or_default();
            if ACTION_VERBS
                .iter()
                .any(|v| first == *v || first == format!("{v}s") || first == format!("{v}ing"))
            {
                LineKind::Responsibility
            } else if has(REQUIREMENT_CUES) || first == "you" || first == "you're" {
                LineKind::Requirement
            } else {
                LineKind::Other
            }
        }
    }
}
