use std::collections::HashSet;

use app::model::QuestionKind;

use super::validate::{MIN_QUESTIONS_PER_ROLE, MIN_QUESTIONS_TOTAL, MIN_SKILLS, normalise_text};
use super::{ContentError, Library, files};

const REQUIRED_ROLES: [&str; 16] = [
    "backend-engineer",
    "frontend-engineer",
    "full-stack-engineer",
    "mobile-engineer",
    "data-engineer",
    "data-scientist",
    "ml-engineer",
    "devops-sre",
    "security-engineer",
    "qa-test-automation-engineer",
    "engineering-manager",
    "product-manager",
    "product-designer",
    "data-analyst",
    "solutions-architect",
    "technical-program-manager",
];

#[test]
fn the_built_in_library_loads_with_every_required_role() {
    let library = Library::embedded().expect("the repository's content is valid");
    for slug in REQUIRED_ROLES {
        let role = library
            .role(slug)
            .unwrap_or_else(|| panic!("{slug} is missing"));
        assert!((3..=5).contains(&role.focus_areas.len()), "{slug}");
        assert_eq!(role.prep_steps.len(), 3, "{slug}");
        assert!((3..=5).contains(&role.faq.len()), "{slug}");
        assert!(role.questions.len() >= MIN_QUESTIONS_PER_ROLE, "{slug}");
        for kind in QuestionKind::ALL {
            assert!(
                role.questions.iter().any(|q| q.kind == kind),
                "{slug} {kind:?}"
            );
        }
        for related in &role.related {
            assert!(library.role(related).is_some(), "{slug} -> {related}");
        }
    }
    assert!(library.question_count() >= MIN_QUESTIONS_TOTAL);
    assert!(library.skills().len() >= MIN_SKILLS);
}

#[test]
fn no_question_text_appears_twice_anywhere() {
    let library = Library::embedded().unwrap();
    let mut seen = HashSet::new();
    for q in library.all_questions() {
        assert!(seen.insert(normalise_text(&q.text)), "{} repeats", q.id);
    }
}

fn broken(edit: impl Fn(&str, &str) -> Option<String>) -> Vec<String> {
    let files = files::embedded()
        .into_iter()
        .map(|mut f| {
            if let Some(text) = edit(&f.path, &f.text) {
                f.text = text;
            }
            f
        })
        .collect();
    match Library::from_files(files) {
        Err(ContentError::Invalid(problems)) => problems,
        Err(other) => vec![other.to_string()],
        Ok(_) => Vec::new(),
    }
}

#[test]
fn a_repeated_question_text_is_refused() {
    let library = Library::embedded().unwrap();
    let first = &library.role("backend-engineer").unwrap().questions[0];
    let copy = format!(
        "\n[[questions]]\nid = \"copy-001\"\nkind = \"technical\"\nfocus = {}\ndifficulty = 2\n\
         min_seniority = \"junior\"\nmax_seniority = \"staff\"\nskills = [\"SQL\"]\ntext = {}\n\
         rubric = [\"a\", \"b\", \"c\"]\nfollow_ups = [\"d\"]\n",
        toml_string(&first.focus),
        toml_string(&format!("  {}  ", first.text.to_uppercase())),
    );
    let problems = broken(|path, text| {
        (path == "roles/backend-engineer.toml").then(|| format!("{text}{copy}"))
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("copy-001 repeats the text")),
        "{problems:?}"
    );
}

#[test]
fn a_duplicate_slug_and_missing_sections_are_refused() {
    let problems = broken(|path, text| {
        (path == "roles/frontend-engineer.toml").then(|| {
            text.replacen(
                "slug = \"frontend-engineer\"",
                "slug = \"backend-engineer\"",
                1,
            )
        })
    });
    assert!(
        problems.iter().any(|p| p.contains("used twice")),
        "{problems:?}"
    );

    // Cutting one preparation step out leaves two.
    let problems = broken(|path, text| {
        (path == "roles/data-analyst.toml").then(|| {
            let start = text.find("[[prep_steps]]").expect("the file has steps");
            let len = text[start + 2..].find("[[").expect("a table follows") + 2;
            format!("{}{}", &text[..start], &text[start + len..])
        })
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("exactly 3 preparation steps")),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_skill_tag_is_refused() {
    let problems = broken(|path, text| {
        (path == "roles/mobile-engineer.toml")
            .then(|| text.replacen("skills = [", "skills = [\"Quantum Basket Weaving\", ", 1))
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Quantum Basket Weaving")),
        "{problems:?}"
    );
}

/// A TOML basic string: JSON's string escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}
