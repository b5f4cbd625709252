//! What a browser posts: the generator form's fields and the `next` path
//! after logging in. Neither may panic, and `next` never leaves the site.
#![no_main]

use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use rehearse::coach::offline::OfflineCoach;
use rehearse::content::Library;
use rehearse::http::parse::{next_of, parse_generate_form};

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
    let input = parse_generate_form(data);
    if let Ok(request) = COACH.check(input) {
        assert!(!COACH.generate(&request).questions.is_empty());
    }
});
