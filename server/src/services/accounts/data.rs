//! What an account holds: its export, how long its attempts are kept, and
//! deleting its practice data.

use app::api::port::Requester;
use app::model::{
    AccountExport, AnswerMode, AppError, ExportedAccount, ExportedAnswer, ExportedDraft,
    ExportedMockRun, ExportedMockTurn, ExportedSession, ExportedSet, RETENTION_CHOICES, Timing,
};
use chrono::{DateTime, Utc};

use super::AccountService;
use crate::db;
use crate::db::accounts as store;
use crate::services::internal;

impl AccountService {
    /// Everything the account holds.
    pub(super) async fn export_all(
        &self,
        requester: &Requester,
    ) -> Result<AccountExport, AppError> {
        let user = self.current_user(requester).await?;
        let sets = db::sets::owned_by(self.db.read(), user.id)
            .await
            .map_err(|e| internal("exporting sets failed", e))?;
        let sessions = store::sessions_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("exporting sessions failed", e))?;
        let answers = db::practice::answers_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("exporting answers failed", e))?;
        let drafts = db::practice::drafts_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("exporting drafts failed", e))?;
        let mock_interviews = self.export_mock_runs(user.id).await?;
        let reviews = db::practice::reviews_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("exporting the review schedule failed", e))?;
        let (stories, _) = crate::services::stories::bank(&self.db, user.id).await?;
        Ok(AccountExport {
            exported_at: Utc::now().to_rfc3339(),
            account: ExportedAccount {
                id: user.id,
                email: user.email.clone(),
                display_name: user.display_name.clone(),
                created_at: user.created_at.to_rfc3339(),
            },
            question_sets: sets
                .into_iter()
                .map(|s| ExportedSet {
                    url: format!("{}/s/{}", requester.base_url, s.slug),
                    slug: s.slug,
                    created_at: s.created_at.to_rfc3339(),
                    job_description: s.job_description,
                    resume: s.resume,
                    listed: s.listed,
                    set: s.set,
                })
                .collect(),
            answers: answers
                .into_iter()
                .map(|(answer, feedback)| ExportedAnswer {
                    question: answer.question_text.clone(),
                    attempt: crate::services::practice::to_attempt(answer, feedback),
                })
                .collect(),
            drafts: drafts
                .into_iter()
                .map(|(question, text, updated_at)| ExportedDraft {
                    question,
                    text,
                    updated_at: updated_at.to_rfc3339(),
                })
                .collect(),
            mock_interviews,
            reviews: reviews.into_iter().map(Into::into).collect(),
            stories,
            sessions: sessions
                .into_iter()
                .map(|s| ExportedSession {
                    created_at: s.created_at.to_rfc3339(),
                    last_seen_at: s.last_seen_at.to_rfc3339(),
                    expires_at: s.expires_at.to_rfc3339(),
                })
                .collect(),
        })
    }

    async fn export_mock_runs(&self, user_id: i64) -> Result<Vec<ExportedMockRun>, AppError> {
        use db::practice::mock;
        let failed = |e| internal("exporting mock interviews failed", e);
        let runs = mock::runs_of(self.db.read(), user_id)
            .await
            .map_err(failed)?;
        let ids: Vec<i64> = runs.iter().map(|r| r.id).collect();
        let turns = mock::turns_of(self.db.read(), &ids).await.map_err(failed)?;
        let count = |n: i32| u32::try_from(n).unwrap_or(0);
        Ok(runs
            .into_iter()
            .map(|run| ExportedMockRun {
                id: run.id,
                turns: turns
                    .iter()
                    .filter(|(t, _)| t.run_id == run.id)
                    .map(|(t, _)| ExportedMockTurn {
                        position: count(t.position),
                        follow_up: t.follow_up,
                        prompt: t.prompt.clone(),
                        attempt: t.answer_id,
                        timing: Timing {
                            mode: AnswerMode::parse(&t.mode).unwrap_or(AnswerMode::Typed),
                            seconds_used: count(t.seconds_used),
                            seconds_allowed: count(t.seconds_allowed),
                            longest_pause_ms: t.longest_pause_ms.map(count),
                        },
                        follow_up_asked: t.follow_up_asked.clone(),
                    })
                    .collect(),
                question_set: run.set_slug,
                title: run.title,
                questions: count(run.questions),
                voice: run.voice,
                answer_mode: AnswerMode::parse(&run.answer_mode).unwrap_or(AnswerMode::Typed),
                created_at: run.created_at.to_rfc3339(),
                finished_at: run.finished_at.map(|t| t.to_rfc3339()),
            })
            .collect())
    }

    pub(super) async fn keep_for(
        &self,
        requester: &Requester,
        days: Option<u32>,
    ) -> Result<(), AppError> {
        let user = self.current_user(requester).await?;
        if let Some(d) = days
            && !RETENTION_CHOICES.contains(&d)
        {
            return Err(AppError::invalid(
                "retention_days",
                "Choose how long to keep attempts from the list.",
            ));
        }
        db::practice::set_retention(self.db.write(), user.id, days)
            .await
            .map_err(|e| internal("saving the retention setting failed", e))?;
        // Apply it at once rather than at the next hourly pass.
        self.prune_expired(Utc::now().timestamp()).await?;
        Ok(())
    }

    pub(super) async fn delete_practice_data(
        &self,
        requester: &Requester,
        confirm: bool,
    ) -> Result<u64, AppError> {
        let user = self.current_user(requester).await?;
        if !confirm {
            return Err(AppError::invalid("confirm", "Tick the box to confirm."));
        }
        let removed = db::practice::delete_practice_of(self.db.write(), user.id)
            .await
            .map_err(|e| internal("deleting practice data failed", e))?;
        tracing::info!(removed, "practice data deleted by its owner");
        Ok(removed)
    }

    pub(super) async fn prune_expired(&self, now: i64) -> Result<u64, AppError> {
        let now = DateTime::from_timestamp(now, 0).unwrap_or_else(Utc::now);
        db::practice::prune_attempts(self.db.write(), now)
            .await
            .map_err(|e| internal("pruning old attempts failed", e))
    }
}
