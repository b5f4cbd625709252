//! The answer assessor: any answer within the bounds gets scores from 1
//! to 10, quotes taken from the answer itself, and a rewrite without a
//! number the answer does not have.
//!
//! The coach reads by words alone here: the embedded model only ranks
//! sentences the word reading has already split and numbered, and under
//! the sanitiser it costs about a second per input, which would leave the
//! fuzzer no time to mutate anything.
#![no_main]

use std::sync::{Arc, LazyLock};

use app::model::AnswerText;
use libfuzzer_sys::fuzz_target;
use rehearse::coach::offline::assess::{AssessInput, new_numbers};
use rehearse::coach::offline::OfflineCoach;
use rehearse::content::{BankQuestion, Library};

static LIBRARY: LazyLock<Arc<Library>> =
    LazyLock::new(|| Arc::new(Library::embedded().expect("content loads")));
static COACH: LazyLock<OfflineCoach> = LazyLock::new(|| OfflineCoach::new(LIBRARY.clone()));
static QUESTIONS: LazyLock<Vec<BankQuestion>> =
    LazyLock::new(|| LIBRARY.all_questions().cloned().collect());

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(answer) = AnswerText::parse(text) else {
        return;
    };
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
