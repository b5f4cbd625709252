//! What an answer form in a mock interview adds: the countdown, the
//! question read aloud, and how the answer was delivered. It is an island
//! of its own, loaded only where an interview runs, and it works the form
//! through the page: it hands the answer in at zero, fills in the timing
//! when the form is sent, and hears of dictation through the answer
//! form's [`DICTATED`] and [`LISTENING`] events.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::speech;
use crate::model::AnswerMode;

/// The id of the skip form beside a mock interview's answer form, which
/// the countdown posts when time runs out on an empty answer, and of its
/// field for the time the question had.
pub const SKIP_FORM: &str = "mock-skip";
pub const SKIP_SECONDS: &str = "mock-skip-seconds";

/// Events the answer form sends to the window when dictated words land in
/// it, and when listening starts.
pub const DICTATED: &str = "rehearse-dictated";
pub const LISTENING: &str = "rehearse-listening";

/// A mock interview's side of an answer form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    pub run: i64,
    /// The answer is to the interviewer's follow-up.
    pub follow_up: bool,
    /// What the interviewer asks, to read aloud.
    pub question: String,
    pub seconds_allowed: u32,
    /// Read the question aloud, where the browser can.
    pub voice: bool,
    /// How the user chose to answer.
    pub mode: AnswerMode,
}

/// "1:05".
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// What the countdown says to a screen reader, at a few moments only.
pub fn warning(remaining: u32) -> Option<&'static str> {
    match remaining {
        60 => Some("One minute left."),
        30 => Some("30 seconds left."),
        10 => Some("10 seconds left."),
        0 => Some("Time is up: your answer is being handed in."),
        _ => None,
    }
}

/// The countdown, the interviewer's voice and the answer's timing, inside
/// the answer form.
#[island(lazy)]
pub fn MockClock(interview: Interview) -> impl IntoView {
    let Interview {
        follow_up,
        question,
        seconds_allowed,
        voice,
        mode,
        ..
    } = interview;
    let spoken = mode == AnswerMode::Spoken;
    let hydrated = RwSignal::new(false);
    let remaining = RwSignal::new(seconds_allowed);
    let announcement = RwSignal::new("");
    let started = StoredValue::new(0.0f64);
    let last_heard = StoredValue::new(0.0f64);
    let longest_pause = StoredValue::new(0u32);
    let heard = StoredValue::new(false);
    // Handed in, by the countdown or by the user: the clock stops.
    let handed_in = StoredValue::new(false);
    let can_read = RwSignal::new(false);
    // The question has been read aloud at least once.
    let read = RwSignal::new(false);
    let can_listen = RwSignal::new(false);
    let elapsed = move || {
        let ms = browser::now() - started.get_value();
        (ms / 1000.0).max(0.0).round() as u32
    };

    let ticking = StoredValue::new(None::<IntervalHandle>);
    let stop_clock = move || {
        if let Some(handle) = ticking.get_value() {
            handle.clear();
        }
    };
    let tick = move || {
        let left = seconds_allowed.saturating_sub(elapsed());
        if left != remaining.get_untracked() {
            remaining.set(left);
            if let Some(line) = warning(left) {
                announcement.set(line);
            }
        }
        if left == 0 && !handed_in.get_value() {
            // The answer as it stands: the answer form when there is text,
            // the skip form when there is none.
            handed_in.set_value(true);
            stop_clock();
            browser::hand_in(seconds_allowed);
        }
    };
    on_cleanup(move || {
        stop_clock();
        speech::hush();
    });

    // Once interactive: read the question aloud and start the clock.
    {
        let question = question.clone();
        Effect::new(move |_| {
            hydrated.set(true);
            started.set_value(browser::now());
            last_heard.set_value(browser::now());
            can_read.set(speech::can_read_aloud());
            can_listen.set(speech::available());
            // Speaking unprompted needs the user to have acted on this
            // page; otherwise the question waits for its button.
            if voice && speech::may_speak_unprompted() {
                read.set(speech::read_aloud(&question));
            }
            ticking.set_value(
                set_interval_with_handle(tick, std::time::Duration::from_millis(250)).ok(),
            );
        });
    }

    // Dictated words: the gaps between them are the pauses the report
    // shows; and the interviewer falls silent once the user speaks.
    let dictated = window_event_listener_untyped(DICTATED, move |_| {
        let now = browser::now();
        let gap = (now - last_heard.get_value()).max(0.0) as u32;
        longest_pause.update_value(|p| *p = (*p).max(gap));
        last_heard.set_value(now);
        heard.set_value(true);
    });
    let listening = window_event_listener_untyped(LISTENING, move |_| {
        last_heard.set_value(browser::now());
        speech::hush();
    });
    // The answer form being sent, by the user or the countdown: the
    // timing goes with it. A submission the form itself held back (a
    // second click) changes nothing.
    let sent = window_event_listener(leptos::ev::submit, move |ev| {
        if ev.default_prevented() || !browser::is_answer_form(&ev) {
            return;
        }
        handed_in.set_value(true);
        stop_clock();
        speech::stop();
        speech::hush();
        let spoke = heard.get_value();
        let used = elapsed().min(seconds_allowed + 60);
        let pause = spoke.then(|| longest_pause.get_value().to_string());
        browser::set_fields(&[
            ("seconds_used", used.to_string()),
            ("mode", if spoke { "spoken" } else { "typed" }.to_string()),
            ("longest_pause_ms", pause.unwrap_or_default()),
        ]);
    });
    on_cleanup(move || {
        dictated.remove();
        listening.remove();
        sent.remove();
    });

    let low = move || remaining.get() <= 30;
    view! {
        {follow_up.then(|| view! { <input type="hidden" name="follow_up" value="on" /> })}
        <input type="hidden" name="mode" value="typed" />
        <input type="hidden" name="seconds_used" value="" />
        <input type="hidden" name="longest_pause_ms" value="" />
        // A class set whole rather than a `class:` toggle: the toggle's code
        // would otherwise be hoisted into the module every page loads.
        <p class=move || if low() { "mock-timer mock-timer--low" } else { "mock-timer" } role="timer" aria-live="off">
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
        {voice.then(|| view! {
            <Show when=move || hydrated.get() && can_read.get()>
                <p class="mock-voice">
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click={
                            let question = question.clone();
                            move |_| read.set(speech::read_aloud(&question))
                        }
                    >
                        {move || if read.get() { "Read the question again" } else { "Read the question aloud" }}
                    </button>
                </p>
            </Show>
        })}
    }
}

/// The page around the clock: its answer form and skip form.
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    use super::{SKIP_FORM, SKIP_SECONDS};
    use crate::components::dom::{element_by_id, set_input};

    /// The id of the answer form's textarea.
    const ANSWER: &str = "answer";

    pub fn now() -> f64 {
        js_sys::Date::now()
    }

    fn answer() -> Option<web_sys::HtmlTextAreaElement> {
        element_by_id(ANSWER)?.dyn_into().ok()
    }

    fn answer_form() -> Option<web_sys::HtmlFormElement> {
        answer()?.form()
    }

    pub fn is_answer_form(ev: &web_sys::SubmitEvent) -> bool {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        target.is_some() && target == answer_form()
    }

    /// Sends the answer form as it stands, or the skip form with the time
    /// the question had when nothing was written.
    pub fn hand_in(seconds: u32) {
        let written = answer().is_some_and(|area| !area.value().trim().is_empty());
        if written {
            if let Some(form) = answer_form() {
                let _ = form.request_submit();
            }
            return;
        }
        if let Some(input) =
            element_by_id(SKIP_SECONDS).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(&seconds.to_string());
        }
        if let Some(form) =
            element_by_id(SKIP_FORM).and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        {
            let _ = form.request_submit();
        }
    }

    /// Fills in fields of the answer form.
    pub fn set_fields(fields: &[(&str, String)]) {
        let Some(form) = answer_form() else { return };
        for (name, value) in fields {
            set_input(&form, name, value);
        }
    }
}

/// On the server nothing ticks and nothing is sent.
#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn now() -> f64 {
        0.0
    }
    pub fn is_answer_form<T>(_: &T) -> bool {
        false
    }
    pub fn hand_in(_: u32) {}
    pub fn set_fields(_: &[(&str, String)]) {}
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
