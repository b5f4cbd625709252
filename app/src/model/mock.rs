//! Mock interviews: a timed run through a set's questions, with the
//! interviewer's follow-ups, and the report at the end.

use serde::{Deserialize, Serialize};

use super::delivery::{AnswerMode, Delivery, MAX_ANSWER_SECONDS, MIN_ANSWER_SECONDS};
use super::{AppError, Attempt, Dimension, DrillLink, DrillPart, Feedback, Problems, QuestionKind};

/// The most questions one run goes through.
pub const MAX_MOCK_QUESTIONS: u32 = 20;

/// Seconds allowed per answer, by kind of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSeconds {
    /// Behavioral and situational questions.
    pub story: u32,
    pub technical: u32,
    pub system_design: u32,
}

impl Default for MockSeconds {
    fn default() -> Self {
        use super::delivery::default_answer_seconds as default;
        Self {
            story: default(QuestionKind::Behavioral),
            technical: default(QuestionKind::Technical),
            system_design: default(QuestionKind::SystemDesign),
        }
    }
}

impl MockSeconds {
    pub fn for_kind(&self, kind: QuestionKind) -> u32 {
        match kind {
            QuestionKind::Behavioral | QuestionKind::Situational => self.story,
            QuestionKind::Technical => self.technical,
            QuestionKind::SystemDesign => self.system_design,
        }
    }
}

/// What the setup screen (or `POST /api/v1/mock-interviews`) asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSetup {
    pub question_set: String,
    /// How many of the set's questions, from the first; `None` for all.
    #[serde(default)]
    pub questions: Option<u32>,
    #[serde(default)]
    pub seconds: MockSeconds,
    /// The interviewer reads each question aloud, where the browser can.
    #[serde(default = "yes")]
    pub voice: bool,
    #[serde(default = "typed")]
    pub answer_mode: AnswerMode,
}

fn yes() -> bool {
    true
}

fn typed() -> AnswerMode {
    AnswerMode::Typed
}

impl MockSetup {
    /// Every field within its bounds for a set of `available` questions,
    /// every problem reported at once; `questions` filled in.
    pub fn parse(&self, available: u32) -> Result<Self, AppError> {
        let mut problems = Problems::default();
        let questions = self.questions.unwrap_or(available);
        if questions == 0 || questions > available.min(MAX_MOCK_QUESTIONS) {
            problems.add(
                "questions",
                format!(
                    "Choose from 1 to {} questions.",
                    available.min(MAX_MOCK_QUESTIONS)
                ),
            );
        }
        for (field, value) in [
            ("seconds.story", self.seconds.story),
            ("seconds.technical", self.seconds.technical),
            ("seconds.system_design", self.seconds.system_design),
        ] {
            if !(MIN_ANSWER_SECONDS..=MAX_ANSWER_SECONDS).contains(&value) {
                problems.add(
                    field,
                    format!(
                        "The time per answer must be between {MIN_ANSWER_SECONDS} seconds and {} minutes.",
                        MAX_ANSWER_SECONDS / 60
                    ),
                );
            }
        }
        if problems.is_empty() {
            Ok(Self {
                questions: Some(questions),
                ..self.clone()
            })
        } else {
            Err(problems.into_error())
        }
    }
}

/// The setup screen's data: the set and what a run over it would hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSetupView {
    pub slug: String,
    pub title: String,
    pub kinds: Vec<QuestionKind>,
    pub defaults: MockSeconds,
}

/// What the interviewer asks next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockPrompt {
    /// 1-based position of the question in the set.
    pub position: u32,
    /// The follow-up to that question rather than the question itself.
    pub follow_up: bool,
    pub text: String,
    pub kind: QuestionKind,
    pub seconds_allowed: u32,
    /// 1-based, of `MockRun::questions`.
    pub number: u32,
}

/// One question or follow-up as it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockTurn {
    pub position: u32,
    pub follow_up: bool,
    pub prompt: String,
    /// `None` when it was skipped, or the attempt was deleted since.
    pub attempt: Option<Attempt>,
    pub delivery: Option<Delivery>,
    pub seconds_allowed: u32,
    pub skipped: bool,
}

/// One of the three things to work on first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOn {
    pub dimension: Dimension,
    pub advice: String,
    /// The words of the answer that show it, when it is about something
    /// said rather than something missing.
    pub quote: Option<String>,
    /// The question the answer was given to.
    pub prompt: String,
    pub drill: Option<DrillLink>,
}

/// Delivery over the whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverySummary {
    pub answers: u32,
    pub spoken_answers: u32,
    pub words: u32,
    pub seconds_used: u32,
    pub seconds_allowed: u32,
    /// Over the spoken answers only.
    pub words_per_minute: Option<u32>,
    pub fillers_per_minute: Option<f32>,
    pub longest_pause_ms: Option<u32>,
    /// Answers handed in when their time ran out.
    pub out_of_time: u32,
}

/// A run, as its page and its report show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockRun {
    pub id: i64,
    pub question_set: String,
    pub title: String,
    /// How many of the set's questions the run covers.
    pub questions: u32,
    pub voice: bool,
    pub answer_mode: AnswerMode,
    pub seconds: MockSeconds,
    /// RFC 3339.
    pub created_at: String,
    pub finished_at: Option<String>,
    /// What comes next; `None` once the run is over.
    pub next: Option<MockPrompt>,
    pub turns: Vec<MockTurn>,
    pub delivery: DeliverySummary,
    pub work_on: Vec<WorkOn>,
    /// Stories from the account's bank told in more than
    /// [`super::OVERUSE_IN_MOCK`] of the run's answers; filled in once it
    /// is over.
    #[serde(default)]
    pub retold: Vec<super::RetoldStory>,
    /// A fresh key for the next answer's submission.
    pub idempotency_key: String,
    /// The draft of the question being asked, when it is a question of
    /// the set.
    pub draft: Option<String>,
}

/// A run as `/me` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSummary {
    pub id: i64,
    pub title: String,
    pub created_at: String,
    pub finished: bool,
    pub questions: u32,
    /// The mean overall score of its assessed answers.
    pub overall: Option<u8>,
}

/// The drill that works on `dimension` in an answer with `feedback`: the
/// first STAR part it lacks, the specifics, or the direct answer.
pub fn drill_part(dimension: Dimension, feedback: &Feedback) -> DrillPart {
    match dimension {
        Dimension::Structure => feedback
            .star
            .and_then(|star| first_missing(&star))
            .unwrap_or(DrillPart::Point),
        Dimension::Specificity => DrillPart::Specifics,
        Dimension::Relevance => DrillPart::Point,
    }
}

/// The first STAR part an answer lacks.
pub fn first_missing(star: &super::Star) -> Option<DrillPart> {
    [
        (star.situation, DrillPart::Situation),
        (star.task, DrillPart::Task),
        (star.action, DrillPart::Action),
        (star.result, DrillPart::Result),
    ]
    .into_iter()
    .find(|(present, _)| !present)
    .map(|(_, part)| part)
}

/// At most three things to work on, from the answers' feedback: the
/// lowest-scored dimension's comment in each answer, weakest first, one
/// per dimension before any repeats.
pub fn work_on(turns: &[MockTurn]) -> Vec<WorkOn> {
    let mut candidates: Vec<(u8, WorkOn)> = Vec::new();
    for turn in turns {
        let Some(attempt) = &turn.attempt else {
            continue;
        };
        let Some(feedback) = &attempt.feedback else {
            continue;
        };
        // A follow-up's answer finishes the story its question began: its
        // missing STAR parts are in the first answer, not missing.
        for comment in feedback.comments.iter().filter(|c| {
            c.verdict == super::Verdict::Improve
                && !(turn.follow_up && c.dimension == Dimension::Structure)
        }) {
            candidates.push((
                feedback.scores.get(comment.dimension),
                WorkOn {
                    dimension: comment.dimension,
                    advice: comment.text.clone(),
                    quote: comment.quote.clone(),
                    prompt: turn.prompt.clone(),
                    drill: Some(DrillLink {
                        attempt: attempt.id,
                        question_set: attempt.question_set.clone(),
                        part: drill_part(comment.dimension, feedback),
                    }),
                },
            ));
        }
    }
    // Weakest first; among equals, a comment with a quote (it shows the
    // problem in the user's words) before one about something missing.
    candidates.sort_by_key(|(score, w)| (*score, w.quote.is_none()));
    let mut chosen: Vec<WorkOn> = Vec::new();
    for pass in 0..2 {
        for (_, candidate) in &candidates {
            if chosen.len() == 3 {
                return chosen;
            }
            let seen_dimension = chosen.iter().any(|c| c.dimension == candidate.dimension);
            let seen = chosen.iter().any(|c| c.advice == candidate.advice);
            if !seen && (pass == 1 || !seen_dimension) {
                chosen.push(candidate.clone());
            }
        }
    }
    chosen
}

/// The delivery over a run's answered turns.
pub fn summarise(turns: &[MockTurn]) -> DeliverySummary {
    let delivered: Vec<&Delivery> = turns.iter().filter_map(|t| t.delivery.as_ref()).collect();
    let spoken: Vec<&&Delivery> = delivered
        .iter()
        .filter(|d| d.mode == AnswerMode::Spoken && d.seconds_used > 0)
        .collect();
    let spoken_seconds: u32 = spoken.iter().map(|d| d.seconds_used).sum();
    let spoken_words: u32 = spoken.iter().map(|d| d.words).sum();
    let spoken_fillers: u32 = spoken
        .iter()
        .flat_map(|d| d.fillers.iter())
        .map(|f| f.count)
        .sum();
    let minutes = spoken_seconds as f32 / 60.0;
    DeliverySummary {
        answers: delivered.len() as u32,
        spoken_answers: spoken.len() as u32,
        words: delivered.iter().map(|d| d.words).sum(),
        seconds_used: turns
            .iter()
            .map(|t| t.delivery.as_ref().map_or(0, |d| d.seconds_used))
            .sum(),
        seconds_allowed: turns.iter().map(|t| t.seconds_allowed).sum(),
        words_per_minute: (spoken_seconds > 0)
            .then(|| (spoken_words as f32 / minutes).round() as u32),
        fillers_per_minute: (spoken_seconds > 0)
            .then(|| (spoken_fillers as f32 / minutes * 10.0).round() / 10.0),
        longest_pause_ms: spoken.iter().filter_map(|d| d.longest_pause_ms).max(),
        out_of_time: delivered
            .iter()
            .filter(|d| d.seconds_used >= d.seconds_allowed)
            .count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, Reasons, Scores, Star, Timing, Verdict};

    fn feedback(structure: u8, specificity: u8, comments: Vec<Comment>) -> Feedback {
        Feedback {
            engine: "offline/2".into(),
            prompt_version: None,
            notice: None,
            kind: QuestionKind::Behavioral,
            scores: Scores {
                structure,
                specificity,
                relevance: 8,
                overall: 6,
            },
            reasons: Reasons {
                structure: String::new(),
                specificity: String::new(),
                relevance: String::new(),
                overall: String::new(),
            },
            star: Some(Star {
                situation: true,
                task: true,
                action: true,
                result: false,
            }),
            comments,
            rewrite: String::new(),
            word_count: 40,
            spoken_seconds: 16,
        }
    }

    fn improve(dimension: Dimension, text: &str, quote: Option<&str>) -> Comment {
        Comment {
            dimension,
            verdict: Verdict::Improve,
            text: text.into(),
            quote: quote.map(Into::into),
        }
    }

    fn turn(id: i64, feedback: Feedback) -> MockTurn {
        MockTurn {
            position: id as u32,
            follow_up: false,
            prompt: format!("Question {id}"),
            attempt: Some(Attempt {
                id,
                question_set: "abc".into(),
                question_index: id as u32,
                answer: "An answer.".into(),
                created_at: String::new(),
                feedback: Some(feedback),
            }),
            delivery: None,
            seconds_allowed: 120,
            skipped: false,
        }
    }

    #[test]
    fn setup_is_bounded_with_a_message_per_field() {
        let setup = MockSetup {
            question_set: "abc".into(),
            questions: Some(0),
            seconds: MockSeconds {
                story: 5,
                ..MockSeconds::default()
            },
            voice: true,
            answer_mode: AnswerMode::Typed,
        };
        let error = setup.parse(5).unwrap_err();
        assert_eq!(
            error.field_message("questions"),
            Some("Choose from 1 to 5 questions.")
        );
        assert!(
            error
                .field_message("seconds.story")
                .unwrap()
                .contains("30 seconds")
        );
        let all = MockSetup {
            questions: None,
            seconds: MockSeconds::default(),
            ..setup
        };
        assert_eq!(all.parse(5).unwrap().questions, Some(5));
    }

    #[test]
    fn work_on_takes_the_weakest_dimension_first_and_one_per_dimension() {
        let turns = vec![
            turn(
                1,
                feedback(
                    3,
                    6,
                    vec![
                        improve(Dimension::Structure, "Say what happened in the end.", None),
                        improve(Dimension::Specificity, "Name the number.", Some("a lot")),
                    ],
                ),
            ),
            turn(
                2,
                feedback(
                    7,
                    4,
                    vec![improve(
                        Dimension::Specificity,
                        "Which tool?",
                        Some("some tool"),
                    )],
                ),
            ),
        ];
        let chosen = work_on(&turns);
        assert_eq!(chosen.len(), 3);
        assert_eq!(chosen[0].advice, "Say what happened in the end.");
        assert_eq!(
            chosen[0].drill.as_ref().map(|d| d.part),
            Some(DrillPart::Result),
            "structure drills the missing Result"
        );
        assert_eq!(chosen[1].advice, "Which tool?");
        assert_eq!(chosen[1].quote.as_deref(), Some("some tool"));
        assert_eq!(chosen[2].advice, "Name the number.");
    }

    #[test]
    fn a_follow_up_answer_is_not_told_its_story_lacks_a_part() {
        let mut follow_up = turn(
            2,
            feedback(
                2,
                5,
                vec![
                    improve(Dimension::Structure, "There is no Task.", None),
                    improve(Dimension::Specificity, "Name the number.", Some("a while")),
                ],
            ),
        );
        follow_up.follow_up = true;
        let chosen = work_on(&[follow_up.clone()]);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].advice, "Name the number.");
        // The same comments on a question's own answer are both kept.
        follow_up.follow_up = false;
        assert_eq!(work_on(&[follow_up]).len(), 2);
    }

    #[test]
    fn spoken_delivery_is_summed_over_spoken_answers_only() {
        let spoken = Delivery::new(
            "Um, I moved the queue. Uh, it took a week.",
            Timing {
                mode: AnswerMode::Spoken,
                seconds_used: 60,
                seconds_allowed: 60,
                longest_pause_ms: Some(2400),
            },
        );
        let typed = Delivery::new(
            "I wrote the plan.",
            Timing {
                mode: AnswerMode::Typed,
                seconds_used: 30,
                seconds_allowed: 120,
                longest_pause_ms: None,
            },
        );
        let mut turns = vec![
            turn(1, feedback(5, 5, vec![])),
            turn(2, feedback(5, 5, vec![])),
        ];
        turns[0].delivery = Some(spoken);
        turns[0].seconds_allowed = 60;
        turns[1].delivery = Some(typed);
        let summary = summarise(&turns);
        assert_eq!(summary.answers, 2);
        assert_eq!(summary.spoken_answers, 1);
        assert_eq!(summary.words_per_minute, Some(10), "ten words in a minute");
        assert_eq!(summary.fillers_per_minute, Some(2.0));
        assert_eq!(summary.longest_pause_ms, Some(2400));
        assert_eq!(summary.seconds_used, 90);
        assert_eq!(summary.seconds_allowed, 180);
        assert_eq!(summary.out_of_time, 1);
    }
}
