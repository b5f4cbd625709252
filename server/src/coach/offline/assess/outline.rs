//! "What a strong answer covers", as an outline to work from: the STAR
//! scaffold with the question's rubric points in place, the user's own
//! story where one fits it and bracketed prompts where it does not; or,
//! for technical and design questions, answer first, with prompts.
//!
//! Nothing in it is invented: outside the brackets it holds only the
//! rubric's words and the story's, so it adds no number or name, which
//! the tests check with the rewrite's own checks.

use app::model::{OutlineStep, QuestionKind, Story};

use crate::coach::offline::OfflineCoach;

impl OfflineCoach {
    /// The outline for a question of `kind` with `rubric`, told with
    /// `story` where it has the part (stories serve questions told as a
    /// story; the others' outline is prompts).
    pub fn outline(
        &self,
        kind: QuestionKind,
        rubric: &[String],
        story: Option<&Story>,
    ) -> Vec<OutlineStep> {
        let step = |label: &str, text: String| OutlineStep {
            label: label.to_string(),
            text,
        };
        let own = |part: Option<&String>, prompt: &str| match part.map(|p| p.trim()) {
            Some(p) if !p.is_empty() => p.to_string(),
            _ => format!("[{prompt}]"),
        };
        let cover = |points: &[String]| -> Vec<OutlineStep> {
            points
                .iter()
                .map(|p| step("Cover", p.trim().to_string()))
                .collect()
        };
        match kind {
            QuestionKind::Behavioral | QuestionKind::Situational => {
                let mut steps = vec![
                    step(
                        "Situation",
                        own(
                            story.map(|s| &s.situation),
                            "Where and when: the team, the product, and what was at stake",
                        ),
                    ),
                    step(
                        "Task",
                        own(
                            story.map(|s| &s.task),
                            "What you had to do, and why it fell to you",
                        ),
                    ),
                    step(
                        "Action",
                        own(
                            story.map(|s| &s.action),
                            "What you did, step by step, saying “I”",
                        ),
                    ),
                ];
                steps.extend(cover(rubric));
                steps.push(step(
                    "Result",
                    own(
                        story.map(|s| &s.result),
                        "What changed, with a number you really have, and what you learned",
                    ),
                ));
                steps
            }
            QuestionKind::Technical | QuestionKind::SystemDesign => {
                let mut steps = vec![step(
                    "Answer first",
                    "[Your answer in one sentence, before any detail]".to_string(),
                )];
                steps.extend(cover(rubric));
                steps.push(step(
                    "Trade-off",
                    "[What your choice gives up, and when you would choose otherwise]".to_string(),
                ));
                steps.push(step(
                    "Example",
                    "[A time you did this, briefly, if you have one]".to_string(),
                ));
                steps
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::offline::assess::facts::{new_names, new_numbers};

    fn coach() -> OfflineCoach {
        OfflineCoach::new(std::sync::Arc::new(
            crate::content::Library::embedded().expect("content loads"),
        ))
    }

    fn story() -> Story {
        Story {
            id: 1,
            title: "Billing export".into(),
            situation: "At Ledgerly the nightly billing export took 40 minutes.".into(),
            task: String::new(),
            action: "I rewrote it in Rust to stream rows in batches of 500.".into(),
            result: "It now takes 6 minutes.".into(),
            skills: vec!["Rust".into()],
            updated_at: String::new(),
            uses: Vec::new(),
        }
    }

    fn rubric() -> Vec<String> {
        vec![
            "Names the trade-off they made".into(),
            "Shows their own part".into(),
        ]
    }

    #[test]
    fn a_story_fills_the_parts_it_has_and_prompts_for_the_rest() {
        let outline = coach().outline(QuestionKind::Behavioral, &rubric(), Some(&story()));
        let labels: Vec<&str> = outline.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Situation", "Task", "Action", "Cover", "Cover", "Result"]
        );
        assert!(outline[0].text.contains("Ledgerly"));
        assert!(outline[1].text.starts_with('[') && outline[1].text.ends_with(']'));
        assert_eq!(outline[5].text, "It now takes 6 minutes.");
    }

    #[test]
    fn without_a_story_every_fact_is_a_prompt() {
        let outline = coach().outline(QuestionKind::Behavioral, &rubric(), None);
        for step in outline.iter().filter(|s| s.label != "Cover") {
            assert!(step.text.starts_with('['), "{step:?}");
        }
        let technical = coach().outline(QuestionKind::Technical, &rubric(), None);
        assert_eq!(technical[0].label, "Answer first");
        assert_eq!(technical.last().unwrap().label, "Example");
    }

    #[test]
    fn the_outline_adds_no_number_or_name_beyond_the_rubric_and_the_story() {
        let coach = coach();
        for kind in [
            QuestionKind::Behavioral,
            QuestionKind::Situational,
            QuestionKind::Technical,
            QuestionKind::SystemDesign,
        ] {
            for story in [None, Some(story())] {
                let outline = coach.outline(kind, &rubric(), story.as_ref());
                let mut source = rubric().join("\n");
                if let Some(s) = &story {
                    source.push('\n');
                    source.push_str(&s.told());
                }
                for step in &outline {
                    assert_eq!(
                        new_numbers(&source, &step.text),
                        Vec::<String>::new(),
                        "{step:?}"
                    );
                    assert_eq!(
                        new_names(&source, &step.text, coach.matcher()),
                        Vec::<String>::new(),
                        "{step:?}"
                    );
                }
            }
        }
    }
}
