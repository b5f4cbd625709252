//! Accounts: who is logged in, and the forms that create, open, change and
//! close an account.

use serde::{Deserialize, Serialize};

use super::{AppError, FieldError};

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// The logged-in person, as pages and the API show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: Option<String>,
    /// Attempts older than this many days are deleted; `None` keeps them.
    #[serde(default)]
    pub retention_days: Option<u32>,
}

/// The retention periods offered, in days.
pub const RETENTION_CHOICES: [u32; 4] = [30, 90, 180, 365];

impl Viewer {
    /// The name to greet them by.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDeletion {
    #[serde(default)]
    pub password: String,
    /// The visitor ticked "I understand this cannot be undone".
    #[serde(default)]
    pub confirm: bool,
}

/// An email as stored: trimmed and lower-cased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The email's problem, if it has one.
pub fn email_problem(email: &str) -> Option<&'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Some("Enter your email address.");
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
    (!well_formed).then_some("Enter an email address such as name@example.com.")
}

impl SignupInput {
    /// The shape of each field; the server adds the common-password check.
    pub fn check_shape(&self) -> Vec<FieldError> {
        let mut fields = Vec::new();
        if let Some(message) = email_problem(&self.email) {
            fields.push(FieldError::new("email", message));
        }
        if let Some(name) = self.display_name.as_deref().map(str::trim)
            && (name.chars().count() > MAX_DISPLAY_NAME_CHARS || name.chars().any(char::is_control))
        {
            fields.push(FieldError::new(
                "display_name",
                format!("Use at most {MAX_DISPLAY_NAME_CHARS} characters."),
            ));
        }
        fields
    }

    /// The display name to store: trimmed, or none when empty.
    pub fn display_name(&self) -> Option<String> {
        self.display_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    }
}

impl LoginInput {
    pub fn check_shape(&self) -> Result<(), AppError> {
        let mut fields = Vec::new();
        if self.email.trim().is_empty() {
            fields.push(FieldError::new("email", "Enter your email address."));
        } else if self.email.chars().count() > MAX_EMAIL_CHARS {
            fields.push(FieldError::new(
                "email",
                "Enter an email address such as name@example.com.",
            ));
        }
        if self.password.is_empty() {
            fields.push(FieldError::new("password", "Enter your password."));
        } else if self.password.chars().count() > MAX_PASSWORD_CHARS {
            fields.push(FieldError::new(
                "password",
                format!("Passwords have at most {MAX_PASSWORD_CHARS} characters."),
            ));
        }
        if fields.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation { fields })
        }
    }
}

/// Everything an account holds, as `GET /api/v1/me/export` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountExport {
    pub exported_at: String,
    pub account: ExportedAccount,
    pub question_sets: Vec<ExportedSet>,
    /// Every attempt at any question, newest first, with its feedback.
    #[serde(default)]
    pub answers: Vec<ExportedAnswer>,
    /// Answers being written.
    #[serde(default)]
    pub drafts: Vec<ExportedDraft>,
    pub sessions: Vec<ExportedSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAnswer {
    /// The question as it was answered.
    pub question: String,
    #[serde(flatten)]
    pub attempt: super::Attempt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedDraft {
    pub question: String,
    pub text: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAccount {
    pub id: i64,
    pub email: String,
    pub display_name: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedSet {
    pub slug: String,
    pub url: String,
    pub created_at: String,
    pub job_description: Option<String>,
    #[serde(flatten)]
    pub set: super::QuestionSet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedSession {
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape_only() {
        assert_eq!(email_problem("jane@example.org"), None);
        assert_eq!(email_problem("  Jane.Doe+cv@Example.ORG "), None);
        for bad in [
            "",
            "jane",
            "jane@",
            "@example.org",
            "jane@example",
            "ja ne@example.org",
            "a@b@c.org",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(normalise_email(" Jane@Example.ORG "), "jane@example.org");
    }
}
