//! Drafts, answers and their feedback: an answer is committed before its
//! feedback is computed, so a failure there loses nothing.

use app::api::port::{Answered, Requester};
use app::model::{
    AppError, Attempt, DraftText, Provenance, ProvenanceSource, Question, QuestionKind, Submission,
    Viewer, word_count,
};

use super::{PracticeService, position_of, question_id, to_attempt, viewer};
use crate::coach::{AssessRequest, Patience, Quota};
use crate::db;
use crate::db::practice::{self as store, Committed, StoredAnswer};
use crate::services::internal;
use crate::services::rate_limit::RateLimit;

impl PracticeService {
    /// Commits an answer, then assesses it; see [`Practice::answer`].
    pub(super) async fn answer_and_assess(
        &self,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Answered, AppError> {
        let (slug, position) = (submission.question_set.clone(), submission.question_index);
        let (typed, revision) = (submission.answer.clone(), submission.draft_revision);
        let attempt = match self.commit(submission, requester).await {
            Ok(attempt) => attempt,
            Err(error) => {
                // Keep what was typed as the draft, so a reload still has it.
                let revision = revision.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
                if !matches!(error, AppError::Unauthorized | AppError::NotFound)
                    && let Err(e) = self
                        .keep_draft(&slug, position, &typed, revision, requester)
                        .await
                {
                    tracing::warn!(error = %e, "keeping a refused answer as a draft failed");
                }
                return Err(error);
            }
        };
        if attempt.feedback.is_some() {
            return Ok(Answered {
                attempt,
                feedback_error: None,
            });
        }
        // The answer is safe. Feedback may still fail; it can be asked for
        // again.
        match self.assessed(attempt.id, requester, None).await {
            Ok(attempt) => Ok(Answered {
                attempt,
                feedback_error: None,
            }),
            Err(error) => {
                tracing::warn!(%error, attempt = attempt.id, "feedback could not be computed");
                Ok(Answered {
                    attempt,
                    feedback_error: Some(error),
                })
            }
        }
    }

    /// Keeps `text` as the draft of a question, with no limit: the answer a
    /// submission was refused for, which must not be lost.
    pub(super) async fn keep_draft(
        &self,
        slug: &str,
        position: u32,
        text: &str,
        revision: i64,
        requester: &Requester,
    ) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let text =
            DraftText::parse(text).map_err(|message| AppError::invalid("answer", message))?;
        let set = self.set_to_write(slug, user).await?;
        let qid = question_id(&set, position)?;
        store::save_draft(self.db.write(), user.id, qid, &text, revision)
            .await
            .map_err(|e| internal("saving a draft failed", e))
    }

    /// Commits an answer, once per idempotency key, without feedback.
    pub(super) async fn commit(
        &self,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Attempt, AppError> {
        self.commit_to(submission, None, requester).await
    }

    /// Commits an answer to the question the submission names or, given
    /// `follow_up`, to that follow-up of it.
    pub(super) async fn commit_to(
        &self,
        submission: Submission,
        follow_up: Option<&str>,
        requester: &Requester,
    ) -> Result<Attempt, AppError> {
        let user = viewer(requester)?;
        let submission = submission.parse()?;
        self.count(self.limits.answers, "answers", user).await?;
        let set = self.set_to_write(&submission.question_set, user).await?;
        let qid = question_id(&set, submission.question_index).map_err(|_| {
            AppError::invalid(
                "question_index",
                format!("This set has {} questions.", set.question_ids.len()),
            )
        })?;
        let question = &set.set.questions[submission.question_index as usize - 1];
        let committed = store::commit(
            &self.db,
            store::NewAnswer {
                user_id: user.id,
                question_id: qid,
                set_slug: &set.slug,
                position: submission.question_index,
                question_text: follow_up.unwrap_or(&question.text),
                question_kind: question.kind.as_str(),
                focus_area: &question.focus_area,
                text: &submission.answer,
                word_count: word_count(&submission.answer),
                idempotency_key: &submission.idempotency_key,
                draft_revision: submission
                    .draft_revision
                    .unwrap_or_else(|| chrono::Utc::now().timestamp_millis()),
                follow_up: follow_up.is_some(),
            },
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| internal("committing an answer failed", e))?;
        match committed {
            Committed::New(answer) => {
                tracing::info!(answer = answer.id, "answer committed");
                Ok(to_attempt(answer, None))
            }
            Committed::Existing(answer) => self.with_feedback(answer).await,
            Committed::KeyReused => Err(AppError::invalid(
                "idempotency_key",
                "This idempotency key was already used for a different answer.",
            )),
        }
    }

    /// The attempt with its feedback, computing it when it has none.
    ///
    /// Right after an answer (`asked` is `None`) the coach waits only
    /// briefly for a free core and may give a quick read. Asked for by the
    /// user (under the `asked` limit), it waits for the full read, which
    /// also takes the place of a quick one.
    pub(super) async fn assessed(
        &self,
        attempt: i64,
        requester: &Requester,
        asked: Option<RateLimit>,
    ) -> Result<Attempt, AppError> {
        let user = viewer(requester)?;
        let answer = self.owned(attempt, requester).await?;
        let existing = self.with_feedback(answer.clone()).await?;
        let replacing = match &existing.feedback {
            None => false,
            Some(quick) if quick.is_quick() && asked.is_some() => true,
            Some(_) => return Ok(existing),
        };
        if let Some(limit) = asked {
            self.count(limit, "feedback", user).await?;
        }
        let (question, jd_skills) = self.question_for(&answer, user).await?;
        let patience = match asked {
            Some(_) => Patience::Full,
            None => Patience::Brief,
        };
        let feedback = self
            .coach
            .assess(
                AssessRequest {
                    question,
                    answer: answer.text.clone(),
                    jd_skills,
                },
                Some(Quota::Assessments(user.id)),
                patience,
            )
            .await?;
        let stored = if replacing {
            store::replace_quick_read(self.db.write(), answer.id, &feedback)
                .await
                .map_err(|e| internal("storing feedback failed", e))?
                .ok_or_else(|| internal("storing feedback failed", "the feedback row is gone"))?
        } else {
            store::store_feedback(self.db.write(), answer.id, &feedback)
                .await
                .map_err(|e| internal("storing feedback failed", e))?
        };
        tracing::info!(answer = answer.id, engine = %stored.engine, overall = stored.scores.overall, "answer assessed");
        // The review was scheduled by the first read of this attempt; a
        // full read in place of a quick one leaves it where it is.
        self.reschedule(&answer, stored.scores.overall).await;
        Ok(to_attempt(answer, Some(stored)))
    }

    /// The question an answer was given to, with the job description's
    /// skills when the set is the answerer's own.
    pub(super) async fn question_for(
        &self,
        answer: &StoredAnswer,
        user: &Viewer,
    ) -> Result<(Question, Vec<String>), AppError> {
        let set = match answer.question_id {
            Some(qid) => db::sets::holding_question(self.db.read(), qid)
                .await
                .map_err(|e| internal("loading a question set failed", e))?,
            None => None,
        };
        let Some(set) = set else {
            // The set is gone: the question as answered was kept.
            return Ok((as_answered(answer), Vec::new()));
        };
        let position = position_of(&set, answer.question_id);
        let question = set.set.questions.get((position as usize).wrapping_sub(1));
        if answer.follow_up {
            // A follow-up is assessed against its own words, read after the
            // question it follows ("How did it end?" is about that story),
            // in that question's focus area.
            let text = match question {
                Some(q) => format!("{} {}", q.text, answer.question_text),
                None => answer.question_text.clone(),
            };
            return Ok((
                Question {
                    text,
                    focus_area: answer.focus_area.clone(),
                    ..as_answered(answer)
                },
                Vec::new(),
            ));
        }
        let Some(question) = question else {
            return Ok((as_answered(answer), Vec::new()));
        };
        // The job description is private to whoever made the set.
        let skills = match (&set.job_description, set.owner_id) {
            (Some(jd), Some(owner)) if owner == user.id => self.coach.required_skills(jd),
            _ => Vec::new(),
        };
        Ok((question.clone(), skills))
    }
}

/// The question an answer was given to, from the copy kept with it.
fn as_answered(answer: &StoredAnswer) -> Question {
    Question {
        text: answer.question_text.clone(),
        kind: QuestionKind::parse(&answer.question_kind).unwrap_or(QuestionKind::Behavioral),
        focus_area: String::new(),
        difficulty: 2,
        provenance: Provenance {
            source: ProvenanceSource::FocusArea,
            detail: String::new(),
        },
        rubric: Vec::new(),
        follow_ups: Vec::new(),
    }
}
