//! Question sets and their questions.

use app::model::{Provenance, ProvenanceSource, Question, QuestionKind, QuestionSet, Seniority};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait, sea_query::Expr,
};

use super::entities::{question, question_set};

/// `visibility` of a set that only its link reaches (the default).
const LINK: &str = "link";
/// `visibility` of a set its owner listed for search engines.
const LISTED: &str = "listed";

/// A stored set, as the service needs it.
#[derive(Debug, Clone)]
pub struct StoredSet {
    pub slug: String,
    pub owner_id: Option<i64>,
    pub claim_token_hash: Option<String>,
    /// The owner's own text: never shown to anyone else.
    pub job_description: Option<String>,
    /// The maker's résumé, when they kept it: never shown to anyone else.
    pub resume: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Listed for search engines by its owner.
    pub listed: bool,
    pub set: QuestionSet,
    /// The row id of each of `set.questions`, in the same order.
    pub question_ids: Vec<i64>,
}

pub struct NewSet<'a> {
    pub slug: &'a str,
    /// The account that made it, or `None` for an anonymous set.
    pub owner_id: Option<i64>,
    pub claim_token_hash: Option<&'a str>,
    pub job_description: Option<&'a str>,
    /// Only when a logged-in maker asked to keep it.
    pub resume: Option<&'a str>,
    pub set: &'a QuestionSet,
}

impl StoredSet {
    /// How many of its questions are private to its maker (drawn from
    /// their résumé). They are always the last ones.
    pub fn private_count(&self) -> usize {
        self.set
            .questions
            .iter()
            .filter(|q| q.provenance.source.is_private())
            .count()
    }

    /// The set as anyone but its maker sees it: without the questions
    /// drawn from the maker's résumé, or the résumé. Positions of the
    /// other questions do not change, since private ones come last.
    pub fn public(mut self) -> Self {
        (self.question_ids, self.set.questions) = std::mem::take(&mut self.question_ids)
            .into_iter()
            .zip(std::mem::take(&mut self.set.questions))
            .filter(|(_, q)| !q.provenance.source.is_private())
            .unzip();
        self.resume = None;
        self
    }

    /// The set as the account `user_id` sees it: whole for the account
    /// that owns it, [`Self::public`] for any other.
    pub fn seen_by_account(self, user_id: i64) -> Self {
        if self.owner_id == Some(user_id) {
            self
        } else {
            self.public()
        }
    }
}

/// Stores a set and its questions in one transaction.
pub async fn insert(db: &DatabaseConnection, new: NewSet<'_>) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    let row = question_set::ActiveModel {
        slug: Set(new.slug.to_string()),
        owner_id: Set(new.owner_id),
        claim_token_hash: Set(new.claim_token_hash.map(str::to_string)),
        title: Set(new.set.title.clone()),
        role_slug: Set(new.set.role.clone()),
        seniority: Set(new.set.seniority.as_str().to_string()),
        job_description: Set(new.job_description.map(str::to_string)),
        resume: Set(new.resume.map(str::to_string)),
        engine: Set(new.set.engine.clone()),
        notice: Set(new.set.notice.clone()),
        visibility: Set(LINK.to_string()),
        prompt_version: Set(new.set.prompt_version.clone()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_questions(&txn, row.id, &new.set.questions).await?;
    txn.commit().await
}

async fn insert_questions<C: ConnectionTrait>(
    db: &C,
    set_id: i64,
    questions: &[Question],
) -> Result<(), DbErr> {
    let rows = questions
        .iter()
        .enumerate()
        .map(|(i, q)| question::ActiveModel {
            set_id: Set(set_id),
            position: Set(i as i32 + 1),
            kind: Set(q.kind.as_str().to_string()),
            focus_area: Set(q.focus_area.clone()),
            difficulty: Set(i16::from(q.difficulty)),
            text: Set(q.text.clone()),
            provenance_kind: Set(q.provenance.source.as_str().to_string()),
            provenance_detail: Set(q.provenance.detail.clone()),
            rubric_points: Set(serde_json::json!(q.rubric)),
            follow_ups: Set(serde_json::json!(q.follow_ups)),
            ..Default::default()
        });
    question::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

pub async fn find(db: &DatabaseConnection, slug: &str) -> Result<Option<StoredSet>, DbErr> {
    let Some(row) = question_set::Entity::find()
        .filter(question_set::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    with_questions(db, row).await.map(Some)
}

/// A set by its slug, from memory when it was read in the last few
/// seconds (see [`super::set_cache`]).
pub async fn find_cached(db: &super::Db, slug: &str) -> Result<Option<StoredSet>, DbErr> {
    let now = std::time::Instant::now();
    let ticket = match db.sets().get(slug, now) {
        Ok(set) => return Ok(Some(set)),
        Err(ticket) => ticket,
    };
    let found = find(db.read(), slug).await?;
    if let Some(set) = &found {
        db.sets().put(ticket, set, now);
    }
    Ok(found)
}

/// The set a question belongs to.
pub async fn holding_question(
    db: &DatabaseConnection,
    question_id: i64,
) -> Result<Option<StoredSet>, DbErr> {
    let Some(q) = question::Entity::find_by_id(question_id).one(db).await? else {
        return Ok(None);
    };
    let Some(row) = question_set::Entity::find_by_id(q.set_id).one(db).await? else {
        return Ok(None);
    };
    with_questions(db, row).await.map(Some)
}

/// Every set `user_id` owns, newest first, with its questions.
pub async fn owned_by(db: &DatabaseConnection, user_id: i64) -> Result<Vec<StoredSet>, DbErr> {
    let rows = question_set::Entity::find()
        .filter(question_set::Column::OwnerId.eq(user_id))
        .order_by_desc(question_set::Column::CreatedAt)
        .order_by_desc(question_set::Column::Id)
        .all(db)
        .await?;
    let mut sets = Vec::with_capacity(rows.len());
    for row in rows {
        sets.push(with_questions(db, row).await?);
    }
    Ok(sets)
}

/// Gives `user_id` the anonymous sets made with `claim_token_hash`. The
/// claim is spent: from then on only the account can delete them.
pub async fn claim_for(
    db: &DatabaseConnection,
    claim_token_hash: &str,
    user_id: i64,
) -> Result<u64, DbErr> {
    let result = question_set::Entity::update_many()
        .col_expr(question_set::Column::OwnerId, Expr::value(user_id))
        .col_expr(
            question_set::Column::ClaimTokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(question_set::Column::ClaimTokenHash.eq(claim_token_hash))
        .filter(question_set::Column::OwnerId.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Deletes a set if `user_id` owns it. Returns whether a set was deleted.
pub async fn delete_owned(
    db: &DatabaseConnection,
    slug: &str,
    user_id: i64,
) -> Result<bool, DbErr> {
    let result = question_set::Entity::delete_many()
        .filter(question_set::Column::Slug.eq(slug))
        .filter(question_set::Column::OwnerId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Deletes an anonymous set if `claim_token_hash` is the one it was made
/// with. Returns whether a set was deleted.
pub async fn delete_claimed(
    db: &DatabaseConnection,
    slug: &str,
    claim_token_hash: &str,
) -> Result<bool, DbErr> {
    let result = question_set::Entity::delete_many()
        .filter(question_set::Column::Slug.eq(slug))
        .filter(question_set::Column::ClaimTokenHash.eq(claim_token_hash))
        .filter(question_set::Column::OwnerId.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Lists or unlists a set if `user_id` owns it. Returns whether it does.
pub async fn set_listed_owned(
    db: &DatabaseConnection,
    slug: &str,
    user_id: i64,
    listed: bool,
) -> Result<bool, DbErr> {
    let visibility = if listed { LISTED } else { LINK };
    let result = question_set::Entity::update_many()
        .col_expr(question_set::Column::Visibility, Expr::value(visibility))
        .filter(question_set::Column::Slug.eq(slug))
        .filter(question_set::Column::OwnerId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The slugs and creation times of the newest listed sets, at most
/// `limit`.
pub async fn listed(
    db: &DatabaseConnection,
    limit: u64,
) -> Result<Vec<(String, chrono::DateTime<chrono::Utc>)>, DbErr> {
    let rows = question_set::Entity::find()
        .select_only()
        .column(question_set::Column::Slug)
        .column(question_set::Column::CreatedAt)
        .filter(question_set::Column::Visibility.eq(LISTED))
        .order_by_desc(question_set::Column::CreatedAt)
        .order_by_desc(question_set::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// A question with the set it belongs to.
#[derive(Debug, Clone)]
pub struct PlacedQuestion {
    pub question: question::Model,
    pub set_slug: String,
    pub set_title: String,
}

/// The questions `ids` name, each with its set, by id. A question (or
/// set) since deleted is left out. Two queries, whatever the count.
pub async fn placed_questions(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, PlacedQuestion>, DbErr> {
    let questions = question::Entity::find()
        .filter(question::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let sets: std::collections::HashMap<i64, question_set::Model> = question_set::Entity::find()
        .filter(question_set::Column::Id.is_in(questions.iter().map(|q| q.set_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(questions
        .into_iter()
        .filter_map(|question| {
            let set = sets.get(&question.set_id)?;
            Some((
                question.id,
                PlacedQuestion {
                    set_slug: set.slug.clone(),
                    set_title: set.title.clone(),
                    question,
                },
            ))
        })
        .collect())
}

async fn with_questions(
    db: &DatabaseConnection,
    row: question_set::Model,
) -> Result<StoredSet, DbErr> {
    let questions = question::Entity::find()
        .filter(question::Column::SetId.eq(row.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    Ok(to_stored(row, questions))
}

fn to_stored(row: question_set::Model, questions: Vec<question::Model>) -> StoredSet {
    let (question_ids, questions): (Vec<i64>, Vec<Question>) = questions
        .into_iter()
        .filter_map(|q| Some((q.id, to_question(q)?)))
        .unzip();
    let set = QuestionSet {
        title: row.title,
        role: row.role_slug,
        seniority: Seniority::parse(&row.seniority).unwrap_or(Seniority::Mid),
        engine: row.engine,
        prompt_version: row.prompt_version,
        notice: row.notice,
        questions,
    };
    StoredSet {
        slug: row.slug,
        owner_id: row.owner_id,
        claim_token_hash: row.claim_token_hash,
        job_description: row.job_description,
        resume: row.resume,
        created_at: row.created_at,
        listed: row.visibility == LISTED,
        set,
        question_ids,
    }
}

fn to_question(row: question::Model) -> Option<Question> {
    Some(Question {
        kind: QuestionKind::parse(&row.kind)?,
        focus_area: row.focus_area,
        difficulty: u8::try_from(row.difficulty).unwrap_or(2),
        text: row.text,
        provenance: Provenance {
            source: ProvenanceSource::parse(&row.provenance_kind)?,
            detail: row.provenance_detail,
        },
        rubric: serde_json::from_value(row.rubric_points).unwrap_or_default(),
        follow_ups: serde_json::from_value(row.follow_ups).unwrap_or_default(),
    })
}
