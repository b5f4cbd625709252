//! The `rehearse` server: configuration, HTTP, database and the command line.

pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod state;
pub mod telemetry;
