//! The `rehearse` command line: parse, configure logging, dispatch.

mod commands;
mod jobs;
mod serve;

use std::process::ExitCode;
use std::sync::Arc;

use app::model::AppError;
use clap::Parser;
use sea_orm::DbErr;

use self::commands::{assess, generate, migrate, roles, usage};
use self::serve::serve;
use crate::coach::OfflineCoach;
use crate::config::{Args, Command, ConfigError};
use crate::content::{ContentError, Library};
use crate::db::{self, ConnectError};
use crate::telemetry;

/// Everything that can stop the program, each shown as one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("invalid DATABASE_URL (--database-url): {0}")]
    Connect(#[from] ConnectError),
    #[error("database migration failed: {0}")]
    Migrate(#[from] DbErr),
    #[error("invalid REHEARSE_ADDR (--addr): cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot read .env: {0}")]
    DotEnv(String),
    #[error("invalid content: {0}")]
    Content(#[from] ContentError),
    #[error("cannot read the {what} from {path}: {source}")]
    Read {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Input(String),
}

impl From<AppError> for CliError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Validation { fields } => CliError::Input(
                fields
                    .iter()
                    .map(|f| format!("--{}: {}", f.field.replace('_', "-"), f.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            other => CliError::Input(other.to_string()),
        }
    }
}

pub fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, whatever the underlying error printed.
            let message = error.to_string().replace(['\n', '\r'], " ");
            eprintln!("rehearse: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), CliError> {
    load_dotenv()?;
    let args = Args::parse();
    telemetry::init(&args.log_settings()?);
    match &args.command {
        // These need neither a database nor the async runtime.
        Some(Command::Generate(generate_args)) => generate(&args, generate_args),
        Some(Command::Assess(assess_args)) => assess(&args, assess_args),
        Some(Command::Roles) => roles(&args),
        Some(Command::Migrate { action }) => block_on(async {
            let db = db::connect(&args.database_url()?).await?;
            migrate(db.write(), *action).await
        }),
        Some(Command::Usage(usage_args)) => block_on(usage(&args, usage_args.days)),
        None | Some(Command::Serve) => block_on(serve(&args)),
    }
}

/// Each worker thread's stack. Rendering a page walks its view tree
/// recursively, a few frames per element; an unoptimised build's frames are
/// several times a release build's, and the answer form is deep enough to
/// pass the default 2 MiB there. Reserved address space, not memory used.
pub const WORKER_STACK_BYTES: usize = 8 << 20;

fn block_on(work: impl std::future::Future<Output = Result<(), CliError>>) -> Result<(), CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .thread_stack_size(WORKER_STACK_BYTES)
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?
        .block_on(work)
}

fn load_dotenv() -> Result<(), CliError> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(error) if error.not_found() => Ok(()),
        Err(error) => Err(CliError::DotEnv(error.to_string())),
    }
}

/// The content the server and the CLI use: an operator's folder, or the
/// files built into the binary.
pub fn load_library(args: &Args) -> Result<Library, ContentError> {
    match &args.content_dir {
        Some(dir) => Library::from_dir(dir),
        None => Library::embedded(),
    }
}

/// The offline coach over the operator's content, reading by meaning when
/// the embedded model is in REHEARSE_MODEL_DIR.
pub fn load_coach(args: &Args) -> Result<OfflineCoach, ContentError> {
    let library = Arc::new(load_library(args)?);
    let model = crate::coach::offline::meaning::load(&args.model_dir);
    Ok(OfflineCoach::with_model(library, model))
}
