//! The `rehearse` server: configuration, HTTP, database and the command line.

// The server renders the pages' full (unerased) view types, which nest deeply.
#![recursion_limit = "512"]

pub mod auth;
pub mod cli;
pub mod coach;
pub mod config;
pub mod content;
pub mod db;
pub mod export;
pub mod http;
pub mod services;
pub mod state;
pub mod telemetry;
