//! Mock interviews: starting a run, answering (or skipping) what the
//! interviewer asks in order, the follow-up after each answer, and the
//! report. An answer is committed as an ordinary attempt before anything
//! else happens, so a failure afterwards loses nothing.

use app::api::port::{Answered, Requester};
use app::model::{
    AnswerMode, AppError, Attempt, Delivery, MockPrompt, MockRun, MockSeconds, MockSetup,
    MockSetupView, MockSummary, MockTurn, Submission, Timing, Viewer, summarise, work_on,
};

use super::{PracticeService, question_id, to_attempt, viewer};
use crate::auth::tokens;
use crate::coach::{AssessRequest, Quota};
use crate::db;
use crate::db::practice::mock::{self as runs, StoredRun, StoredTurn};
use crate::db::practice::{self as store, StoredAnswer};
use crate::db::sets::StoredSet;
use crate::services::internal;

/// A follow-up gets half its question's time, and at least a minute.
fn follow_up_seconds(question_seconds: u32) -> u32 {
    (question_seconds / 2).max(60).min(question_seconds)
}

fn seconds_of(run: &StoredRun) -> MockSeconds {
    let s = |n: i32| u32::try_from(n).unwrap_or(0);
    MockSeconds {
        story: s(run.seconds_story),
        technical: s(run.seconds_technical),
        system_design: s(run.seconds_design),
    }
}

fn number(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// What the interviewer asks next in `run`, given the turns so far; `None`
/// when the run is over (or its set is gone, so nothing more can be asked).
fn next_prompt(
    run: &StoredRun,
    set: Option<&StoredSet>,
    turns: &[StoredTurn],
) -> Option<MockPrompt> {
    let set = set?;
    let seconds = seconds_of(run);
    for position in 1..=number(run.questions) {
        let question = set.set.questions.get(position as usize - 1)?;
        let allowed = seconds.for_kind(question.kind);
        let main = turns
            .iter()
            .find(|t| number(t.position) == position && !t.follow_up);
        let Some(main) = main else {
            return Some(MockPrompt {
                position,
                follow_up: false,
                text: question.text.clone(),
                kind: question.kind,
                seconds_allowed: allowed,
                number: position,
            });
        };
        let answered = turns
            .iter()
            .any(|t| number(t.position) == position && t.follow_up);
        if let (Some(asked), false) = (&main.follow_up_asked, answered) {
            return Some(MockPrompt {
                position,
                follow_up: true,
                text: asked.clone(),
                kind: question.kind,
                seconds_allowed: follow_up_seconds(allowed),
                number: position,
            });
        }
    }
    None
}

fn turn_view(
    turn: StoredTurn,
    answered: Option<(StoredAnswer, Option<app::model::Feedback>)>,
) -> MockTurn {
    let mode = AnswerMode::parse(&turn.mode).unwrap_or(AnswerMode::Typed);
    let timing = Timing {
        mode,
        seconds_used: number(turn.seconds_used),
        seconds_allowed: number(turn.seconds_allowed),
        longest_pause_ms: turn.longest_pause_ms.map(number),
    };
    let delivery = answered
        .as_ref()
        .map(|(a, _)| Delivery::new(&a.text, timing));
    MockTurn {
        position: number(turn.position),
        follow_up: turn.follow_up,
        prompt: turn.prompt,
        skipped: turn.answer_id.is_none(),
        attempt: answered.map(|(a, f)| to_attempt(a, f)),
        delivery,
        seconds_allowed: number(turn.seconds_allowed),
    }
}

impl PracticeService {
    async fn run_owned(&self, run: i64, user: &Viewer) -> Result<StoredRun, AppError> {
        runs::run_of(self.db.read(), user.id, run)
            .await
            .map_err(|e| internal("loading a mock interview failed", e))?
            .ok_or(AppError::NotFound)
    }

    async fn stored_turns(
        &self,
        run: i64,
    ) -> Result<
        Vec<(
            StoredTurn,
            Option<(StoredAnswer, Option<app::model::Feedback>)>,
        )>,
        AppError,
    > {
        runs::turns_of(self.db.read(), &[run])
            .await
            .map_err(|e| internal("loading a mock interview failed", e))
    }

    /// See [`Practice::mock_setup`].
    pub(super) async fn setup_view(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<MockSetupView, AppError> {
        let user = viewer(requester)?;
        let set = self.set(slug, user).await?;
        Ok(MockSetupView {
            slug: set.slug.clone(),
            title: set.set.title.clone(),
            kinds: set.set.questions.iter().map(|q| q.kind).collect(),
            defaults: MockSeconds::default(),
        })
    }

    /// See [`Practice::start_mock`].
    pub(super) async fn start(
        &self,
        setup: MockSetup,
        requester: &Requester,
    ) -> Result<MockRun, AppError> {
        let user = viewer(requester)?;
        let set = self.set_to_write(&setup.question_set, user).await?;
        let setup = setup.parse(set.question_ids.len() as u32)?;
        self.count(self.limits.answers, "mock-runs", user).await?;
        let run = runs::create_run(
            self.db.write(),
            runs::NewRun {
                user_id: user.id,
                set_slug: &set.slug,
                title: &set.set.title,
                questions: setup.questions.unwrap_or(1),
                voice: setup.voice,
                answer_mode: setup.answer_mode.as_str(),
                seconds: setup.seconds,
            },
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| internal("starting a mock interview failed", e))?;
        tracing::info!(run = run.id, "mock interview started");
        self.run_view(run, user).await
    }

    /// See [`Practice::mock_run`].
    pub(super) async fn run(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError> {
        let user = viewer(requester)?;
        let run = self.run_owned(run, user).await?;
        self.run_view(run, user).await
    }

    async fn run_view(&self, run: StoredRun, user: &Viewer) -> Result<MockRun, AppError> {
        let set = db::sets::find_cached(&self.db, &run.set_slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .map(|set| set.seen_by_account(user.id));
        let stored = self.stored_turns(run.id).await?;
        let plain: Vec<StoredTurn> = stored.iter().map(|(t, _)| t.clone()).collect();
        let next = match run.finished_at {
            Some(_) => None,
            None => next_prompt(&run, set.as_ref(), &plain),
        };
        let draft = match (&next, &set) {
            (Some(prompt), Some(set)) if !prompt.follow_up => {
                let qid = question_id(set, prompt.position)?;
                store::draft(self.db.read(), user.id, qid)
                    .await
                    .map_err(|e| internal("loading a draft failed", e))?
            }
            _ => None,
        };
        let turns: Vec<MockTurn> = stored.into_iter().map(|(t, a)| turn_view(t, a)).collect();
        // The report warns of a story told again and again; it reads the
        // story bank only once the run is over.
        let retold = match next {
            Some(_) => Vec::new(),
            None => {
                let (stories, _) = crate::services::stories::bank(&self.db, user.id).await?;
                let answers: Vec<&str> = turns
                    .iter()
                    .filter(|t| !t.follow_up)
                    .filter_map(|t| t.attempt.as_ref().map(|a| a.answer.as_str()))
                    .collect();
                crate::services::stories::retold(&stories, &answers)
            }
        };
        Ok(MockRun {
            id: run.id,
            question_set: run.set_slug.clone(),
            title: run.title.clone(),
            questions: number(run.questions),
            voice: run.voice,
            answer_mode: AnswerMode::parse(&run.answer_mode).unwrap_or(AnswerMode::Typed),
            seconds: seconds_of(&run),
            created_at: run.created_at.to_rfc3339(),
            finished_at: run
                .finished_at
                .map(|t| t.to_rfc3339())
                .or_else(|| next.is_none().then(|| chrono::Utc::now().to_rfc3339())),
            delivery: summarise(&turns),
            work_on: work_on(&turns),
            retold,
            next,
            turns,
            idempotency_key: tokens::new_slug(),
            draft,
        })
    }

    /// The account's runs for `/me`, newest first.
    pub(super) async fn mock_summaries(&self, user: &Viewer) -> Result<Vec<MockSummary>, AppError> {
        let all = runs::runs_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("loading mock interviews failed", e))?;
        let ids: Vec<i64> = all.iter().map(|r| r.id).collect();
        let turns = runs::turns_of(self.db.read(), &ids)
            .await
            .map_err(|e| internal("loading mock interviews failed", e))?;
        Ok(all
            .into_iter()
            .map(|run| {
                let scores: Vec<u8> = turns
                    .iter()
                    .filter(|(t, _)| t.run_id == run.id)
                    .filter_map(|(_, a)| a.as_ref()?.1.as_ref().map(|f| f.scores.overall))
                    .collect();
                MockSummary {
                    id: run.id,
                    title: run.title,
                    created_at: run.created_at.to_rfc3339(),
                    finished: run.finished_at.is_some(),
                    questions: number(run.questions),
                    overall: app::model::mean(&scores).map(|m| m.round() as u8),
                }
            })
            .collect())
    }

    /// The prompt a submission in `run` must answer: the one the run is on.
    async fn expected(
        &self,
        run: &StoredRun,
        position: u32,
        follow_up: bool,
    ) -> Result<(MockPrompt, StoredSet, Vec<StoredTurn>), AppError> {
        let set = self
            .find_set(&run.set_slug, false)
            .await?
            .seen_by_account(run.user_id);
        let turns: Vec<StoredTurn> = self
            .stored_turns(run.id)
            .await?
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        let next = match run.finished_at {
            Some(_) => None,
            None => next_prompt(run, Some(&set), &turns),
        };
        match next {
            Some(prompt) if prompt.position == position && prompt.follow_up == follow_up => {
                Ok((prompt, set, turns))
            }
            Some(prompt) => Err(AppError::invalid(
                "question_index",
                format!(
                    "This mock interview has moved on: it is on {} {} now.",
                    if prompt.follow_up {
                        "the follow-up to question"
                    } else {
                        "question"
                    },
                    prompt.number
                ),
            )),
            None => Err(AppError::invalid(
                "question_index",
                "This mock interview is over: its report has every answer.",
            )),
        }
    }

    /// An answer in a mock interview; see [`Practice::answer`].
    pub(super) async fn answer_in_run(
        &self,
        run: i64,
        submission: Submission,
        requester: &Requester,
    ) -> Result<Answered, AppError> {
        let user = viewer(requester)?;
        let checked = submission.parse()?;
        let run = self.run_owned(run, user).await?;
        // The run says which set the answer is to, whatever the request says.
        let submission = Submission {
            question_set: run.set_slug.clone(),
            ..submission
        };
        // The same key again is the same answer, whatever the run is on now.
        if let Some(found) = self.by_key(user, checked.idempotency_key.as_str()).await?
            && found.answer.as_str() == checked.answer.as_str()
        {
            return Ok(Answered {
                attempt: found,
                feedback_error: None,
            });
        }
        let follow_up = submission.follow_up;
        let (prompt, set, _) = match self
            .expected(&run, submission.question_index, follow_up)
            .await
        {
            Ok(found) => found,
            Err(error) => {
                if !follow_up {
                    self.keep_refused(&submission, requester).await;
                }
                return Err(error);
            }
        };
        let timing = Timing {
            seconds_allowed: prompt.seconds_allowed,
            ..submission.timing.unwrap_or(Timing {
                mode: AnswerMode::Typed,
                seconds_used: 0,
                seconds_allowed: prompt.seconds_allowed,
                longest_pause_ms: None,
            })
        }
        .parse()
        .map_err(|message| AppError::invalid("timing", message))?;
        let asked = follow_up.then_some(prompt.text.as_str());
        let attempt = match self.commit_to(submission.clone(), asked, requester).await {
            Ok(attempt) => attempt,
            Err(error) => {
                if !follow_up && !matches!(error, AppError::Unauthorized | AppError::NotFound) {
                    self.keep_refused(&submission, requester).await;
                }
                return Err(error);
            }
        };
        // The answer is safe. Feedback and the follow-up may still fail;
        // the run moves on regardless, and feedback can be asked for again.
        let (attempt, follow_up_asked, feedback_error) = if follow_up {
            match self.assessed(attempt.id, requester, None).await {
                Ok(done) => (done, None, None),
                Err(error) => (attempt, None, Some(error)),
            }
        } else {
            let question = set.set.questions[prompt.position as usize - 1].clone();
            match self.assess_with_follow_up(&attempt, question, user).await {
                Ok((done, asked)) => (done, asked, None),
                Err(error) => (attempt, None, Some(error)),
            }
        };
        let recorded = runs::record_turn(
            self.db.write(),
            runs::NewTurn {
                run_id: run.id,
                position: prompt.position,
                follow_up,
                prompt: &prompt.text,
                answer_id: Some(attempt.id),
                mode: timing.mode.as_str(),
                seconds_used: timing.seconds_used,
                seconds_allowed: timing.seconds_allowed,
                longest_pause_ms: timing.longest_pause_ms,
                follow_up_asked: follow_up_asked.as_deref(),
            },
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| internal("recording a mock interview turn failed", e))?;
        if recorded {
            self.finish_if_done(&run).await?;
        }
        if let Some(error) = &feedback_error {
            tracing::warn!(%error, attempt = attempt.id, "feedback could not be computed");
        }
        Ok(Answered {
            attempt,
            feedback_error,
        })
    }

    /// See [`Practice::skip_mock`].
    pub(super) async fn skip(
        &self,
        run: i64,
        position: u32,
        follow_up: bool,
        seconds_used: u32,
        requester: &Requester,
    ) -> Result<MockRun, AppError> {
        let user = viewer(requester)?;
        let run = self.run_owned(run, user).await?;
        let (prompt, _, _) = self.expected(&run, position, follow_up).await?;
        runs::record_turn(
            self.db.write(),
            runs::NewTurn {
                run_id: run.id,
                position,
                follow_up,
                prompt: &prompt.text,
                answer_id: None,
                mode: run.answer_mode.as_str(),
                seconds_used: seconds_used.min(prompt.seconds_allowed + 60),
                seconds_allowed: prompt.seconds_allowed,
                longest_pause_ms: None,
                follow_up_asked: None,
            },
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| internal("recording a mock interview turn failed", e))?;
        self.finish_if_done(&run).await?;
        let run = runs::run_of(self.db.write(), user.id, run.id)
            .await
            .map_err(|e| internal("loading a mock interview failed", e))?
            .ok_or(AppError::NotFound)?;
        self.run_view(run, user).await
    }

    /// See [`Practice::finish_mock`].
    pub(super) async fn end(&self, run: i64, requester: &Requester) -> Result<MockRun, AppError> {
        let user = viewer(requester)?;
        let run = self.run_owned(run, user).await?;
        runs::finish(self.db.write(), run.id, chrono::Utc::now())
            .await
            .map_err(|e| internal("finishing a mock interview failed", e))?;
        let run = runs::run_of(self.db.write(), user.id, run.id)
            .await
            .map_err(|e| internal("loading a mock interview failed", e))?
            .ok_or(AppError::NotFound)?;
        self.run_view(run, user).await
    }

    async fn finish_if_done(&self, run: &StoredRun) -> Result<(), AppError> {
        let set = db::sets::find(self.db.write(), &run.set_slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .map(|set| set.seen_by_account(run.user_id));
        let turns: Vec<StoredTurn> = self
            .stored_turns(run.id)
            .await?
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        if next_prompt(run, set.as_ref(), &turns).is_none() {
            runs::finish(self.db.write(), run.id, chrono::Utc::now())
                .await
                .map_err(|e| internal("finishing a mock interview failed", e))?;
            tracing::info!(run = run.id, "mock interview finished");
        }
        Ok(())
    }

    /// An answer of the account's with idempotency key `key`, if any.
    async fn by_key(&self, user: &Viewer, key: &str) -> Result<Option<Attempt>, AppError> {
        let found = store::answer_by_key(self.db.read(), user.id, key)
            .await
            .map_err(|e| internal("loading an answer failed", e))?;
        match found {
            Some(answer) => Ok(Some(self.with_feedback(answer).await?)),
            None => Ok(None),
        }
    }

    /// Keeps a refused answer to a question as its draft.
    async fn keep_refused(&self, submission: &Submission, requester: &Requester) {
        let revision = submission
            .draft_revision
            .unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
        if let Err(e) = self
            .keep_draft(
                &submission.question_set,
                submission.question_index,
                &submission.answer,
                revision,
                requester,
            )
            .await
        {
            tracing::warn!(error = %e, "keeping a refused answer as a draft failed");
        }
    }

    /// Feedback on a question's answer, stored, and the follow-up the
    /// interviewer asks about it.
    async fn assess_with_follow_up(
        &self,
        attempt: &Attempt,
        question: app::model::Question,
        user: &Viewer,
    ) -> Result<(Attempt, Option<String>), AppError> {
        let follow_ups = question.follow_ups.clone();
        let answer = store::answer_of(self.db.read(), user.id, attempt.id)
            .await
            .map_err(|e| internal("loading an answer failed", e))?
            .ok_or(AppError::NotFound)?;
        let (_, jd_skills) = self.question_for(&answer, user).await?;
        let (feedback, asked) = self
            .coach
            .assess_for_interview(
                AssessRequest {
                    question,
                    answer: answer.text.clone(),
                    jd_skills,
                },
                follow_ups,
                Some(Quota::Assessments(user.id)),
            )
            .await?;
        let stored = store::store_feedback(self.db.write(), answer.id, &feedback)
            .await
            .map_err(|e| internal("storing feedback failed", e))?;
        Ok((to_attempt(answer, Some(stored)), asked))
    }
}
