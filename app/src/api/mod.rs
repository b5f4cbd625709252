//! Server functions: thin adapters from the wire to the ports the server
//! implements.

#[cfg(feature = "ssr")]
pub mod port;
mod roles;
mod sets;

pub use roles::{get_role, list_roles};
pub use sets::get_set;
