//! Answering one question of a mock interview: a plain form post that
//! works without JavaScript; once interactive, the question is read aloud
//! where the browser can, a countdown runs and hands the answer in as it
//! stands at zero, dictation fills the box where the browser has it, and
//! the text is kept (on the server as the question's draft, and in this
//! browser) until the answer is in.

use leptos::html::Textarea;
use leptos::prelude::*;

use super::answer_form::{local_copy, now_millis, set_value, submit_form};
use super::{ErrorView, FieldMessage, FormErrors, duration_label};
use crate::model::{AnswerMode, AppError, MAX_ANSWER_CHARS, word_count};

/// The id of the skip form, which the countdown posts when time runs out
/// on an empty answer.
const SKIP_FORM: &str = "mock-skip";

#[component]
pub fn MockAnswer(
    run: i64,
    slug: String,
    position: u32,
    follow_up: bool,
    question: String,
    seconds_allowed: u32,
    voice: bool,
    mode: AnswerMode,
    idempotency_key: String,
    initial: String,
    error: Option<AppError>,
) -> impl IntoView {
    view! {
        <MockAnswerIsland
            run
            slug
            position
            follow_up
            question
            seconds_allowed
            voice
            mode
            idempotency_key
            initial
            error
        />
    }
}

/// "1:05".
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// What the countdown says aloud to a screen reader, at a few moments only.
fn warning(remaining: u32) -> Option<String> {
    match remaining {
        60 => Some("One minute left.".into()),
        30 => Some("30 seconds left.".into()),
        10 => Some("10 seconds left.".into()),
        0 => Some("Time is up: your answer is being handed in.".into()),
        _ => None,
    }
}

#[island(lazy)]
fn MockAnswerIsland(
    run: i64,
    slug: String,
    position: u32,
    follow_up: bool,
    question: String,
    seconds_allowed: u32,
    voice: bool,
    mode: AnswerMode,
    idempotency_key: String,
    initial: String,
    error: Option<AppError>,
) -> impl IntoView {
    let errors = FormErrors::new(error);
    let answer_error = errors.field("answer");
    let refused = answer_error.is_some();
    let general = errors.unshown(&["answer"]);

    let textarea = NodeRef::<Textarea>::new();
    let text = RwSignal::new(initial.clone());
    let remaining = RwSignal::new(seconds_allowed);
    let announcement = RwSignal::new(String::new());
    let submitting = RwSignal::new(false);
    let restored = RwSignal::new(false);
    // What the browser can do, known once interactive.
    let can_read = RwSignal::new(false);
    let can_listen = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    let listening = RwSignal::new(false);
    let heard = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let started = StoredValue::new(0.0f64);
    let last_heard = StoredValue::new(0.0f64);
    let longest_pause = RwSignal::new(0u32);
    let used = RwSignal::new(String::new());
    let backup = local_copy::mock_key(&slug, run, position, follow_up);

    let elapsed = move || {
        let ms = now_millis() as f64 - started.get_value();
        (ms / 1000.0).max(0.0).round() as u32
    };

    // Hands the answer in as it stands: the answer form when there is
    // text, the skip form when there is none.
    let hand_in = move || {
        if submitting.get_untracked() {
            return;
        }
        stop_listening();
        used.set(elapsed().min(seconds_allowed).to_string());
        if text.with_untracked(|t| t.trim().is_empty()) {
            submitting.set(true);
            submit_skip(seconds_allowed);
        } else {
            submit_form(textarea);
        }
    };

    let ticking = StoredValue::new(None::<IntervalHandle>);
    let tick = move || {
        let left = seconds_allowed.saturating_sub(elapsed());
        if left != remaining.get_untracked() {
            remaining.set(left);
            if let Some(line) = warning(left) {
                announcement.set(line);
            }
        }
        if left == 0 {
            hand_in();
        }
    };
    on_cleanup(move || {
        if let Some(handle) = ticking.get_value() {
            handle.clear();
        }
        speech::abort();
        speech::hush();
    });
    {
        let backup = backup.clone();
        let initial = initial.clone();
        let question = question.clone();
        Effect::new(move |_| {
            hydrated.set(true);
            started.set_value(now_millis() as f64);
            can_read.set(speech::can_read_aloud());
            can_listen.set(speech::available());
            if let Some(saved) = local_copy::read(&backup)
                && !saved.trim().is_empty()
                && saved.trim() != initial.trim()
            {
                if let Some(area) = textarea.get_untracked() {
                    set_value(&area, &saved);
                }
                text.set(saved);
                restored.set(true);
            }
            if voice {
                speech::read_aloud(&question);
            }
            ticking.set_value(
                set_interval_with_handle(tick, std::time::Duration::from_millis(250)).ok(),
            );
        });
    }
    // A page restored from the back-forward cache may still think it is
    // submitting.
    let shown_again = window_event_listener(leptos::ev::pageshow, move |ev| {
        if ev.persisted() {
            submitting.set(false);
        }
    });
    on_cleanup(move || shown_again.remove());

    let pending = StoredValue::new(None::<TimeoutHandle>);
    let draft_slug = slug.clone();
    let changed = {
        let backup = backup.clone();
        move |value: String| {
            text.set(value.clone());
            local_copy::write(&backup, &value);
            // A question's draft is kept on the server too; a follow-up's
            // only in this browser until it is answered.
            if follow_up {
                return;
            }
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let slug = draft_slug.clone();
            let at = now_millis();
            pending.set_value(
                set_timeout_with_handle(
                    move || {
                        leptos::task::spawn_local(async move {
                            let _ = crate::api::save_draft(slug, position, value, at).await;
                        });
                    },
                    std::time::Duration::from_millis(800),
                )
                .ok(),
            );
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if submitting.get_untracked() {
            // One answer per question: the countdown and a click at once
            // are one submission.
            ev.prevent_default();
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        stop_listening();
        speech::hush();
        if used.get_untracked().is_empty() {
            used.set(elapsed().min(seconds_allowed + 60).to_string());
        }
        // The form is read as soon as this handler returns, before the
        // page updates: its timing fields are filled in here.
        set_field(&ev, "seconds_used", &used.get_untracked());
        set_field(&ev, "draft_revision", &now_millis().to_string());
        let spoke = heard.get_untracked();
        set_field(&ev, "mode", if spoke { "spoken" } else { "typed" });
        let pause = if spoke {
            longest_pause.get_untracked().to_string()
        } else {
            String::new()
        };
        set_field(&ev, "longest_pause_ms", &pause);
        submitting.set(true);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            submit_form(textarea);
        }
    };

    let dictated = {
        let changed = changed.clone();
        move |words: String| {
            let now = now_millis() as f64;
            let gap = (now - last_heard.get_value()).max(0.0) as u32;
            longest_pause.update(|p| *p = (*p).max(gap));
            last_heard.set_value(now);
            heard.set(true);
            let joined = text.with_untracked(|current| {
                if current.trim().is_empty() {
                    words.trim().to_string()
                } else {
                    format!("{} {}", current.trim_end(), words.trim())
                }
            });
            if let Some(area) = textarea.get_untracked() {
                set_value(&area, &joined);
            }
            changed(joined);
        }
    };
    let toggle_listening = move |_| {
        if listening.get_untracked() {
            speech::stop();
            return;
        }
        problem.set(None);
        speech::hush();
        last_heard.set_value(now_millis() as f64);
        let on_words = dictated.clone();
        let ok = speech::start(on_words, move |error: Option<String>| {
            listening.set(false);
            if error.is_some() {
                problem.set(error);
            }
        });
        listening.set(ok);
        if !ok {
            problem.set(Some(
                "Dictation could not start in this browser. Type instead.".into(),
            ));
        }
    };
    let read_again = {
        let question = question.clone();
        move |_| {
            speech::read_aloud(&question);
        }
    };

    let words = move || text.with(|t| word_count(t));
    let over = move || text.with(|t| t.chars().count()) > MAX_ANSWER_CHARS;
    let spoken = mode == AnswerMode::Spoken;
    let changed_input = changed.clone();
    let low = move || remaining.get() <= 30;

    view! {
        <form
            class="answer-form mock-form"
            method="post"
            action=format!("/mock/{run}")
            on:submit=on_submit
        >
            {general.map(|e| view! { <ErrorView error=e /> })}
            <input type="hidden" name="form" value="answer" />
            <input type="hidden" name="q" value=position.to_string() />
            {follow_up.then(|| view! { <input type="hidden" name="follow_up" value="on" /> })}
            <input type="hidden" name="idempotency_key" value=idempotency_key />
            <input type="hidden" name="draft_revision" value="" />
            <input type="hidden" name="mode" value=move || if heard.get() { "spoken" } else { "typed" } />
            <input type="hidden" name="seconds_used" value="" />
            <input type="hidden" name="longest_pause_ms" value=move || if heard.get() { longest_pause.get().to_string() } else { String::new() } />
            <p class="mock-timer" class:mock-timer--low=low role="timer" aria-live="off">
                <span class="visually-hidden">"Time left: "</span>
                {move || clock(remaining.get())}
            </p>
            <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
            <Show when=move || hydrated.get() && voice && !can_read.get()>
                <p class="banner" role="status">"This browser cannot read questions aloud: read each one on screen."</p>
            </Show>
            <Show when=move || hydrated.get() && spoken && !can_listen.get()>
                <p class="banner" role="status">"This browser has no speech recognition: type your answers instead."</p>
            </Show>
            <Show when=move || restored.get()>
                <p class="banner" role="status">"Brought back the text you had not handed in yet, from this browser."</p>
            </Show>
            <div class="field">
                <label for="answer">"Your answer"</label>
                <textarea
                    id="answer"
                    name="answer"
                    rows="12"
                    node_ref=textarea
                    aria-describedby="answer-count"
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
                        format!("{w} {}", if w == 1 { "word" } else { "words" })
                    }}
                    {format!(" · {} allowed; at zero the answer is handed in as it stands.", duration_label(seconds_allowed))}
                </p>
                <Show when=over>
                    <p class="field__error" role="alert">
                        {format!("The limit is {MAX_ANSWER_CHARS} characters. Trim it before you hand it in.")}
                    </p>
                </Show>
                <FieldMessage message=answer_error />
            </div>
            <div class="answer-tools">
                <Show when=move || hydrated.get() && can_listen.get()>
                    <button
                        type="button"
                        class=if spoken { "button" } else { "button button--secondary" }
                        on:click=toggle_listening.clone()
                        aria-pressed=move || listening.get().to_string()
                    >
                        {move || if listening.get() { "Stop speaking" } else { "Speak your answer" }}
                    </button>
                </Show>
                <Show when=move || hydrated.get() && can_read.get()>
                    <button type="button" class="button button--secondary" on:click=read_again.clone()>
                        "Read the question again"
                    </button>
                </Show>
                <span class="muted">{move || if listening.get() { "Listening… the words appear in the box." } else { "" }}</span>
            </div>
            {move || problem.get().map(|p| view! { <p class="field__error" role="alert">{p}</p> })}
            <div class="answer-actions">
                <button class="button" type="submit" disabled=move || submitting.get()>
                    {move || if submitting.get() { "Handing in…" } else { "Hand in this answer" }}
                </button>
                <span class="muted keys"><kbd>"Ctrl"</kbd>" + "<kbd>"Enter"</kbd>" hands it in"</span>
            </div>
        </form>
    }
}

/// Sets the value of the submitted form's field `name`.
fn set_field(ev: &leptos::ev::SubmitEvent, name: &str, value: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            .and_then(|form| {
                form.query_selector(&format!("input[name={name}]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = field {
            input.set_value(value);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, name, value);
}

fn stop_listening() {
    speech::stop();
}

/// Posts the skip form, with the time the question had.
fn submit_skip(seconds: u32) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(form) = super::dom::element_by_id(SKIP_FORM)
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if let Ok(Some(field)) = form.query_selector("input[name=seconds_used]")
            && let Ok(input) = field.dyn_into::<web_sys::HtmlInputElement>()
        {
            input.set_value(&seconds.to_string());
        }
        let _ = form.request_submit();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (seconds, SKIP_FORM);
}

#[cfg(feature = "hydrate")]
use crate::components::speech;

/// Outside the browser there is no speech.
#[cfg(not(feature = "hydrate"))]
mod speech {
    pub fn available() -> bool {
        false
    }
    pub fn can_read_aloud() -> bool {
        false
    }
    pub fn read_aloud(_: &str) -> bool {
        false
    }
    pub fn hush() {}
    pub fn start(_: impl Fn(String) + 'static, _: impl Fn(Option<String>) + 'static) -> bool {
        false
    }
    pub fn stop() {}
    pub fn abort() {}
}

#[cfg(test)]
mod tests {
    use super::{clock, warning};

    #[test]
    fn the_countdown_reads_as_minutes_and_seconds() {
        assert_eq!(clock(120), "2:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(9), "0:09");
        assert!(warning(30).is_some());
        assert!(warning(29).is_none());
    }
}
