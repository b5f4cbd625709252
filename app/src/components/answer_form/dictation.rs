//! Dictation through the browser's speech recognition, where it has it.

use leptos::html::Textarea;
use leptos::prelude::*;

use crate::components::speech;

/// Dictation through the browser's speech recognition, offered only where
/// the browser has it. The words land in the textarea, to edit as text.
#[component]
pub(super) fn Dictate(
    hydrated: RwSignal<bool>,
    textarea: NodeRef<Textarea>,
    on_text: Callback<String>,
    /// Told when listening starts.
    #[prop(optional)]
    on_start: Option<Callback<()>>,
) -> impl IntoView {
    let supported = RwSignal::new(false);
    let listening = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if hydrated.get() {
            supported.set(speech::available());
        }
    });
    // Leaving the page turns the microphone off and lets nothing arrive
    // late.
    on_cleanup(speech::abort);
    let toggle = move |_| {
        if listening.get_untracked() {
            // Stopping still delivers the last phrase, then ends.
            speech::stop();
            return;
        }
        problem.set(None);
        let started = speech::start(
            move |words: String| {
                #[cfg(feature = "hydrate")]
                if let Some(area) = textarea.get_untracked() {
                    let current = area.value();
                    let joined = if current.trim().is_empty() {
                        words.trim().to_string()
                    } else {
                        format!("{} {}", current.trim_end(), words.trim())
                    };
                    area.set_value(&joined);
                    on_text.run(joined);
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = (words, textarea, on_text);
            },
            move |error: Option<String>| {
                listening.set(false);
                if error.is_some() {
                    problem.set(error);
                }
            },
        );
        listening.set(started);
        if started && let Some(on_start) = on_start {
            on_start.run(());
        }
        if !started {
            problem.set(Some("Dictation could not start in this browser.".into()));
        }
    };
    view! {
        <Show when=move || supported.get()>
            <button type="button" class="button button--secondary" on:click=toggle aria-pressed=move || listening.get().to_string()>
                {move || if listening.get() { "Stop dictation" } else { "Dictate" }}
            </button>
            <span class="muted">
                {move || if listening.get() { "Listening… speak, then edit the text as you like." } else { "" }}
            </span>
        </Show>
        {move || problem.get().map(|p| view! { <p class="field__error" role="alert">{p}</p> })}
    }
}
