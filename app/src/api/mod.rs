//! Server functions: thin adapters from the wire to the ports the server
//! implements.

#[cfg(feature = "ssr")]
pub mod port;
mod practice;
mod roles;
mod sets;
mod stories;

pub use practice::{
    compare_attempts, get_dashboard, get_drill, get_export, get_mock_run, get_mock_setup,
    get_practice, get_review, save_draft,
};
pub use roles::{get_role, list_roles};
pub use sets::{get_private_questions, get_set};
pub use stories::{get_stories, get_story};

/// A port's answer, with the page that failed to load served with the
/// error's status rather than 200.
#[cfg(feature = "ssr")]
fn answered<T>(result: Result<T, crate::model::AppError>) -> Result<T, crate::model::AppError> {
    use leptos::prelude::use_context;
    if let Err(error) = &result
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    result
}
