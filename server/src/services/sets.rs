use std::sync::Arc;

use app::api::port::{Created, Progress, Requester, Sets};
use app::model::{
    AppError, GenerateInput, ListedSet, PrivateQuestion, PrivateQuestions, SharedSet, Stage,
};

use super::internal;
use super::rate_limit::RateLimit;
use crate::auth::tokens;
use crate::coach::{Coach, Quota};
use crate::db;

pub struct SetService {
    db: db::Db,
    coach: Arc<Coach>,
    limit: RateLimit,
}

impl SetService {
    pub fn new(db: db::Db, coach: Arc<Coach>, limit: RateLimit) -> Self {
        Self { db, coach, limit }
    }
}

#[async_trait::async_trait]
impl Sets for SetService {
    async fn create(
        &self,
        input: GenerateInput,
        requester: &Requester,
        progress: Progress<'_>,
    ) -> Result<Created, AppError> {
        let request = self.coach.check(input)?;
        self.limit
            .check(
                self.db.write(),
                "generate",
                requester.ip,
                chrono::Utc::now(),
            )
            .await?;
        let set = self
            .coach
            .generate(
                &request,
                Some(match &requester.user {
                    Some(user) => Quota::Account(user.id),
                    None => Quota::Address(requester.ip),
                }),
                &progress,
            )
            .await?;
        progress(Stage::Saving);

        // An account owns its sets; an anonymous browser holds a claim.
        let owner_id = requester.user.as_ref().map(|u| u.id);
        let new_claim_token = match (owner_id, &requester.claim_token) {
            (None, None) => Some(tokens::new_secret()),
            _ => None,
        };
        let claim = match owner_id {
            Some(_) => None,
            None => requester
                .claim_token
                .as_deref()
                .or(new_claim_token.as_deref())
                .map(tokens::digest),
        };
        let slug = tokens::new_slug();
        db::sets::insert(
            self.db.write(),
            db::sets::NewSet {
                slug: &slug,
                owner_id,
                claim_token_hash: claim.as_deref(),
                job_description: request.job_description.as_deref(),
                // Kept only for an account that asked: an anonymous maker
                // has nowhere to see it again, and nobody to delete it.
                resume: request
                    .resume
                    .as_deref()
                    .filter(|_| request.keep_resume && owner_id.is_some()),
                set: &set,
            },
        )
        .await
        .map_err(|e| internal("storing a question set failed", e))?;
        tracing::info!(slug = %crate::telemetry::short(&slug), engine = %set.engine, questions = set.questions.len(), "question set created");
        Ok(Created {
            url: format!("{}/s/{slug}", requester.base_url),
            slug,
            new_claim_token,
        })
    }

    async fn shared(&self, slug: &str, requester: &Requester) -> Result<SharedSet, AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let stored = db::sets::find_cached(&self.db, slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .ok_or(AppError::NotFound)?;
        let can_list = owned_by_account(&stored, requester);
        let can_delete = made_by(&stored, requester);
        let private_questions = stored.private_count() as u32;
        // The share page is for everyone, its maker included: nothing drawn
        // from a résumé is ever on it.
        let stored = stored.public();
        let role_title = stored
            .set
            .role
            .as_deref()
            .and_then(|slug| self.coach.library().role(slug))
            .map(|r| r.title.clone());
        Ok(SharedSet {
            url: format!("{}/s/{}", requester.base_url, stored.slug),
            slug: stored.slug,
            set: stored.set,
            role_title,
            created_at: stored.created_at.to_rfc3339(),
            can_delete,
            listed: stored.listed,
            can_list,
            private_questions,
        })
    }

    async fn private(
        &self,
        slug: &str,
        requester: &Requester,
    ) -> Result<PrivateQuestions, AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let stored = db::sets::find_cached(&self.db, slug)
            .await
            .map_err(|e| internal("loading a question set failed", e))?
            .filter(|stored| made_by(stored, requester))
            .ok_or(AppError::NotFound)?;
        let can_practise = owned_by_account(&stored, requester);
        let questions = stored
            .set
            .questions
            .into_iter()
            .enumerate()
            .filter(|(_, q)| q.provenance.source.is_private())
            .map(|(i, question)| PrivateQuestion {
                position: i as u32 + 1,
                question,
            })
            .collect();
        Ok(PrivateQuestions {
            slug: stored.slug,
            title: stored.set.title,
            questions,
            resume: stored.resume,
            can_practise,
        })
    }

    async fn delete(&self, slug: &str, requester: &Requester) -> Result<(), AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let deleted = match (&requester.user, &requester.claim_token) {
            (Some(user), _) => db::sets::delete_owned(self.db.write(), slug, user.id).await,
            (None, Some(token)) => {
                db::sets::delete_claimed(self.db.write(), slug, &tokens::digest(token)).await
            }
            (None, None) => Ok(false),
        }
        .map_err(|e| internal("deleting a question set failed", e))?;
        if deleted {
            self.db.sets().forget(slug);
            tracing::info!(slug = %crate::telemetry::short(slug), "question set deleted by its creator");
            return Ok(());
        }
        Err(self.refusal(slug).await)
    }

    async fn set_listing(
        &self,
        slug: &str,
        listed: bool,
        requester: &Requester,
    ) -> Result<SharedSet, AppError> {
        if !tokens::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        // Only an account can list a set: an anonymous maker has nobody
        // to answer for what it puts in front of search engines.
        let Some(user) = &requester.user else {
            return Err(self.refusal(slug).await);
        };
        let changed = db::sets::set_listed_owned(self.db.write(), slug, user.id, listed)
            .await
            .map_err(|e| internal("listing a question set failed", e))?;
        if !changed {
            return Err(self.refusal(slug).await);
        }
        self.db.sets().forget(slug);
        tracing::info!(slug = %crate::telemetry::short(slug), listed, "question set listing changed by its owner");
        self.shared(slug, requester).await
    }

    async fn listed(&self, limit: u64) -> Result<Vec<ListedSet>, AppError> {
        let rows = db::sets::listed(self.db.read(), limit)
            .await
            .map_err(|e| internal("listing question sets failed", e))?;
        Ok(rows
            .into_iter()
            .map(|(slug, created_at)| ListedSet {
                slug,
                created_at: created_at.to_rfc3339(),
            })
            .collect())
    }
}

/// Whether `requester` is logged in as the account that owns the set.
fn owned_by_account(stored: &db::sets::StoredSet, requester: &Requester) -> bool {
    matches!((stored.owner_id, &requester.user), (Some(owner), Some(user)) if owner == user.id)
}

/// Whether `requester` made the set: the account that owns it, or for an
/// anonymous set, the browser holding the claim it was made with.
fn made_by(stored: &db::sets::StoredSet, requester: &Requester) -> bool {
    match stored.owner_id {
        Some(_) => owned_by_account(stored, requester),
        None => match (&stored.claim_token_hash, &requester.claim_token) {
            (Some(hash), Some(token)) => *hash == tokens::digest(token),
            _ => false,
        },
    }
}

impl SetService {
    /// Why a change to `slug` was refused: it is someone else's
    /// (forbidden), or there is no such set.
    async fn refusal(&self, slug: &str) -> AppError {
        match db::sets::find(self.db.read(), slug).await {
            Ok(Some(_)) => AppError::Forbidden,
            Ok(None) => AppError::NotFound,
            Err(e) => internal("loading a question set failed", e),
        }
    }
}
