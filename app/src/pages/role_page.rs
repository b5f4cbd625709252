use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{get_role, list_roles};
use crate::components::{ErrorView, Generator, JsonLd, PageMeta};
use crate::model::{self, AppError};

#[component]
pub fn RolePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_role);
    let roles = Resource::new(|| (), |_| list_roles());

    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => view! { <RoleContent page roles /> }.into_any(),
                        Err(AppError::NotFound) => view! { <super::NotFoundPage /> }.into_any(),
                        Err(error) => view! { <ErrorView error=error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// The FAQ as schema.org `FAQPage` structured data.
fn faq_json_ld(page: &model::RolePage) -> String {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": page.faq.iter().map(|f| serde_json::json!({
            "@type": "Question",
            "name": f.question,
            "acceptedAnswer": { "@type": "Answer", "text": f.answer },
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

#[component]
fn RoleContent(
    page: model::RolePage,
    roles: Resource<Result<Vec<model::RoleSummary>, AppError>>,
) -> impl IntoView {
    let description = format!(
        "{} interview questions: what interviews focus on, how to prepare, an FAQ, and a free question generator.",
        page.title
    );
    let from = format!("/roles/{}", page.slug);
    let title = page.title.clone();
    view! {
        <PageMeta
            title=format!("{} interview questions and preparation", page.title)
            description=description
            path=from.clone()
        />
        <JsonLd json=faq_json_ld(&page) />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a>
            " / "
            <span aria-current="page">{page.title.clone()}</span>
        </nav>
        <h1>{format!("{} interviews", page.title)}</h1>
        <p class="lead">{page.summary.clone()}</p>

        <section aria-labelledby="focus-title">
            <h2 id="focus-title">"What the interviews focus on"</h2>
            <ul class="focus-list">
                {page
                    .focus_areas
                    .iter()
                    .map(|f| {
                        view! {
                            <li class="card">
                                <h3>{f.name.clone()}</h3>
                                <p>{f.description.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section aria-labelledby="prep-title">
            <h2 id="prep-title">"How to prepare"</h2>
            <ol class="prep-list">
                {page
                    .prep_steps
                    .iter()
                    .map(|p| {
                        view! {
                            <li>
                                <strong>{p.title.clone()}</strong>
                                <p>{p.detail.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>

        <section aria-labelledby="samples-title">
            <h2 id="samples-title">"Sample questions"</h2>
            <p class="muted">
                {format!(
                    "A few of the {} questions in the {} bank. Generate a set below for a balanced selection.",
                    page.question_count,
                    page.title,
                )}
            </p>
            <ul class="sample-list">
                {page
                    .sample_questions
                    .iter()
                    .map(|q| {
                        view! {
                            <li class="card">
                                <p class="question__meta">
                                    <span class="pill">{q.kind.label()}</span>
                                    <span class="pill pill--quiet">{q.focus_area.clone()}</span>
                                </p>
                                <p>{q.text.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section class="generate" aria-labelledby="generate-title">
            <h2 id="generate-title">{format!("Generate a {} question set", page.title)}</h2>
            <Suspense fallback=|| ()>
                {
                    let from = from.clone();
                    let title = title.clone();
                    move || {
                        roles
                            .get()
                            .map(|result| match result {
                                Ok(roles) => {
                                    view! {
                                        <Generator
                                            roles=roles
                                            prefill_role=title.clone()
                                            from=from.clone()
                                        />
                                    }
                                        .into_any()
                                }
                                Err(error) => view! { <ErrorView error=error /> }.into_any(),
                            })
                    }
                }
            </Suspense>
        </section>

        <section aria-labelledby="faq-title">
            <h2 id="faq-title">"Frequently asked questions"</h2>
            <div class="faq">
                {page
                    .faq
                    .iter()
                    .map(|f| {
                        view! {
                            <details class="faq__item">
                                <summary>{f.question.clone()}</summary>
                                <p>{f.answer.clone()}</p>
                            </details>
                        }
                    })
                    .collect_view()}
            </div>
        </section>

        <section aria-labelledby="related-title">
            <h2 id="related-title">"Related roles"</h2>
            <ul class="related">
                {page
                    .related
                    .iter()
                    .map(|r| {
                        view! {
                            <li>
                                <a href=format!("/roles/{}", r.slug)>{r.title.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
