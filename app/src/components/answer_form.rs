//! Writing an answer: a plain form post to the page itself that works
//! without JavaScript, with a live word count, a spoken-length estimate,
//! drafts saved as you type (and a copy in this browser until the answer
//! is in), an optional timer, dictation where the browser has it, and
//! Ctrl+Enter.

use leptos::html::Textarea;
use leptos::prelude::*;
use leptos::server::SharedValue;
use serde::{Deserialize, Serialize};

use super::{ErrorView, FormErrors};
use crate::model::{AppError, MAX_ANSWER_CHARS, QuestionKind, spoken_seconds, word_count};

/// What was submitted and what was wrong, when the server shows the form
/// again after refusing an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeEcho {
    pub answer: String,
    pub error: AppError,
}

fn use_practice_echo() -> Option<PracticeEcho> {
    SharedValue::new(use_context::<PracticeEcho>).into_inner()
}

/// "1 min 30 s" or "45 s".
pub fn duration_label(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

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
    let echo = use_practice_echo();
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
fn now_millis() -> i64 {
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
fn set_value(area: &web_sys::HtmlTextAreaElement, value: &str) {
    area.set_value(value);
}

#[cfg(not(feature = "hydrate"))]
fn set_value<T>(_: &T, _: &str) {}

/// Submits the answer form through the browser, as the button would.
fn submit_form(textarea: NodeRef<Textarea>) {
    #[cfg(feature = "hydrate")]
    if let Some(form) = textarea.get_untracked().and_then(|t| t.form()) {
        let _ = form.request_submit();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = textarea;
}

/// This browser's copy of an answer not yet submitted, in local storage.
pub mod local_copy {
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
}

/// An optional stopwatch, so an answer can be timed as if spoken.
#[component]
fn Timer(hydrated: RwSignal<bool>) -> impl IntoView {
    let seconds = RwSignal::new(0u32);
    let running = StoredValue::new(None::<IntervalHandle>);
    let is_running = RwSignal::new(false);
    let toggle = move |_| {
        if let Some(handle) = running.get_value() {
            handle.clear();
            running.set_value(None);
            is_running.set(false);
        } else {
            seconds.set(0);
            running.set_value(
                set_interval_with_handle(
                    move || seconds.update(|s| *s += 1),
                    std::time::Duration::from_secs(1),
                )
                .ok(),
            );
            is_running.set(true);
        }
    };
    on_cleanup(move || {
        if let Some(handle) = running.get_value() {
            handle.clear();
        }
    });
    view! {
        <Show when=move || hydrated.get()>
            <button type="button" class="button button--secondary" on:click=toggle aria-pressed=move || is_running.get().to_string()>
                {move || if is_running.get() { "Stop timer" } else { "Start timer" }}
            </button>
            <span class="timer" role="timer" aria-live="off">
                {move || format!("{:02}:{:02}", seconds.get() / 60, seconds.get() % 60)}
            </span>
        </Show>
    }
}

/// Dictation through the browser's speech recognition, offered only where
/// the browser has it. The words land in the textarea, to edit as text.
#[component]
fn Dictate(
    hydrated: RwSignal<bool>,
    textarea: NodeRef<Textarea>,
    on_text: Callback<String>,
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

#[cfg(feature = "hydrate")]
use super::speech;

/// Outside the browser there is no speech recognition.
#[cfg(not(feature = "hydrate"))]
mod speech {
    pub fn available() -> bool {
        false
    }
    pub fn start(_: impl Fn(String) + 'static, _: impl Fn(Option<String>) + 'static) -> bool {
        false
    }
    pub fn stop() {}
    pub fn abort() {}
}

#[cfg(test)]
mod tests {
    use super::duration_label;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_label(45), "45 s");
        assert_eq!(duration_label(60), "1 min");
        assert_eq!(duration_label(95), "1 min 35 s");
    }
}
