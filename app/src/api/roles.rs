use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::model::{AppError, RolePage, RoleSummary};

#[server(endpoint = "roles/list", input = GetUrl)]
pub async fn list_roles() -> Result<Vec<RoleSummary>, AppError> {
    Ok(crate::api::port::Ports::current()?.roles.list())
}

#[server(endpoint = "roles/get", input = GetUrl)]
pub async fn get_role(slug: String) -> Result<RolePage, AppError> {
    super::answered(crate::api::port::Ports::current()?.roles.page(&slug))
}
