//! One file per route.

mod home;
mod not_found;
mod role_page;
mod roles_index;
mod share_page;

pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use role_page::RolePage;
pub use roles_index::RolesIndexPage;
pub use share_page::SharePage;
