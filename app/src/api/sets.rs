use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::model::{AppError, PrivateQuestions, SharedSet};

/// A set by its share-link slug.
#[server(endpoint = "sets/get", input = GetUrl)]
pub async fn get_set(slug: String) -> Result<SharedSet, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.sets.shared(&slug, &requester).await)
}

/// The questions a set's maker drew from their résumé: for the maker only.
#[server(endpoint = "sets/private", input = GetUrl)]
pub async fn get_private_questions(slug: String) -> Result<PrivateQuestions, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.sets.private(&slug, &requester).await)
}
