//! What makes an acceptable email and password. No composition rules: length
//! and a list of the most common passwords, as NIST SP 800-63B advises.

use std::collections::HashSet;
use std::sync::OnceLock;

use app::model::{AppError, FieldError, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

const COMMON: &str = include_str!("common_passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// Problems with a new password, as a message for its field.
pub fn password_problem(password: &str, email: &str) -> Option<String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Some(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters; a short phrase is easy to remember."
        ));
    }
    if length > MAX_PASSWORD_CHARS {
        return Some(format!("Use at most {MAX_PASSWORD_CHARS} characters."));
    }
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if common().contains(lower.as_str())
        || lower == email
        || (local.chars().count() >= 4 && lower == local)
        || lower.chars().all(|c| lower.starts_with(c))
    {
        return Some(
            "This password is too common and easy to guess. Try a phrase of a few unrelated words."
                .to_string(),
        );
    }
    None
}

/// Adds the password's problem, if any, to `fields` under `field`.
pub fn check_password(fields: &mut Vec<FieldError>, field: &str, password: &str, email: &str) {
    if let Some(message) = password_problem(password, email) {
        fields.push(FieldError::new(field, message));
    }
}

/// Fails with the fields' problems, if there are any.
pub fn finish(fields: Vec<FieldError>) -> Result<(), AppError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_the_common_list_decide_nothing_else() {
        assert!(password_problem("short", "a@b.example").is_some());
        assert!(password_problem(&"x".repeat(129), "a@b.example").is_some());
        assert!(password_problem(&"correct horse ".repeat(4), "a@b.example").is_none());
        assert!(
            password_problem(&"ab".repeat(32), "a@b.example").is_none(),
            "64 characters are allowed"
        );
        for common in [
            "password",
            "Password1",
            "12345678",
            "qwertyuiop",
            "aaaaaaaaaa",
        ] {
            assert!(
                password_problem(common, "a@b.example").is_some(),
                "{common}"
            );
        }
        assert!(password_problem("jane.doe@example.org", "jane.doe@example.org").is_some());
        // No composition rules: lower-case words alone are fine.
        assert!(password_problem("violet tugboat lantern", "a@b.example").is_none());
        assert!(common().len() > 500);
    }
}
