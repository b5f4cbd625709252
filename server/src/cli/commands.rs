//! The one-shot commands: generate, assess, roles, usage and migrate.

use std::io::Read as _;

use app::model::{AnswerText, GenerateInput, JobDescription, QuestionKind};
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

use super::{CliError, load_coach, load_library};
use crate::coach::offline::assess::{AssessInput, guess_kind};
use crate::coach::offline::text::clean;
use crate::config::{Args, AssessArgs, FeedbackFormat, GenerateArgs, MigrateAction, OutputFormat};
use crate::db;

/// The longest question `rehearse assess` takes.
const MAX_QUESTION_CHARS: usize = 1_000;

pub(super) fn generate(args: &Args, options: &GenerateArgs) -> Result<(), CliError> {
    let from_stdin =
        |p: &Option<std::path::PathBuf>| p.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if from_stdin(&options.jd_file) && from_stdin(&options.resume_file) {
        return Err(CliError::Input(
            "--jd-file and --resume-file cannot both read standard input".into(),
        ));
    }
    let coach = load_coach(args)?;
    let resume = options
        .resume_file
        .as_deref()
        .map(|path| read_input(path, "résumé"))
        .transpose()?;
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
        resume,
        keep_resume: None,
    })?;
    if request.resume.is_some() {
        coach.resume_part(&request)?;
    }
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

pub(super) fn assess(args: &Args, options: &AssessArgs) -> Result<(), CliError> {
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
    let answer = AnswerText::parse(&read_input(&options.answer_file, "answer")?)
        .map_err(|message| CliError::Input(format!("--answer-file: {message}")))?;
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
            let jd = JobDescription::parse(&read_input(path, "job description")?)
                .map_err(|message| CliError::Input(format!("--jd-file: {message}")))?;
            jd.map_or_else(Vec::new, |jd| coach.required_skills(&jd))
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

pub(super) fn roles(args: &Args) -> Result<(), CliError> {
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

/// Model calls and tokens per day and model, newest first, with today's
/// budget when a model is configured.
pub(super) async fn usage(args: &Args, days: u32) -> Result<(), CliError> {
    let llm = args.llm_settings()?;
    let db = db::connect(&args.database_url()?).await?;
    db::migrate_up(db.write()).await?;
    let now = chrono::Utc::now();
    let since = (now - chrono::Duration::days(i64::from(days.max(1)) - 1))
        .format("%Y-%m-%d")
        .to_string();
    let rows = db::llm_usage::since(db.read(), &since).await?;
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
        let used = crate::services::usage::DbLedger::new(db.write().clone(), &llm)
            .used_today(now)
            .await?;
        match llm.daily_tokens {
            0 => println!("Today: {used} tokens counted; no daily budget is set."),
            budget => println!("Today: {used} of the daily budget of {budget} tokens counted."),
        }
    }
    Ok(())
}

pub(super) async fn migrate(
    db: &DatabaseConnection,
    action: MigrateAction,
) -> Result<(), CliError> {
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
