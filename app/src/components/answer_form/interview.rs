//! What an answer form in a mock interview adds: the countdown, the
//! question read aloud, and how the answer was delivered.

use serde::{Deserialize, Serialize};

use crate::model::AnswerMode;

/// The id of the skip form beside a mock interview's answer form, which
/// the countdown posts when time runs out on an empty answer, and of its
/// field for the time the question had.
pub const SKIP_FORM: &str = "mock-skip";
pub const SKIP_SECONDS: &str = "mock-skip-seconds";

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

/// Posts the skip form, with the time the question had.
pub fn submit_skip(seconds: u32) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let element = crate::components::dom::element_by_id;
        if let Some(input) =
            element(SKIP_SECONDS).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(&seconds.to_string());
        }
        if let Some(form) =
            element(SKIP_FORM).and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = seconds;
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
