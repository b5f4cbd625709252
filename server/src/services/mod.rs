//! One service per port: each implements one of the app's traits over the
//! database, the coach and the content.

pub mod accounts;
pub mod dashboard;
pub mod practice;
pub mod rate_limit;
pub mod roles;
pub mod sets;
pub mod stories;
pub mod usage;

pub use accounts::AccountService;
pub use practice::PracticeService;
pub use roles::RoleCatalog;
pub use sets::SetService;
pub use stories::StoryService;

/// The logged-in account, or the error that asks to log in.
pub(crate) fn viewer(
    requester: &app::api::port::Requester,
) -> Result<&app::model::Viewer, app::model::AppError> {
    requester
        .user
        .as_ref()
        .ok_or(app::model::AppError::Unauthorized)
}

/// Logs a failure in full and gives the user a reference to quote.
pub(crate) fn internal(context: &str, error: impl std::fmt::Display) -> app::model::AppError {
    let reference = crate::auth::tokens::new_slug();
    tracing::error!(%reference, %error, "{context}");
    app::model::AppError::Internal { reference }
}
