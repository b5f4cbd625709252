//! The story bank: stories and the questions they were used for.

use app::model::StoryDraft;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use super::entities::{story, story_use};
use super::sets::{PlacedQuestion, placed_questions};

pub use story::Model as StoredStory;

/// A use of a story, with the question and set it names.
pub struct UseRow {
    pub story_id: i64,
    pub place: PlacedQuestion,
}

/// `user_id`'s stories, most recently changed first.
pub async fn stories_of(db: &DatabaseConnection, user_id: i64) -> Result<Vec<StoredStory>, DbErr> {
    story::Entity::find()
        .filter(story::Column::UserId.eq(user_id))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
        .all(db)
        .await
}

pub async fn count_of(db: &DatabaseConnection, user_id: i64) -> Result<u64, DbErr> {
    story::Entity::find()
        .filter(story::Column::UserId.eq(user_id))
        .count(db)
        .await
}

/// One of `user_id`'s stories; another account's is `None`.
pub async fn story_of(
    db: &DatabaseConnection,
    user_id: i64,
    id: i64,
) -> Result<Option<StoredStory>, DbErr> {
    story::Entity::find_by_id(id)
        .filter(story::Column::UserId.eq(user_id))
        .one(db)
        .await
}

pub async fn insert(
    db: &DatabaseConnection,
    user_id: i64,
    draft: &StoryDraft,
) -> Result<StoredStory, DbErr> {
    let now = Utc::now();
    let [situation, task, action, result] = draft.parts.clone();
    story::ActiveModel {
        user_id: Set(user_id),
        title: Set(draft.title.clone()),
        situation: Set(situation),
        task: Set(task),
        action: Set(action),
        result: Set(result),
        skills: Set(serde_json::json!(draft.skills)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Rewrites one of `user_id`'s stories; `None` when it has no such story.
pub async fn update(
    db: &DatabaseConnection,
    user_id: i64,
    id: i64,
    draft: &StoryDraft,
) -> Result<Option<StoredStory>, DbErr> {
    let Some(found) = story_of(db, user_id, id).await? else {
        return Ok(None);
    };
    let [situation, task, action, result] = draft.parts.clone();
    let mut row: story::ActiveModel = found.into();
    row.title = Set(draft.title.clone());
    row.situation = Set(situation);
    row.task = Set(task);
    row.action = Set(action);
    row.result = Set(result);
    row.skills = Set(serde_json::json!(draft.skills));
    row.updated_at = Set(Utc::now());
    row.update(db).await.map(Some)
}

/// Deletes one of `user_id`'s stories. Returns whether it had it.
pub async fn delete(db: &DatabaseConnection, user_id: i64, id: i64) -> Result<bool, DbErr> {
    let result = story::Entity::delete_many()
        .filter(story::Column::Id.eq(id))
        .filter(story::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Records that `story_id` answered `question_id` (once per question).
pub async fn record_use(
    db: &DatabaseConnection,
    story_id: i64,
    question_id: i64,
    set_slug: &str,
) -> Result<(), DbErr> {
    let row = story_use::ActiveModel {
        story_id: Set(story_id),
        question_id: Set(question_id),
        set_slug: Set(set_slug.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    story_use::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([story_use::Column::StoryId, story_use::Column::QuestionId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The uses of `story_ids`, newest first, with their questions.
pub async fn uses_of(db: &DatabaseConnection, story_ids: &[i64]) -> Result<Vec<UseRow>, DbErr> {
    if story_ids.is_empty() {
        return Ok(Vec::new());
    }
    let uses = story_use::Entity::find()
        .filter(story_use::Column::StoryId.is_in(story_ids.iter().copied()))
        .order_by_desc(story_use::Column::CreatedAt)
        .order_by_desc(story_use::Column::Id)
        .all(db)
        .await?;
    let places = placed_questions(db, uses.iter().map(|u| u.question_id)).await?;
    Ok(uses
        .into_iter()
        .filter_map(|u| {
            Some(UseRow {
                story_id: u.story_id,
                place: places.get(&u.question_id)?.clone(),
            })
        })
        .collect())
}
