//! The question-set generator form. It posts to the page it is on, so that
//! a problem can be shown on the same page at the same address, and works with
//! JavaScript off. The form itself is rendered on the server; two small
//! islands enhance it once the page is interactive: one counts the job
//! description's characters, the other shows each stage of the work as it
//! happens with a way to cancel, and guards against double submits.

use leptos::prelude::*;

use super::{ErrorView, FieldMessage, FormErrors};
use crate::model::{
    DEFAULT_COUNT, GeneratorEcho, MAX_COUNT, MAX_JOB_DESCRIPTION_CHARS, MAX_RESUME_CHARS,
    MIN_COUNT, QuestionKind, RoleSummary, Seniority, Working,
};

/// The job description box's id; the character counter reads it.
const JD_ID: &str = "gen-jd";

#[component]
pub fn Generator(
    roles: Vec<RoleSummary>,
    /// The role to start with, on a role's own page.
    #[prop(optional, into)]
    prefill_role: Option<String>,
    /// The page the form is on; it posts there, and is shown again there if
    /// something needs fixing.
    #[prop(into)]
    from: String,
) -> impl IntoView {
    // The server shows a refused form again with what was typed.
    let echo = use_context::<GeneratorEcho>();
    let input = echo.as_ref().map(|e| e.input.clone()).unwrap_or_default();
    let errors = FormErrors::new(echo.map(|e| e.error));
    let role_error = errors.field("role");
    let jd_error = errors.field("job_description");
    let seniority_error = errors.field("seniority");
    let kinds_error = errors.field("kinds");
    let count_error = errors.field("count");
    let resume_error = errors.field("resume");
    let general_error = errors.general();

    let role_value = input.role.clone().or(prefill_role).unwrap_or_default();
    let jd_value = input.job_description.clone().unwrap_or_default();
    let jd_len = jd_value.chars().count();
    let seniority_value = input.seniority.clone().unwrap_or_default();
    let chosen_kinds = input.kinds.clone().unwrap_or_default();
    let kind_checked = move |kind: QuestionKind| {
        chosen_kinds.is_empty() || chosen_kinds.iter().any(|k| k == kind.as_str())
    };
    let count_value = input.count.unwrap_or(DEFAULT_COUNT).to_string();
    let resume_value = input.resume.clone().unwrap_or_default();
    let resume_open = !resume_value.is_empty() || resume_error.is_some();
    let keep_checked = input.keep_resume.unwrap_or(false);
    // Only an account can keep a résumé: an anonymous visitor's is read
    // and discarded.
    let logged_in = super::use_viewer().is_some();
    view! {
        <form class="generator card" method="post" action=from>
            {general_error.map(|e| view! { <ErrorView error=e /> })}
            <div class="field">
                <label for="gen-role">"Role"</label>
                <input
                    id="gen-role"
                    name="role"
                    type="text"
                    list="gen-role-options"
                    autocomplete="off"
                    maxlength="100"
                    placeholder="Start typing, e.g. Backend Engineer"
                    value=role_value
                    aria-invalid=role_error.is_some().then_some("true")
                    aria-describedby="gen-role-help"
                />
                <datalist id="gen-role-options">
                    {roles
                        .into_iter()
                        .map(|r| view! { <option value=r.title></option> })
                        .collect_view()}
                </datalist>
                <p id="gen-role-help" class="field__help">
                    "Pick a role, paste a job description below, or both."
                </p>
                <FieldMessage message=role_error />
            </div>
            <div class="field">
                <label for="gen-jd">"Job description " <span class="muted">"(optional)"</span></label>
                <p id="gen-jd-public" class="field__help">
                    "Anyone with the set's link sees the posting's title line and the lines its questions quote; never the rest."
                </p>
                <textarea
                    id=JD_ID
                    name="job_description"
                    rows="8"
                    maxlength=MAX_JOB_DESCRIPTION_CHARS.to_string()
                    placeholder="Paste the posting: its requirements and responsibilities make the questions specific."
                    aria-invalid=jd_error.is_some().then_some("true")
                    aria-describedby="gen-jd-public gen-jd-count"
                >
                    {crate::raw_text_safe(jd_value)}
                </textarea>
                <JdCount initial=jd_len />
                <FieldMessage message=jd_error />
            </div>
            <details class="field resume-field" open=resume_open>
                <summary>"Add your résumé " <span class="muted">"(optional, private)"</span></summary>
                <label for="gen-resume">"Résumé"</label>
                <p id="gen-resume-help" class="field__help">
                    "Questions then probe your résumé's own claims, and with a job description, the skills it asks for that your résumé does not show. Only you see those questions: never the share page, its downloads or its API."
                </p>
                <textarea
                    id="gen-resume"
                    name="resume"
                    rows="8"
                    maxlength=MAX_RESUME_CHARS.to_string()
                    placeholder="Paste your experience, one achievement per line, e.g. Cut build times by half by caching dependencies"
                    aria-invalid=resume_error.is_some().then_some("true")
                    aria-describedby="gen-resume-help"
                >
                    {crate::raw_text_safe(resume_value)}
                </textarea>
                <FieldMessage message=resume_error />
                {if logged_in {
                    view! {
                        <label class="check" for="gen-keep-resume">
                            <input id="gen-keep-resume" type="checkbox" name="keep_resume" value="true" checked=keep_checked />
                            "Keep my résumé with this set, to see later what it was drawn from. It is deleted with the set."
                        </label>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="field__help">
                            "Your résumé is read to make the questions, then discarded. With an account you can choose to keep it."
                        </p>
                    }
                    .into_any()
                }}
            </details>
            <div class="field-row">
                <div class="field">
                    <label for="gen-seniority">"Level"</label>
                    <select id="gen-seniority" name="seniority">
                        <option value="" selected=seniority_value.is_empty()>
                            "From the job description (else mid)"
                        </option>
                        {Seniority::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str() selected=seniority_value == s.as_str()>
                                        {s.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage message=seniority_error />
                </div>
                <div class="field">
                    <label for="gen-count">"Questions"</label>
                    <input
                        id="gen-count"
                        name="count"
                        type="number"
                        min=MIN_COUNT.to_string()
                        max=MAX_COUNT.to_string()
                        value=count_value
                        aria-invalid=count_error.is_some().then_some("true")
                    />
                    <FieldMessage message=count_error />
                </div>
            </div>
            <fieldset class="field kinds">
                <legend>"Kinds of question"</legend>
                {QuestionKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let id = format!("gen-kind-{}", kind.as_str());
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input
                                    id=id
                                    type="checkbox"
                                    name="kinds"
                                    value=kind.as_str()
                                    checked=kind_checked(kind)
                                />
                                {kind.label()}
                            </label>
                        }
                    })
                    .collect_view()}
                <FieldMessage message=kinds_error />
            </fieldset>
            <GeneratorActions />
        </form>
    }
}

/// "N / 20000 characters" under the job description, kept up to date as
/// the visitor types once the page is interactive.
#[component]
fn JdCount(initial: usize) -> impl IntoView {
    provide_context(JdInitial(initial));
    view! { <JdCountIsland /> }
}

/// The count the server renders [`JdCountIsland`] with.
#[derive(Clone, Copy)]
struct JdInitial(usize);

/// The live part of [`JdCount`]. It takes no props: the server renders it
/// with the count it knows, and the browser reads the box itself, so the
/// page carries nothing extra for it.
#[island]
fn JdCountIsland() -> impl IntoView {
    let count = RwSignal::new(use_context::<JdInitial>().map_or(0, |c| c.0));
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let read = move |target: Option<web_sys::EventTarget>| {
            if let Some(area) = target
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .filter(|area| area.id() == JD_ID)
            {
                count.set(area.value().chars().count());
            }
        };
        let handle = window_event_listener(leptos::ev::input, move |ev| read(ev.target()));
        on_cleanup(move || handle.remove());
        // The box as hydration finds it: what the server sent, or what the
        // browser put back on Back.
        Effect::new(move |_| {
            read(super::dom::element_by_id(JD_ID).map(Into::into));
        });
    }
    view! {
        <p id="gen-jd-count" class="field__help" aria-live="polite">
            {move || format!("{} / {MAX_JOB_DESCRIPTION_CHARS} characters", count.get())}
        </p>
    }
}

/// The submit button and what happens after it is pressed. Once the page
/// is interactive it takes over its form's submission: it streams the
/// stages of the work with a way to cancel, and guards against double
/// submits. Until then, or where the browser cannot stream, the form posts
/// as plain HTML.
#[island]
fn GeneratorActions() -> impl IntoView {
    // Set when the browser posts the form itself (no streaming).
    let submitting = RwSignal::new(false);
    let working = RwSignal::new(Working::Idle);
    let busy = move || submitting.get() || matches!(working.get(), Working::Busy(_));
    let actions = NodeRef::<leptos::html::Div>::new();
    // The form this island sits in, once it is in the page.
    let form = move || {
        actions
            .get()
            .and_then(|div| div.closest("form").ok().flatten())
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = form() {
            super::generate_stream::enhance(form, submitting, working);
        }
    });
    Effect::new(move |_| {
        let busy = busy();
        if let Some(form) = form() {
            let _ = if busy {
                form.set_attribute("aria-busy", "true")
            } else {
                form.remove_attribute("aria-busy")
            };
        }
    });
    let cancel = move |_| {
        #[cfg(feature = "hydrate")]
        super::generate_stream::cancel();
    };
    view! {
        <div class="generator__actions" node_ref=actions>
            <button class="button" type="submit" disabled=busy>
                {move || if busy() { "Generating…" } else { "Generate questions" }}
            </button>
            {move || match working.get() {
                Working::Idle => ().into_any(),
                Working::Busy(message) => {
                    view! {
                        <div class="progress" role="status" aria-live="polite">
                            <span class="progress__spinner" aria-hidden="true"></span>
                            <span class="progress__message">{message}</span>
                            <button type="button" class="button button--secondary" on:click=cancel>
                                "Cancel"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Working::Cancelled => {
                    view! {
                        <p class="progress" role="status">
                            "Cancelled. Nothing was saved, and everything you typed is still here."
                        </p>
                    }
                        .into_any()
                }
                Working::Lost => {
                    view! {
                        <p class="field__error" role="alert">
                            "The connection broke before the set was ready. Everything you typed is still here: try again."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
