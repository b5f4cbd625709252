//! Question sets and answers in formats people take elsewhere.

pub mod csv;
pub mod markdown;
pub mod text;
