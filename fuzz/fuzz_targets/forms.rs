//! What a browser posts: the generator, practice and settings forms, and
//! the `next` path after logging in. None may panic, and `next` never
//! leaves the site.
#![no_main]

use std::sync::{Arc, LazyLock};

use app::model::{GenerateForm, GenerateInput, PracticeForm, SettingsForm};
use libfuzzer_sys::fuzz_target;
use rehearse::coach::offline::OfflineCoach;
use rehearse::content::Library;
use rehearse::http::parse::{next_of, read};

static COACH: LazyLock<OfflineCoach> =
    LazyLock::new(|| OfflineCoach::new(Arc::new(Library::embedded().expect("content loads"))));

fuzz_target!(|data: &[u8]| {
    if let Ok(query) = std::str::from_utf8(data) {
        let next = next_of(Some(query));
        assert!(next.starts_with('/'), "{next:?}");
        assert!(!next.starts_with("//"), "{next:?}");
        assert!(
            next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\'),
            "{next:?}"
        );
    }
    let _ = read::<PracticeForm>(data);
    let _ = read::<SettingsForm>(data);
    if let Ok(form) = read::<GenerateForm>(data)
        && let Ok(request) = COACH.check(GenerateInput::from(form))
    {
        assert!(!COACH.generate(&request).questions.is_empty());
    }
});
