//! This browser's copy of an answer not yet submitted, in local storage,
//! kept until the server has the answer.

pub fn key(slug: &str, position: u32) -> String {
    format!("rehearse:answer:{slug}:{position}")
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

/// Forgets the copy once the server has this very answer.
pub fn forget_if(key: &str, submitted: &str) {
    if read(key).is_some_and(|saved| saved.trim() == submitted.trim()) {
        write(key, "");
    }
}
