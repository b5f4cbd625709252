use leptos::prelude::*;

/// The share link in a read-only box anyone can select, and a button that
/// copies it once the page is interactive.
#[component]
pub fn CopyLink(url: String) -> impl IntoView {
    view! {
        <div class="copy-link">
            <label class="visually-hidden" for="share-url">"Share link"</label>
            <input id="share-url" class="copy-link__url" type="text" readonly value=url.clone() />
            <CopyButton text=url label="Copy link" done="Link copied" />
        </div>
    }
}

/// A button that copies `text` to the clipboard, enabled once the page is
/// interactive.
#[island]
pub fn CopyButton(
    text: String,
    #[prop(into)] label: String,
    #[prop(into)] done: String,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <button
            type="button"
            class="button button--secondary"
            on:click=copy
            disabled=move || !hydrated.get()
        >
            {move || if copied.get() { done.clone() } else { label.clone() }}
        </button>
    }
}
