use leptos::prelude::*;

use crate::model::{Comment, Verdict};

/// One comment on its own: its dimension, what it says and the words it
/// quotes.
#[component]
pub fn CommentItem(comment: Comment) -> impl IntoView {
    let class = match comment.verdict {
        Verdict::Strength => "comment comment--strength",
        Verdict::Improve => "comment comment--improve",
    };
    view! {
        <li class=class>
            <p class="comment__head"><span class="pill">{comment.dimension.label()}</span></p>
            <p>{comment.text}</p>
            {comment.quote.map(|q| view! { <p class="comment__quote">"“"{q}"”"</p> })}
        </li>
    }
}

/// When something happened, as the pages show it: "2026-11-29 05:21 UTC".
pub fn timestamp(rfc3339: &str) -> String {
    format!(
        "{} UTC",
        rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_read_to_the_minute() {
        assert_eq!(
            super::timestamp("2026-11-29T05:21:07.123+00:00"),
            "2026-11-29 05:21 UTC"
        );
    }
}
