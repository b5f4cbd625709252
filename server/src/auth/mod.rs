//! Passwords and sessions.

pub mod password;
pub mod rules;

pub use password::Passwords;
