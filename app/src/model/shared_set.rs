use serde::{Deserialize, Serialize};

use super::QuestionSet;

/// A question set as its share page shows it: never the owner's answers or
/// the job description it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSet {
    pub slug: String,
    /// The absolute share link.
    pub url: String,
    pub set: QuestionSet,
    /// The role's title, when the set was made for a role.
    pub role_title: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// Whether the person looking made it and may delete it.
    pub can_delete: bool,
}
