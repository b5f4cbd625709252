//! The `rehearse` command line: parse, configure logging, dispatch.

use std::process::ExitCode;

use clap::Parser;
use migration::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbErr};
use tokio::net::TcpListener;

use std::io::Read as _;
use std::sync::Arc;

use app::model::{
    AppError, GenerateInput, MAX_ANSWER_CHARS, MAX_JOB_DESCRIPTION_CHARS, QuestionKind,
};

use crate::coach::OfflineCoach;
use crate::coach::offline::assess::{AssessInput, guess_kind};
use crate::coach::offline::text::clean;
use crate::config::{
    Args, AssessArgs, Command, ConfigError, FeedbackFormat, GenerateArgs, MigrateAction,
    OutputFormat,
};

/// The longest question `rehearse assess` takes.
const MAX_QUESTION_CHARS: usize = 1_000;
use crate::content::{ContentError, Library};
use crate::db::{self, ConnectError};
use crate::state::AppState;
use crate::{http, telemetry};

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
            migrate(&db, *action).await
        }),
        Some(Command::Usage(usage_args)) => block_on(usage(&args, usage_args.days)),
        None | Some(Command::Serve) => block_on(serve(&args)),
    }
}

fn block_on(work: impl std::future::Future<Output = Result<(), CliError>>) -> Result<(), CliError> {
    tokio::runtime::Builder::new_multi_thread()
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

fn generate(args: &Args, options: &GenerateArgs) -> Result<(), CliError> {
    let coach = load_coach(args)?;
    let job_description = options
        .jd_file
        .as_deref()
        .map(|path| read_input(path, "job description"))
        .transpose()?;
    let request = coach.check(GenerateInput {
        role: options.role.clone(),
        job_description,
        seniority: options.seniority.clone(),
        kinds: (!options.kinds.is_empty()).then(|| options.kinds.clone()),
        count: Some(options.count),
    })?;
    let set = coach.generate(&request);
    match options.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&set).expect("a question set always serialises")
        ),
        OutputFormat::Markdown => print!("{}", crate::export::markdown::question_set(&set)),
    }
    Ok(())
}

/// A file's text, or standard input's for `-`.
fn read_input(path: &std::path::Path, what: &'static str) -> Result<String, CliError> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| CliError::Read {
                what,
                path: "standard input".into(),
                source,
            })?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|source| CliError::Read {
        what,
        path: path.display().to_string(),
        source,
    })
}

fn assess(args: &Args, options: &AssessArgs) -> Result<(), CliError> {
    if options.answer_file.as_os_str() == "-"
        && options
            .jd_file
            .as_deref()
            .is_some_and(|p| p.as_os_str() == "-")
    {
        return Err(CliError::Input(
            "--answer-file and --jd-file cannot both read standard input".into(),
        ));
    }
    let question = clean(&options.question).trim().to_string();
    if question.is_empty() || question.chars().count() > MAX_QUESTION_CHARS {
        return Err(CliError::Input(format!(
            "--question: give the question, at most {MAX_QUESTION_CHARS} characters"
        )));
    }
    let answer = clean(&read_input(&options.answer_file, "answer")?)
        .trim()
        .to_string();
    let chars = answer.chars().count();
    if answer.is_empty() {
        return Err(CliError::Input("--answer-file: the answer is empty".into()));
    }
    if chars > MAX_ANSWER_CHARS {
        return Err(CliError::Input(format!(
            "--answer-file: the answer is {chars} characters; the limit is {MAX_ANSWER_CHARS}"
        )));
    }
    let kind = match options.kind.as_deref() {
        Some(name) => QuestionKind::parse(name).ok_or_else(|| {
            CliError::Input(format!(
                "--kind: '{name}' is not a kind; use behavioral, technical, system_design or situational"
            ))
        })?,
        None => guess_kind(&question),
    };
    let coach = load_coach(args)?;
    let jd_skills = match options.jd_file.as_deref() {
        Some(path) => {
            let jd = clean(&read_input(path, "job description")?);
            if jd.chars().count() > MAX_JOB_DESCRIPTION_CHARS {
                return Err(CliError::Input(format!(
                    "--jd-file: the job description is longer than {MAX_JOB_DESCRIPTION_CHARS} characters"
                )));
            }
            coach.required_skills(&jd)
        }
        None => Vec::new(),
    };
    let feedback = coach.assess(&AssessInput {
        question: &question,
        kind,
        rubric: &[],
        focus_area: None,
        jd_skills: &jd_skills,
        answer: &answer,
    });
    match options.format {
        FeedbackFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&feedback).expect("feedback always serialises")
        ),
        FeedbackFormat::Text => print!("{}", crate::export::text::feedback(&feedback)),
    }
    Ok(())
}

fn roles(args: &Args) -> Result<(), CliError> {
    let library = load_library(args)?;
    let width = library
        .roles()
        .iter()
        .map(|r| r.slug.len())
        .max()
        .unwrap_or(4);
    for role in library.roles() {
        println!("{:width$}  {}", role.slug, role.title);
    }
    Ok(())
}

async fn serve(args: &Args) -> Result<(), CliError> {
    let settings = args.serve_settings()?;
    let database_url = args.database_url()?;
    let coach = Arc::new(load_coach(args)?);
    let db = db::connect(&database_url).await?;
    db::migrate_up(&db).await?;
    tracing::info!(database = %database_url, "database ready");

    let pkg = settings.site_root.join("pkg");
    if !pkg
        .join(format!("{}.wasm", crate::state::OUTPUT_NAME))
        .exists()
    {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "the browser bundle is missing, so pages will not become interactive; build it with `make build`"
        );
    }

    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|source| CliError::Bind {
            addr: settings.addr,
            source,
        })?;
    let public = settings
        .public_url
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| format!("http://{}", settings.addr));
    tracing::info!(
        addr = %settings.addr,
        coach = coach.engine(),
        "Rehearse is serving {public}"
    );

    tokio::spawn(prune_usage_counters(db.clone()));
    tokio::spawn(prune_sessions(db.clone()));
    let state = AppState::with_offline(db, &settings, coach);
    tokio::spawn(prune_attempts(state.practice.clone()));
    let app = http::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(CliError::Serve)
}

/// Model calls and tokens per day and model, newest first, with today's
/// budget when a model is configured.
async fn usage(args: &Args, days: u32) -> Result<(), CliError> {
    let llm = args.llm_settings()?;
    let db = db::connect(&args.database_url()?).await?;
    db::migrate_up(&db).await?;
    let now = chrono::Utc::now();
    let since = (now - chrono::Duration::days(i64::from(days.max(1)) - 1))
        .format("%Y-%m-%d")
        .to_string();
    let rows = db::llm_usage::since(&db, &since).await?;
    if rows.is_empty() {
        println!("No model calls since {since}.");
    } else {
        let model_width = rows
            .iter()
            .map(|r| r.model.chars().count())
            .max()
            .unwrap_or(0)
            .max("MODEL".len());
        println!(
            "{:10}  {:model_width$}  {:>7}  {:>7}  {:>13}  {:>17}",
            "DAY", "MODEL", "CALLS", "FAILED", "PROMPT TOKENS", "COMPLETION TOKENS"
        );
        for r in &rows {
            println!(
                "{:10}  {:model_width$}  {:>7}  {:>7}  {:>13}  {:>17}",
                r.day, r.model, r.calls, r.failed_calls, r.prompt_tokens, r.completion_tokens
            );
        }
    }
    if let Some(llm) = llm {
        let used = crate::coach::llm::budget::Budget::new(db.clone(), llm.daily_tokens)
            .used_today(now)
            .await?;
        match llm.daily_tokens {
            0 => println!("Today: {used} tokens counted; no daily budget is set."),
            budget => println!("Today: {used} of the daily budget of {budget} tokens counted."),
        }
    }
    Ok(())
}

async fn migrate(db: &DatabaseConnection, action: MigrateAction) -> Result<(), CliError> {
    match action {
        MigrateAction::Up => {
            Migrator::up(db, None).await?;
            println!("All migrations are applied.");
        }
        MigrateAction::Down => {
            Migrator::down(db, Some(1)).await?;
            println!("Rolled back the most recent migration.");
        }
        MigrateAction::Status => {
            let migrations = Migrator::get_migration_with_status(db).await?;
            let width = migrations
                .iter()
                .map(|m| m.name().len())
                .max()
                .unwrap_or(0)
                .max("MIGRATION".len());
            println!("{:width$}  STATUS", "MIGRATION");
            for m in &migrations {
                println!(
                    "{:width$}  {}",
                    m.name(),
                    m.status().to_string().to_lowercase()
                );
            }
        }
    }
    Ok(())
}

/// Expired sessions are refused when used; clear them out hourly too.
async fn prune_sessions(db: DatabaseConnection) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match db::accounts::prune_sessions(&db, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned expired sessions"),
            Err(error) => tracing::warn!(%error, "pruning sessions failed"),
        }
    }
}

/// Attempts past their account's retention period go hourly.
async fn prune_attempts(practice: std::sync::Arc<crate::services::PracticeService>) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match practice.prune(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned attempts past their retention"),
            Err(error) => tracing::warn!(%error, "pruning attempts failed"),
        }
    }
}

/// Rate-limit windows older than two days are never read again; clear them
/// out hourly so the table stays small.
async fn prune_usage_counters(db: DatabaseConnection) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let cutoff = chrono::Utc::now() - chrono::Duration::days(2);
        match db::usage::prune(&db, cutoff).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "pruned old usage counters"),
            Err(error) => tracing::warn!(%error, "pruning usage counters failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed the server still stops on SIGTERM.
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
