//! Reading attempts back: the practice page, two attempts side by side, a
//! set's export and the dashboard.

use std::sync::Arc;

use app::api::port::Requester;
use app::model::{
    AppError, AttemptSummary, AttemptView, Change, Comparison, Dashboard, DiffPart,
    ExportedQuestion, PracticeExport, PracticeView, Step, compare_comments, score_changes,
};

use super::{PracticeService, position_of, question_id, viewer};
use crate::auth::tokens;
use crate::db;
use crate::db::practice::{self as store, StoredAnswer};
use crate::services::dashboard::{self, Latest, SetInfo};
use crate::services::internal;

impl PracticeService {
    /// The practice page's data; see [`Practice::view`].
    pub(super) async fn page(
        &self,
        slug: &str,
        position: Option<u32>,
        attempt: Option<i64>,
        requester: &Requester,
    ) -> Result<PracticeView, AppError> {
        let user = viewer(requester)?;
        let set = self.set(slug, user).await?;
        let answers = store::attempts(self.db.read(), user.id, &set.question_ids)
            .await
            .map_err(|e| internal("loading attempts failed", e))?;
        let ids: Vec<i64> = answers.iter().map(|a| a.id).collect();
        let overall: std::collections::HashMap<i64, u8> = store::scores_of(self.db.read(), &ids)
            .await
            .map_err(|e| internal("loading scores failed", e))?
            .into_iter()
            .map(|(id, scores)| (id, scores.overall))
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
        let draft = store::draft(self.db.read(), user.id, qid)
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
        // Only a question told as a story reads the story bank.
        let (bank, uses) = if question.kind.told_as_story() {
            crate::services::stories::bank(&self.db, user.id).await?
        } else {
            Default::default()
        };
        let stories = crate::services::stories::matches(
            &self.coach,
            &bank,
            &question,
            qid,
            &set.question_ids,
            &uses,
        );
        // The outline comes with the rubric, after the first attempt, told
        // with the story that fits best.
        let outline = if question.rubric.is_empty() {
            Vec::new()
        } else {
            let best = stories
                .first()
                .and_then(|m| bank.iter().find(|s| s.id == m.id));
            self.coach.outline(question.kind, &question.rubric, best)
        };
        Ok(PracticeView {
            outline,
            stories,
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

    /// Two attempts side by side; see [`Practice::compare`].
    pub(super) async fn side_by_side(
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

    /// A set with the latest answers; see [`Practice::export`].
    pub(super) async fn export_set(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<PracticeExport, AppError> {
        let user = viewer(requester)?;
        let set = self.set(slug, user).await?;
        let answers = store::attempts(self.db.read(), user.id, &set.question_ids)
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

    /// The account's practice at a glance; see [`Practice::dashboard`].
    pub(super) async fn overview(&self, requester: &Requester) -> Result<Dashboard, AppError> {
        let user = viewer(requester)?;
        // Answers to a mock interview's follow-ups belong to their run, not
        // to the question's progress.
        let answers: Vec<_> = store::scored_answers_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("loading attempts failed", e))?
            .into_iter()
            .filter(|(a, _)| !a.follow_up)
            .collect();
        let owned = db::sets::owned_by(self.db.read(), user.id)
            .await
            .map_err(|e| internal("loading sets failed", e))?;
        let mut listed: std::collections::HashSet<String> =
            owned.iter().map(|s| s.slug.clone()).collect();
        let mut sets: Vec<SetInfo> = Vec::with_capacity(owned.len());
        // A job description's skill has a story when an answer in the set
        // or a story in the bank shows it.
        let bank = if owned.iter().any(|s| s.job_description.is_some()) {
            crate::services::stories::bank(&self.db, user.id).await?.0
        } else {
            Vec::new()
        };
        let stories: Arc<Vec<String>> = Arc::new(
            bank.iter()
                .map(|s| format!("{}\n{}\n{}", s.title, s.told(), s.skills.join(", ")))
                .collect(),
        );
        for s in owned {
            let coverage = match &s.job_description {
                Some(jd) => {
                    let answers: Vec<String> = answers
                        .iter()
                        .filter(|(a, _)| a.set_slug == s.slug)
                        .map(|(a, _)| a.text.clone())
                        .collect();
                    let coach = Arc::clone(&self.coach);
                    let jd = jd.clone();
                    let stories = Arc::clone(&stories);
                    Some(
                        tokio::task::spawn_blocking(move || {
                            let found = coach.skills_named(
                                answers.iter().chain(stories.iter()).map(String::as_str),
                            );
                            crate::services::dashboard::coverage(
                                &coach.required_skills(&jd),
                                &found,
                            )
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
            if let Some(set) = db::sets::find_cached(&self.db, &answer.set_slug)
                .await
                .map_err(|e| internal("loading a set failed", e))?
                .map(|set| set.seen_by_account(user.id))
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
        // Whole feedback only where the dashboard quotes it.
        let latest = Latest::of(&answers);
        let feedback = store::feedback_of(self.db.read(), &latest.ids())
            .await
            .map_err(|e| internal("loading feedback failed", e))?;
        let mut dashboard = dashboard::build(&answers, &latest, &feedback, sets);
        dashboard.mock_runs = self.mock_summaries(user).await?;
        dashboard.review = self.review_summary(requester).await?;
        Ok(dashboard)
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
