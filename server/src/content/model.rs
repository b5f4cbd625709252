//! The shapes of the content files, as written by people.

use app::model::{QuestionKind, Seniority};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub slug: String,
    pub title: String,
    /// Other job titles for the same role, used to recognise it in a job
    /// description ("SRE", "Platform Engineer").
    #[serde(default)]
    pub title_aliases: Vec<String>,
    pub summary: String,
    pub related: Vec<String>,
    pub focus_areas: Vec<FocusArea>,
    pub prep_steps: Vec<PrepStep>,
    pub faq: Vec<Faq>,
    pub questions: Vec<BankQuestion>,
}

impl Role {
    /// The title and every alias.
    pub fn title_names(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.title.clone()).chain(self.title_aliases.iter().cloned())
    }

    pub fn focus_area(&self, id: &str) -> Option<&FocusArea> {
        self.focus_areas.iter().find(|f| f.id == id)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepStep {
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub question: String,
    pub answer: String,
}

/// A question in the offline bank. In a role file `focus` is one of the role's
/// focus area ids; in the shared bank it is the question's theme, such as
/// "Ownership", which serves as its focus area in every role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankQuestion {
    pub id: String,
    pub kind: QuestionKind,
    pub focus: String,
    pub difficulty: u8,
    pub min_seniority: Seniority,
    pub max_seniority: Seniority,
    pub skills: Vec<String>,
    pub text: String,
    pub rubric: Vec<String>,
    pub follow_ups: Vec<String>,
}

impl BankQuestion {
    pub fn suits(&self, seniority: Seniority) -> bool {
        self.min_seniority <= seniority && seniority <= self.max_seniority
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedBank {
    pub questions: Vec<BankQuestion>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillsFile {
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// The canonical name, as questions and the UI spell it.
    pub name: String,
    /// Other spellings that mean the same skill, e.g. `k8s` for Kubernetes.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub category: String,
    /// A named technology (language, framework, database, cloud, tool) as
    /// opposed to a practice or concept. A set made from a job description
    /// never names a major technology the description does not mention.
    #[serde(default)]
    pub major: bool,
    /// The name is also an ordinary English word ("React", "Go", "Swift"), so
    /// it only counts when written with a capital letter.
    #[serde(default)]
    pub case_sensitive: bool,
}
