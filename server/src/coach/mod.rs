//! Question generation, answer assessment and drills behind one facade,
//! [`Coach`]; nothing outside this module reaches into either engine.
//!
//! The offline engine always works. When a model server is configured, the
//! model writes the questions and the feedback, and the offline engine
//! stands in whenever the model cannot, saying so on the result.
//!
//! The coach depends on no service, on no table and on no door: what the
//! model engine counts (quotas, the token budget, usage) it counts through
//! the [`llm::Ledger`] it is given.

pub mod cache;
pub mod cpu;
pub mod llm;
pub mod offline;

use std::sync::Arc;
use std::time::Duration;

use std::collections::HashSet;

use app::model::{
    AppError, DrillFeedback, DrillPart, Feedback, GenerateInput, GenerateRequest, Question,
    QuestionSet, Stage,
};

pub use cache::SetCache;
pub use llm::{Fallback, LlmEngine, Progress, Quota, no_progress};
pub use offline::OfflineCoach;

/// An answer to assess, with what it is assessed against.
#[derive(Debug, Clone)]
pub struct AssessRequest {
    pub question: Question,
    pub answer: String,
    /// Skills the set's job description requires, when the user made it
    /// from one.
    pub jd_skills: Vec<String>,
}

/// How long feedback on an answer may wait for a core to run the embedded
/// model on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patience {
    /// Right after the answer is sent: at most [`BRIEF_WAIT`], then a quick
    /// read by words alone, labelled as such, which the user can replace
    /// with the full read when they like.
    Brief,
    /// Asked for by the user: the full read, however long the queue.
    Full,
}

/// How long an answer just sent waits for one of the model's cores before
/// it is given a quick read instead. A full read takes about 60 ms of a
/// core, so a wait this long means answers arrive faster than the model
/// can read them, and every later answer would wait longer still.
pub const BRIEF_WAIT: Duration = Duration::from_millis(100);

pub struct Coach {
    offline: Arc<OfflineCoach>,
    llm: Option<LlmEngine>,
    cache: SetCache,
    /// Reading requests and postings, quick reads and drills.
    cpu: cpu::CpuGate,
    /// Full reads of answers, which run the embedded model: they never
    /// take every core (see [`cpu::CpuGate::for_model`]), so pages are
    /// served while answers are read.
    model: cpu::CpuGate,
}

impl Coach {
    pub fn new(offline: Arc<OfflineCoach>, llm: Option<LlmEngine>, cache: SetCache) -> Self {
        Self {
            offline,
            llm,
            cache,
            cpu: cpu::CpuGate::default(),
            model: cpu::CpuGate::for_model(),
        }
    }

    /// The roles, questions and skills the coach draws on.
    pub fn library(&self) -> &crate::content::Library {
        self.offline.library()
    }

    /// The skills a job description requires, in the taxonomy's names.
    pub fn required_skills(&self, job_description: &str) -> Vec<String> {
        self.offline.required_skills(job_description)
    }

    /// Every skill the taxonomy finds named in any of `texts`.
    pub fn skills_named<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
        texts
            .into_iter()
            .flat_map(|text| self.offline.matcher().find(text))
            .map(|found| found.skill)
            .collect()
    }

    /// How close two texts are in meaning, -1 to 1, by the embedded
    /// model's static table (cheap: no transformer); `None` without the
    /// model.
    pub fn closeness(&self, a: &str, b: &str) -> Option<f32> {
        self.offline
            .meaning()
            .map(|m| m.embed(a).cosine(&m.embed(b)))
    }

    /// What a strong answer covers, as an outline; see
    /// [`OfflineCoach::outline`].
    pub fn outline(
        &self,
        kind: app::model::QuestionKind,
        rubric: &[String],
        story: Option<&app::model::Story>,
    ) -> Vec<app::model::OutlineStep> {
        self.offline.outline(kind, rubric, story)
    }

    /// An answer's sentences sorted into its STAR parts; see
    /// [`OfflineCoach::star_parts`].
    pub fn star_parts(&self, kind: app::model::QuestionKind, answer: &str) -> [String; 4] {
        self.offline.star_parts(kind, answer)
    }

    /// Feedback on one rewritten part of an answer. A few milliseconds of
    /// work: callers keep it off the threads serving requests.
    pub fn drill(&self, part: DrillPart, question: &str, text: &str) -> DrillFeedback {
        self.offline.drill(part, question, text)
    }

    /// Checks a request from any front door (form, API, CLI).
    pub fn check(&self, input: GenerateInput) -> Result<GenerateRequest, AppError> {
        self.offline.check(input)
    }

    /// A question set for a checked request. Identical requests are served
    /// from the cache; a model call draws on `quota`.
    ///
    /// A résumé's questions are always the offline engine's, which quote
    /// its lines exactly, and are made afresh: no cache holds a résumé.
    /// The rest of the set is made as for any request.
    pub async fn generate(
        &self,
        request: &GenerateRequest,
        quota: Option<Quota>,
        progress: &dyn Progress,
    ) -> Result<QuestionSet, AppError> {
        if request.resume.is_none() {
            return self.generate_rest(request, quota, progress).await;
        }
        let offline = Arc::clone(&self.offline);
        let owned = request.clone();
        let part = self
            .cpu
            .run("reading a résumé", move || offline.resume_part(&owned))
            .await??;
        let mut set = self.generate_rest(&part.rest, quota, progress).await?;
        self.offline.finish_with_resume(request, part, &mut set);
        Ok(set)
    }

    async fn generate_rest(
        &self,
        request: &GenerateRequest,
        quota: Option<Quota>,
        progress: &dyn Progress,
    ) -> Result<QuestionSet, AppError> {
        progress.stage(Stage::Reading);
        let Some(llm) = &self.llm else {
            return self
                .cache
                .get_or_try_insert(request, || self.offline_set(request))
                .await;
        };
        let made = self
            .cache
            .get_or_try_insert(request, || async {
                let offline = Arc::clone(&self.offline);
                let owned = request.clone();
                let brief = self
                    .cpu
                    .run("reading the request", move || offline.brief(&owned))
                    .await
                    .map_err(|_| Fallback::Unavailable)?;
                llm.questions(request, &brief, quota, progress).await
            })
            .await;
        match made {
            Ok(set) => Ok(set),
            Err(fallback) => {
                tracing::info!(reason = fallback.label(), "question set generated offline");
                progress.stage(Stage::Offline);
                let mut set = self.offline_set(request).await?;
                set.notice = Some(match set.notice {
                    Some(notice) => format!("{} {notice}", fallback.notice()),
                    None => fallback.notice().to_string(),
                });
                Ok(set)
            }
        }
    }

    /// Where a full read of an answer runs: on the embedded model's own
    /// threads when it reads by meaning; without the model a full read is
    /// as cheap as a quick one, and runs with the rest of the coach's work.
    fn reading_gate(&self) -> &cpu::CpuGate {
        if self.offline.quick_reads_less() {
            &self.model
        } else {
            &self.cpu
        }
    }

    /// Feedback on an answer: the model's when one is configured and
    /// answers well, the offline coach's otherwise (saying why). With
    /// [`Patience::Brief`] and the model's cores busy past [`BRIEF_WAIT`], the
    /// offline coach's part is its quick read.
    pub async fn assess(
        &self,
        request: AssessRequest,
        quota: Option<Quota>,
        patience: Patience,
    ) -> Result<Feedback, AppError> {
        let offline = Arc::clone(&self.offline);
        let owned = request.clone();
        let full = move || offline.assess(&owned.input());
        let wait = match patience {
            Patience::Brief if self.offline.quick_reads_less() => Some(BRIEF_WAIT),
            _ => None,
        };
        let heuristic = match self
            .reading_gate()
            .run_within("assessing an answer", wait, full)
            .await?
        {
            Ok(full) => full,
            Err(_) => {
                tracing::info!("the model's cores are busy; giving a quick read");
                let offline = Arc::clone(&self.offline);
                let owned = request.clone();
                self.cpu
                    .run("a quick read of an answer", move || {
                        offline.assess_quick(&owned.input())
                    })
                    .await?
            }
        };
        Ok(self.by_model(&request, heuristic, quota).await)
    }

    /// Feedback on an answer in a mock interview, and the follow-up the
    /// interviewer asks about it, if any. The offline coach chooses from
    /// `follow_ups` (the question's own); a configured model may write its
    /// own instead, under the same checks as everything else it writes, and
    /// the offline choice stands in whenever it cannot. The follow-up draws
    /// on the token budget but not on `quota`: it belongs to the answer.
    pub async fn assess_for_interview(
        &self,
        request: AssessRequest,
        follow_ups: Vec<String>,
        quota: Option<Quota>,
    ) -> Result<(Feedback, Option<String>), AppError> {
        let offline = Arc::clone(&self.offline);
        let owned = request.clone();
        let own = follow_ups.clone();
        let (heuristic, offline_follow_up) = self
            .reading_gate()
            .run("assessing an answer", move || {
                offline.assess_with_follow_up(&owned.input(), &own)
            })
            .await?;
        let Some(llm) = &self.llm else {
            return Ok((heuristic, offline_follow_up));
        };
        let feedback = self.by_model(&request, heuristic, quota).await;
        let subject = llm::follow_up::Subject {
            question: &request.question.text,
            kind: request.question.kind,
            rubric: &request.question.rubric,
            answer: &request.answer,
            own: &follow_ups,
            taxonomy: self.offline.matcher(),
        };
        let asked = match llm.follow_up(&subject, None).await {
            Ok(asked) => asked,
            Err(fallback) => {
                tracing::info!(reason = fallback.label(), "follow-up chosen offline");
                offline_follow_up
            }
        };
        Ok((feedback, asked))
    }

    /// The model's feedback when one is configured and answers well, else
    /// `heuristic` with a notice of why.
    async fn by_model(
        &self,
        request: &AssessRequest,
        heuristic: Feedback,
        quota: Option<Quota>,
    ) -> Feedback {
        let Some(llm) = &self.llm else {
            return heuristic;
        };
        let subject = llm::assessment::Subject {
            question: &request.question.text,
            kind: request.question.kind,
            rubric: &request.question.rubric,
            jd_skills: &request.jd_skills,
            answer: &request.answer,
            taxonomy: self.offline.matcher(),
        };
        match llm.assess(&subject, &heuristic, quota).await {
            Ok(feedback) => feedback,
            Err(fallback) => {
                tracing::info!(reason = fallback.label(), "answer assessed offline");
                Feedback {
                    notice: Some(fallback.assessment_notice().to_string()),
                    ..heuristic
                }
            }
        }
    }

    /// The offline engine's set. A long job description takes a few
    /// milliseconds to read; that work stays off the threads serving
    /// other requests.
    async fn offline_set(&self, request: &GenerateRequest) -> Result<QuestionSet, AppError> {
        let offline = Arc::clone(&self.offline);
        let request = request.clone();
        self.cpu
            .run("generating a set", move || offline.generate(&request))
            .await
    }
}

impl AssessRequest {
    pub fn input(&self) -> offline::assess::AssessInput<'_> {
        offline::assess::AssessInput {
            question: &self.question.text,
            kind: self.question.kind,
            rubric: &self.question.rubric,
            focus_area: Some(&self.question.focus_area),
            jd_skills: &self.jd_skills,
            answer: &self.answer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{Provenance, ProvenanceSource, QUICK_ENGINE, QuestionKind};

    fn request() -> AssessRequest {
        AssessRequest {
            question: Question {
                text: "Tell me about a time you made a slow service fast.".into(),
                kind: QuestionKind::Behavioral,
                focus_area: "Performance".into(),
                difficulty: 2,
                provenance: Provenance {
                    source: ProvenanceSource::FocusArea,
                    detail: "Performance".into(),
                },
                rubric: vec!["Names how the slowness was measured".into()],
                follow_ups: Vec::new(),
            },
            answer: "Our checkout page took four seconds at peak. I profiled it, found a query run once per item, and batched it. Load time fell to 900 ms within a week.".into(),
            jd_skills: Vec::new(),
        }
    }

    #[tokio::test]
    async fn an_answer_just_sent_gets_a_quick_read_while_the_model_is_busy() {
        let offline = Arc::new(OfflineCoach::with_model(
            Arc::new(crate::content::Library::embedded().expect("content loads")),
            Some(offline::meaning::load_for_tests()),
        ));
        let mut coach = Coach::new(offline, None, SetCache::new(4));
        coach.model = cpu::CpuGate::new(1, 8);
        let coach = Arc::new(coach);

        let full = coach
            .assess(request(), None, Patience::Brief)
            .await
            .unwrap();
        assert_eq!(
            full.engine,
            offline::ENGINE_WITH_EMBEDDINGS,
            "a free core: the full read"
        );

        let (hold, release) = std::sync::mpsc::channel::<()>();
        let busy = {
            let coach = Arc::clone(&coach);
            tokio::spawn(async move { coach.model.run("hold", move || release.recv().ok()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let quick = coach
            .assess(request(), None, Patience::Brief)
            .await
            .unwrap();
        assert_eq!(quick.engine, QUICK_ENGINE);
        assert!(quick.is_quick());

        // Asked for, the full read waits for the core.
        let waiting = {
            let coach = Arc::clone(&coach);
            tokio::spawn(async move { coach.assess(request(), None, Patience::Full).await })
        };
        tokio::time::sleep(BRIEF_WAIT * 2).await;
        assert!(!waiting.is_finished());
        hold.send(()).unwrap();
        busy.await.unwrap().unwrap();
        assert_eq!(waiting.await.unwrap().unwrap(), full);
    }
}
