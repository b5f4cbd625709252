//! In the browser: send the generator form to the progress stream, report
//! each stage, and go to the new set when it is ready. The visitor can
//! cancel; closing the request stops the work on the server too.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, FormData, HtmlFormElement, ReadableStreamDefaultReader,
    RequestInit, UrlSearchParams,
};

use crate::model::{Stage, Working};

const STREAM_PATH: &str = "/generate/stream";

/// A line of the progress stream (`model::ProgressEvent`) as this page
/// reads it, with the browser's own JSON parser: a stage's message, the new
/// set's address, or a failure whose details the plain form post shows on
/// the field at fault.
enum ProgressEvent {
    Stage(String),
    Done(String),
    Failed,
}

impl ProgressEvent {
    fn parse(line: &str) -> Option<Self> {
        let value = js_sys::JSON::parse(line).ok()?;
        let text = |key: &str| {
            js_sys::Reflect::get(&value, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        match text("event")?.as_str() {
            "stage" => text("message").map(Self::Stage),
            "done" => text("url").map(Self::Done),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

thread_local! {
    /// The request in flight, so that Cancel can abort it.
    static IN_FLIGHT: RefCell<Option<AbortController>> = const { RefCell::new(None) };
}

enum Failure {
    /// The visitor cancelled.
    Aborted,
    /// The stream ended or broke before the set was ready.
    Lost,
    /// The server would not stream (an old proxy, a refused request): the
    /// plain form post still works.
    Refused,
}

/// Takes over `form`'s submissions: one at a time, streamed where this
/// browser can, else posted by the browser itself.
pub fn enhance(form: web_sys::Element, submitting: RwSignal<bool>, working: RwSignal<Working>) {
    let on_submit =
        Closure::<dyn FnMut(web_sys::SubmitEvent)>::new(move |ev: web_sys::SubmitEvent| {
            let busy =
                submitting.get_untracked() || matches!(working.get_untracked(), Working::Busy(_));
            if busy {
                ev.prevent_default();
            } else if !start(&ev, working) {
                submitting.set(true);
            }
        });
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_submit.forget();
    // A page restored from the back-forward cache may still think it is
    // submitting.
    let restored = window_event_listener(leptos::ev::pageshow, move |ev| {
        if ev.persisted() {
            submitting.set(false);
        }
    });
    on_cleanup(move || restored.remove());
}

/// Takes over the form's submission. Returns false, leaving the browser to
/// post the form itself, when this browser cannot stream.
fn start(ev: &web_sys::SubmitEvent, working: RwSignal<Working>) -> bool {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return false;
    };
    let (Ok(controller), Ok(data)) = (AbortController::new(), FormData::new_with_form(&form))
    else {
        return false;
    };
    let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return false;
    };
    ev.prevent_default();
    working.set(Working::Busy(Stage::Reading.message()));
    let signal = controller.signal();
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = Some(controller));

    spawn_local(async move {
        let outcome = stream(&params, &signal, |event| match event {
            ProgressEvent::Stage(message) => working.set(Working::Busy(message)),
            ProgressEvent::Done(url) => {
                working.set(Working::Busy("Opening your questions…".to_string()));
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&url);
                }
            }
            // The plain post shows the problem on the page, on the field at
            // fault, with everything typed still in place.
            ProgressEvent::Failed => {
                let _ = form.submit();
            }
        })
        .await;
        IN_FLIGHT.with(|slot| slot.borrow_mut().take());
        match outcome {
            Ok(()) => {}
            Err(Failure::Aborted) => working.set(Working::Cancelled),
            Err(Failure::Lost) => working.set(Working::Lost),
            Err(Failure::Refused) => {
                let _ = form.submit();
            }
        }
    });
    true
}

/// Cancels the request in flight, if any.
pub fn cancel() {
    if let Some(controller) = IN_FLIGHT.with(|slot| slot.borrow_mut().take()) {
        controller.abort();
    }
}

async fn stream(
    params: &UrlSearchParams,
    signal: &AbortSignal,
    mut on_event: impl FnMut(ProgressEvent),
) -> Result<(), Failure> {
    let failed = |_| {
        if signal.aborted() {
            Failure::Aborted
        } else {
            Failure::Lost
        }
    };
    let window = web_sys::window().ok_or(Failure::Refused)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(params);
    init.set_signal(Some(signal));
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(STREAM_PATH, &init))
            .await
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| Failure::Refused)?;
    if !response.ok() {
        return Err(Failure::Refused);
    }
    let reader: ReadableStreamDefaultReader = response
        .body()
        .ok_or(Failure::Refused)?
        .get_reader()
        .dyn_into()
        .map_err(|_| Failure::Refused)?;

    let mut pending: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Err(Failure::Lost);
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            pending.extend(js_sys::Uint8Array::new(&value).to_vec());
        }
        while let Some(end) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let Some(event) = std::str::from_utf8(&line)
                .ok()
                .and_then(ProgressEvent::parse)
            else {
                continue;
            };
            let last = !matches!(event, ProgressEvent::Stage(_));
            on_event(event);
            if last {
                return Ok(());
            }
        }
    }
}
