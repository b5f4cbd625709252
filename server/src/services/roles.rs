use std::sync::Arc;

use app::api::port::Roles;
use app::model::{
    AppError, FaqView, FocusAreaView, PrepStepView, QuestionKind, RoleLink, RolePage, RoleSummary,
    SampleQuestion,
};

use crate::content::{Library, Role};

/// How many sample questions a role page shows.
const SAMPLES: usize = 6;

pub struct RoleCatalog {
    library: Arc<Library>,
}

impl RoleCatalog {
    pub fn new(library: Arc<Library>) -> Self {
        Self { library }
    }
}

impl Roles for RoleCatalog {
    fn list(&self) -> Vec<RoleSummary> {
        self.library.roles().iter().map(summary).collect()
    }

    fn page(&self, slug: &str) -> Result<RolePage, AppError> {
        let role = self.library.role(slug).ok_or(AppError::NotFound)?;
        Ok(RolePage {
            slug: role.slug.clone(),
            title: role.title.clone(),
            summary: role.summary.clone(),
            focus_areas: role
                .focus_areas
                .iter()
                .map(|f| FocusAreaView {
                    name: f.name.clone(),
                    description: f.description.clone(),
                })
                .collect(),
            prep_steps: role
                .prep_steps
                .iter()
                .map(|p| PrepStepView {
                    title: p.title.clone(),
                    detail: p.detail.clone(),
                })
                .collect(),
            faq: role
                .faq
                .iter()
                .map(|f| FaqView {
                    question: f.question.clone(),
                    answer: f.answer.clone(),
                })
                .collect(),
            related: role
                .related
                .iter()
                .filter_map(|slug| self.library.role(slug))
                .map(|r| RoleLink {
                    slug: r.slug.clone(),
                    title: r.title.clone(),
                })
                .collect(),
            sample_questions: samples(role),
            question_count: role.questions.len(),
        })
    }
}

fn summary(role: &Role) -> RoleSummary {
    RoleSummary {
        slug: role.slug.clone(),
        title: role.title.clone(),
        summary: role.summary.clone(),
        focus_areas: role.focus_areas.iter().map(|f| f.name.clone()).collect(),
        aliases: role.title_aliases.clone(),
    }
}

/// One question of each kind, then one per focus area not yet shown: a fair
/// taste of the bank, the same on every visit.
fn samples(role: &Role) -> Vec<SampleQuestion> {
    let mut picked: Vec<&crate::content::BankQuestion> = Vec::new();
    for kind in QuestionKind::ALL {
        if let Some(q) = role
            .questions
            .iter()
            .find(|q| q.kind == kind && q.difficulty <= 2)
        {
            picked.push(q);
        }
    }
    for area in &role.focus_areas {
        if picked.len() >= SAMPLES {
            break;
        }
        if !picked.iter().any(|q| q.focus == area.id)
            && let Some(q) = role
                .questions
                .iter()
                .find(|q| q.focus == area.id && !picked.iter().any(|p| p.id == q.id))
        {
            picked.push(q);
        }
    }
    for q in &role.questions {
        if picked.len() >= SAMPLES {
            break;
        }
        if !picked.iter().any(|p| p.id == q.id) {
            picked.push(q);
        }
    }
    picked
        .into_iter()
        .map(|q| SampleQuestion {
            text: q.text.clone(),
            kind: q.kind,
            focus_area: role
                .focus_area(&q.focus)
                .map_or_else(|| q.focus.clone(), |f| f.name.clone()),
            difficulty: q.difficulty,
        })
        .collect()
}
