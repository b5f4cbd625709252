//! The rules every content file must keep. Each broken rule becomes one
//! message naming the file or question at fault.

use std::collections::{HashMap, HashSet};

use app::model::QuestionKind;

use super::{BankQuestion, Role, Skill};

pub const MIN_ROLES: usize = 16;
pub const MIN_QUESTIONS_PER_ROLE: usize = 40;
pub const MIN_QUESTIONS_TOTAL: usize = 640;
pub const MIN_SKILLS: usize = 300;

/// Lower-cased with runs of whitespace collapsed: two texts that differ only
/// in case or spacing count as the same question.
pub fn normalise_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

pub fn check<'a>(
    roles: &'a [(String, Role)],
    shared: &'a [BankQuestion],
    skills: &[Skill],
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |msg: String| problems.push(msg);

    // Skills: unique names and aliases, and enough of them.
    let mut skill_keys: HashMap<String, &str> = HashMap::new();
    for skill in skills {
        if skill.name.trim().is_empty() || skill.category.trim().is_empty() {
            p(format!(
                "skills.toml: a skill needs a name and a category ({:?})",
                skill.name
            ));
        }
        for key in std::iter::once(&skill.name).chain(&skill.aliases) {
            let key = normalise_text(key);
            if let Some(other) = skill_keys.insert(key.clone(), &skill.name)
                && other != skill.name
            {
                p(format!(
                    "skills.toml: '{key}' names both {other} and {}",
                    skill.name
                ));
            }
        }
    }
    if skills.len() < MIN_SKILLS {
        p(format!(
            "skills.toml: {} skills, at least {MIN_SKILLS} are needed",
            skills.len()
        ));
    }

    // Roles.
    if roles.len() < MIN_ROLES {
        p(format!(
            "{} roles, at least {MIN_ROLES} are needed",
            roles.len()
        ));
    }
    let slugs: HashSet<&str> = roles.iter().map(|(_, r)| r.slug.as_str()).collect();
    let mut seen_slugs = HashSet::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut texts: HashMap<String, &str> = HashMap::new();
    let mut total = 0;

    // The rules every question keeps, in a role file or the shared bank,
    // including that its id and its text are used nowhere else.
    let mut check_question = |p: &mut dyn FnMut(String), file: &'a str, q: &'a BankQuestion| {
        total += 1;
        if let Some(other) = ids.insert(&q.id, file) {
            p(format!(
                "{file}: question id {} is also used in {other}",
                q.id
            ));
        }
        if let Some(other) = texts.insert(normalise_text(&q.text), &q.id) {
            p(format!(
                "{file}: question {} repeats the text of {other}",
                q.id
            ));
        }
        let at = format!("{file}: question {}", q.id);
        if q.id.trim().is_empty() {
            p(format!("{file}: a question has no id"));
        }
        if !(1..=3).contains(&q.difficulty) {
            p(format!("{at}: difficulty must be 1, 2 or 3"));
        }
        if q.min_seniority > q.max_seniority {
            p(format!("{at}: min_seniority is above max_seniority"));
        }
        if q.text.trim().len() < 20 {
            p(format!("{at}: the text is too short"));
        }
        if !(3..=5).contains(&q.rubric.len()) {
            p(format!(
                "{at}: needs 3 to 5 rubric points, has {}",
                q.rubric.len()
            ));
        }
        if !(1..=2).contains(&q.follow_ups.len()) {
            p(format!(
                "{at}: needs 1 or 2 follow-ups, has {}",
                q.follow_ups.len()
            ));
        }
        if q.skills.is_empty() {
            p(format!("{at}: needs at least one skill tag"));
        }
        for skill in &q.skills {
            if !skill_keys.contains_key(&normalise_text(skill)) {
                p(format!("{at}: skill '{skill}' is not in skills.toml"));
            }
        }
        if q.rubric
            .iter()
            .chain(&q.follow_ups)
            .any(|s| s.trim().is_empty())
        {
            p(format!("{at}: an empty rubric point or follow-up"));
        }
    };

    for (path, role) in roles {
        let file = path.as_str();
        if !is_slug(&role.slug) || path != &format!("roles/{}.toml", role.slug) {
            p(format!(
                "{file}: slug '{}' must be lowercase-hyphenated and match the file name",
                role.slug
            ));
        }
        if !seen_slugs.insert(role.slug.as_str()) {
            p(format!("{file}: slug '{}' is used twice", role.slug));
        }
        if role.title.trim().is_empty() || role.summary.trim().is_empty() {
            p(format!("{file}: needs a title and a summary"));
        }
        if role.related.is_empty() {
            p(format!("{file}: needs related roles"));
        }
        for related in &role.related {
            if !slugs.contains(related.as_str()) || related == &role.slug {
                p(format!(
                    "{file}: related role '{related}' is not another role"
                ));
            }
        }
        if !(3..=5).contains(&role.focus_areas.len()) {
            p(format!(
                "{file}: needs 3 to 5 focus areas, has {}",
                role.focus_areas.len()
            ));
        }
        let mut focus_ids = HashSet::new();
        for area in &role.focus_areas {
            if !is_slug(&area.id) || !focus_ids.insert(area.id.as_str()) {
                p(format!(
                    "{file}: focus area id '{}' is not a unique slug",
                    area.id
                ));
            }
            if area.name.trim().is_empty() || area.description.trim().is_empty() {
                p(format!(
                    "{file}: focus area '{}' needs a name and a description",
                    area.id
                ));
            }
        }
        if role.prep_steps.len() != 3 {
            p(format!(
                "{file}: needs exactly 3 preparation steps, has {}",
                role.prep_steps.len()
            ));
        }
        if role
            .prep_steps
            .iter()
            .any(|s| s.title.trim().is_empty() || s.detail.trim().is_empty())
        {
            p(format!("{file}: a preparation step is empty"));
        }
        if !(3..=5).contains(&role.faq.len()) {
            p(format!(
                "{file}: needs 3 to 5 FAQ entries, has {}",
                role.faq.len()
            ));
        }
        if role
            .faq
            .iter()
            .any(|f| f.question.trim().is_empty() || f.answer.trim().is_empty())
        {
            p(format!("{file}: an FAQ entry is empty"));
        }
        if role.questions.len() < MIN_QUESTIONS_PER_ROLE {
            p(format!(
                "{file}: {} questions, at least {MIN_QUESTIONS_PER_ROLE} are needed",
                role.questions.len()
            ));
        }
        for kind in QuestionKind::ALL {
            if !role.questions.iter().any(|q| q.kind == kind) {
                p(format!("{file}: has no {} questions", kind.as_str()));
            }
        }
        for area in &role.focus_areas {
            if !role.questions.iter().any(|q| q.focus == area.id) {
                p(format!("{file}: focus area '{}' has no questions", area.id));
            }
        }
        for q in &role.questions {
            check_question(&mut p, file, q);
            if !focus_ids.contains(q.focus.as_str()) {
                p(format!(
                    "{file}: question {} names unknown focus area '{}'",
                    q.id, q.focus
                ));
            }
        }
    }

    for q in shared {
        let file = "questions/shared-behavioral.toml";
        check_question(&mut p, file, q);
        if q.kind != QuestionKind::Behavioral {
            p(format!("{file}: question {} must be behavioral", q.id));
        }
        if q.focus.trim().is_empty() {
            p(format!(
                "{file}: question {} needs a theme in `focus`",
                q.id
            ));
        }
    }
    if total < MIN_QUESTIONS_TOTAL {
        p(format!(
            "{total} questions in all, at least {MIN_QUESTIONS_TOTAL} are needed"
        ));
    }
    problems
}
