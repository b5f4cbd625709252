//! The story bank: named STAR stories an account keeps, to adapt to each
//! question instead of inventing a new one every time.

use serde::{Deserialize, Serialize};

use super::input::bounded;
use super::{AppError, Problems};

pub const MAX_STORY_TITLE_CHARS: usize = 120;
pub const MAX_STORY_PART_CHARS: usize = 2_000;
pub const MAX_STORY_SKILLS: usize = 12;
pub const MAX_STORY_SKILL_CHARS: usize = 40;
/// Stories one account may keep.
pub const MAX_STORIES: usize = 200;
/// Uses of one story in one set beyond which the page warns.
pub const OVERUSE_IN_SET: usize = 3;
/// Answers of one mock interview telling one story beyond which its report
/// warns.
pub const OVERUSE_IN_MOCK: usize = 2;

/// A story told in more than [`OVERUSE_IN_MOCK`] answers of one mock
/// interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetoldStory {
    pub id: i64,
    pub title: String,
    /// How many of the interview's answers tell it.
    pub answers: u32,
}

/// A story as the JSON API takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoryInput {
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub skills: Vec<String>,
}

/// A story as the page's form posts it: the skills comma-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryForm {
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub skills: String,
}

impl From<StoryForm> for StoryInput {
    fn from(form: StoryForm) -> Self {
        Self {
            title: form.title,
            situation: form.situation,
            task: form.task,
            action: form.action,
            result: form.result,
            skills: form.skills.split(',').map(str::to_string).collect(),
        }
    }
}

/// What the story form shows again after a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEcho {
    pub form: StoryForm,
    pub error: AppError,
}

impl super::Echo for StoryEcho {
    fn error(&self) -> &AppError {
        &self.error
    }
}

/// A story's fields, cleaned and within their bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryDraft {
    pub title: String,
    /// Situation, task, action and result; any may be empty, not all.
    pub parts: [String; 4],
    pub skills: Vec<String>,
}

impl StoryInput {
    pub fn parse(&self) -> Result<StoryDraft, AppError> {
        let mut problems = Problems::default();
        let title = problems
            .take(
                "title",
                bounded(&self.title, MAX_STORY_TITLE_CHARS, |n| {
                    format!("A title can be at most {MAX_STORY_TITLE_CHARS} characters; this one is {n}.")
                }),
            )
            .flatten();
        if title.is_none() && !problems.has("title") {
            problems.add(
                "title",
                "Give the story a short title, such as “The billing export rewrite”.",
            );
        }
        let mut parts: [String; 4] = Default::default();
        for (i, (field, raw)) in [
            ("situation", &self.situation),
            ("task", &self.task),
            ("action", &self.action),
            ("result", &self.result),
        ]
        .into_iter()
        .enumerate()
        {
            let part = bounded(raw, MAX_STORY_PART_CHARS, |n| {
                format!(
                    "Each part can be at most {MAX_STORY_PART_CHARS} characters; this one is {n}."
                )
            });
            parts[i] = problems.take(field, part).flatten().unwrap_or_default();
        }
        if parts.iter().all(String::is_empty)
            && !["situation", "task", "action", "result"]
                .iter()
                .any(|f| problems.has(f))
        {
            problems.add(
                "action",
                "Write at least one part of the story; what you did matters most.",
            );
        }
        let mut skills: Vec<String> = Vec::new();
        for raw in &self.skills {
            match bounded(raw, MAX_STORY_SKILL_CHARS, |_| {
                format!("Each skill can be at most {MAX_STORY_SKILL_CHARS} characters.")
            }) {
                Ok(Some(skill)) => {
                    if !skills.iter().any(|s| s.eq_ignore_ascii_case(&skill)) {
                        skills.push(skill);
                    }
                }
                Ok(None) => {}
                Err(message) => {
                    problems.add("skills", message);
                    break;
                }
            }
        }
        if skills.len() > MAX_STORY_SKILLS {
            problems.add("skills", format!("List at most {MAX_STORY_SKILLS} skills."));
        }
        match (title, problems.is_empty()) {
            (Some(title), true) => Ok(StoryDraft {
                title,
                parts,
                skills,
            }),
            _ => Err(problems.into_error()),
        }
    }
}

/// A question a story was used to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryUse {
    pub set_slug: String,
    pub set_title: String,
    /// 1-based.
    pub position: u32,
    pub question: String,
}

/// A story in the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: i64,
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub skills: Vec<String>,
    /// RFC 3339.
    pub updated_at: String,
    /// The questions it was used for, newest first.
    pub uses: Vec<StoryUse>,
}

impl Story {
    /// The story told in order, a paragraph per part, to start an answer
    /// from.
    pub fn told(&self) -> String {
        [&self.situation, &self.task, &self.action, &self.result]
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The sets it was used in for more than [`OVERUSE_IN_SET`] questions,
    /// by title, with how many.
    pub fn overused(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(&str, &str, usize)> = Vec::new();
        for u in &self.uses {
            match counts.iter_mut().find(|(slug, _, _)| *slug == u.set_slug) {
                Some((_, _, n)) => *n += 1,
                None => counts.push((&u.set_slug, &u.set_title, 1)),
            }
        }
        counts
            .into_iter()
            .filter(|(_, _, n)| *n > OVERUSE_IN_SET)
            .map(|(_, title, n)| (title.to_string(), n))
            .collect()
    }
}

/// A story that fits a question, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryMatch {
    pub id: i64,
    pub title: String,
    /// The skills and key words it shares with the question.
    pub shared: Vec<String>,
    /// Questions in this set it already answered (other than this one).
    pub used_in_set: usize,
    /// Already used for this question.
    pub used_here: bool,
}

impl StoryMatch {
    /// Used for more than [`OVERUSE_IN_SET`] questions of this set, this
    /// one included once it is used.
    pub fn overused(&self) -> bool {
        self.used_in_set + usize::from(self.used_here) > OVERUSE_IN_SET
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> StoryInput {
        StoryInput {
            title: "Billing export".into(),
            action: "I rewrote it to stream rows.".into(),
            skills: vec![" SQL ".into(), "sql".into(), "".into(), "Rust".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_story_needs_a_title_and_a_part_and_keeps_skills_once() {
        let draft = input().parse().unwrap();
        assert_eq!(draft.skills, ["SQL", "Rust"]);
        assert_eq!(draft.parts[2], "I rewrote it to stream rows.");
        let fields = |i: StoryInput| match i.parse() {
            Err(AppError::Validation { fields }) => {
                fields.into_iter().map(|f| f.field).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            fields(StoryInput {
                title: " ".into(),
                ..input()
            }),
            ["title"]
        );
        assert_eq!(
            fields(StoryInput {
                action: String::new(),
                ..input()
            }),
            ["action"]
        );
        assert_eq!(
            fields(StoryInput {
                result: "x".repeat(MAX_STORY_PART_CHARS + 1),
                ..input()
            }),
            ["result"]
        );
        assert_eq!(
            fields(StoryInput {
                skills: (0..13).map(|i| format!("s{i}")).collect(),
                ..input()
            }),
            ["skills"]
        );
    }

    #[test]
    fn the_form_lists_skills_separated_by_commas() {
        let form = StoryForm {
            title: "t".into(),
            action: "a".into(),
            skills: "SQL, Kafka,,".into(),
            ..Default::default()
        };
        assert_eq!(
            StoryInput::from(form).parse().unwrap().skills,
            ["SQL", "Kafka"]
        );
    }
}
