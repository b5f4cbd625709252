use clap::{Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rehearse.db";

/// Rehearse: interview practice you can host yourself.
///
/// With no subcommand, `rehearse` serves the web app. Every option can also be
/// set through the environment variable shown with it, or in a `.env` file in
/// the working directory.
#[derive(Debug, Parser)]
#[command(name = "rehearse", version, about, long_about, max_term_width = 100)]
pub struct Args {
    /// Database to use: a SQLite file (`sqlite://path/to/file.db`, created on first
    /// run) or PostgreSQL (`postgres://user:password@host:5432/database`).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Which log lines to print: a level (error, warn, info, debug, trace) or
    /// per-module directives such as `rehearse=debug,tower_http=info`.
    #[arg(
        long,
        env = "REHEARSE_LOG_LEVEL",
        default_value = "info",
        global = true
    )]
    pub log_level: String,

    /// Log line format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "REHEARSE_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: String,

    /// Address and port to listen on.
    #[arg(
        long,
        env = "REHEARSE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: String,

    /// The address people use to reach this server, such as
    /// `https://rehearse.example.org`. Used for share links and for checking
    /// the origin of requests. Defaults to the listen address.
    #[arg(long, env = "REHEARSE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Folder holding the built site: the WebAssembly bundle, stylesheet and
    /// static files produced by `cargo leptos build`.
    #[arg(
        long,
        env = "REHEARSE_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,

    /// Question sets one address may generate per hour without an account;
    /// 0 turns the limit off.
    #[arg(
        long,
        env = "REHEARSE_GENERATE_LIMIT",
        default_value = "30",
        global = true
    )]
    pub generate_limit: String,

    /// Accounts one address may create per hour; 0 turns the limit off.
    #[arg(
        long,
        env = "REHEARSE_SIGNUP_LIMIT",
        default_value = "10",
        global = true
    )]
    pub signup_limit: String,

    /// Answers one account may submit per hour; 0 turns the limit off.
    #[arg(
        long,
        env = "REHEARSE_ANSWER_LIMIT",
        default_value = "120",
        global = true
    )]
    pub answer_limit: String,

    /// Draft saves one account may make per minute; 0 turns the limit off.
    #[arg(
        long,
        env = "REHEARSE_DRAFT_LIMIT",
        default_value = "60",
        global = true
    )]
    pub draft_limit: String,

    /// Drills one account may have checked per hour; 0 turns the limit off.
    #[arg(
        long,
        env = "REHEARSE_DRILL_LIMIT",
        default_value = "120",
        global = true
    )]
    pub drill_limit: String,

    /// Requests to compute feedback again, per account per hour; 0 turns
    /// the limit off.
    #[arg(
        long,
        env = "REHEARSE_FEEDBACK_LIMIT",
        default_value = "60",
        global = true
    )]
    pub feedback_limit: String,

    /// Take the client address from the `X-Forwarded-For` header set by a
    /// reverse proxy in front of this server: `false`, `true` (one proxy,
    /// whatever connects) or the proxies' addresses and networks, such as
    /// `10.0.0.0/8,::1`.
    #[arg(
        long,
        env = "REHEARSE_TRUST_PROXY",
        default_value = "false",
        global = true
    )]
    pub trust_proxy: String,

    /// Cookies with `Secure` and the `__Host-` prefix: `auto` (when
    /// REHEARSE_PUBLIC_URL is https://), `true` or `false`. Browsers refuse
    /// such cookies over plain HTTP, so local use without TLS needs `false`
    /// or `auto`.
    #[arg(
        long,
        env = "REHEARSE_SECURE_COOKIES",
        default_value = "auto",
        global = true
    )]
    pub secure_cookies: String,

    /// Folder of role, question and skill files to use instead of the ones
    /// built into the binary; laid out like the repository's `content/`.
    #[arg(long, env = "REHEARSE_CONTENT_DIR", global = true)]
    pub content_dir: Option<std::path::PathBuf>,

    /// Folder holding the embedded sentence model's vocabulary and distilled
    /// table (`vocab.txt`, `static.bin`), which `scripts/setup.sh` fetches
    /// and builds. Without it the offline coach reads answers by their words
    /// alone, and its engine label says so.
    #[arg(
        long,
        env = "REHEARSE_MODEL_DIR",
        default_value = "target/model",
        global = true
    )]
    pub model_dir: std::path::PathBuf,

    /// Base URL of an OpenAI-compatible Chat Completions server, such as
    /// `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` for Ollama.
    /// When set, questions come from the model, with the offline coach as the
    /// fallback; when unset, the offline coach does everything.
    #[arg(long, env = "REHEARSE_LLM_BASE_URL", global = true)]
    pub llm_base_url: Option<String>,

    /// API key sent as a bearer token; local servers usually need none. Never
    /// printed.
    #[arg(
        long,
        env = "REHEARSE_LLM_API_KEY",
        hide_env_values = true,
        global = true
    )]
    pub llm_api_key: Option<ApiKey>,

    /// Model name to ask for, such as `gpt-4o-mini` or `llama3.1:8b`. Required
    /// with REHEARSE_LLM_BASE_URL.
    #[arg(long, env = "REHEARSE_LLM_MODEL", global = true)]
    pub llm_model: Option<String>,

    /// Seconds one attempt may take before it is abandoned.
    #[arg(
        long,
        env = "REHEARSE_LLM_TIMEOUT",
        default_value = "45",
        global = true
    )]
    pub llm_timeout: String,

    /// Seconds all attempts together may take; then the offline coach answers.
    #[arg(
        long,
        env = "REHEARSE_LLM_DEADLINE",
        default_value = "90",
        global = true
    )]
    pub llm_deadline: String,

    /// Further attempts after a timeout, a 429 or a 5xx answer.
    #[arg(long, env = "REHEARSE_LLM_RETRIES", default_value = "2", global = true)]
    pub llm_retries: String,

    /// How to ask for JSON: `json_schema` (strict structured output),
    /// `json_object` (JSON mode, the shape described in the prompt) or `prompt`
    /// (no response format at all, for servers that support neither).
    #[arg(
        long,
        env = "REHEARSE_LLM_OUTPUT",
        default_value = "json_schema",
        global = true
    )]
    pub llm_output: String,

    /// Upper bound on tokens the model may write per call (`max_tokens`).
    #[arg(
        long,
        env = "REHEARSE_LLM_MAX_TOKENS",
        default_value = "4000",
        global = true
    )]
    pub llm_max_tokens: String,

    /// Characters of a job description sent to the model; longer ones are cut
    /// at a line break.
    #[arg(
        long,
        env = "REHEARSE_LLM_MAX_INPUT",
        default_value = "12000",
        global = true
    )]
    pub llm_max_input: String,

    /// Tokens (prompt and completion) all instances together may spend per UTC
    /// day; then the offline coach answers. 0 means no limit.
    #[arg(
        long,
        env = "REHEARSE_LLM_DAILY_TOKENS",
        default_value = "1000000",
        global = true
    )]
    pub llm_daily_tokens: String,

    /// Model-made question sets one address may ask for per UTC day; later
    /// ones come from the offline coach. 0 means no limit.
    #[arg(
        long,
        env = "REHEARSE_LLM_IP_QUOTA",
        default_value = "20",
        global = true
    )]
    pub llm_ip_quota: String,

    /// Model-made question sets one account may ask for per UTC day; later
    /// ones come from the offline coach. 0 means no limit.
    #[arg(
        long,
        env = "REHEARSE_LLM_USER_QUOTA",
        default_value = "50",
        global = true
    )]
    pub llm_user_quota: String,

    /// Answers one account may have assessed by the model per UTC day; later
    /// ones get feedback from the offline coach. 0 means no limit.
    #[arg(
        long,
        env = "REHEARSE_LLM_ASSESS_QUOTA",
        default_value = "200",
        global = true
    )]
    pub llm_assess_quota: String,

    /// Failed attempts in a row that open the circuit breaker: while open, no
    /// calls are made and the offline coach answers at once.
    #[arg(
        long,
        env = "REHEARSE_LLM_BREAKER_FAILURES",
        default_value = "5",
        global = true
    )]
    pub llm_breaker_failures: String,

    /// Seconds the breaker stays open before one trial call is let through.
    #[arg(
        long,
        env = "REHEARSE_LLM_BREAKER_COOLDOWN",
        default_value = "30",
        global = true
    )]
    pub llm_breaker_cooldown: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A secret from the command line or environment; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(pub String);

impl std::str::FromStr for ApiKey {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_string()))
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the JSON API (the default).
    Serve,
    /// Apply, roll back or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Print a question set for a role or a job description, with the offline
    /// coach. Needs no server and no database.
    Generate(GenerateArgs),
    /// Assess one answer with the offline coach and print the feedback.
    /// Needs no server and no database.
    Assess(AssessArgs),
    /// List the roles in the library.
    Roles,
    /// Print model calls and tokens per day, from the database.
    Usage(UsageArgs),
}

#[derive(Debug, clap::Args)]
pub struct UsageArgs {
    /// How many days back to show, today included.
    #[arg(long, default_value_t = 30)]
    pub days: u32,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Role slug, as `rehearse roles` lists them.
    #[arg(long)]
    pub role: Option<String>,
    /// File holding the job description, or `-` to read it from standard input.
    #[arg(long, value_name = "FILE|-")]
    pub jd_file: Option<std::path::PathBuf>,
    /// File holding a résumé, or `-` to read it from standard input:
    /// questions then probe its claims, and the job description's skills it
    /// does not show.
    #[arg(long, value_name = "FILE|-")]
    pub resume_file: Option<std::path::PathBuf>,
    /// Number of questions, from 5 to 20.
    #[arg(long, default_value_t = 10)]
    pub count: u32,
    /// junior, mid, senior or staff. By default, read from the job description, else mid.
    #[arg(long)]
    pub seniority: Option<String>,
    /// Kinds to include, comma-separated: behavioral, technical, system_design, situational.
    #[arg(long, value_delimiter = ',')]
    pub kinds: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Markdown)]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The interview question the answer is for.
    #[arg(long)]
    pub question: String,
    /// File holding the answer, or `-` to read it from standard input.
    #[arg(long, value_name = "FILE|-")]
    pub answer_file: std::path::PathBuf,
    /// behavioral, technical, system_design or situational. By default,
    /// worked out from the question's wording.
    #[arg(long)]
    pub kind: Option<String>,
    /// File holding the job description, whose required skills count
    /// towards relevance, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub jd_file: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FeedbackFormat::Text)]
    pub format: FeedbackFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedbackFormat {
    Json,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back the most recent migration.
    Down,
    /// List migrations and whether each is applied.
    Status,
}
