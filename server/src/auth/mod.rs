//! Passwords, sessions and the random tokens behind them.

pub mod password;
pub mod rules;
pub mod tokens;

pub use password::Passwords;
