//! Writing an answer: a plain form post to the page itself that works
//! without JavaScript, with a live word count, a spoken-length estimate,
//! drafts saved as you type (and a copy in this browser until the answer
//! is in), an optional timer, dictation where the browser has it, and
//! Ctrl+Enter.

use leptos::html::Textarea;
use leptos::prelude::*;

mod dictation;
pub mod local_copy;
mod timer;

use self::dictation::Dictate;
use self::timer::Timer;
pub use self::timer::duration_label;
use super::{ErrorView, FormErrors};
use crate::model::{MAX_ANSWER_CHARS, PracticeEcho, QuestionKind, spoken_seconds, word_count};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftState {
    Idle,
    Saving,
    Saved,
    Failed,
    /// The text came back from this browser's copy.
    Restored,
}

#[component]
pub fn AnswerForm(
    slug: String,
    position: u32,
    kind: QuestionKind,
    /// What the textarea starts with: a refused answer, the draft, or the
    /// last attempt to improve on.
    initial: String,
    idempotency_key: String,
) -> impl IntoView {
    // Read on the server, where a refused answer's echo is; the island
    // receives it with its other props.
    let echo = use_context::<PracticeEcho>();
    view! { <AnswerFormIsland slug position kind initial idempotency_key echo /> }
}

/// The interactive part of [`AnswerForm`]: everything it needs arrives as
/// props, so it hydrates on its own.
#[island(lazy)]
fn AnswerFormIsland(
    slug: String,
    position: u32,
    kind: QuestionKind,
    initial: String,
    idempotency_key: String,
    echo: Option<PracticeEcho>,
) -> impl IntoView {
    let initial = echo.as_ref().map_or(initial, |e| e.answer.clone());
    let errors = FormErrors::new(echo.map(|e| e.error));
    let answer_error = errors.field("answer");
    let refused = answer_error.is_some();
    let general = errors.unshown(&["answer"]);

    let textarea = NodeRef::<Textarea>::new();
    let text = RwSignal::new(initial.clone());
    let draft = RwSignal::new(DraftState::Idle);
    let submitting = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    let key = RwSignal::new(idempotency_key);
    let revision = RwSignal::new(String::new());
    let backup = local_copy::key(&slug, position);

    // Once interactive: bring back text this browser had not got to the
    // server (a lost connection, a session that ended).
    {
        let backup = backup.clone();
        let initial = initial.clone();
        Effect::new(move |_| {
            hydrated.set(true);
            if let Some(saved) = local_copy::read(&backup)
                && !saved.trim().is_empty()
                && saved.trim() != initial.trim()
            {
                if let Some(area) = textarea.get_untracked() {
                    set_value(&area, &saved);
                }
                text.set(saved);
                draft.set(DraftState::Restored);
            }
        });
    }
    // A page restored from the back-forward cache may still think it is
    // submitting.
    let restored = window_event_listener(leptos::ev::pageshow, move |ev| {
        if ev.persisted() {
            submitting.set(false);
        }
    });
    on_cleanup(move || restored.remove());

    let words = move || text.with(|t| word_count(t));
    let chars = move || text.with(|t| t.chars().count());
    let over = move || chars() > MAX_ANSWER_CHARS;
    let target = matches!(kind, QuestionKind::Behavioral | QuestionKind::Situational)
        .then_some(" · Behavioral answers aim for 1.5–2 minutes.");

    let draft_slug = slug.clone();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move |value: String, at: i64| {
        let slug = draft_slug.clone();
        draft.set(DraftState::Saving);
        leptos::task::spawn_local(async move {
            let saved = crate::api::save_draft(slug, position, value, at).await;
            draft.set(if saved.is_ok() {
                DraftState::Saved
            } else {
                DraftState::Failed
            });
        });
    };
    let changed = {
        let backup = backup.clone();
        move |value: String| {
            text.set(value.clone());
            local_copy::write(&backup, &value);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let save_now = save_now.clone();
            // The revision is when it was typed, not when it was sent.
            let at = now_millis();
            pending.set_value(
                set_timeout_with_handle(
                    move || save_now(value, at),
                    std::time::Duration::from_millis(800),
                )
                .ok(),
            );
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if submitting.get_untracked() {
            // One submission at a time: a double click is one attempt.
            ev.prevent_default();
            return;
        }
        // The answer goes with the form; a draft saved after it would
        // bring it back.
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        // A fresh key per deliberate submission, so an edited answer sent
        // after going Back is a new attempt rather than a clash.
        key.set(new_key());
        revision.set(now_millis().to_string());
        submitting.set(true);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            submit_form(textarea);
        }
    };
    let changed_input = changed.clone();

    view! {
        <form
            class="answer-form"
            method="post"
            action=format!("/practice/{slug}?q={position}")
            on:submit=on_submit
        >
            {general.map(|e| view! { <ErrorView error=e /> })}
            <input type="hidden" name="form" value="answer" />
            <input type="hidden" name="q" value=position.to_string() />
            <input type="hidden" name="idempotency_key" value=move || key.get() />
            <input type="hidden" name="draft_revision" value=move || revision.get() />
            <div class="field">
                <label for="answer">"Your answer"</label>
                <textarea
                    id="answer"
                    name="answer"
                    rows="14"
                    node_ref=textarea
                    aria-describedby="answer-count answer-draft"
                    aria-invalid=move || (refused || over()).then_some("true")
                    aria-keyshortcuts="Control+Enter"
                    on:input=move |ev| changed_input(event_target_value(&ev))
                    on:keydown=on_keydown
                >
                    {crate::raw_text_safe(initial)}
                </textarea>
                <p id="answer-count" class="field__help">
                    {move || {
                        let w = words();
                        format!(
                            "{w} {} · about {} spoken",
                            if w == 1 { "word" } else { "words" },
                            duration_label(spoken_seconds(w)),
                        )
                    }}
                    {target}
                </p>
                <Show when=over>
                    <p class="field__error" role="alert">
                        {move || format!(
                            "{} characters: the limit is {MAX_ANSWER_CHARS}. Trim it before you submit.",
                            chars()
                        )}
                    </p>
                </Show>
                <super::FieldMessage message=answer_error />
                <p id="answer-draft" class="field__help">
                    {move || match draft.get() {
                        DraftState::Idle | DraftState::Failed | DraftState::Restored => "",
                        DraftState::Saving => "Saving draft…",
                        DraftState::Saved => "Draft saved.",
                    }}
                </p>
                <Show when=move || draft.get() == DraftState::Failed>
                    <p class="field__error" role="status">
                        "The draft could not be saved just now; your text is still here, and this browser keeps a copy."
                    </p>
                </Show>
                <Show when=move || draft.get() == DraftState::Restored>
                    <p class="banner" role="status">
                        "Brought back the text you had not submitted yet, from this browser."
                    </p>
                </Show>
            </div>
            <div class="answer-tools">
                <Timer hydrated />
                <Dictate hydrated textarea on_text=Callback::new(move |value: String| changed(value)) />
            </div>
            <div class="answer-actions">
                <button class="button" type="submit" disabled=move || submitting.get()>
                    {move || if submitting.get() { "Saving and scoring…" } else { "Submit answer" }}
                </button>
                <span class="muted keys"><kbd>"Ctrl"</kbd>" + "<kbd>"Enter"</kbd>" submits"</span>
            </div>
        </form>
    }
}

/// The browser's clock in milliseconds (0 on the server, where nothing is
/// typed).
pub(crate) fn now_millis() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// An idempotency key for one submission.
fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        let random = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
        format!("web-{:x}-{random:x}", now_millis())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

#[cfg(feature = "hydrate")]
pub(crate) fn set_value(area: &web_sys::HtmlTextAreaElement, value: &str) {
    area.set_value(value);
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn set_value<T>(_: &T, _: &str) {}

/// Submits the answer form through the browser, as the button would.
pub(crate) fn submit_form(textarea: NodeRef<Textarea>) {
    #[cfg(feature = "hydrate")]
    if let Some(form) = textarea.get_untracked().and_then(|t| t.form()) {
        let _ = form.request_submit();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = textarea;
}
