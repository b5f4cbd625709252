//! The question-set generator form. It posts to the page it is on, so that
//! a problem can be shown on the same page at the same address, and works with
//! JavaScript off. After hydration it counts characters, shows each stage
//! of the work as it happens with a way to cancel, and guards against
//! double submits.

use leptos::prelude::*;

use super::{ErrorView, FieldMessage, FormErrors};
use crate::model::{
    DEFAULT_COUNT, GeneratorEcho, MAX_COUNT, MAX_JOB_DESCRIPTION_CHARS, MIN_COUNT, QuestionKind,
    RoleSummary, Seniority, Working,
};

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
    // Read on the server, where the refused form's echo is; the island
    // receives it with its other props.
    let echo = use_context::<GeneratorEcho>();
    let role_titles = roles.into_iter().map(|r| r.title).collect::<Vec<_>>();
    view! { <GeneratorForm role_titles prefill_role from echo /> }
}

/// The interactive part of [`Generator`]: everything it needs arrives as
/// props, so it hydrates on its own.
#[island]
fn GeneratorForm(
    role_titles: Vec<String>,
    prefill_role: Option<String>,
    from: String,
    echo: Option<GeneratorEcho>,
) -> impl IntoView {
    let input = echo.as_ref().map(|e| e.input.clone()).unwrap_or_default();
    let errors = FormErrors::new(echo.map(|e| e.error));
    let role_error = errors.field("role");
    let jd_error = errors.field("job_description");
    let seniority_error = errors.field("seniority");
    let kinds_error = errors.field("kinds");
    let count_error = errors.field("count");
    let general_error = errors.general();

    let role_value = input.role.clone().or(prefill_role).unwrap_or_default();
    let jd_value = input.job_description.clone().unwrap_or_default();
    let jd_len = RwSignal::new(jd_value.chars().count());
    let seniority_value = input.seniority.clone().unwrap_or_default();
    let chosen_kinds = input.kinds.clone().unwrap_or_default();
    let kind_checked = move |kind: QuestionKind| {
        chosen_kinds.is_empty() || chosen_kinds.iter().any(|k| k == kind.as_str())
    };
    let count_value = input.count.unwrap_or(DEFAULT_COUNT).to_string();
    // Set when the browser posts the form itself (no streaming).
    let submitting = RwSignal::new(false);
    let working = RwSignal::new(Working::Idle);
    let busy = move || submitting.get() || matches!(working.get(), Working::Busy(_));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if busy() {
            ev.prevent_default();
            return;
        }
        #[cfg(feature = "hydrate")]
        if super::generate_stream::start(&ev, working) {
            return;
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, working);
        submitting.set(true);
    };
    let cancel = move |_| {
        #[cfg(feature = "hydrate")]
        super::generate_stream::cancel();
    };

    view! {
        <form
            class="generator card"
            method="post"
            action=from
            on:submit=on_submit
            aria-busy=move || busy().then_some("true")
        >
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
                    {role_titles
                        .into_iter()
                        .map(|title| view! { <option value=title></option> })
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
                    id="gen-jd"
                    name="job_description"
                    rows="8"
                    maxlength=MAX_JOB_DESCRIPTION_CHARS.to_string()
                    placeholder="Paste the posting: its requirements and responsibilities make the questions specific."
                    aria-invalid=jd_error.is_some().then_some("true")
                    aria-describedby="gen-jd-public gen-jd-count"
                    on:input=move |ev| jd_len.set(event_target_value(&ev).chars().count())
                >
                    {crate::raw_text_safe(jd_value)}
                </textarea>
                <p id="gen-jd-count" class="field__help" aria-live="polite">
                    {move || format!("{} / {MAX_JOB_DESCRIPTION_CHARS} characters", jd_len.get())}
                </p>
                <FieldMessage message=jd_error />
            </div>
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
            <div class="generator__actions">
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
        </form>
    }
}
