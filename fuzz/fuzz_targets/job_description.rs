//! The job-description reader: any pasted text either fails the bounds
//! check with a message or gives a set whose every question says why it is
//! there.
#![no_main]

use std::sync::{Arc, LazyLock};

use app::model::GenerateInput;
use libfuzzer_sys::fuzz_target;
use rehearse::coach::offline::{OfflineCoach, meaning};
use rehearse::content::Library;

// The coach as the server runs it: with the embedded model when
// `scripts/setup.sh` has put it in place.
static COACH: LazyLock<OfflineCoach> = LazyLock::new(|| {
    OfflineCoach::with_model(
        Arc::new(Library::embedded().expect("content loads")),
        meaning::load(&meaning::repository_dir()),
    )
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = COACH.required_skills(text);
    let input = GenerateInput {
        job_description: Some(text.to_string()),
        ..GenerateInput::default()
    };
    let Ok(request) = COACH.check(input) else {
        return;
    };
    let _ = COACH.brief(&request);
    let set = COACH.generate(&request);
    assert!(!set.questions.is_empty());
    for question in &set.questions {
        assert!(!question.text.trim().is_empty());
        assert!(!question.focus_area.trim().is_empty());
    }
});
