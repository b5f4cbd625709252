use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{get_stories, get_story};
use crate::components::{ErrorView, FieldMessage, FormErrors, PageMeta};
use crate::model::{
    AppError, MAX_STORY_PART_CHARS, MAX_STORY_TITLE_CHARS, OVERUSE_IN_SET, Outcome, Story,
    StoryEcho, StoryForm,
};

/// Whether the page's address says `outcome`.
fn shown(outcome: Outcome) -> bool {
    outcome.shown(|key| use_query_map().read_untracked().get(key))
}

/// `/me/stories`: the story bank. Each story is a named STAR record to adapt
/// to the questions it fits. The server sends visitors without an account
/// to log in first.
#[component]
pub fn StoriesPage() -> impl IntoView {
    let stories = Resource::new(|| (), |_| get_stories());
    let deleted = shown(Outcome::StoryDeleted);
    let full = shown(Outcome::StoriesFull);
    view! {
        <PageMeta title="Your stories" description="Your STAR stories, to adapt to each question." />
        <h1>"Your stories"</h1>
        <p>"Strong candidates prepare a handful of stories and adapt them to each question. Keep yours here: save one from any answer, or write it directly. A practice question offers the stories that fit it."</p>
        {deleted.then(|| view! { <p class="banner" role="status">"The story was deleted."</p> })}
        {full.then(|| view! { <p class="banner" role="status">"Your story bank is full: delete a story you no longer tell first."</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                stories
                    .get()
                    .map(|result| match result {
                        Ok(stories) => view! { <StoryList stories /> }.into_any(),
                        Err(AppError::Unauthorized) => view! {
                            <ErrorView error=AppError::Unauthorized />
                            <p><a href="/login?next=/me/stories">"Log in"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
        <section class="card" aria-labelledby="new-story-title">
            <h2 id="new-story-title">"Write a story"</h2>
            <StoryFields action="/me/stories".to_string() story=None button="Save the story" />
        </section>
        <p><a href="/me">"Back to your practice"</a></p>
    }
}

#[component]
fn StoryList(stories: Vec<Story>) -> impl IntoView {
    if stories.is_empty() {
        return view! { <p class="muted">"No stories yet. After answering a behavioral question, choose “Save as a story” under its feedback."</p> }.into_any();
    }
    view! {
        <ul class="story-list">
            {stories.into_iter().map(|s| {
                let overused = s.overused();
                let uses = s.uses.len();
                view! {
                    <li class="card story-item">
                        <h2 class="story-item__title"><a href=format!("/me/stories/{}", s.id)>{s.title.clone()}</a></h2>
                        <p class="muted">
                            {if s.skills.is_empty() { "No skills listed".to_string() } else { s.skills.join(", ") }}
                            {format!(" · used for {uses} question{}", if uses == 1 { "" } else { "s" })}
                        </p>
                        {overused.into_iter().map(|(set, n)| view! {
                            <p class="banner banner--warn" role="note">
                                {format!("Told {n} times in “{set}”: an interviewer hearing one story for more than {OVERUSE_IN_SET} questions will wonder what else you have done.")}
                            </p>
                        }).collect_view()}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/me/stories/{id}`: one story, to edit, with the questions it answered.
#[component]
pub fn StoryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let story = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_story(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let saved = shown(Outcome::StorySaved);
    let drafted = shown(Outcome::StoryDrafted);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                story
                    .get()
                    .map(|result| match result {
                        Ok(story) => view! { <StoryEdit story saved drafted /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn StoryEdit(story: Story, saved: bool, drafted: bool) -> impl IntoView {
    let id = story.id;
    let title = story.title.clone();
    let uses = story.uses.clone();
    let overused = story.overused();
    view! {
        <PageMeta title=title.clone() description="A story in your story bank." />
        <p class="eyebrow"><a href="/me/stories">"Your stories"</a></p>
        <h1>{title}</h1>
        {saved.then(|| view! { <p class="banner" role="status">"Saved."</p> })}
        {drafted.then(|| view! { <p class="banner" role="status">"Drafted from your answer: each sentence is where the coach read it (situation, task, action or result). Move anything that belongs elsewhere, then save."</p> })}
        {overused.into_iter().map(|(set, n)| view! {
            <p class="banner banner--warn" role="note">{format!("Told {n} times in “{set}”. Consider another story for some of those questions.")}</p>
        }).collect_view()}
        <section class="card">
            <StoryFields action=format!("/me/stories/{id}") story=Some(story) button="Save changes" />
        </section>
        <section class="card" aria-labelledby="uses-title">
            <h2 id="uses-title">"Questions it answered"</h2>
            {if uses.is_empty() {
                view! { <p class="muted">"None yet. On a practice page, a question this story fits offers “Start from this story”."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {uses.into_iter().map(|u| view! {
                            <li>
                                <a href=format!("/practice/{}?q={}", u.set_slug, u.position)>{u.question}</a>
                                <span class="muted">{format!(" · {}", u.set_title)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <details class="danger-zone">
            <summary>"Delete this story"</summary>
            <p>"The story goes; your answers stay."</p>
            <form method="post" action=format!("/me/stories/{id}/delete")>
                <button class="button button--danger" type="submit">"Yes, delete it"</button>
            </form>
        </details>
    }
}

/// The story's fields: as stored, or as typed when the server refused
/// them, with each field's error.
#[component]
fn StoryFields(action: String, story: Option<Story>, button: &'static str) -> impl IntoView {
    let echo = use_context::<StoryEcho>();
    let errors = FormErrors::new(echo.as_ref().map(|e| e.error.clone()));
    let form = match (echo, story) {
        (Some(echo), _) => echo.form,
        (None, Some(s)) => StoryForm {
            title: s.title,
            situation: s.situation,
            task: s.task,
            action: s.action,
            result: s.result,
            skills: s.skills.join(", "),
        },
        (None, None) => StoryForm::default(),
    };
    let prefix = if action == "/me/stories" {
        "new"
    } else {
        "edit"
    };
    let part = |name: &'static str, label: &'static str, help: &'static str, value: String| {
        let id = format!("{prefix}-{name}");
        let error = errors.field(name);
        view! {
            <div class="field">
                <label for=id.clone()>{label}" "<span class="muted">{help}</span></label>
                <textarea id=id name=name rows="3" maxlength=MAX_STORY_PART_CHARS.to_string()
                    aria-invalid=error.is_some().then_some("true")>{crate::raw_text_safe(value)}</textarea>
                <FieldMessage message=error />
            </div>
        }
    };
    let title_id = format!("{prefix}-title");
    let skills_id = format!("{prefix}-skills");
    let general = errors.unshown(&["title", "situation", "task", "action", "result", "skills"]);
    let title_error = errors.field("title");
    let skills_error = errors.field("skills");
    view! {
        <form method="post" action=action class="story-form">
            {general.map(|e| view! { <ErrorView error=e /> })}
            <div class="field">
                <label for=title_id.clone()>"Title"</label>
                <input id=title_id name="title" type="text" required maxlength=MAX_STORY_TITLE_CHARS.to_string()
                    value=form.title aria-invalid=title_error.is_some().then_some("true") />
                <FieldMessage message=title_error />
            </div>
            {part("situation", "Situation", "(where and when)", form.situation)}
            {part("task", "Task", "(what you had to do)", form.task)}
            {part("action", "Action", "(what you did: say “I”)", form.action)}
            {part("result", "Result", "(what changed, with numbers you really have)", form.result)}
            <div class="field">
                <label for=skills_id.clone()>"Skills it shows"" "<span class="muted">"(comma-separated, up to 12)"</span></label>
                <input id=skills_id name="skills" type="text" value=form.skills
                    aria-invalid=skills_error.is_some().then_some("true") />
                <FieldMessage message=skills_error />
            </div>
            <button class="button" type="submit">{button}</button>
        </form>
    }
}
