//! Question generation (and, later, answer assessment) behind one interface.
//!
//! The offline engine always works. When a model server is configured, the
//! model writes the questions and the offline engine stands in whenever the
//! model cannot, saying so on the set.

pub mod cache;
pub mod llm;
pub mod offline;

use std::sync::Arc;

use app::model::{AppError, GenerateInput, GenerateRequest, QuestionSet, Stage};

pub use cache::SetCache;
pub use llm::{Fallback, LlmEngine, Progress, Quota, no_progress};
pub use offline::OfflineCoach;

pub struct Coach {
    offline: Arc<OfflineCoach>,
    llm: Option<LlmEngine>,
    cache: SetCache,
}

impl Coach {
    pub fn new(offline: Arc<OfflineCoach>, llm: Option<LlmEngine>, cache: SetCache) -> Self {
        Self {
            offline,
            llm,
            cache,
        }
    }

    pub fn offline(&self) -> &OfflineCoach {
        &self.offline
    }

    /// Checks a request from any front door (form, API, CLI).
    pub fn check(&self, input: GenerateInput) -> Result<GenerateRequest, AppError> {
        self.offline.check(input)
    }

    /// A question set for a checked request. Identical requests are served
    /// from the cache; a model call draws on `quota`.
    pub async fn generate(
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
                let brief = tokio::task::spawn_blocking(move || offline.brief(&owned))
                    .await
                    .map_err(|error| {
                        tracing::error!(%error, "reading the request failed");
                        Fallback::Unavailable
                    })?;
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

    /// The offline engine's set. A long job description takes a few
    /// milliseconds to read; that work stays off the threads serving
    /// other requests.
    async fn offline_set(&self, request: &GenerateRequest) -> Result<QuestionSet, AppError> {
        let offline = Arc::clone(&self.offline);
        let request = request.clone();
        tokio::task::spawn_blocking(move || offline.generate(&request))
            .await
            .map_err(|error| {
                tracing::error!(%error, "generation task failed");
                AppError::Internal {
                    reference: "generate".into(),
                }
            })
    }
}
