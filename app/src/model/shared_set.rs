use serde::{Deserialize, Serialize};

use super::{Question, QuestionSet};

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
    /// How many questions drawn from the maker's résumé the set also has.
    /// They are never here: only their maker sees them, on the set's
    /// private page.
    #[serde(default)]
    pub private_questions: u32,
}

/// The questions of a set drawn from its maker's résumé, as only the maker
/// sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateQuestions {
    pub slug: String,
    pub title: String,
    pub questions: Vec<PrivateQuestion>,
    /// The résumé itself, when the maker asked for it to be kept.
    pub resume: Option<String>,
    /// Whether the maker is the account that owns the set, and so can
    /// practise them; an anonymous maker has to sign up first.
    pub can_practise: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateQuestion {
    /// Its place in the set, from 1: the practice page's `q`.
    pub position: u32,
    #[serde(flatten)]
    pub question: Question,
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
