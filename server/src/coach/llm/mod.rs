//! The model engine: any OpenAI-compatible Chat Completions server, behind
//! the same limits and fallbacks for every task it runs.
//!
//! A task (writing questions now, assessing answers later) supplies a prompt
//! and a checker for the model's text; [`LlmEngine::run`] does the rest:
//! quotas, the daily token budget, the circuit breaker, attempts with
//! timeouts and backoff inside one deadline, usage records and logs. Any
//! failure comes back as a [`Fallback`], never as an error for the user.

pub mod assessment;
pub mod breaker;
pub mod budget;
pub mod client;
pub mod fence;
pub mod questions;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use app::model::{Feedback, GenerateRequest, QuestionSet, Stage};
use sea_orm::DatabaseConnection;

use self::breaker::Breaker;
use self::budget::{Budget, BudgetError, Reservation};
use self::client::{CallError, ModelClient, Prompt};
use super::offline::{Brief, fnv1a};
use crate::config::LlmSettings;
use crate::db;
use crate::services::rate_limit::RateLimit;

/// First pause before another attempt; it doubles each time, with jitter.
const BACKOFF_BASE: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(8);

/// Why the model's answer was not used. The offline engine answers instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Errors, timeouts or an open circuit breaker.
    Unavailable,
    /// The model answered, but not with something usable.
    Invalid,
    /// Today's token budget is spent.
    Budget,
    /// This address has had today's model-made sets.
    Quota,
}

impl Fallback {
    /// What the page says about a set made offline for this reason.
    pub fn notice(self) -> &'static str {
        match self {
            Self::Unavailable | Self::Invalid => "Generated offline: the model was unavailable.",
            Self::Budget => {
                "Generated offline: this server's daily allowance for the model is used up."
            }
            Self::Quota => {
                "Generated offline: you have had today's model-written sets; more tomorrow."
            }
        }
    }

    /// What the feedback says when the offline coach assessed an answer
    /// for this reason.
    pub fn assessment_notice(self) -> &'static str {
        match self {
            Self::Unavailable | Self::Invalid => {
                "Assessed by the offline coach: the model was unavailable."
            }
            Self::Budget => {
                "Assessed by the offline coach: this server's daily allowance for the model is used up."
            }
            Self::Quota => {
                "Assessed by the offline coach: you have had today's model feedback; more tomorrow."
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unavailable => "unavailable",
            Self::Invalid => "invalid_output",
            Self::Budget => "budget",
            Self::Quota => "quota",
        }
    }
}

/// Where progress goes while a task runs.
pub trait Progress: Send + Sync {
    fn stage(&self, stage: Stage);
}

impl<F: Fn(Stage) + Send + Sync> Progress for F {
    fn stage(&self, stage: Stage) {
        self(stage)
    }
}

/// Progress nobody watches.
pub fn no_progress() -> impl Progress {
    |_: Stage| {}
}

/// One job for the model.
pub trait Task: Send + Sync {
    type Output: Send;
    /// Names the task in logs, e.g. `questions`.
    fn purpose(&self) -> &'static str;
    fn prompt(&self) -> &Prompt;
    /// Reads and checks the model's text.
    fn accept(&self, content: &str) -> Result<Self::Output, String>;
}

/// Whose daily allowance of model calls a request draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    /// Model-made sets from an address without an account.
    Address(IpAddr),
    /// Model-made sets for an account.
    Account(i64),
    /// Answers an account has assessed by the model.
    Assessments(i64),
}

pub struct LlmEngine {
    settings: LlmSettings,
    client: ModelClient,
    breaker: Breaker,
    budget: Budget,
    per_address: RateLimit,
    per_account: RateLimit,
    assessments: RateLimit,
    db: DatabaseConnection,
}

impl LlmEngine {
    pub fn new(settings: LlmSettings, db: DatabaseConnection) -> Self {
        Self {
            client: ModelClient::new(&settings),
            breaker: Breaker::new(settings.breaker_failures, settings.breaker_cooldown),
            budget: Budget::new(db.clone(), settings.daily_tokens),
            per_address: RateLimit {
                limit: settings.ip_quota,
                window: Duration::from_secs(86_400),
            },
            per_account: RateLimit {
                limit: settings.user_quota,
                window: Duration::from_secs(86_400),
            },
            assessments: RateLimit {
                limit: settings.assess_quota,
                window: Duration::from_secs(86_400),
            },
            db,
            settings,
        }
    }

    pub fn model(&self) -> &str {
        self.client.model()
    }

    /// A question set for `request` as `brief` reads it, written by the model.
    pub async fn questions(
        &self,
        request: &GenerateRequest,
        brief: &Brief,
        quota: Option<Quota>,
        progress: &dyn Progress,
    ) -> Result<QuestionSet, Fallback> {
        let jd = request
            .job_description
            .as_deref()
            .map(|text| questions::excerpt(text, self.settings.max_input_chars));
        let task = QuestionsTask {
            prompt: questions::prompt(request, brief, jd.as_deref(), self.settings.max_tokens),
            request,
            brief,
            jd: jd.as_deref(),
        };
        let accepted = self.run(&task, quota, progress).await?;
        Ok(questions::question_set(brief, accepted, self.model()))
    }

    /// The model's feedback on an answer. `offline` is the offline coach's
    /// feedback on it, whose rewrite stands in for one that adds facts.
    pub async fn assess(
        &self,
        subject: &assessment::Subject<'_>,
        offline: &Feedback,
        quota: Option<Quota>,
    ) -> Result<Feedback, Fallback> {
        let task = AssessTask {
            prompt: assessment::prompt(subject, self.settings.max_tokens),
            subject,
            offline,
            model: self.model(),
        };
        self.run(&task, quota, &no_progress()).await
    }

    /// Runs `task` within every limit, drawing on `quota` when given.
    pub async fn run<T: Task>(
        &self,
        task: &T,
        quota: Option<Quota>,
        progress: &dyn Progress,
    ) -> Result<T::Output, Fallback> {
        let started = Instant::now();
        let deadline = started + self.settings.deadline;
        let purpose = task.purpose();
        if self.breaker.is_open(started) {
            tracing::warn!(purpose, "model skipped: the circuit breaker is open");
            return Err(Fallback::Unavailable);
        }
        if let Some(quota) = quota {
            let now = chrono::Utc::now();
            let checked = match quota {
                Quota::Address(ip) => self.per_address.check(&self.db, "llm", ip, now).await,
                Quota::Account(id) => {
                    self.per_account
                        .check_key(&self.db, &format!("llm:account:{id}"), now)
                        .await
                }
                Quota::Assessments(id) => {
                    self.assessments
                        .check_key(&self.db, &format!("llm:assess:{id}"), now)
                        .await
                }
            };
            match checked {
                Ok(()) => {}
                Err(app::model::AppError::RateLimited { .. }) => {
                    tracing::info!(purpose, ?quota, "model skipped: today's quota is used");
                    return Err(Fallback::Quota);
                }
                Err(_) => return Err(Fallback::Unavailable),
            }
        }
        let prompt = task.prompt();
        let estimate = estimate_tokens(prompt);
        let reservation = match self.budget.reserve(estimate, chrono::Utc::now()).await {
            Ok(r) => r,
            Err(BudgetError::Spent) => {
                tracing::warn!(purpose, "model skipped: today's token budget is spent");
                return Err(Fallback::Budget);
            }
            Err(BudgetError::Db(error)) => {
                tracing::error!(purpose, %error, "model skipped: the budget counter failed");
                return Err(Fallback::Unavailable);
            }
        };
        let mut guard = RunGuard {
            engine: self,
            reservation: Some(reservation),
            spent: 0,
            holds_trial: false,
        };
        if !self.breaker.allow(Instant::now()) {
            guard.settle().await;
            return Err(Fallback::Unavailable);
        }
        guard.holds_trial = true;

        let attempts = self.settings.retries + 1;
        for attempt in 1..=attempts {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() || (attempt > 1 && !self.breaker.allow(Instant::now())) {
                break;
            }
            progress.stage(Stage::Asking { attempt, attempts });
            let timeout = self.settings.attempt_timeout.min(remaining);
            let call_started = Instant::now();
            let result = self.client.call(prompt, timeout).await;
            let latency_ms = call_started.elapsed().as_millis() as u64;
            self.record(purpose, attempt, latency_ms, &result).await;
            match result {
                Ok(completion) => {
                    self.breaker.succeeded();
                    guard.holds_trial = false;
                    guard.spent += if completion.usage_reported {
                        completion.prompt_tokens + completion.completion_tokens
                    } else {
                        estimate
                    };
                    guard.settle().await;
                    progress.stage(Stage::Checking);
                    return task.accept(&completion.content).map_err(|reason| {
                        tracing::warn!(
                            purpose,
                            model = %self.model(),
                            %reason,
                            bytes = completion.content.len(),
                            hash = %format_args!("{:016x}", fnv1a(&completion.content)),
                            "model output rejected"
                        );
                        Fallback::Invalid
                    });
                }
                Err(error) => {
                    if self.breaker.failed(Instant::now()) {
                        tracing::warn!(
                            cooldown_secs = self.settings.breaker_cooldown.as_secs(),
                            "model circuit breaker opened"
                        );
                    }
                    guard.holds_trial = false;
                    if matches!(error, CallError::Timeout(_)) {
                        // The server may have done the work: count it.
                        guard.spent += estimate;
                    }
                    if !error.is_transient() || attempt == attempts {
                        break;
                    }
                    let wait = backoff(attempt).max(error.retry_after().unwrap_or_default());
                    if Instant::now() + wait >= deadline {
                        break;
                    }
                    progress.stage(Stage::Retrying {
                        attempt: attempt + 1,
                        wait_secs: wait.as_secs_f32().ceil() as u32,
                    });
                    tokio::time::sleep(wait).await;
                }
            }
        }
        guard.settle().await;
        Err(Fallback::Unavailable)
    }

    /// The log line and usage record for one call.
    async fn record(
        &self,
        purpose: &str,
        attempt: u32,
        latency_ms: u64,
        result: &Result<client::Completion, CallError>,
    ) {
        let call = match result {
            Ok(c) => {
                tracing::info!(
                    model = %self.model(),
                    purpose,
                    attempt,
                    latency_ms,
                    prompt_tokens = c.prompt_tokens,
                    completion_tokens = c.completion_tokens,
                    "model call succeeded"
                );
                db::llm_usage::Call {
                    failed: false,
                    prompt_tokens: c.prompt_tokens,
                    completion_tokens: c.completion_tokens,
                }
            }
            Err(error) => {
                tracing::warn!(
                    model = %self.model(),
                    purpose,
                    attempt,
                    latency_ms,
                    outcome = error.label(),
                    %error,
                    "model call failed"
                );
                db::llm_usage::Call {
                    failed: true,
                    ..Default::default()
                }
            }
        };
        let day = chrono::Utc::now().format("%Y-%m-%d").to_string();
        if let Err(error) = db::llm_usage::record(&self.db, &day, self.model(), call).await {
            tracing::error!(%error, "recording model usage failed");
        }
    }
}

/// Settles the budget and frees the breaker's trial slot however a run
/// ends, including when the visitor cancels and the future is dropped.
struct RunGuard<'a> {
    engine: &'a LlmEngine,
    reservation: Option<Reservation>,
    spent: u64,
    holds_trial: bool,
}

impl RunGuard<'_> {
    async fn settle(&mut self) {
        if let Some(reservation) = self.reservation.take()
            && let Err(error) = self.engine.budget.settle(reservation, self.spent).await
        {
            tracing::error!(%error, "settling the token budget failed");
        }
    }
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        if self.holds_trial {
            self.engine.breaker.abandoned();
        }
        if let Some(reservation) = self.reservation.take() {
            let budget = self.engine.budget.clone();
            let spent = self.spent;
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    if let Err(error) = budget.settle(reservation, spent).await {
                        tracing::error!(%error, "settling the token budget failed");
                    }
                });
            }
        }
    }
}

struct QuestionsTask<'a> {
    prompt: Prompt,
    request: &'a GenerateRequest,
    brief: &'a Brief,
    jd: Option<&'a str>,
}

impl Task for QuestionsTask<'_> {
    type Output = Vec<app::model::Question>;

    fn purpose(&self) -> &'static str {
        "questions"
    }

    fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    fn accept(&self, content: &str) -> Result<Self::Output, String> {
        let (questions, repairs) = questions::accept(content, self.request, self.brief, self.jd)?;
        if repairs != questions::Repairs::default() {
            tracing::info!(
                dropped = repairs.dropped,
                quotes_replaced = repairs.quotes_replaced,
                clamped = repairs.clamped,
                "model questions repaired"
            );
        }
        Ok(questions)
    }
}

struct AssessTask<'a> {
    prompt: Prompt,
    subject: &'a assessment::Subject<'a>,
    offline: &'a Feedback,
    model: &'a str,
}

impl Task for AssessTask<'_> {
    type Output = Feedback;

    fn purpose(&self) -> &'static str {
        "assess"
    }

    fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    fn accept(&self, content: &str) -> Result<Self::Output, String> {
        let (feedback, repairs) =
            assessment::accept(content, self.subject, self.offline, self.model)?;
        if repairs != assessment::Repairs::default() {
            tracing::info!(
                dropped = repairs.dropped,
                clamped = repairs.clamped,
                rewrite_replaced = repairs.rewrite_replaced,
                "model feedback repaired"
            );
        }
        Ok(feedback)
    }
}

/// The most a call can cost: the prompt (at a conservative three characters
/// a token) and the longest answer allowed.
fn estimate_tokens(prompt: &Prompt) -> u64 {
    let chars = prompt.system.chars().count()
        + prompt.user.chars().count()
        + prompt.schema.to_string().len();
    (chars as u64).div_ceil(3) + u64::from(prompt.max_tokens)
}

/// The pause before attempt `attempt + 1`: doubling from half a second,
/// capped, with up to half of it taken off at random so that many clients
/// do not retry in step.
fn backoff(attempt: u32) -> Duration {
    let full = BACKOFF_BASE
        .saturating_mul(1 << attempt.saturating_sub(1).min(6))
        .min(BACKOFF_MAX);
    full.mul_f64(rand::random_range(0.5..=1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_its_cap() {
        for attempt in 1..10 {
            let d = backoff(attempt);
            let full = BACKOFF_BASE
                .saturating_mul(1 << (attempt - 1).min(6))
                .min(BACKOFF_MAX);
            assert!(d >= full / 2 && d <= full, "{attempt}: {d:?}");
        }
    }
}
