//! Sets by slug, kept in memory for a few seconds. A set's questions never
//! change once it is made, and the share and practice pages read them on
//! every view, so most views need no query at all.
//!
//! What can change is who may delete a set (an anonymous set is claimed at
//! sign-up) and whether it exists. This process forgets a set the moment
//! it deletes or claims one; another instance sharing the database sees
//! the change within [`TTL`]. Answers are never cached, so a deleted set's
//! answers are never served by anyone.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::sets::StoredSet;

/// How long a set is served from memory before it is read again.
pub const TTL: Duration = Duration::from_secs(5);
/// Sets kept at most.
const CAPACITY: usize = 1024;

#[derive(Debug, Default)]
struct Entries {
    by_slug: HashMap<String, (Instant, StoredSet)>,
    /// Bumped whenever a set is forgotten, so that a read that began
    /// before the change does not put the old set back.
    generation: u64,
}

#[derive(Debug, Default)]
pub struct RecentSets {
    entries: Mutex<Entries>,
}

/// Where a read began, for [`RecentSets::put`].
#[derive(Debug, Clone, Copy)]
pub struct Ticket(u64);

impl RecentSets {
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The set, if it was read less than [`TTL`] ago; else a ticket to
    /// store it with once it has been read.
    pub fn get(&self, slug: &str, now: Instant) -> Result<StoredSet, Ticket> {
        let entries = self.lock();
        match entries.by_slug.get(slug) {
            Some((read_at, set)) if now.duration_since(*read_at) < TTL => Ok(set.clone()),
            _ => Err(Ticket(entries.generation)),
        }
    }

    /// Keeps a set read since `ticket` was given, unless a set was
    /// forgotten in between.
    pub fn put(&self, ticket: Ticket, set: &StoredSet, read_at: Instant) {
        let mut entries = self.lock();
        if entries.generation != ticket.0 {
            return;
        }
        if entries.by_slug.len() >= CAPACITY && !entries.by_slug.contains_key(&set.slug) {
            entries
                .by_slug
                .retain(|_, (at, _)| read_at.duration_since(*at) < TTL);
            if entries.by_slug.len() >= CAPACITY {
                let oldest = entries
                    .by_slug
                    .iter()
                    .min_by_key(|(_, (at, _))| *at)
                    .map(|(slug, _)| slug.clone());
                if let Some(slug) = oldest {
                    entries.by_slug.remove(&slug);
                }
            }
        }
        entries
            .by_slug
            .insert(set.slug.clone(), (read_at, set.clone()));
    }

    /// Forgets one set: it was deleted.
    pub fn forget(&self, slug: &str) {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_slug.remove(slug);
    }

    /// Forgets every set: sets changed owner, or an account and its sets
    /// went.
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.generation += 1;
        entries.by_slug.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().by_slug.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{QuestionSet, Seniority};

    fn set(slug: &str) -> StoredSet {
        StoredSet {
            slug: slug.to_string(),
            owner_id: None,
            claim_token_hash: None,
            job_description: None,
            resume: None,
            created_at: chrono::Utc::now(),
            listed: false,
            set: QuestionSet {
                title: format!("Set {slug}"),
                role: None,
                seniority: Seniority::Mid,
                engine: "offline/2".into(),
                prompt_version: None,
                notice: None,
                questions: Vec::new(),
            },
            question_ids: Vec::new(),
        }
    }

    fn fetch(cache: &RecentSets, slug: &str, now: Instant) -> Option<String> {
        cache.get(slug, now).ok().map(|s| s.set.title)
    }

    /// A miss, then the set read and kept, as `find_cached` does.
    fn read_and_keep(cache: &RecentSets, slug: &str, at: Instant) {
        let ticket = cache.get(slug, at).unwrap_err();
        cache.put(ticket, &set(slug), at);
    }

    #[test]
    fn a_set_is_served_until_its_time_is_up() {
        let cache = RecentSets::default();
        let t0 = Instant::now();
        read_and_keep(&cache, "a", t0);
        assert_eq!(fetch(&cache, "a", t0 + TTL / 2).as_deref(), Some("Set a"));
        assert_eq!(fetch(&cache, "a", t0 + TTL), None);
    }

    #[test]
    fn a_forgotten_set_is_read_again_and_a_read_from_before_is_not_kept() {
        let cache = RecentSets::default();
        let t0 = Instant::now();
        read_and_keep(&cache, "a", t0);
        // A read begins, the set is deleted, then the read finishes.
        let stale = cache.get("b", t0).unwrap_err();
        cache.forget("a");
        assert_eq!(fetch(&cache, "a", t0), None);
        cache.put(stale, &set("b"), t0);
        assert_eq!(fetch(&cache, "b", t0), None);
        read_and_keep(&cache, "b", t0);
        assert_eq!(fetch(&cache, "b", t0).as_deref(), Some("Set b"));
        cache.clear();
        assert_eq!(fetch(&cache, "b", t0), None);
    }

    #[test]
    fn the_cache_is_bounded() {
        let cache = RecentSets::default();
        let t0 = Instant::now();
        for i in 0..CAPACITY + 10 {
            read_and_keep(
                &cache,
                &format!("s{i}"),
                t0 + Duration::from_millis(i as u64),
            );
        }
        assert_eq!(cache.len(), CAPACITY);
        // The oldest went first.
        let late = t0 + Duration::from_millis(CAPACITY as u64);
        assert_eq!(fetch(&cache, "s0", late), None);
        assert!(fetch(&cache, &format!("s{}", CAPACITY + 9), late).is_some());
    }
}
