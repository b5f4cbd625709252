use leptos::prelude::*;

/// A JSON-LD block for search engines. The JSON is escaped so that no text
/// inside it can close the script element.
#[component]
pub fn JsonLd(json: String) -> impl IntoView {
    let safe = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    view! { <script type="application/ld+json" inner_html=safe></script> }
}
