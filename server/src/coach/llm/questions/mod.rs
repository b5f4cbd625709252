//! Asking a model for interview questions: the prompt and output schema,
//! the checks that turn untrusted output into a question set, and the text
//! helpers the assessment task shares.

mod check;
mod prompt;

use app::model::{Question, QuestionSet};

use crate::coach::offline::Brief;
use crate::coach::offline::text::clean;

pub use self::check::{Repairs, accept};
pub use self::prompt::{excerpt, prompt, schema};

/// Stored with every set the model makes; bump it when the prompt or the
/// schema changes meaning.
pub const PROMPT_VERSION: &str = "questions/1";

/// The set as stored, from accepted questions.
pub fn question_set(brief: &Brief, questions: Vec<Question>, model: &str) -> QuestionSet {
    QuestionSet {
        title: brief.title.clone(),
        role: brief.role.as_ref().map(|r| r.slug.clone()),
        seniority: brief.seniority,
        engine: format!("model:{model}"),
        prompt_version: Some(PROMPT_VERSION.to_string()),
        questions,
        notice: brief.role_notice(),
    }
}

/// Where and how a model's JSON failed to parse, without any of its text:
/// serde's own messages quote the values they reject, and logs hold no
/// model output.
pub fn json_error(error: &serde_json::Error) -> String {
    format!(
        "{:?} error at line {} column {}",
        error.classify(),
        error.line(),
        error.column()
    )
}

/// The JSON object in a model's text: the whole text, or what a code fence
/// or chatter around it holds.
pub(super) fn json_object(content: &str) -> Option<&str> {
    let start = content.find('{')?;
    let end = content.rfind('}')?;
    (end > start).then(|| &content[start..=end])
}

/// Lower case, whitespace collapsed and typographic quotes and dashes made
/// plain, so a quote copied by a model still matches.
pub(super) fn normalise(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '•' | '·' => ' ',
            c => c,
        })
        .collect();
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_string()
}

pub(super) fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn bounded(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests;
