//! This browser's copy of an answer not yet submitted, in local storage,
//! kept until the server has the answer.

pub fn key(slug: &str, position: u32) -> String {
    format!("rehearse:answer:{slug}:{position}")
}

/// The key of a mock interview's answer: a question's is the practice
/// page's, so its draft is shared; a follow-up's belongs to the run.
pub fn mock_key(slug: &str, run: i64, position: u32, follow_up: bool) -> String {
    if follow_up {
        format!("rehearse:mock:{run}:{position}:follow-up")
    } else {
        key(slug, position)
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        storage()?.get_item(key).ok().flatten()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

pub fn write(key: &str, value: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = if value.trim().is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, value)
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, value);
}

/// A short fingerprint of an answer (FNV-1a over its trimmed text), so a
/// page can say which answer the server has without carrying it twice.
pub fn fingerprint(answer: &str) -> String {
    let hash = answer
        .trim()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// Forgets the copy once the server has this very answer (named by its
/// [`fingerprint`]).
pub fn forget_if(key: &str, submitted: &str) {
    if read(key).is_some_and(|saved| fingerprint(&saved) == submitted) {
        write(key, "");
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn a_fingerprint_ignores_surrounding_space_and_tells_answers_apart() {
        assert_eq!(fingerprint("  I led it.\n"), fingerprint("I led it."));
        assert_ne!(fingerprint("I led it."), fingerprint("We led it."));
        assert_eq!(fingerprint("").len(), 16);
    }
}
