//! What makes an acceptable new password. No composition rules: length
//! and a list of the most common passwords, as NIST SP 800-63B advises.

use std::collections::HashSet;
use std::sync::OnceLock;

use app::model::Password;

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

/// A new password that is within its bounds ([`Password::parse_new`]) and
/// not one of the most common, nor the account's own email.
fn vet(password: Password, email: &str) -> Result<Password, String> {
    let lower = password.to_lowercase();
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if common().contains(lower.as_str())
        || lower == email
        || (local.chars().count() >= 4 && lower == local)
        || lower.chars().all(|c| lower.starts_with(c))
    {
        return Err(
            "This password is too common and easy to guess. Try a phrase of a few unrelated words."
                .to_string(),
        );
    }
    Ok(password)
}

/// A new password parsed and vetted.
pub fn new_password(raw: &str, email: &str) -> Result<Password, String> {
    Password::parse_new(raw).and_then(|p| vet(p, email))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(password: &str, email: &str) -> Option<String> {
        new_password(password, email).err()
    }

    #[test]
    fn length_and_the_common_list_decide_nothing_else() {
        assert!(problem("short", "a@b.example").is_some());
        assert!(problem(&"x".repeat(129), "a@b.example").is_some());
        assert!(problem(&"correct horse ".repeat(4), "a@b.example").is_none());
        assert!(
            problem(&"ab".repeat(32), "a@b.example").is_none(),
            "64 characters are allowed"
        );
        for common in [
            "password",
            "Password1",
            "12345678",
            "qwertyuiop",
            "aaaaaaaaaa",
        ] {
            assert!(problem(common, "a@b.example").is_some(), "{common}");
        }
        assert!(problem("jane.doe@example.org", "jane.doe@example.org").is_some());
        // No composition rules: lower-case words alone are fine.
        assert!(problem("violet tugboat lantern", "a@b.example").is_none());
        assert!(common().len() > 500);
    }
}
