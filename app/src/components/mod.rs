//! Building blocks shared by several pages.

mod error_view;
mod page_meta;
mod site_footer;
mod site_header;
mod theme_toggle;

pub use error_view::ErrorView;
pub use page_meta::PageMeta;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use theme_toggle::{Theme, ThemeToggle};
