//! Writing an answer: a plain form post that works without JavaScript,
//! with a live word count, drafts saved as you type (and a copy in this
//! browser until the answer is in), dictation where the browser has it,
//! and Ctrl+Enter. On the practice page it adds a spoken-length estimate
//! and an optional stopwatch; in a mock interview it holds the interview's
//! clock (its `interview` module), which hands the answer in at zero, reads the
//! question aloud where the browser can, and times the answer.

use leptos::html::Textarea;
use leptos::prelude::*;

mod dictation;
mod interview;
pub mod local_copy;
mod timer;

use self::dictation::Dictate;
use self::interview::{DICTATED, LISTENING, MockClock};
pub use self::interview::{Interview, SKIP_FORM, SKIP_SECONDS};
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
    /// In a mock interview, the run's side of the form.
    #[prop(optional)]
    interview: Option<Interview>,
    /// The server just changed the draft (a story was added to it): its
    /// text replaces this browser's copy instead of the other way round.
    #[prop(optional)]
    server_wins: bool,
) -> impl IntoView {
    // Read on the server, where a refused answer's echo is; the island
    // receives it with its other props.
    let echo = use_context::<PracticeEcho>();
    let (action, backup) = match &interview {
        Some(i) => (
            format!("/mock/{}", i.run),
            local_copy::mock_key(&slug, i.run, position, i.follow_up),
        ),
        None => (
            format!("/practice/{slug}?q={position}"),
            local_copy::key(&slug, position),
        ),
    };
    // A follow-up is not a question of the set: it has no draft on the
    // server, only this browser's copy.
    let server_draft = interview.as_ref().is_none_or(|i| !i.follow_up);
    let allowed = interview.as_ref().map(|i| i.seconds_allowed);
    view! {
        <AnswerFormIsland slug position kind initial idempotency_key echo action backup server_draft allowed server_wins>
            {interview.map(|interview| view! { <MockClock interview /> })}
        </AnswerFormIsland>
    }
}

/// The interactive part of [`AnswerForm`]: everything it needs arrives as
/// props, so it hydrates on its own. A mock interview's clock comes as its
/// children, an island of its own.
#[island(lazy)]
fn AnswerFormIsland(
    slug: String,
    position: u32,
    kind: QuestionKind,
    initial: String,
    idempotency_key: String,
    echo: Option<PracticeEcho>,
    /// Where the form posts.
    action: String,
    /// This browser's copy's key.
    backup: String,
    /// Drafts are kept on the server as well.
    server_draft: bool,
    /// In a mock interview, the seconds the answer has.
    allowed: Option<u32>,
    /// The page's text is newer than this browser's copy.
    server_wins: bool,
    children: Children,
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
    let timed = allowed.is_some();

    // Once interactive: bring back text this browser had not got to the
    // server (a lost connection, a session that ended).
    {
        let backup = backup.clone();
        let initial = initial.clone();
        Effect::new(move |_| {
            hydrated.set(true);
            if server_wins {
                local_copy::write(&backup, &initial);
                return;
            }
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
    let target = (!timed && matches!(kind, QuestionKind::Behavioral | QuestionKind::Situational))
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
            if !server_draft {
                return;
            }
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
            // One submission at a time: a double click, or the countdown
            // and a click at once, are one attempt.
            ev.prevent_default();
            return;
        }
        // The answer goes with the form; a draft saved after it would
        // bring it back.
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        // The form is read as soon as this handler returns, before the
        // page updates: its fields are filled in here. A fresh key per
        // deliberate submission, so an edited answer sent after going
        // Back is a new attempt rather than a clash.
        let form = form_of(&ev);
        set_field(&form, "idempotency_key", &new_key());
        set_field(&form, "draft_revision", &now_millis().to_string());
        submitting.set(true);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            submit_form(textarea);
        }
    };
    let changed_input = changed.clone();
    // Dictated words, told to the page as well: a mock interview's clock
    // times the pauses between them.
    let dictated = Callback::new(move |value: String| {
        announce(DICTATED);
        changed(value)
    });
    let listening_started = Callback::new(move |()| announce(LISTENING));

    view! {
        <form
            class="answer-form"
            method="post"
            action=action
            on:submit=on_submit
        >
            {general.map(|e| view! { <ErrorView error=e /> })}
            <input type="hidden" name="form" value="answer" />
            <input type="hidden" name="q" value=position.to_string() />
            <input type="hidden" name="idempotency_key" value=idempotency_key />
            <input type="hidden" name="draft_revision" value="" />
            {children()}
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
                        let unit = if w == 1 { "word" } else { "words" };
                        if timed {
                            format!(
                                "{w} {unit} · {} allowed; at zero the answer is handed in as it stands.",
                                duration_label(allowed.unwrap_or_default())
                            )
                        } else {
                            format!("{w} {unit} · about {} spoken", duration_label(spoken_seconds(w)))
                        }
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
                {(!timed).then(|| view! { <Timer hydrated /> })}
                <Dictate hydrated textarea on_text=dictated on_start=listening_started />
            </div>
            <div class="answer-actions">
                <button class="button" type="submit" disabled=move || submitting.get()>
                    {move || match (submitting.get(), timed) {
                        (false, false) => "Submit answer",
                        (false, true) => "Hand in this answer",
                        (true, false) => "Saving and scoring…",
                        (true, true) => "Handing in…",
                    }}
                </button>
                <span class="muted keys"><kbd>"Ctrl"</kbd>" + "<kbd>"Enter"</kbd>" submits"</span>
            </div>
        </form>
    }
}

/// The form a submit event is for.
#[cfg(feature = "hydrate")]
fn form_of(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    ev.target().and_then(|t| t.dyn_into().ok())
}

#[cfg(not(feature = "hydrate"))]
fn form_of(_: &leptos::ev::SubmitEvent) -> Option<()> {
    None
}

/// Sets the value of `form`'s field `name`.
#[cfg(feature = "hydrate")]
fn set_field(form: &Option<web_sys::HtmlFormElement>, name: &str, value: &str) {
    if let Some(form) = form {
        crate::components::dom::set_input(form, name, value);
    }
}

#[cfg(not(feature = "hydrate"))]
fn set_field(_: &Option<()>, _: &str, _: &str) {}

/// Tells the page something happened in the form (see [`DICTATED`]).
fn announce(event: &str) {
    #[cfg(feature = "hydrate")]
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(event)) {
        let _ = window.dispatch_event(&event);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
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
