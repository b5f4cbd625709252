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
    /// Whether its owner listed it for search engines: listed sets are in
    /// the sitemap and may be indexed; the rest ask not to be.
    pub listed: bool,
    /// Whether the person looking may list or unlist it: only the account
    /// that owns it, never an anonymous creator.
    pub can_list: bool,
}

/// A listed set, as the sitemap names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedSet {
    pub slug: String,
    /// RFC 3339.
    pub created_at: String,
}

/// The share page's listing form: `listed=1` lists the set, anything else
/// unlists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    #[serde(default)]
    pub listed: Option<String>,
}

impl ListingForm {
    pub fn listed(&self) -> bool {
        self.listed.as_deref() == Some("1")
    }
}

/// The JSON API's body for listing a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListingInput {
    pub listed: bool,
}
