//! Drills: one part of an answer rewritten and assessed on its own.

use std::sync::Arc;

use app::api::port::Requester;
use app::model::{AppError, DrillPart, DrillText, DrillView};

use super::{PracticeService, viewer};
use crate::services::internal;

impl PracticeService {
    /// A drill on one part of an answer; see [`Practice::drill`].
    pub(super) async fn drill_part(
        &self,
        attempt: i64,
        part: DrillPart,
        text: Option<String>,
        requester: &Requester,
    ) -> Result<DrillView, AppError> {
        let answer = self.owned(attempt, requester).await?;
        let text = DrillText::parse(text.as_deref().unwrap_or_default())
            .map_err(|message| AppError::invalid("text", message))?;
        if text.is_some() {
            self.count(self.limits.drills, "drills", viewer(requester)?)
                .await?;
        }
        let feedback = match &text {
            Some(t) => {
                let (coach, question, t) = (
                    Arc::clone(&self.coach),
                    answer.question_text.clone(),
                    t.clone(),
                );
                Some(
                    tokio::task::spawn_blocking(move || coach.drill(part, &question, &t))
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
            text: text.map(DrillText::into_string),
            feedback,
        })
    }
}
