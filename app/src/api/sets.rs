use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::model::{AppError, SharedSet};

/// A set by its share-link slug.
#[server(endpoint = "sets/get", input = GetUrl)]
pub async fn get_set(slug: String) -> Result<SharedSet, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    let result = Ports::current()?.sets.shared(&slug, &requester).await;
    if let Err(error) = &result {
        set_status(error);
    }
    result
}

/// Serves a failed page with the error's status rather than 200.
#[cfg(feature = "ssr")]
pub(crate) fn set_status(error: &AppError) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
}
