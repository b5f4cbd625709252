//! The role library, the shared question bank and the skills taxonomy,
//! loaded from TOML files at start-up and checked before use.

mod files;
mod model;
mod validate;

use std::collections::HashMap;
use std::path::Path;

pub use files::SourceFile;
pub use model::{BankQuestion, Faq, FocusArea, PrepStep, Role, SharedBank, Skill, SkillsFile};

/// Everything the offline coach knows, checked and indexed.
#[derive(Debug, Clone)]
pub struct Library {
    roles: Vec<Role>,
    shared: Vec<BankQuestion>,
    skills: Vec<Skill>,
    role_index: HashMap<String, usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("cannot read the content folder {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("the content breaks {} rule(s): {}", .0.len(), .0.join("; "))]
    Invalid(Vec<String>),
}

impl Library {
    /// The content built into the binary.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::from_files(files::embedded())
    }

    /// The content in a folder laid out like the repository's `content/`.
    pub fn from_dir(root: &Path) -> Result<Self, ContentError> {
        let files = files::from_dir(root).map_err(|source| ContentError::Read {
            path: root.display().to_string(),
            source,
        })?;
        Self::from_files(files)
    }

    pub fn from_files(files: Vec<SourceFile>) -> Result<Self, ContentError> {
        let mut roles = Vec::new();
        let mut shared = Vec::new();
        let mut skills = Vec::new();
        for file in files {
            let path = file.path.clone();
            if path.starts_with("roles/") {
                let role: Role = parse(&file)?;
                roles.push((path, role));
            } else if path.starts_with("questions/") {
                let bank: SharedBank = parse(&file)?;
                shared.extend(bank.questions);
            } else if path == "skills.toml" {
                let file: SkillsFile = parse(&file)?;
                skills.extend(file.skills);
            }
        }
        let problems = validate::check(&roles, &shared, &skills);
        if !problems.is_empty() {
            return Err(ContentError::Invalid(problems));
        }
        let mut roles: Vec<Role> = roles.into_iter().map(|(_, role)| role).collect();
        roles.sort_by(|a, b| a.title.cmp(&b.title));
        let role_index = roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), i))
            .collect();
        Ok(Self {
            roles,
            shared,
            skills,
            role_index,
        })
    }

    /// Roles in title order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn role(&self, slug: &str) -> Option<&Role> {
        self.role_index.get(slug).map(|&i| &self.roles[i])
    }

    /// A role by slug, title or another of its titles, ignoring case.
    pub fn find_role(&self, name: &str) -> Option<&Role> {
        let name = name.trim();
        self.role(&name.to_lowercase()).or_else(|| {
            self.roles
                .iter()
                .find(|r| r.title_names().any(|t| t.eq_ignore_ascii_case(name)))
        })
    }

    /// Behavioral questions that suit every role.
    pub fn shared_questions(&self) -> &[BankQuestion] {
        &self.shared
    }

    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Every question: the roles' banks, then the shared bank.
    pub fn all_questions(&self) -> impl Iterator<Item = &BankQuestion> {
        self.roles
            .iter()
            .flat_map(|r| r.questions.iter())
            .chain(&self.shared)
    }

    /// Number of questions across roles and the shared bank.
    pub fn question_count(&self) -> usize {
        self.all_questions().count()
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, ContentError> {
    toml::from_str(&file.text).map_err(|e| ContentError::Parse {
        path: file.path.clone(),
        message: e.to_string().replace('\n', " "),
    })
}

#[cfg(test)]
mod tests;
