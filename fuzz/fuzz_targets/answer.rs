//! The answer assessor: any answer within the bounds gets scores from 1
//! to 10, quotes taken from the answer itself, and a rewrite without a
//! number the answer does not have.
#![no_main]

use std::sync::{Arc, LazyLock};

use app::model::MAX_ANSWER_CHARS;
use libfuzzer_sys::fuzz_target;
use rehearse::coach::offline::assess::{AssessInput, new_numbers};
use rehearse::coach::offline::text::clean;
use rehearse::coach::offline::{OfflineCoach, meaning};
use rehearse::content::{BankQuestion, Library};

static LIBRARY: LazyLock<Arc<Library>> =
    LazyLock::new(|| Arc::new(Library::embedded().expect("content loads")));
static COACH: LazyLock<OfflineCoach> = LazyLock::new(|| {
    OfflineCoach::with_model(LIBRARY.clone(), meaning::load(&meaning::repository_dir()))
});
static QUESTIONS: LazyLock<Vec<BankQuestion>> =
    LazyLock::new(|| LIBRARY.all_questions().cloned().collect());

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let answer = clean(text);
    if answer.trim().is_empty() || answer.chars().count() > MAX_ANSWER_CHARS {
        return;
    }
    let question = &QUESTIONS[usize::from(pick) * QUESTIONS.len() / 256];
    let feedback = COACH.assess(&AssessInput {
        question: &question.text,
        kind: question.kind,
        rubric: &question.rubric,
        focus_area: Some(&question.focus),
        jd_skills: &question.skills,
        answer: &answer,
    });
    for score in [
        feedback.scores.structure,
        feedback.scores.specificity,
        feedback.scores.relevance,
        feedback.scores.overall,
    ] {
        assert!((1..=10).contains(&score), "score {score}");
    }
    for comment in &feedback.comments {
        if let Some(quote) = &comment.quote {
            assert!(
                answer.contains(quote.as_str()),
                "quote {quote:?} is not in the answer"
            );
        }
    }
    let invented = new_numbers(&answer, &feedback.rewrite);
    assert!(invented.is_empty(), "the rewrite adds {invented:?}");
});
