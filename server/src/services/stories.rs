//! The story bank: an account's STAR stories, drafted from its own answers
//! or written directly, offered where a question fits them, and counted so
//! that one story is not told to every question.

use std::collections::BTreeSet;
use std::sync::Arc;

use app::api::port::{Requester, Stories};
use app::model::{
    AppError, MAX_DRAFT_CHARS, MAX_STORIES, OVERUSE_IN_MOCK, Question, QuestionKind, RetoldStory,
    Story, StoryInput, StoryMatch, StoryUse, Viewer,
};

use super::{internal, viewer};
use crate::coach::Coach;
use crate::coach::offline::text::content_words;
use crate::db;
use crate::db::stories::{StoredStory, UseRow};

pub struct StoryService {
    db: db::Db,
    coach: Arc<Coach>,
}

impl StoryService {
    pub fn new(db: db::Db, coach: Arc<Coach>) -> Self {
        Self { db, coach }
    }
}

fn to_story(row: StoredStory, uses: &[UseRow]) -> Story {
    Story {
        id: row.id,
        title: row.title,
        situation: row.situation,
        task: row.task,
        action: row.action,
        result: row.result,
        skills: serde_json::from_value(row.skills).unwrap_or_default(),
        updated_at: row.updated_at.to_rfc3339(),
        uses: uses
            .iter()
            .filter(|u| u.story_id == row.id)
            .map(|u| StoryUse {
                set_slug: u.place.set_slug.clone(),
                set_title: u.place.set_title.clone(),
                position: u32::try_from(u.place.question.position).unwrap_or(1),
                question: u.place.question.text.clone(),
            })
            .collect(),
    }
}

/// A story title from the question it first answered: its first words.
fn title_from(question: &str) -> String {
    let mut title = String::new();
    for word in question.split_whitespace() {
        if title.chars().count() + word.chars().count() + 1 > 80 {
            title.push('…');
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
}

async fn uses(db: &db::Db, ids: &[i64]) -> Result<Vec<UseRow>, AppError> {
    db::stories::uses_of(db.read(), ids)
        .await
        .map_err(|e| internal("loading story uses failed", e))
}

/// An account's stories, most recently changed first, and each use as
/// (story, question).
pub(crate) async fn bank(
    db: &db::Db,
    user_id: i64,
) -> Result<(Vec<Story>, Vec<(i64, i64)>), AppError> {
    let rows = db::stories::stories_of(db.read(), user_id)
        .await
        .map_err(|e| internal("loading stories failed", e))?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let uses = uses(db, &ids).await?;
    let pairs = uses
        .iter()
        .map(|u| (u.story_id, u.place.question.id))
        .collect();
    Ok((
        rows.into_iter().map(|r| to_story(r, &uses)).collect(),
        pairs,
    ))
}

impl StoryService {
    async fn owned(&self, id: i64, user: &Viewer) -> Result<Story, AppError> {
        let row = db::stories::story_of(self.db.read(), user.id, id)
            .await
            .map_err(|e| internal("loading a story failed", e))?
            .ok_or(AppError::NotFound)?;
        let uses = uses(&self.db, &[row.id]).await?;
        Ok(to_story(row, &uses))
    }

    async fn store(&self, user: &Viewer, input: &StoryInput) -> Result<Story, AppError> {
        let draft = input.parse()?;
        let count = db::stories::count_of(self.db.read(), user.id)
            .await
            .map_err(|e| internal("counting stories failed", e))?;
        if count >= MAX_STORIES as u64 {
            return Err(AppError::invalid(
                "stories",
                format!(
                    "You can keep up to {MAX_STORIES} stories; delete one you no longer tell first."
                ),
            ));
        }
        let row = db::stories::insert(self.db.write(), user.id, &draft)
            .await
            .map_err(|e| internal("storing a story failed", e))?;
        Ok(to_story(row, &[]))
    }
}

#[async_trait::async_trait]
impl Stories for StoryService {
    async fn list(&self, requester: &Requester) -> Result<Vec<Story>, AppError> {
        Ok(bank(&self.db, viewer(requester)?.id).await?.0)
    }

    async fn get(&self, id: i64, requester: &Requester) -> Result<Story, AppError> {
        self.owned(id, viewer(requester)?).await
    }

    async fn create(&self, input: StoryInput, requester: &Requester) -> Result<Story, AppError> {
        self.store(viewer(requester)?, &input).await
    }

    async fn update(
        &self,
        id: i64,
        input: StoryInput,
        requester: &Requester,
    ) -> Result<Story, AppError> {
        let user = viewer(requester)?;
        let draft = input.parse()?;
        db::stories::update(self.db.write(), user.id, id, &draft)
            .await
            .map_err(|e| internal("storing a story failed", e))?
            .ok_or(AppError::NotFound)?;
        self.owned(id, user).await
    }

    async fn delete(&self, id: i64, requester: &Requester) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let deleted = db::stories::delete(self.db.write(), user.id, id)
            .await
            .map_err(|e| internal("deleting a story failed", e))?;
        if deleted {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    async fn draft_from_attempt(
        &self,
        attempt: i64,
        requester: &Requester,
    ) -> Result<Story, AppError> {
        let user = viewer(requester)?;
        let answer = db::practice::answer_of(self.db.read(), user.id, attempt)
            .await
            .map_err(|e| internal("loading an answer failed", e))?
            .ok_or(AppError::NotFound)?;
        let kind = QuestionKind::parse(&answer.question_kind).unwrap_or(QuestionKind::Behavioral);
        let [situation, task, action, result] = self.coach.star_parts(kind, &answer.text);
        let skills: Vec<String> = self
            .coach
            .skills_named([answer.text.as_str()])
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(app::model::MAX_STORY_SKILLS)
            .collect();
        // Each part keeps the answer's own sentences, cut to the part's
        // bound only if the answer ran that long.
        let cut = |text: String| {
            text.chars()
                .take(app::model::MAX_STORY_PART_CHARS)
                .collect()
        };
        let input = StoryInput {
            title: title_from(&answer.question_text),
            situation: cut(situation),
            task: cut(task),
            action: cut(action),
            result: cut(result),
            skills,
        };
        // Drafted twice (a double click): the first one.
        let (bank, _) = bank(&self.db, user.id).await?;
        let same = |s: &Story| {
            s.title == input.title
                && [&s.situation, &s.task, &s.action, &s.result]
                    .into_iter()
                    .zip([&input.situation, &input.task, &input.action, &input.result])
                    .all(|(a, b)| a.trim() == b.trim())
        };
        if let Some(existing) = bank.iter().find(|s| same(s)) {
            return Ok(existing.clone());
        }
        let story = self.store(user, &input).await?;
        if let Some(question) = answer.question_id {
            db::stories::record_use(self.db.write(), story.id, question, &answer.set_slug)
                .await
                .map_err(|e| internal("recording a story's use failed", e))?;
        }
        self.owned(story.id, user).await
    }

    async fn use_on(
        &self,
        story: i64,
        slug: &str,
        position: u32,
        requester: &Requester,
    ) -> Result<(), AppError> {
        let user = viewer(requester)?;
        let story = self.owned(story, user).await?;
        if !crate::auth::tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let set = db::sets::find(self.db.read(), slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .ok_or(AppError::NotFound)?
            .seen_by_account(user.id);
        let question = crate::services::practice::question_id(&set, position)?;
        let told = story.told();
        let stored = db::practice::draft_row(self.db.write(), user.id, question)
            .await
            .map_err(|e| internal("loading a draft failed", e))?;
        let (existing, revision) = stored.unwrap_or_default();
        let draft = if existing.contains(&told) {
            existing
        } else if existing.trim().is_empty() {
            told
        } else {
            format!("{}\n\n{told}", existing.trim_end())
        };
        if draft.chars().count() > MAX_DRAFT_CHARS {
            return Err(AppError::invalid(
                "story",
                "This question's draft is too long to add the story to. Shorten it first.",
            ));
        }
        // Newer than the stored draft, so the write is kept; the page then
        // shows it in place of the browser's own copy.
        let revision = (revision + 1).max(chrono::Utc::now().timestamp_millis());
        db::practice::save_draft(self.db.write(), user.id, question, &draft, revision)
            .await
            .map_err(|e| internal("saving a draft failed", e))?;
        db::stories::record_use(self.db.write(), story.id, question, slug)
            .await
            .map_err(|e| internal("recording a story's use failed", e))
    }
}

/// Of a story's key words, the share an answer must repeat to be telling
/// it, and the fewest.
const TOLD_SHARE: f32 = 0.4;
const TOLD_MIN_WORDS: usize = 5;

/// The stories told in more than [`OVERUSE_IN_MOCK`] of `answers` (one
/// interview's), most told first. An answer tells a story when it repeats
/// at least two in five of the story's key words: an answer started from
/// the story and edited keeps far more, and an answer that only shares its
/// topic far fewer.
pub fn retold(stories: &[Story], answers: &[&str]) -> Vec<RetoldStory> {
    let answered: Vec<BTreeSet<String>> = answers.iter().map(|a| content_words(a)).collect();
    let mut found: Vec<RetoldStory> = stories
        .iter()
        .filter_map(|story| {
            let words = content_words(&story.told());
            let needed = ((words.len() as f32 * TOLD_SHARE).ceil() as usize).max(TOLD_MIN_WORDS);
            let told = answered
                .iter()
                .filter(|a| a.intersection(&words).count() >= needed)
                .count();
            (told > OVERUSE_IN_MOCK).then(|| RetoldStory {
                id: story.id,
                title: story.title.clone(),
                answers: told as u32,
            })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.answers));
    found
}

/// Stories shown beside a question at most.
const MATCHES_SHOWN: usize = 3;

/// The account's stories that fit `question`, best first: those sharing
/// its skills count most, then those sharing its key words, ordered with
/// the embedded model's sense of meaning when it is there; one already
/// used for it is always among them. Only
/// behavioral and situational questions are answered with stories.
pub fn matches(
    coach: &Coach,
    stories: &[Story],
    question: &Question,
    question_id: i64,
    set_question_ids: &[i64],
    uses: &[(i64, i64)],
) -> Vec<StoryMatch> {
    if !question.kind.told_as_story() {
        return Vec::new();
    }
    let asked = format!(
        "{}\n{}\n{}",
        question.text,
        question.focus_area,
        question.rubric.join("\n")
    );
    let asked_skills: BTreeSet<String> = coach
        .skills_named([asked.as_str(), question.provenance.detail.as_str()])
        .into_iter()
        .map(|s| s.to_lowercase())
        .collect();
    let asked_words = content_words(&format!("{}\n{}", question.text, question.focus_area));
    let mut found: Vec<(f32, StoryMatch)> = stories
        .iter()
        .filter_map(|story| {
            let text = format!("{}\n{}", story.title, story.told());
            let mut skills: BTreeSet<String> = coach
                .skills_named([text.as_str()])
                .into_iter()
                .map(|s| s.to_lowercase())
                .collect();
            skills.extend(story.skills.iter().map(|s| s.to_lowercase()));
            let shared_skills: Vec<String> = skills.intersection(&asked_skills).cloned().collect();
            let words = content_words(&text);
            let shared_words: Vec<String> = asked_words.intersection(&words).cloned().collect();
            let score = 3 * shared_skills.len() + shared_words.len();
            let used = |q: i64| uses.iter().any(|&(s, u)| s == story.id && u == q);
            let used_here = used(question_id);
            // A story already told here is shown, whatever it shares.
            if score == 0 && !used_here {
                return None;
            }
            let mut shared = shared_skills;
            shared.extend(shared_words.into_iter().take(5));
            let used_in_set = set_question_ids
                .iter()
                .filter(|&&q| q != question_id && used(q))
                .count();
            // Among stories that share something with the question, the
            // embedded model's sense of meaning helps order them (on the
            // labelled answers, a question's own strong answer ranks first
            // 22 of 24 times on the tuning half against 20 by words alone).
            let rank = match coach.closeness(&question.text, &text) {
                Some(closeness) => score as f32 / 10.0 + 2.0 * closeness,
                None => score as f32,
            };
            Some((
                rank,
                StoryMatch {
                    id: story.id,
                    title: story.title.clone(),
                    shared,
                    used_in_set,
                    used_here,
                },
            ))
        })
        .collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    found
        .into_iter()
        .take(MATCHES_SHOWN)
        .map(|(_, m)| m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Story, retold, title_from};

    fn story(id: i64, title: &str, action: &str) -> Story {
        Story {
            id,
            title: title.into(),
            situation: "Our checkout service fell over every Black Friday under the traffic spike."
                .into(),
            task: String::new(),
            action: action.into(),
            result: "The next Black Friday had no outage and conversion held steady.".into(),
            skills: vec![],
            updated_at: String::new(),
            uses: vec![],
        }
    }

    #[test]
    fn a_story_told_in_three_answers_of_an_interview_is_named() {
        let black_friday = story(
            1,
            "Black Friday",
            "I load-tested it, found the connection pool was too small, and added back-pressure.",
        );
        let told = black_friday.told();
        let edited = told.replace("I load-tested it", "First I load-tested the service");
        let elsewhere = "I mentored two new engineers through their first on-call rotation and wrote a guide for the next ones.";
        let same_topic =
            "Black Friday traffic is hard; I would plan capacity early with the product team.";
        assert!(
            retold(
                std::slice::from_ref(&black_friday),
                &[&told, &edited, elsewhere, same_topic]
            )
            .is_empty()
        );
        let found = retold(
            std::slice::from_ref(&black_friday),
            &[&told, &edited, elsewhere, &told],
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].id, found[0].answers), (1, 3));
    }

    #[test]
    fn a_title_is_the_question_cut_at_a_word() {
        assert_eq!(
            title_from("Tell me about a time you failed."),
            "Tell me about a time you failed."
        );
        let long = "Tell me about a time you had to persuade a senior stakeholder to change a decision they had already announced to the company";
        let title = title_from(long);
        assert!(
            title.ends_with('…') && title.chars().count() <= 81,
            "{title}"
        );
    }
}
