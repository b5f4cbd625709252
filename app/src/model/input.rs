//! What people type, each as a type whose `parse` both normalises and
//! bounds it. Every door (server functions, form posts, the JSON API and
//! the command line) reaches the services through these, so a field's
//! bound and its message live in one place.
//!
//! A parse fails with the message for the field at fault; the door knows
//! the field's name and attaches it.

use std::fmt;
use std::ops::Deref;

use unicode_normalization::UnicodeNormalization;

use super::{MAX_ANSWER_CHARS, MAX_DRILL_CHARS, MAX_JOB_DESCRIPTION_CHARS, MAX_RESUME_CHARS};

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
/// Drafts may run a little over the answer limit so that nothing typed is
/// lost; submitting then asks the user to trim.
pub const MAX_DRAFT_CHARS: usize = MAX_ANSWER_CHARS * 2;
/// Idempotency keys: what a client may choose.
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 100;
pub const MIN_IDEMPOTENCY_KEY_CHARS: usize = 8;

/// NFC-normalised, with control characters other than newlines and tabs
/// removed and line endings unified: how every typed text is stored and
/// read.
pub fn clean(input: &str) -> String {
    input
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// Each type reads as the text it holds, and shows it as that text.
macro_rules! text_type {
    ($($name:ident),*) => {$(
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }
        text_type!(@read $name);
    )*};
    (@read $name:ident) => {
        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_string(self) -> String {
                self.0
            }
        }
    };
}
text_type!(
    AnswerText,
    DraftText,
    DrillText,
    JobDescription,
    Resume,
    Email,
    DisplayName,
    IdempotencyKey
);
// Shown only as a placeholder, so that no log can print one.
text_type!(@read Password);

/// Cleaned and trimmed; empty texts are `None`, texts over `limit`
/// characters fail with `too_long(chars)`.
pub(super) fn bounded(
    raw: &str,
    limit: usize,
    too_long: impl FnOnce(usize) -> String,
) -> Result<Option<String>, String> {
    let text = clean(raw).trim().to_string();
    let chars = text.chars().count();
    if text.is_empty() {
        Ok(None)
    } else if chars > limit {
        Err(too_long(chars))
    } else {
        Ok(Some(text))
    }
}

/// An answer to a question, as it is committed and assessed.
#[derive(Clone, PartialEq, Eq)]
pub struct AnswerText(String);

impl AnswerText {
    pub fn parse(raw: &str) -> Result<Self, String> {
        bounded(raw, MAX_ANSWER_CHARS, |chars| {
            format!(
                "Your answer is {chars} characters; the limit is {MAX_ANSWER_CHARS}. Trim it and submit again."
            )
        })?
        .map(Self)
        .ok_or_else(|| "Write an answer first.".to_string())
    }
}

/// An answer being written. It may run over the answer limit, so that
/// nothing typed is lost, and may be empty; it is not trimmed.
#[derive(Clone, PartialEq, Eq)]
pub struct DraftText(String);

impl DraftText {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = clean(raw);
        if text.chars().count() > MAX_DRAFT_CHARS {
            return Err(format!(
                "A draft can be at most {MAX_DRAFT_CHARS} characters."
            ));
        }
        Ok(Self(text))
    }
}

/// One part of an answer rewritten in a drill; empty means "show me".
#[derive(Clone, PartialEq, Eq)]
pub struct DrillText(String);

impl DrillText {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        Ok(bounded(raw, MAX_DRILL_CHARS, |_| {
            format!("A drill is a sentence or two: at most {MAX_DRILL_CHARS} characters.")
        })?
        .map(Self))
    }
}

/// A pasted job posting, kept with its layout; a blank one is `None`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JobDescription(String);

impl JobDescription {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let text = clean(raw);
        let chars = text.chars().count();
        if chars > MAX_JOB_DESCRIPTION_CHARS {
            return Err(format!(
                "The job description is too long: {chars} characters, the limit is {MAX_JOB_DESCRIPTION_CHARS}."
            ));
        }
        Ok((!text.trim().is_empty()).then_some(Self(text)))
    }
}

/// A pasted résumé, kept with its layout; a blank one is `None`. It is
/// read to make questions and kept only when a logged-in maker asks.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Resume(String);

impl Resume {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let text = clean(raw);
        let chars = text.chars().count();
        if chars > MAX_RESUME_CHARS {
            return Err(format!(
                "The résumé is too long: {chars} characters, the limit is {MAX_RESUME_CHARS}. Paste the experience section."
            ));
        }
        Ok((!text.trim().is_empty()).then_some(Self(text)))
    }
}

/// An email address as stored: trimmed, lower-cased and well formed.
#[derive(Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim();
        if email.is_empty() {
            return Err("Enter your email address.".into());
        }
        let well_formed = email.chars().count() <= MAX_EMAIL_CHARS
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            });
        if !well_formed {
            return Err("Enter an email address such as name@example.com.".into());
        }
        Ok(Self(email.to_lowercase()))
    }
}

/// A password, exactly as typed: it is never normalised, so that every
/// stored hash keeps matching.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// A password typed to prove who you are. `missing` says what the field
    /// is for when it is left empty.
    pub fn parse(raw: &str, missing: &str) -> Result<Self, String> {
        if raw.is_empty() {
            Err(missing.to_string())
        } else if raw.chars().count() > MAX_PASSWORD_CHARS {
            Err(format!(
                "Passwords have at most {MAX_PASSWORD_CHARS} characters."
            ))
        } else {
            Ok(Self(raw.to_string()))
        }
    }

    /// A password being chosen. The server also refuses the most common
    /// ones.
    pub fn parse_new(raw: &str) -> Result<Self, String> {
        let length = raw.chars().count();
        if length < MIN_PASSWORD_CHARS {
            Err(format!(
                "Use at least {MIN_PASSWORD_CHARS} characters; a short phrase is easy to remember."
            ))
        } else if length > MAX_PASSWORD_CHARS {
            Err(format!("Use at most {MAX_PASSWORD_CHARS} characters."))
        } else {
            Ok(Self(raw.to_string()))
        }
    }
}

/// The name to greet someone by; a blank one is `None`.
#[derive(Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let name = raw.trim();
        if name.chars().count() > MAX_DISPLAY_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(format!("Use at most {MAX_DISPLAY_NAME_CHARS} characters."));
        }
        Ok((!name.is_empty()).then(|| Self(name.to_string())))
    }
}

/// Chosen by a client so that sending the same answer twice commits it
/// once.
#[derive(Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let fits = (MIN_IDEMPOTENCY_KEY_CHARS..=MAX_IDEMPOTENCY_KEY_CHARS).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if fits {
            Ok(Self(raw.to_string()))
        } else {
            Err(format!(
                "The idempotency key must be {MIN_IDEMPOTENCY_KEY_CHARS} to {MAX_IDEMPOTENCY_KEY_CHARS} letters, digits, '-' or '_'."
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cleaned_then_bounded() {
        assert_eq!(clean("a\u{0}b\r\nc\u{7}"), "ab\nc");
        assert_eq!(clean("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(
            AnswerText::parse("  I led it.\r\n").unwrap().as_str(),
            "I led it."
        );
        assert_eq!(
            AnswerText::parse(" \u{7} ").unwrap_err(),
            "Write an answer first."
        );
        let long = "a".repeat(MAX_ANSWER_CHARS + 1);
        assert!(
            AnswerText::parse(&long)
                .unwrap_err()
                .contains("10001 characters")
        );
        // Control characters do not count towards the limit.
        let fits = format!("{}\u{0}", "a".repeat(MAX_ANSWER_CHARS));
        assert!(AnswerText::parse(&fits).is_ok());
        assert!(DraftText::parse(&long).is_ok(), "drafts may run over");
        assert!(DraftText::parse(&"a".repeat(MAX_DRAFT_CHARS + 1)).is_err());
        assert_eq!(DrillText::parse("  ").unwrap(), None);
        assert!(DrillText::parse(&"a".repeat(MAX_DRILL_CHARS + 1)).is_err());
        assert_eq!(JobDescription::parse(" \n ").unwrap(), None);
        assert_eq!(
            JobDescription::parse("Rust\r\n- Postgres\n")
                .unwrap()
                .unwrap()
                .as_str(),
            "Rust\n- Postgres\n"
        );
        assert!(
            JobDescription::parse(&"a".repeat(MAX_JOB_DESCRIPTION_CHARS + 1))
                .unwrap_err()
                .contains("too long")
        );
    }

    #[test]
    fn emails_are_lower_cased_and_must_look_deliverable() {
        assert_eq!(
            Email::parse(" Sam@Example.ORG ").unwrap().as_str(),
            "sam@example.org"
        );
        for bad in [
            "",
            "sam",
            "sam@example",
            "@example.org",
            "sam@.org",
            "s am@example.org",
            "a@b@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(MAX_EMAIL_CHARS));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn passwords_keep_every_character_and_are_bounded() {
        assert_eq!(
            Password::parse(" pass word ", "Enter it.")
                .unwrap()
                .as_str(),
            " pass word "
        );
        assert_eq!(Password::parse("", "Enter it.").unwrap_err(), "Enter it.");
        assert!(Password::parse(&"x".repeat(129), "Enter it.").is_err());
        assert!(
            Password::parse_new("short")
                .unwrap_err()
                .contains("at least 8")
        );
        assert!(
            Password::parse_new(&"x".repeat(129))
                .unwrap_err()
                .contains("at most 128")
        );
        assert!(
            !format!("{:?}", Password::parse_new("a secret phrase").unwrap()).contains("secret")
        );
    }

    #[test]
    fn display_names_and_keys() {
        assert_eq!(DisplayName::parse("  ").unwrap(), None);
        assert_eq!(
            DisplayName::parse(" Sam ").unwrap().unwrap().as_str(),
            "Sam"
        );
        assert!(DisplayName::parse(&"n".repeat(81)).is_err());
        assert!(DisplayName::parse("a\u{7}b").is_err());
        assert!(IdempotencyKey::parse("key-12345").is_ok());
        assert!(IdempotencyKey::parse("short").is_err());
        assert!(IdempotencyKey::parse("has space 123").is_err());
        assert!(IdempotencyKey::parse(&"k".repeat(MAX_IDEMPOTENCY_KEY_CHARS)).is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(MAX_IDEMPOTENCY_KEY_CHARS + 1)).is_err());
    }
}
