use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The address people reach this site at, as the server saw it, shared with
/// the browser so both render the same absolute links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteBase(pub String);

/// The title, description, canonical link and Open Graph tags every page
/// sets. `path` is the page's canonical path, such as `/roles`; `noindex`
/// keeps the page out of search engines.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(optional, into)] path: Option<String>,
    /// Asks search engines not to index the page.
    #[prop(optional)]
    noindex: bool,
) -> impl IntoView {
    let base = use_context::<SiteBase>().map(|b| b.0).unwrap_or_default();
    let url = path.map(|p| format!("{base}{p}"));
    let og_title = if title.is_empty() {
        "Rehearse".to_string()
    } else {
        format!("{title} · Rehearse")
    };
    view! {
        <Title text=title />
        <Meta name="description" content=description.clone() />
        <Meta property="og:site_name" content="Rehearse" />
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=og_title />
        <Meta property="og:description" content=description />
        <Meta name="twitter:card" content="summary" />
        {noindex.then(|| view! { <Meta name="robots" content="noindex" /> })}
        {url.map(|url| {
            view! {
                <Link rel="canonical" href=url.clone() />
                <Meta property="og:url" content=url />
            }
        })}
    }
}
