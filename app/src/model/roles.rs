//! What the UI and the API show of the role library.

use serde::{Deserialize, Serialize};

use super::QuestionKind;

/// A role in lists: the index, the home page and suggestions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub focus_areas: Vec<String>,
    /// Other titles the role goes by, for search.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusAreaView {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepStepView {
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqView {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLink {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleQuestion {
    pub text: String,
    pub kind: QuestionKind,
    pub focus_area: String,
    pub difficulty: u8,
}

/// Everything a role page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolePage {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub focus_areas: Vec<FocusAreaView>,
    pub prep_steps: Vec<PrepStepView>,
    pub faq: Vec<FaqView>,
    pub related: Vec<RoleLink>,
    pub sample_questions: Vec<SampleQuestion>,
    pub question_count: usize,
}
