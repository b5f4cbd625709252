use leptos::prelude::*;

/// The share link in a read-only box anyone can select, and a button that
/// copies it once the page is interactive.
#[component]
pub fn CopyLink(url: String) -> impl IntoView {
    view! {
        <div class="copy-link">
            <label class="visually-hidden" for=SHARE_URL_ID>"Share link"</label>
            <input id=SHARE_URL_ID class="copy-link__url" type="text" readonly value=url />
            <CopyShareLink />
        </div>
    }
}

const SHARE_URL_ID: &str = "share-url";
/// The element that holds a feedback's rewrite as plain text.
pub const REWRITE_TEXT_ID: &str = "rewrite-text";

/// Copies the share link.
#[island]
fn CopyShareLink() -> impl IntoView {
    view! { <CopyButton from=SHARE_URL_ID label="Copy link" done="Link copied" /> }
}

/// Copies the rewrite on its own.
#[island]
pub fn CopyRewrite() -> impl IntoView {
    view! { <CopyButton from=REWRITE_TEXT_ID label="Copy the rewrite" done="Rewrite copied" /> }
}

/// A button that copies the text of the element with id `from` (a form
/// field's value, else its text) to the clipboard, enabled once the page is
/// interactive. It reads the page, so its islands carry no data of their
/// own.
#[component]
fn CopyButton(from: &'static str, label: &'static str, done: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window()
            && let Some(text) = super::dom::element_by_id(from).map(|el| {
                use wasm_bindgen::JsCast;
                match el.dyn_ref::<web_sys::HtmlInputElement>() {
                    Some(input) => input.value(),
                    None => el.text_content().unwrap_or_default(),
                }
            })
        {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = from;
    };
    view! {
        <button
            type="button"
            class="button button--secondary"
            on:click=copy
            disabled=move || !hydrated.get()
        >
            {move || if copied.get() { done } else { label }}
        </button>
    }
}
