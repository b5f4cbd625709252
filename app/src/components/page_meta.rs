use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The title and meta description every page sets.
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        <Title text=title />
        <Meta name="description" content=description />
    }
}
