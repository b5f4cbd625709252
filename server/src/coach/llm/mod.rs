//! The model engine: any OpenAI-compatible Chat Completions server, behind
//! the same limits and fallbacks for every task it runs.
//!
//! A task (writing questions, assessing an answer) supplies a prompt
//! and a checker for the model's text; [`LlmEngine::run`] does the rest:
//! quotas, the daily token budget, the circuit breaker, attempts with
//! timeouts and backoff inside one deadline, usage records and logs. Any
//! failure comes back as a [`Fallback`], never as an error for the user.

pub mod assessment;
pub mod breaker;
pub mod client;
mod fallback;
pub mod fence;
pub mod follow_up;
pub mod ledger;
pub mod questions;
mod tasks;

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::model::{Feedback, GenerateRequest, QuestionSet, Stage};

use self::breaker::Breaker;
use self::client::{CallError, ModelClient, Prompt};
pub use self::fallback::Fallback;
pub use self::ledger::{CallRecord, Ledger, Quota, Reservation};
use self::tasks::{AssessTask, FollowUpTask, QuestionsTask};
use super::offline::{Brief, fnv1a};
use crate::config::LlmSettings;

/// First pause before another attempt; it doubles each time, with jitter.
const BACKOFF_BASE: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(8);

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

pub struct LlmEngine {
    settings: LlmSettings,
    client: ModelClient,
    breaker: Breaker,
    ledger: Arc<dyn Ledger>,
}

impl LlmEngine {
    pub fn new(settings: LlmSettings, ledger: Arc<dyn Ledger>) -> Self {
        Self {
            client: ModelClient::new(&settings),
            breaker: Breaker::new(settings.breaker_failures, settings.breaker_cooldown),
            ledger,
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

    /// The interviewer's follow-up after an answer in a mock interview, or
    /// `None` when the model would ask none.
    pub async fn follow_up(
        &self,
        subject: &follow_up::Subject<'_>,
        quota: Option<Quota>,
    ) -> Result<Option<String>, Fallback> {
        let task = FollowUpTask {
            prompt: follow_up::prompt(subject, self.settings.max_tokens),
            subject,
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
            match self.ledger.draw(quota).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::info!(purpose, ?quota, "model skipped: today's quota is used");
                    return Err(Fallback::Quota);
                }
                Err(error) => {
                    tracing::error!(purpose, %error, "model skipped: the quota counter failed");
                    return Err(Fallback::Unavailable);
                }
            }
        }
        let prompt = task.prompt();
        let estimate = estimate_tokens(prompt);
        let reservation = match self.ledger.reserve(estimate).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                tracing::warn!(purpose, "model skipped: today's token budget is spent");
                return Err(Fallback::Budget);
            }
            Err(error) => {
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
                CallRecord {
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
                CallRecord {
                    failed: true,
                    ..Default::default()
                }
            }
        };
        if let Err(error) = self.ledger.record(self.model(), call).await {
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
            && let Err(error) = self.engine.ledger.settle(reservation, self.spent).await
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
            let ledger = Arc::clone(&self.engine.ledger);
            let spent = self.spent;
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    if let Err(error) = ledger.settle(reservation, spent).await {
                        tracing::error!(%error, "settling the token budget failed");
                    }
                });
            }
        }
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
