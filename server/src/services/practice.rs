//! Practising a set: the page's data, drafts, committing answers and
//! computing their feedback. Every call is for the logged-in account, and
//! every row it names is checked to be that account's.

use std::sync::Arc;
use std::time::Duration;

use app::api::port::{Practice, Requester};
use app::model::{
    AppError, Attempt, AttemptSummary, AttemptView, Change, Comparison, Dashboard, DiffPart,
    DrillPart, DrillView, ExportedQuestion, MAX_DRAFT_CHARS, MAX_DRILL_CHARS, PracticeExport,
    PracticeView, Provenance, ProvenanceSource, Question, QuestionKind, RETENTION_CHOICES, Step,
    Submission, Viewer, compare_comments, score_changes, word_count,
};
use sea_orm::DatabaseConnection;

use super::dashboard::SetInfo;
use super::internal;
use super::rate_limit::RateLimit;
use crate::coach::offline::text::clean;
use crate::coach::{AssessRequest, Coach, Quota};
use crate::config::WriteLimits;
use crate::db::practice::{self as store, Committed, StoredAnswer};
use crate::db::sets::StoredSet;
use crate::db::{self, tokens};

pub struct PracticeService {
    db: DatabaseConnection,
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
    pub fn new(db: DatabaseConnection, coach: Arc<Coach>, limits: WriteLimits) -> Self {
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
                &self.db,
                &format!("{kind}:user:{}", user.id),
                chrono::Utc::now(),
            )
            .await
    }

    /// Feedback asked for again (the first try failed or never finished):
    /// computed under the account's feedback limit, which the feedback
    /// computed right after an answer is committed does not count against.
    pub async fn assess_again(
        &self,
        attempt: i64,
        requester: &Requester,
    ) -> Result<Attempt, AppError> {
        self.feedback(attempt, requester, Some(self.limits.feedback))
            .await
    }

    /// The attempt with its feedback, computing it when it has none; under
    /// `limit` when one applies to that computation.
    async fn feedback(
        &self,
        attempt: i64,
        requester: &Requester,
        limit: Option<RateLimit>,
    ) -> Result<Attempt, AppError> {
        let user = viewer(requester)?;
        let answer = self.owned(attempt, requester).await?;
        let existing = self.with_feedback(answer.clone()).await?;
        if existing.feedback.is_some() {
            return Ok(existing);
        }
        if let Some(limit) = limit {
            self.count(limit, "feedback", user).await?;
        }
        let (question, jd_skills) = self.question_for(&answer, user).await?;
        let feedback = self
            .coach
            .assess(
                AssessRequest {
                    question,
                    answer: answer.text.clone(),
                    jd_skills,
                },
                Some(Quota::Assessments(user.id)),
            )
            .await?;
        let stored = store::store_feedback(&self.db, answer.id, &feedback)
            .await
            .map_err(|e| internal("storing feedback failed", e))?;
        tracing::info!(answer = answer.id, engine = %stored.engine, overall = stored.scores.overall, "answer assessed");
        Ok(to_attempt(answer, Some(stored)))
    }

    /// Keeps `text` as the draft of a question, with no limit: the answer a
    /// submission was refused for, which must not be lost.
    pub async fn keep_draft(
        &self,
        slug: &str,
        position: u32,
        text: &str,
        revision: i64,
        requester: &Requester,
    ) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let text = clean(text);
        if text.chars().count() > MAX_DRAFT_CHARS {
            return Err(AppError::invalid(
                "answer",
                format!("A draft can be at most {MAX_DRAFT_CHARS} characters."),
            ));
        }
        let set = self.set(slug).await?;
        let qid = question_id(&set, position)?;
        store::save_draft(&self.db, user.id, qid, &text, revision)
            .await
            .map_err(|e| internal("saving a draft failed", e))
    }

    async fn set(&self, slug: &str) -> Result<StoredSet, AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        db::sets::find(&self.db, slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .ok_or(AppError::NotFound)
    }

    /// Keeps the requester's attempts for `days` days, or for ever.
    pub async fn set_retention(
        &self,
        requester: &Requester,
        days: Option<u32>,
    ) -> Result<(), AppError> {
        let user = viewer(requester)?;
        if let Some(d) = days
            && !RETENTION_CHOICES.contains(&d)
        {
            return Err(AppError::invalid(
                "retention_days",
                "Choose how long to keep attempts from the list.",
            ));
        }
        store::set_retention(&self.db, user.id, days)
            .await
            .map_err(|e| internal("saving the retention setting failed", e))?;
        // Apply it at once rather than at the next hourly pass.
        self.prune(chrono::Utc::now()).await?;
        Ok(())
    }

    /// Deletes attempts past their account's retention period at `now`.
    pub async fn prune(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64, AppError> {
        store::prune_attempts(&self.db, now)
            .await
            .map_err(|e| internal("pruning old attempts failed", e))
    }

    /// Deletes all the requester's attempts, feedback and drafts.
    pub async fn delete_all(&self, requester: &Requester) -> Result<u64, AppError> {
        let user = viewer(requester)?;
        let removed = store::delete_practice_of(&self.db, user.id)
            .await
            .map_err(|e| internal("deleting practice data failed", e))?;
        tracing::info!(removed, "practice data deleted by its owner");
        Ok(removed)
    }

    /// An answer of the requester's.
    async fn owned(&self, attempt: i64, requester: &Requester) -> Result<StoredAnswer, AppError> {
        let user = viewer(requester)?;
        store::answer_of(&self.db, user.id, attempt)
            .await
            .map_err(|e| internal("loading an answer failed", e))?
            .ok_or(AppError::NotFound)
    }

    /// The attempt with its stored feedback, if any.
    async fn with_feedback(&self, answer: StoredAnswer) -> Result<Attempt, AppError> {
        let feedback = store::feedback_on(&self.db, answer.id)
            .await
            .map_err(|e| internal("loading feedback failed", e))?;
        Ok(to_attempt(answer, feedback))
    }

    /// The question an answer was given to, with the job description's
    /// skills when the set is the answerer's own.
    async fn question_for(
        &self,
        answer: &StoredAnswer,
        user: &Viewer,
    ) -> Result<(Question, Vec<String>), AppError> {
        let set = match answer.question_id {
            Some(qid) => db::sets::holding_question(&self.db, qid)
                .await
                .map_err(|e| internal("loading a question set failed", e))?,
            None => None,
        };
        let Some(set) = set else {
            // The set is gone: the question as answered was kept.
            return Ok((as_answered(answer), Vec::new()));
        };
        let position = position_of(&set, answer.question_id);
        let Some(question) = set.set.questions.get((position as usize).wrapping_sub(1)) else {
            return Ok((as_answered(answer), Vec::new()));
        };
        // The job description is private to whoever made the set.
        let skills = match (&set.job_description, set.owner_id) {
            (Some(jd), Some(owner)) if owner == user.id => self.coach.offline().required_skills(jd),
            _ => Vec::new(),
        };
        Ok((question.clone(), skills))
    }
}

fn viewer(requester: &Requester) -> Result<&Viewer, AppError> {
    requester.user.as_ref().ok_or(AppError::Unauthorized)
}

/// The row id of question `position` (1-based).
fn question_id(set: &StoredSet, position: u32) -> Result<i64, AppError> {
    (position as usize)
        .checked_sub(1)
        .and_then(|i| set.question_ids.get(i))
        .copied()
        .ok_or(AppError::NotFound)
}

fn position_of(set: &StoredSet, question_id: Option<i64>) -> u32 {
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

/// One text against another, word by word, with runs of one kind
/// merged.
pub fn word_diff(answer: &str, rewrite: &str) -> Vec<DiffPart> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(answer, rewrite);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => Change::Same,
            similar::ChangeTag::Insert => Change::Added,
            similar::ChangeTag::Delete => Change::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                change: kind,
                text: change.value().to_string(),
            }),
        }
    }
    parts
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
        let user = viewer(requester)?;
        let set = self.set(slug).await?;
        let answers = store::attempts(&self.db, user.id, &set.question_ids)
            .await
            .map_err(|e| internal("loading attempts failed", e))?;
        let ids: Vec<i64> = answers.iter().map(|a| a.id).collect();
        let overall: std::collections::HashMap<i64, u8> = store::overall_scores(&self.db, &ids)
            .await
            .map_err(|e| internal("loading scores failed", e))?
            .into_iter()
            .map(|(id, score)| (id, u8::try_from(score).unwrap_or(0)))
            .collect();

        // Answers come newest first, so the first seen per question is the
        // latest.
        let mut steps = vec![
            Step {
                attempts: 0,
                latest_overall: None
            };
            set.question_ids.len()
        ];
        for answer in &answers {
            let at = position_of(&set, answer.question_id) as usize;
            if let Some(step) = at.checked_sub(1).and_then(|i| steps.get_mut(i)) {
                if step.attempts == 0 {
                    step.latest_overall = overall.get(&answer.id).copied();
                }
                step.attempts += 1;
            }
        }

        let shown = match attempt {
            Some(id) => Some(
                answers
                    .iter()
                    .find(|a| a.id == id)
                    .cloned()
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let position = match (&shown, position) {
            (Some(answer), _) => position_of(&set, answer.question_id),
            (None, Some(p)) => p,
            (None, None) => steps.iter().position(|s| s.attempts == 0).unwrap_or(0) as u32 + 1,
        };
        let qid = question_id(&set, position)?;
        let draft = store::draft(&self.db, user.id, qid)
            .await
            .map_err(|e| internal("loading a draft failed", e))?;
        let last_answer = answers
            .iter()
            .find(|a| a.question_id == Some(qid))
            .map(|a| a.text.clone());
        let attempts: Vec<AttemptSummary> = answers
            .iter()
            .filter(|a| a.question_id == Some(qid))
            .map(|a| AttemptSummary {
                id: a.id,
                created_at: a.created_at.to_rfc3339(),
                word_count: u32::try_from(a.word_count).unwrap_or(0),
                overall: overall.get(&a.id).copied(),
            })
            .collect();
        let shown = match shown {
            Some(answer) => {
                let attempt = self.with_feedback(answer).await?;
                let rewrite_diff = attempt
                    .feedback
                    .as_ref()
                    .map(|f| word_diff(&attempt.answer, &f.rewrite))
                    .unwrap_or_default();
                Some(AttemptView {
                    attempt,
                    rewrite_diff,
                })
            }
            None => None,
        };
        let mut question = set.set.questions[position as usize - 1].clone();
        if attempts.is_empty() {
            // Not even in the page's data before the first attempt.
            question.rubric.clear();
            question.follow_ups.clear();
        }
        Ok(PracticeView {
            slug: set.slug.clone(),
            title: set.set.title.clone(),
            position,
            steps,
            question,
            draft,
            last_answer,
            attempts,
            shown,
            idempotency_key: tokens::new_slug(),
        })
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

    async fn submit(
        &self,
        mut submission: Submission,
        requester: &Requester,
    ) -> Result<Attempt, AppError> {
        let user = viewer(requester)?;
        submission.answer = clean(&submission.answer).trim().to_string();
        submission.validate()?;
        self.count(self.limits.answers, "answers", user).await?;
        let set = self.set(&submission.question_set).await?;
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
                question_text: &question.text,
                question_kind: question.kind.as_str(),
                focus_area: &question.focus_area,
                text: &submission.answer,
                word_count: word_count(&submission.answer),
                idempotency_key: &submission.idempotency_key,
                draft_revision: submission
                    .draft_revision
                    .unwrap_or_else(|| chrono::Utc::now().timestamp_millis()),
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
        let mut pair = [
            self.owned(first, requester).await?,
            self.owned(second, requester).await?,
        ];
        pair.sort_by_key(|a| (a.created_at, a.id));
        let [older, newer] = pair;
        let (before_question, after_question) =
            (older.question_text.clone(), newer.question_text.clone());
        let (before, after) = (
            self.with_feedback(older).await?,
            self.with_feedback(newer).await?,
        );
        let text_diff = word_diff(&before.answer, &after.answer);
        let (changes, (resolved, new_issues, still)) = match (&before.feedback, &after.feedback) {
            (Some(b), Some(a)) => (
                score_changes(&b.scores, &a.scores),
                compare_comments(&b.comments, &a.comments),
            ),
            _ => (Vec::new(), (Vec::new(), Vec::new(), Vec::new())),
        };
        Ok(Comparison {
            before,
            after,
            before_question,
            after_question,
            text_diff,
            changes,
            resolved,
            new_issues,
            still,
        })
    }

    async fn drill(
        &self,
        attempt: i64,
        part: DrillPart,
        text: Option<String>,
        requester: &Requester,
    ) -> Result<DrillView, AppError> {
        let answer = self.owned(attempt, requester).await?;
        let text = text
            .map(|t| clean(&t).trim().to_string())
            .filter(|t| !t.is_empty());
        if let Some(t) = &text
            && t.chars().count() > MAX_DRILL_CHARS
        {
            return Err(AppError::invalid(
                "text",
                format!("A drill is a sentence or two: at most {MAX_DRILL_CHARS} characters."),
            ));
        }
        if text.is_some() {
            self.count(self.limits.drills, "drills", viewer(requester)?)
                .await?;
        }
        let feedback = match &text {
            Some(t) => {
                let (offline, question, t) = (
                    Arc::clone(&self.coach),
                    answer.question_text.clone(),
                    t.clone(),
                );
                Some(
                    tokio::task::spawn_blocking(move || {
                        offline.offline().drill(part, &question, &t)
                    })
                    .await
                    .map_err(|e| internal("a drill failed", e))?,
                )
            }
            None => None,
        };
        Ok(DrillView {
            attempt: answer.id,
            question_set: answer.set_slug,
            question_index: u32::try_from(answer.position).unwrap_or(0),
            question: answer.question_text,
            answer: answer.text,
            part,
            text,
            feedback,
        })
    }

    async fn export(&self, slug: &str, requester: &Requester) -> Result<PracticeExport, AppError> {
        let user = viewer(requester)?;
        let set = self.set(slug).await?;
        let answers = store::attempts(&self.db, user.id, &set.question_ids)
            .await
            .map_err(|e| internal("loading attempts failed", e))?;
        let mut questions = Vec::with_capacity(set.question_ids.len());
        for (question, &qid) in set.set.questions.iter().zip(&set.question_ids) {
            let mine: Vec<&StoredAnswer> = answers
                .iter()
                .filter(|a| a.question_id == Some(qid))
                .collect();
            let latest = match mine.first() {
                Some(&answer) => Some(self.with_feedback(answer.clone()).await?),
                None => None,
            };
            questions.push(ExportedQuestion {
                question: question.clone(),
                latest,
                attempts: mine.len() as u32,
            });
        }
        Ok(PracticeExport {
            slug: set.slug.clone(),
            title: set.set.title.clone(),
            questions,
        })
    }

    async fn dashboard(&self, requester: &Requester) -> Result<Dashboard, AppError> {
        let user = viewer(requester)?;
        let answers = store::answers_of(&self.db, user.id)
            .await
            .map_err(|e| internal("loading attempts failed", e))?;
        let owned = db::sets::owned_by(&self.db, user.id)
            .await
            .map_err(|e| internal("loading sets failed", e))?;
        let mut listed: std::collections::HashSet<String> =
            owned.iter().map(|s| s.slug.clone()).collect();
        let mut sets: Vec<SetInfo> = Vec::with_capacity(owned.len());
        for s in owned {
            let coverage = match &s.job_description {
                Some(jd) => {
                    let answers: Vec<String> = answers
                        .iter()
                        .filter(|(a, _)| a.set_slug == s.slug)
                        .map(|(a, _)| a.text.clone())
                        .collect();
                    let offline = Arc::clone(&self.coach);
                    let jd = jd.clone();
                    Some(
                        tokio::task::spawn_blocking(move || {
                            let offline = offline.offline();
                            let found: std::collections::HashSet<String> = answers
                                .iter()
                                .flat_map(|text| offline.matcher().find(text))
                                .map(|f| f.skill)
                                .collect();
                            super::dashboard::coverage(&offline.required_skills(&jd), &found)
                        })
                        .await
                        .map_err(|e| internal("reading job description coverage failed", e))?,
                    )
                }
                None => None,
            };
            sets.push(SetInfo {
                questions: s.question_ids.len() as u32,
                title: s.set.title,
                slug: s.slug,
                owned: true,
                coverage,
            });
        }
        // Sets made by others that this account practises, most recent first.
        for (answer, _) in &answers {
            if !listed.insert(answer.set_slug.clone()) {
                continue;
            }
            if let Some(set) = db::sets::find(&self.db, &answer.set_slug)
                .await
                .map_err(|e| internal("loading a set failed", e))?
            {
                sets.push(SetInfo {
                    questions: set.question_ids.len() as u32,
                    title: set.set.title,
                    slug: set.slug,
                    owned: false,
                    coverage: None,
                });
            }
        }
        Ok(super::dashboard::build(&answers, sets))
    }

    async fn delete_attempt(&self, attempt: i64, requester: &Requester) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let deleted = store::delete_answer(&self.db, user.id, attempt)
            .await
            .map_err(|e| internal("deleting an attempt failed", e))?;
        if deleted {
            tracing::info!(attempt, "attempt deleted by its author");
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    async fn assess(&self, attempt: i64, requester: &Requester) -> Result<Attempt, AppError> {
        self.feedback(attempt, requester, None).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_merges_runs_and_rebuilds_both_texts() {
        let answer = "We kind of fixed the cache. I led it.";
        let rewrite = "I led it. We fixed the cache.\n\n[Result: what changed?]";
        let parts = word_diff(answer, rewrite);
        let side = |keep: Change| -> String {
            parts
                .iter()
                .filter(|p| p.change == Change::Same || p.change == keep)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(side(Change::Removed), answer);
        assert_eq!(side(Change::Added), rewrite);
        assert!(parts.windows(2).all(|w| w[0].change != w[1].change));
    }
}
