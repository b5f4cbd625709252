//! One service per port: each implements one of the app's traits over the
//! database, the coach and the content.

pub mod accounts;
pub mod rate_limit;
pub mod roles;
pub mod sets;

pub use accounts::AccountService;
pub use roles::RoleCatalog;
pub use sets::SetService;
