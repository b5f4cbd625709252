use leptos::prelude::*;

use crate::model::{Change, DiffPart};

/// One text against another, word by word: added words underlined,
/// removed ones struck through, each also named for screen readers.
#[component]
pub fn DiffText(parts: Vec<DiffPart>) -> impl IntoView {
    view! {
        <p class="diff">
            {parts
                .into_iter()
                .map(|part| match part.change {
                    Change::Same => part.text.into_any(),
                    Change::Added => view! {
                        <ins><span class="visually-hidden">"[added: "</span>{part.text}<span class="visually-hidden">"]"</span></ins>
                    }
                    .into_any(),
                    Change::Removed => view! {
                        <del><span class="visually-hidden">"[removed: "</span>{part.text}<span class="visually-hidden">"]"</span></del>
                    }
                    .into_any(),
                })
                .collect_view()}
        </p>
    }
}
