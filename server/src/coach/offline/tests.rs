//! The offline generator against the real library and realistic job
//! descriptions written for these tests.

use std::collections::BTreeSet;
use std::sync::Arc;

use app::model::{GenerateInput, ProvenanceSource, QuestionKind, QuestionSet, Seniority};

use super::text::{content_words, similarity};
use super::{OfflineCoach, jd};
use crate::content::Library;

const BACKEND: &str = include_str!("../../../tests/fixtures/jd/backend-payments.txt");
const FRONTEND: &str = include_str!("../../../tests/fixtures/jd/frontend-design-system.txt");
const DATA: &str = include_str!("../../../tests/fixtures/jd/data-engineer-analytics.txt");
const SRE: &str = include_str!("../../../tests/fixtures/jd/sre-cloud.txt");
const CHEF: &str = include_str!("../../../tests/fixtures/jd/head-chef.txt");

fn coach() -> &'static OfflineCoach {
    super::for_tests()
}

fn generate(role: Option<&str>, jd: Option<&str>, count: u32) -> QuestionSet {
    let request = coach()
        .check(GenerateInput {
            role: role.map(Into::into),
            job_description: jd.map(Into::into),
            count: Some(count),
            ..Default::default()
        })
        .expect("valid request");
    coach().generate(&request)
}

fn must_have(text: &str) -> Vec<String> {
    jd::analyse(text, coach().matcher())
        .must_have_skills()
        .map(|s| s.skill.clone())
        .collect()
}

/// Skills a set touches: the skills its questions test, and any named in
/// their text, rubric or provenance.
fn touched(set: &QuestionSet, tested: &[Vec<String>]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = tested.iter().flatten().cloned().collect();
    for q in &set.questions {
        let text = format!(
            "{} {} {}",
            q.text,
            q.rubric.join(" "),
            q.follow_ups.join(" ")
        );
        out.extend(coach().matcher().find(&text).into_iter().map(|f| f.skill));
        if q.provenance.source == ProvenanceSource::Skill {
            out.extend(
                coach()
                    .matcher()
                    .find(&q.provenance.detail)
                    .into_iter()
                    .map(|f| f.skill),
            );
            out.insert(q.provenance.detail.clone());
        }
    }
    out
}

#[test]
fn the_same_request_always_gives_the_same_set() {
    let a = generate(None, Some(BACKEND), 10);
    let b = generate(None, Some(BACKEND), 10);
    let fresh = OfflineCoach::with_model(
        Arc::new(Library::embedded().unwrap()),
        Some(super::meaning::load_for_tests()),
    );
    let request = fresh
        .check(GenerateInput {
            job_description: Some(BACKEND.into()),
            count: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(a, fresh.generate(&request));
}

#[test]
fn a_role_alone_gives_a_balanced_set_of_the_asked_size() {
    for role in coach().library().roles() {
        for count in [5, 10, 20] {
            let set = generate(Some(&role.slug), None, count);
            assert_eq!(set.questions.len(), count as usize, "{} {count}", role.slug);
            assert_eq!(set.role.as_deref(), Some(role.slug.as_str()));
            let kinds: BTreeSet<QuestionKind> = set.questions.iter().map(|q| q.kind).collect();
            assert_eq!(kinds.len(), 4, "{} {count}: {kinds:?}", role.slug);
            let areas: BTreeSet<&str> = set
                .questions
                .iter()
                .map(|q| q.focus_area.as_str())
                .collect();
            assert!(areas.len() >= 3, "{} {count}: {areas:?}", role.slug);
            for q in &set.questions {
                assert_eq!(q.provenance.source, ProvenanceSource::FocusArea);
                assert!((3..=5).contains(&q.rubric.len()));
            }
        }
    }
}

#[test]
fn no_set_contains_near_duplicates() {
    for (role, jd) in [
        (Some("backend-engineer"), None),
        (None, Some(BACKEND)),
        (None, Some(SRE)),
        (None, Some(CHEF)),
        (Some("product-manager"), None),
    ] {
        let set = generate(role, jd, 20);
        let words: Vec<_> = set
            .questions
            .iter()
            .map(|q| content_words(&q.text))
            .collect();
        for i in 0..words.len() {
            for j in i + 1..words.len() {
                assert!(
                    similarity(&words[i], &words[j]) < super::select::NEAR_DUPLICATE,
                    "{:?} / {:?}",
                    set.questions[i].text,
                    set.questions[j].text
                );
            }
        }
    }
}

#[test]
fn ten_questions_touch_most_must_have_skills_of_a_realistic_jd() {
    for (name, text) in [
        ("backend", BACKEND),
        ("frontend", FRONTEND),
        ("data", DATA),
        ("sre", SRE),
    ] {
        let must = must_have(text);
        assert!(must.len() >= 5, "{name}: only {must:?}");
        let request = coach()
            .check(GenerateInput {
                job_description: Some(text.into()),
                ..Default::default()
            })
            .unwrap();
        let (set, tested) = coach().generate_with_skills(&request);
        assert_eq!(set.questions.len(), 10);
        let touched = touched(&set, &tested);
        let hit = must.iter().filter(|s| touched.contains(*s)).count();
        let share = hit as f32 / must.len() as f32;
        // Templates can always ask about a named technology; practices
        // depend on what the bank holds.
        let top = &must[..must.len().min(super::select::TOP_SKILLS)];
        let technologies: Vec<&String> = top
            .iter()
            .filter(|s| coach().matcher().is_major(s))
            .collect();
        assert!(
            technologies.iter().all(|s| touched.contains(*s)),
            "{name}: the most central technologies {technologies:?} are not all touched; touched {touched:?}"
        );
        assert!(
            top.iter().filter(|s| touched.contains(*s)).count() * 3 >= top.len() * 2,
            "{name}: fewer than two thirds of the most central skills {top:?} touched; touched {touched:?}"
        );
        assert!(
            share >= 0.7,
            "{name}: touched {hit} of {} must-have skills {must:?}; touched {touched:?}",
            must.len()
        );
    }
}

#[test]
fn a_set_names_no_major_technology_the_jd_does_not_mention() {
    for text in [BACKEND, FRONTEND, DATA, SRE] {
        let analysis = jd::analyse(text, coach().matcher());
        let set = generate(None, Some(text), 20);
        for q in &set.questions {
            let all = format!(
                "{} {} {}",
                q.text,
                q.rubric.join(" "),
                q.follow_ups.join(" ")
            );
            for found in coach().matcher().find(&all) {
                assert!(
                    !found.major || analysis.mentions(&found.skill),
                    "{:?} names {} which the JD does not mention",
                    q.text,
                    found.skill
                );
            }
        }
    }
}

#[test]
fn every_quoted_jd_line_appears_exactly_in_the_jd() {
    for text in [BACKEND, FRONTEND, DATA, SRE, CHEF] {
        let set = generate(None, Some(text), 20);
        let quoted: Vec<_> = set
            .questions
            .iter()
            .filter(|q| q.provenance.source == ProvenanceSource::JdLine)
            .collect();
        assert!(!quoted.is_empty());
        for q in quoted {
            assert!(
                text.contains(&q.provenance.detail),
                "{:?}",
                q.provenance.detail
            );
        }
    }
}

#[test]
fn roles_are_detected_from_the_jd_when_none_is_given() {
    for (text, slug) in [
        (BACKEND, "backend-engineer"),
        (FRONTEND, "frontend-engineer"),
        (DATA, "data-engineer"),
        (SRE, "devops-sre"),
    ] {
        let set = generate(None, Some(text), 10);
        assert_eq!(set.role.as_deref(), Some(slug));
        assert!(
            set.notice
                .as_deref()
                .unwrap_or_default()
                .contains("Matched")
        );
    }
}

/// A title names one role and the posting says, more than once, that the
/// job is another: the role it keeps naming wins.
#[test]
fn a_role_the_posting_names_again_beats_the_one_in_its_title() {
    let jd = "Web Developer (Full Stack), Billing Tools\n\n\
        We are a small team inside a utility company. Despite the title, this is a \
        full stack job: you will write the API and the screens for each tool.\n\n\
        What you will do\n\
        - Build Django services and their PostgreSQL tables\n\
        - Build the screens in React, with forms and tables\n\
        - Deploy with Docker through our pipeline\n";
    let set = generate(None, Some(jd), 10);
    assert_eq!(set.role.as_deref(), Some("full-stack-engineer"));
}

/// One mention of a long title is one mention, not one per shorter name
/// inside it: "Senior Product Manager" is not the product role named three
/// times.
#[test]
fn a_title_inside_a_longer_title_is_one_mention() {
    let library = crate::content::Library::embedded().unwrap();
    let heading: Vec<String> = super::text::tokens(
        "Senior Product Manager, Payments. Our product manager works with design.",
    );
    let role = library.find_role("product-manager").unwrap();
    let (title, times) = super::detect::mentions(&heading, role);
    assert_eq!(times, 2);
    assert_eq!(title, 7.0);
}

#[test]
fn a_jd_that_matches_no_role_still_gets_a_general_set_and_is_told_so() {
    let set = generate(None, Some(CHEF), 10);
    assert_eq!(set.role, None);
    assert_eq!(set.questions.len(), 10);
    assert!(set.notice.unwrap().contains("did not match any role"));
    assert!(
        set.questions
            .iter()
            .any(|q| q.provenance.source == ProvenanceSource::JdLine)
    );
}

#[test]
fn seniority_comes_from_the_jd_when_not_given() {
    assert_eq!(
        generate(None, Some(BACKEND), 10).seniority,
        Seniority::Senior
    );
    assert_eq!(generate(None, Some(DATA), 10).seniority, Seniority::Junior);
    assert_eq!(
        generate(Some("backend-engineer"), None, 10).seniority,
        Seniority::Mid
    );
}

#[test]
fn misspelled_and_aliased_skills_in_a_jd_are_recognised() {
    let must = must_have(SRE);
    assert!(must.contains(&"Kubernetes".to_string()), "{must:?}");
    let jd = "Backend engineer\nRequirements\n- Postgres and k8s\n- golang or nodejs\n- Terraform";
    let must = must_have(jd);
    for skill in ["PostgreSQL", "Kubernetes", "Go", "Node.js", "Terraform"] {
        assert!(must.contains(&skill.to_string()), "{skill} in {must:?}");
    }
}

#[test]
fn only_the_requested_kinds_are_included() {
    let request = coach()
        .check(GenerateInput {
            role: Some("data-scientist".into()),
            kinds: Some(vec!["technical".into(), "situational".into()]),
            count: Some(8),
            ..Default::default()
        })
        .unwrap();
    let set = coach().generate(&request);
    assert_eq!(set.questions.len(), 8);
    assert!(
        set.questions
            .iter()
            .all(|q| matches!(q.kind, QuestionKind::Technical | QuestionKind::Situational))
    );
    assert_eq!(
        set.questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Technical)
            .count(),
        4
    );
}

#[test]
fn roles_can_be_named_by_title_or_alias() {
    for name in [
        "Backend Engineer",
        "backend engineer",
        "Back-end Developer",
        "backend-engineer",
    ] {
        let request = coach()
            .check(GenerateInput {
                role: Some(name.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(request.role.as_deref(), Some("backend-engineer"), "{name}");
    }
}

#[test]
fn unknown_roles_are_a_field_error() {
    let error = coach()
        .check(GenerateInput {
            role: Some("astronaut".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(error.field_message("role").unwrap().contains("astronaut"));
}
