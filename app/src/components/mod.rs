//! Building blocks shared by several pages.

mod account;
pub mod answer_form;
mod charts;
mod comment_item;
mod copy_link;
mod diff_text;
#[cfg(feature = "hydrate")]
pub(crate) mod dom;
mod error_view;
mod feedback_view;
mod form_errors;
#[cfg(feature = "hydrate")]
mod generate_stream;
mod generator;
mod highlight;
mod input_field;
mod json_ld;
mod page_meta;
mod question_card;
mod role_card;
mod site_footer;
mod site_header;
#[cfg(feature = "hydrate")]
mod speech;
/// On the server nobody speaks or listens: every check says no, and
/// nothing starts.
#[cfg(not(feature = "hydrate"))]
mod speech {
    pub fn available() -> bool {
        false
    }
    pub fn start(_: impl Fn(String) + 'static, _: impl Fn(Option<String>) + 'static) -> bool {
        false
    }
    pub fn stop() {}
    pub fn abort() {}
    pub fn can_read_aloud() -> bool {
        false
    }
    pub fn may_speak_unprompted() -> bool {
        false
    }
    pub fn read_aloud(_: &str) -> bool {
        false
    }
    pub fn hush() {}
}
mod theme_toggle;

pub use account::{CurrentViewer, Echoed, provide_viewer, use_echo, use_echoed, use_viewer};
pub use answer_form::{AnswerForm, Interview, SKIP_FORM, SKIP_SECONDS, duration_label};
pub use charts::{BarFill, ScoresByArea, ScoresOverTime};
pub use comment_item::{CommentItem, timestamp};
pub use copy_link::{CopyLink, CopyRewrite};
pub use diff_text::DiffText;
pub use error_view::ErrorView;
pub use feedback_view::{FeedbackView, ForgetLocalCopy};
pub use form_errors::{FieldMessage, FormErrors};
pub use generator::Generator;
pub use highlight::{Segment, highlight};
pub use input_field::{ConfirmBox, FieldKind, InputField};
pub use json_ld::JsonLd;
pub use page_meta::{PageMeta, SiteBase};
pub use question_card::QuestionCard;
pub use role_card::RoleCard;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use theme_toggle::{Theme, ThemeToggle};
