//! Spaced review: each assessed attempt schedules its question again (see
//! [`super::schedule`]), and the account sees what is due across its sets.

use app::api::port::Requester;
use app::model::{AppError, DueQuestion, QuestionKind, ReviewSummary, ReviewView};
use chrono::{Days, NaiveDate, Utc};

use super::schedule::{self, Schedule};
use super::{PracticeService, internal, viewer};
use crate::db::practice::{self as store, DueRow, NewSchedule, StoredAnswer, StoredReview};
use crate::db::sets::PlacedQuestion;

/// How far from today a day asked about may be.
const FURTHEST_DAYS: u64 = 366;

pub(super) fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn stored_schedule(r: &StoredReview) -> Schedule {
    Schedule {
        repetitions: u32::try_from(r.repetitions).unwrap_or(0),
        interval_days: u32::try_from(r.interval_days).unwrap_or(1),
        ease: r.ease_milli as f32 / 1000.0,
        due: r.due_on,
    }
}

/// `on` as a day (`YYYY-MM-DD`) within a year of today; today when absent.
fn day(on: Option<&str>) -> Result<NaiveDate, AppError> {
    let today = today();
    let Some(text) = on.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(today);
    };
    let refused = || AppError::invalid("on", "Give a day as YYYY-MM-DD, within a year of today.");
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| refused())?;
    let earliest = today.checked_sub_days(Days::new(FURTHEST_DAYS));
    let latest = today.checked_add_days(Days::new(FURTHEST_DAYS));
    if earliest.is_some_and(|e| day < e) || latest.is_some_and(|l| day > l) {
        return Err(refused());
    }
    Ok(day)
}

impl From<DueRow> for DueQuestion {
    fn from(row: DueRow) -> Self {
        let PlacedQuestion {
            question,
            set_slug,
            set_title,
        } = row.place;
        DueQuestion {
            question_id: question.id,
            set_slug,
            set_title,
            position: u32::try_from(question.position).unwrap_or(1),
            kind: QuestionKind::parse(&question.kind).unwrap_or(QuestionKind::Behavioral),
            text: question.text,
            last_score: u8::try_from(row.review.last_score).unwrap_or(1),
            due_on: row.review.due_on.to_string(),
        }
    }
}

impl PracticeService {
    /// Schedules the question of `answer` from its overall score. Answers
    /// to follow-ups and to deleted sets schedule nothing; one attempt
    /// moves its question once, however often its feedback is stored.
    pub(super) async fn reschedule(&self, answer: &StoredAnswer, overall: u8) {
        let Some(question_id) = answer.question_id.filter(|_| !answer.follow_up) else {
            return;
        };
        let result = async {
            // Read on a reader, so a submit waits on the single writer once
            // less: a schedule another attempt saves meanwhile is not lost,
            // as `save_review` never replaces a later attempt's.
            let previous = store::review_of(self.db.read(), answer.user_id, question_id).await?;
            if previous
                .as_ref()
                .is_some_and(|p| p.last_answer_id >= answer.id)
            {
                return Ok(());
            }
            let next = schedule::next(previous.as_ref().map(stored_schedule), overall, today());
            store::save_review(
                self.db.write(),
                NewSchedule {
                    user_id: answer.user_id,
                    question_id,
                    answer_id: answer.id,
                    repetitions: next.repetitions,
                    interval_days: next.interval_days,
                    ease: next.ease,
                    due_on: next.due,
                    score: overall,
                },
            )
            .await
        }
        .await;
        // The answer and its feedback are kept either way; a schedule that
        // could not be written is set again by the next attempt.
        if let Err(error) = result {
            tracing::warn!(%error, answer = answer.id, "scheduling a review failed");
        }
    }

    /// What is due on `on` (today when `None`).
    pub(super) async fn review_on(
        &self,
        on: Option<&str>,
        requester: &Requester,
    ) -> Result<ReviewView, AppError> {
        let user = viewer(requester)?;
        let on = day(on)?;
        let rows = store::due(self.db.read(), user.id, on)
            .await
            .map_err(|e| internal("loading due reviews failed", e))?;
        let next = store::next_due_after(self.db.read(), user.id, on)
            .await
            .map_err(|e| internal("loading due reviews failed", e))?;
        Ok(ReviewView {
            on: on.to_string(),
            due: rows.into_iter().map(DueQuestion::from).collect(),
            next_due_on: next.map(|d| d.to_string()),
            reminders: user.review_reminders,
        })
    }

    /// Moves a question to tomorrow, or leaves it on its own date if that
    /// is later. Another account's question, or one never answered, is not
    /// found.
    pub(super) async fn postpone(
        &self,
        question_id: i64,
        requester: &Requester,
    ) -> Result<ReviewView, AppError> {
        let user = viewer(requester)?;
        let current = store::review_of(self.db.write(), user.id, question_id)
            .await
            .map_err(|e| internal("loading a review failed", e))?
            .ok_or(AppError::NotFound)?;
        // Tomorrow, or its own date if that is later: postponing twice (a
        // double click, a form sent again) moves it once.
        let to = current.due_on.max(today() + Days::new(1));
        store::postpone(self.db.write(), user.id, question_id, to)
            .await
            .map_err(|e| internal("postponing a review failed", e))?;
        self.review_on(None, requester).await
    }

    /// The dashboard's line on review, unless the account switched it off.
    pub(super) async fn review_summary(
        &self,
        requester: &Requester,
    ) -> Result<Option<ReviewSummary>, AppError> {
        let user = viewer(requester)?;
        if !user.review_reminders {
            return Ok(None);
        }
        let today = today();
        let due = store::due_count(self.db.read(), user.id, today)
            .await
            .map_err(|e| internal("counting due reviews failed", e))?;
        let next = store::next_due_after(self.db.read(), user.id, today)
            .await
            .map_err(|e| internal("loading due reviews failed", e))?;
        Ok(Some(ReviewSummary {
            due_today: u32::try_from(due).unwrap_or(u32::MAX),
            next_due_on: next.map(|d| d.to_string()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_asked_about_is_a_date_within_a_year() {
        assert_eq!(day(None).unwrap(), today());
        assert_eq!(day(Some(" ")).unwrap(), today());
        let tomorrow = today() + Days::new(1);
        assert_eq!(day(Some(&tomorrow.to_string())).unwrap(), tomorrow);
        for bad in ["tomorrow", "2026-13-01", "1999-01-01", "3000-01-01"] {
            assert!(
                matches!(day(Some(bad)), Err(AppError::Validation { .. })),
                "{bad}"
            );
        }
    }
}
