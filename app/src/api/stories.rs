use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::model::{AppError, Story};

/// The account's story bank.
#[server(endpoint = "stories/list", input = GetUrl)]
pub async fn get_stories() -> Result<Vec<Story>, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.stories.list(&requester).await)
}

/// One of the account's stories.
#[server(endpoint = "stories/get", input = GetUrl)]
pub async fn get_story(id: i64) -> Result<Story, AppError> {
    use crate::api::port::{Ports, Requester};
    let requester = Requester::current()?;
    super::answered(Ports::current()?.stories.get(id, &requester).await)
}
