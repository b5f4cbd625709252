//! Types shared by the server and the browser.

mod error;

pub use error::{AppError, FieldError};
