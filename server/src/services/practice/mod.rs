//! Practising a set: the page's data, drafts, committing answers and
//! computing their feedback, drills, comparisons and the dashboard. Every
//! call is for the logged-in account, and every row it names is checked to
//! be that account's.
//!
//! [`answers`] commits answers and assesses them, [`attempts`] reads them
//! back (the page, comparisons, exports, the dashboard), [`drills`]
//! works on one part of an answer, and [`review`] schedules each answered
//! question again by [`schedule`].

mod answers;
mod attempts;
mod drills;
mod mock;
mod review;
pub mod schedule;

use std::sync::Arc;
use std::time::Duration;

use app::api::port::{Answered, Practice, Requester};
use app::model::{
    AppError, Attempt, Comparison, Dashboard, DrillPart, DrillView, MockRun, MockSetup,
    MockSetupView, PracticeExport, PracticeView, ReviewView, Submission, Viewer,
};

pub use self::attempts::word_diff;
use super::rate_limit::RateLimit;
use super::{internal, viewer};
use crate::auth::tokens;
use crate::coach::Coach;
use crate::config::WriteLimits;
use crate::db;
use crate::db::practice::{self as store, StoredAnswer};
use crate::db::sets::StoredSet;

pub struct PracticeService {
    db: db::Db,
    coach: Arc<Coach>,
    limits: Limits,
}

/// Per-account limits on writes, counted in the database like every limit.
struct Limits {
    answers: RateLimit,
    drafts: RateLimit,
    drills: RateLimit,
    feedback: RateLimit,
}

impl Limits {
    fn new(settings: WriteLimits) -> Self {
        let per = |limit, secs| RateLimit {
            limit,
            window: Duration::from_secs(secs),
        };
        Self {
            answers: per(settings.answers_per_hour, 3600),
            drafts: per(settings.drafts_per_minute, 60),
            drills: per(settings.drills_per_hour, 3600),
            feedback: per(settings.feedback_per_hour, 3600),
        }
    }
}

impl PracticeService {
    pub fn new(db: db::Db, coach: Arc<Coach>, limits: WriteLimits) -> Self {
        Self {
            db,
            coach,
            limits: Limits::new(limits),
        }
    }

    /// Counts one write of `kind` by `user` under `limit`, or refuses it.
    async fn count(&self, limit: RateLimit, kind: &str, user: &Viewer) -> Result<(), AppError> {
        limit
            .check_key(
                self.db.write(),
                &format!("{kind}:user:{}", user.id),
                chrono::Utc::now(),
            )
            .await
    }

    /// A set to show `user`, from memory when it was read in the last few
    /// seconds. Its maker's private questions are only in it for the
    /// account that owns it.
    pub(super) async fn set(&self, slug: &str, user: &Viewer) -> Result<StoredSet, AppError> {
        Ok(self.find_set(slug, true).await?.seen_by_account(user.id))
    }

    /// A set to write an answer or draft against, read from the database so
    /// that a set deleted by another instance is refused as not found. As
    /// in [`Self::set`], a question private to its maker is not found by
    /// anyone else.
    pub(super) async fn set_to_write(
        &self,
        slug: &str,
        user: &Viewer,
    ) -> Result<StoredSet, AppError> {
        Ok(self.find_set(slug, false).await?.seen_by_account(user.id))
    }

    pub(super) async fn find_set(&self, slug: &str, cached: bool) -> Result<StoredSet, AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let found = if cached {
            db::sets::find_cached(&self.db, slug).await
        } else {
            db::sets::find(self.db.read(), slug).await
        };
        found
            .map_err(|e| internal("loading a question set failed", e))?
            .ok_or(AppError::NotFound)
    }

    /// An answer of the requester's.
    pub(super) async fn owned(
        &self,
        attempt: i64,
        requester: &Requester,
    ) -> Result<StoredAnswer, AppError> {
        let user = viewer(requester)?;
        store::answer_of(self.db.read(), user.id, attempt)
            .await
            .map_err(|e| internal("loading an answer failed", e))?
            .ok_or(AppError::NotFound)
    }

    /// The attempt with its stored feedback, if any.
    pub(super) async fn with_feedback(&self, answer: StoredAnswer) -> Result<Attempt, AppError> {
        let feedback = store::feedback_on(self.db.read(), answer.id)
            .await
            .map_err(|e| internal("loading feedback failed", e))?;
        Ok(to_attempt(answer, feedback))
    }
}

/// The row id of question `position` (1-based).
pub(crate) fn question_id(set: &StoredSet, position: u32) -> Result<i64, AppError> {
    (position as usize)
        .checked_sub(1)
        .and_then(|i| set.question_ids.get(i))
        .copied()
        .ok_or(AppError::NotFound)
}

pub(super) fn position_of(set: &StoredSet, question_id: Option<i64>) -> u32 {
    set.question_ids
        .iter()
        .position(|&id| Some(id) == question_id)
        .map_or(0, |i| i as u32 + 1)
}

pub(crate) fn to_attempt(answer: StoredAnswer, feedback: Option<app::model::Feedback>) -> Attempt {
    Attempt {
        id: answer.id,
        question_set: answer.set_slug,
        question_index: u32::try_from(answer.position).unwrap_or(0),
        answer: answer.text,
        created_at: answer.created_at.to_rfc3339(),
        feedback,
    }
}

#[async_trait::async_trait]
impl Practice for PracticeService {
    async fn view(
        &self,
        slug: &str,
        position: Option<u32>,
        attempt: Option<i64>,
        requester: &Requester,
    ) -> Result<PracticeView, AppError> {
        self.page(slug, position, attempt, requester).await
    }

    async fn save_draft(
        &self,
        slug: &str,
        position: u32,
        text: String,
        revision: i64,
        requester: &Requester,
    ) -> Result<(), AppError> {
        let user = viewer(requester)?;
        self.count(self.limits.drafts, "drafts", user).await?;
        self.keep_draft(slug, position, &text, revision, requester)
            .await
    }

    async fn answer(
        &self,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Answered, AppError> {
        match submission.mock_interview {
            Some(run) => self.answer_in_run(run, submission, requester).await,
            None => self.answer_and_assess(submission, requester).await,
        }
    }

    async fn attempt(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError> {
        let answer = self.owned(attempt, requester).await?;
        self.with_feedback(answer).await
    }

    async fn compare(
        &self,
        first: i64,
        second: i64,
        requester: &Requester,
    ) -> Result<Comparison, AppError> {
        self.side_by_side(first, second, requester).await
    }

    async fn drill(
        &self,
        attempt: i64,
        part: DrillPart,
        text: Option<String>,
        requester: &Requester,
    ) -> Result<DrillView, AppError> {
        self.drill_part(attempt, part, text, requester).await
    }

    async fn export(&self, slug: &str, requester: &Requester) -> Result<PracticeExport, AppError> {
        self.export_set(slug, requester).await
    }

    async fn dashboard(&self, requester: &Requester) -> Result<Dashboard, AppError> {
        self.overview(requester).await
    }

    async fn delete_attempt(&self, attempt: i64, requester: &Requester) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let deleted = store::delete_answer(self.db.write(), user.id, attempt)
            .await
            .map_err(|e| internal("deleting an attempt failed", e))?;
        if deleted {
            tracing::info!(attempt, "attempt deleted by its author");
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    async fn review(
        &self,
        on: Option<String>,
        requester: &Requester,
    ) -> Result<ReviewView, AppError> {
        self.review_on(on.as_deref(), requester).await
    }

    async fn postpone_review(
        &self,
        question: i64,
        requester: &Requester,
    ) -> Result<ReviewView, AppError> {
        self.postpone(question, requester).await
    }

    async fn feedback(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError> {
        self.assessed(attempt, requester, Some(self.limits.feedback))
            .await
    }

    async fn mock_setup(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<MockSetupView, AppError> {
        self.setup_view(slug, requester).await
    }

    async fn start_mock(
        &self,
        setup: MockSetup,
        requester: &Requester,
    ) -> Result<MockRun, AppError> {
        self.start(setup, requester).await
    }

    async fn mock_run(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError> {
        self.run(run, requester).await
    }

    async fn finish_mock(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError> {
        self.end(run, requester).await
    }

    async fn skip_mock(
        &self,
        run: i64,
        position: u32,
        follow_up: bool,
        seconds_used: u32,
        requester: &Requester,
    ) -> Result<MockRun, AppError> {
        self.skip(run, position, follow_up, seconds_used, requester)
            .await
    }
}
