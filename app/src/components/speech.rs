//! The browser's speech recognition (`SpeechRecognition`, or Chromium's
//! `webkitSpeechRecognition`) and speech synthesis, reached by name so that
//! a browser without them simply never offers dictation or reading aloud.

use std::cell::RefCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

struct Session {
    recognition: JsValue,
    // Kept alive while the recognition may call them.
    _on_result: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
    _on_end: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fn constructor() -> Option<Function> {
    let window: JsValue = web_sys::window()?.into();
    ["SpeechRecognition", "webkitSpeechRecognition"]
        .into_iter()
        .find_map(|name| Reflect::get(&window, &name.into()).ok()?.dyn_into().ok())
}

pub fn available() -> bool {
    constructor().is_some()
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Starts listening. `on_words` receives each finished phrase; `on_end`
/// is called when listening stops, with a message if it failed.
pub fn start(
    on_words: impl Fn(String) + 'static,
    on_end: impl Fn(Option<String>) + 'static,
) -> bool {
    abort();
    let Some(ctor) = constructor() else {
        return false;
    };
    let Ok(recognition) = Reflect::construct(&ctor, &Array::new()) else {
        return false;
    };
    let _ = Reflect::set(&recognition, &"continuous".into(), &true.into());
    let _ = Reflect::set(&recognition, &"interimResults".into(), &false.into());
    if let Some(lang) = web_sys::window().and_then(|w| w.navigator().language()) {
        let _ = Reflect::set(&recognition, &"lang".into(), &lang.into());
    }

    let on_result = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let results = get(&event, "results");
        let from = get(&event, "resultIndex").as_f64().unwrap_or(0.0) as u32;
        let count = get(&results, "length").as_f64().unwrap_or(0.0) as u32;
        let mut words = String::new();
        for i in from..count {
            let result = Reflect::get_u32(&results, i).unwrap_or(JsValue::UNDEFINED);
            if !get(&result, "isFinal").as_bool().unwrap_or(false) {
                continue;
            }
            let best = Reflect::get_u32(&result, 0).unwrap_or(JsValue::UNDEFINED);
            if let Some(text) = get(&best, "transcript").as_string() {
                words.push_str(text.trim());
                words.push(' ');
            }
        }
        if !words.trim().is_empty() {
            on_words(words.trim().to_string());
        }
    });
    let on_end = std::rc::Rc::new(on_end);
    let ended = std::rc::Rc::clone(&on_end);
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let code = get(&event, "error").as_string().unwrap_or_default();
        let message = match code.as_str() {
            "not-allowed" | "service-not-allowed" => {
                "Dictation needs permission to use the microphone.".to_string()
            }
            "no-speech" => "No speech was heard. Try again, or type instead.".to_string(),
            "network" => {
                "Dictation needs the browser's speech service, which is unreachable. Typing still works."
                    .to_string()
            }
            "aborted" => return,
            other => format!("Dictation stopped ({other}). Typing still works."),
        };
        ended(Some(message));
    });
    let on_stop = Closure::<dyn FnMut(JsValue)>::new(move |_| on_end(None));
    let _ = Reflect::set(&recognition, &"onresult".into(), on_result.as_ref());
    let _ = Reflect::set(&recognition, &"onerror".into(), on_error.as_ref());
    let _ = Reflect::set(&recognition, &"onend".into(), on_stop.as_ref());
    let started = get(&recognition, "start")
        .dyn_into::<Function>()
        .ok()
        .is_some_and(|start| start.call0(&recognition).is_ok());
    if started {
        SESSION.with(|slot| {
            *slot.borrow_mut() = Some(Session {
                recognition,
                _on_result: on_result,
                _on_error: on_error,
                _on_end: on_stop,
            })
        });
    }
    started
}

/// Stops listening. The browser still delivers the last phrase, then
/// ends the session.
pub fn stop() {
    SESSION.with(|slot| {
        if let Some(session) = slot.borrow().as_ref()
            && let Ok(stop) = get(&session.recognition, "stop").dyn_into::<Function>()
        {
            let _ = stop.call0(&session.recognition);
        }
    });
}

/// Stops at once and drops the session: for leaving the page, or before
/// starting again.
pub fn abort() {
    SESSION.with(|slot| {
        let Some(session) = slot.borrow_mut().take() else {
            return;
        };
        // Detach the handlers first: the closures are dropped with the
        // session, and the recognition's late events must not reach them.
        for handler in ["onresult", "onerror", "onend"] {
            let _ = Reflect::set(&session.recognition, &handler.into(), &JsValue::NULL);
        }
        if let Ok(abort) = get(&session.recognition, "abort").dyn_into::<Function>() {
            let _ = abort.call0(&session.recognition);
        }
    });
}

/// The browser's speech synthesis, when it has it.
fn synthesis() -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    Reflect::get(&window, &"speechSynthesis".into())
        .ok()
        .filter(|s| s.is_object())
}

fn utterance() -> Option<Function> {
    let window: JsValue = web_sys::window()?.into();
    Reflect::get(&window, &"SpeechSynthesisUtterance".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether the browser can read text aloud.
pub fn can_read_aloud() -> bool {
    synthesis().is_some() && utterance().is_some()
}

/// Whether the page may start speaking by itself: browsers let it only once
/// the user has interacted with this page (a fresh page after a form post
/// has not). A browser that does not say is assumed to allow it.
pub fn may_speak_unprompted() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let activation = get(&window.navigator().into(), "userActivation");
    if !activation.is_object() {
        return true;
    }
    get(&activation, "hasBeenActive").as_bool().unwrap_or(true)
}

/// Reads `text` aloud in the browser's language, instead of anything it
/// was reading.
pub fn read_aloud(text: &str) -> bool {
    let (Some(synthesis), Some(ctor)) = (synthesis(), utterance()) else {
        return false;
    };
    hush();
    let Ok(spoken) = Reflect::construct(&ctor, &Array::of1(&text.into())) else {
        return false;
    };
    if let Some(lang) = web_sys::window().and_then(|w| w.navigator().language()) {
        let _ = Reflect::set(&spoken, &"lang".into(), &lang.into());
    }
    get(&synthesis, "speak")
        .dyn_into::<Function>()
        .ok()
        .is_some_and(|speak| speak.call1(&synthesis, &spoken).is_ok())
}

/// Stops reading aloud.
pub fn hush() {
    if let Some(synthesis) = synthesis()
        && let Ok(cancel) = get(&synthesis, "cancel").dyn_into::<Function>()
    {
        let _ = cancel.call0(&synthesis);
    }
}
