use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    ConfirmBox, ErrorView, FieldKind, FieldMessage, FormErrors, InputField, PageMeta, use_echo,
    use_viewer,
};
use crate::model::{AppError, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Outcome, RETENTION_CHOICES};

/// `/me/settings`: change the password, export everything, delete the
/// account. The server sends visitors without an account to log in first.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let Some(viewer) = use_viewer() else {
        return view! {
            <PageMeta title="Settings" description="Your Rehearse account settings." />
            <ErrorView error=AppError::Unauthorized />
            <p><a href="/login?next=/me/settings">"Log in"</a></p>
        }
        .into_any();
    };
    let changed = Outcome::PasswordChanged.shown(|key| use_query_map().read_untracked().get(key));

    let password = FormErrors::new(use_echo("password").map(|e| e.error));
    let (current_error, new_error) = (
        password.field("current_password"),
        password.field("new_password"),
    );
    let password_general = password.general();

    let retention = viewer.retention_days;
    let query = use_query_map().read_untracked();
    let saved = Outcome::RetentionSaved.shown(|key| query.get(key));
    let cleared = Outcome::PracticeDeleted.shown(|key| query.get(key));
    let reminders_saved = Outcome::RemindersSaved.shown(|key| query.get(key));
    let reminders = viewer.review_reminders;
    let retention_error =
        FormErrors::new(use_echo("retention").map(|e| e.error)).field("retention_days");
    let practice_echo = FormErrors::new(use_echo("practice").map(|e| e.error));
    let practice_error = practice_echo.field("confirm");
    let practice_open = practice_echo.is_some();
    let delete = FormErrors::new(use_echo("delete").map(|e| e.error));
    let (delete_password_error, confirm_error) =
        (delete.field("password"), delete.field("confirm"));
    let delete_general = delete.general();
    let delete_open = delete.is_some();

    view! {
        <PageMeta title="Settings" description="Your Rehearse account settings." />
        <h1>"Settings"</h1>
        {changed.then(|| view! { <p class="banner" role="status">"Your password was changed. Other devices were logged out."</p> })}

        <section class="card settings-section" aria-labelledby="account-title">
            <h2 id="account-title">"Account"</h2>
            <dl class="facts">
                <dt>"Email"</dt>
                <dd>{viewer.email.clone()}</dd>
                <dt>"Name"</dt>
                <dd>{viewer.display_name.clone().unwrap_or_else(|| "Not set".to_string())}</dd>
            </dl>
        </section>

        <section class="card settings-section" aria-labelledby="password-title">
            <h2 id="password-title">"Change password"</h2>
            <form method="post" action="/me/settings">
                <input type="hidden" name="form" value="password" />
                {password_general.map(|e| view! { <ErrorView error=e /> })}
                <InputField id="current-password" name="current_password" label="Current password"
                    kind=FieldKind::CurrentPassword max_chars=MAX_PASSWORD_CHARS error=current_error />
                <InputField id="new-password" name="new_password" label="New password"
                    kind=FieldKind::NewPassword min_chars=MIN_PASSWORD_CHARS max_chars=MAX_PASSWORD_CHARS
                    error=new_error />
                <button class="button" type="submit">"Change password"</button>
            </form>
        </section>

        <section class="card settings-section" aria-labelledby="export-title">
            <h2 id="export-title">"Export your data"</h2>
            <p>"Everything in your account (your details, question sets with their job descriptions, answers with their feedback, drafts and sessions) as one JSON file."</p>
            <a class="button button--secondary" href="/api/v1/me/export" download="rehearse-export.json">
                "Download my data"
            </a>
        </section>

        <section class="card settings-section" aria-labelledby="practice-title">
            <h2 id="practice-title">"Practice data"</h2>
            {saved.then(|| view! { <p class="banner" role="status">"Saved. Older attempts were deleted if the new setting asked for it."</p> })}
            {cleared.then(|| view! { <p class="banner" role="status">"Your attempts, feedback and drafts were deleted. Your account and sets stay."</p> })}
            <form method="post" action="/me/settings">
                <input type="hidden" name="form" value="retention" />
                <div class="field">
                    <label for="retention">"Keep my attempts"</label>
                    <select id="retention" name="retention_days">
                        <option value="" selected=retention.is_none()>"For ever (the default)"</option>
                        {RETENTION_CHOICES.into_iter().map(|d| view! {
                            <option value=d.to_string() selected=retention == Some(d)>{format!("For {d} days, then delete them")}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage message=retention_error />
                </div>
                <button class="button button--secondary" type="submit">"Save"</button>
            </form>
            <details class="confirm" open=practice_open>
                <summary class="button button--danger">"Delete all my practice data…"</summary>
                <form method="post" action="/me/settings">
                    <input type="hidden" name="form" value="practice" />
                    <p>"Every attempt, its feedback and every draft are deleted for good. Your account and your question sets stay."</p>
                    <ConfirmBox id="practice-confirm"
                        label="I understand that my attempts cannot be brought back." error=practice_error />
                    <button class="button button--danger" type="submit">"Delete my practice data"</button>
                </form>
            </details>
        </section>

        <section class="card settings-section" aria-labelledby="review-settings-title">
            <h2 id="review-settings-title">"Review"</h2>
            {reminders_saved.then(|| view! { <p class="banner" role="status">"Reminder setting saved."</p> })}
            <p>"Every question you answer comes back for review on a schedule: a weak answer the next day, a strong one after days, then weeks. The list is always at "<a href="/me/review">"your review page"</a>"."</p>
            <form method="post" action="/me/settings">
                <input type="hidden" name="form" value="reminders" />
                <label class="check" for="review-reminders">
                    <input id="review-reminders" type="checkbox" name="review_reminders" value="true" checked=reminders />
                    "Show what is due for review on my dashboard"
                </label>
                <button class="button button--secondary" type="submit">"Save the reminder setting"</button>
            </form>
        </section>

        <section class="card settings-section" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete account"</h2>
            <p>"This deletes your account and everything in it, for good. Share links to your sets stop working."</p>
            <details class="confirm" open=delete_open>
                <summary class="button button--danger">"Delete my account…"</summary>
                <form method="post" action="/me/settings">
                    <input type="hidden" name="form" value="delete" />
                    {delete_general.map(|e| view! { <ErrorView error=e /> })}
                    <InputField id="delete-password" name="password" label="Your password"
                        kind=FieldKind::CurrentPassword max_chars=MAX_PASSWORD_CHARS
                        error=delete_password_error />
                    <ConfirmBox id="delete-confirm" label="I understand that this cannot be undone."
                        error=confirm_error />
                    <button class="button button--danger" type="submit">"Delete my account and data"</button>
                </form>
            </details>
        </section>
    }
    .into_any()
}
