//! Recently generated sets by request, so an identical request is answered
//! without generating again.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use app::model::{GenerateRequest, QuestionSet};

pub struct SetCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    sets: HashMap<GenerateRequest, QuestionSet>,
    /// Insertion order, oldest first, for eviction.
    order: VecDeque<GenerateRequest>,
}

impl SetCache {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The cached set for `request`, or the one `make` produces, which is
    /// then kept.
    pub fn get_or_insert_with(
        &self,
        request: &GenerateRequest,
        make: impl FnOnce() -> QuestionSet,
    ) -> QuestionSet {
        if let Some(set) = self.lock().sets.get(request) {
            return set.clone();
        }
        // Generate outside the lock; two identical first requests may both
        // generate, and both get the same deterministic result.
        let set = make();
        let mut inner = self.lock();
        if !inner.sets.contains_key(request) {
            if inner.order.len() >= self.capacity
                && let Some(oldest) = inner.order.pop_front()
            {
                inner.sets.remove(&oldest);
            }
            inner.order.push_back(request.clone());
            inner.sets.insert(request.clone(), set.clone());
        }
        set
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves only a cache behind; its
        // data is still consistent enough to use.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{QuestionKind, Seniority};

    fn request(count: u32) -> GenerateRequest {
        GenerateRequest {
            role: Some("backend-engineer".into()),
            job_description: None,
            seniority: None,
            kinds: QuestionKind::ALL.to_vec(),
            count,
        }
    }

    fn set(title: &str) -> QuestionSet {
        QuestionSet {
            title: title.into(),
            role: None,
            seniority: Seniority::Mid,
            engine: "test".into(),
            questions: vec![],
            notice: None,
        }
    }

    #[test]
    fn an_identical_request_is_served_without_generating_again() {
        let cache = SetCache::new(8);
        let mut calls = 0;
        let first = cache.get_or_insert_with(&request(10), || {
            calls += 1;
            set("a")
        });
        let second = cache.get_or_insert_with(&request(10), || {
            calls += 1;
            set("b")
        });
        assert_eq!(calls, 1);
        assert_eq!(first, second);
    }

    #[test]
    fn the_oldest_entry_is_evicted_at_capacity() {
        let cache = SetCache::new(2);
        for count in [5, 6, 7] {
            cache.get_or_insert_with(&request(count), || set("x"));
        }
        let mut regenerated = false;
        cache.get_or_insert_with(&request(5), || {
            regenerated = true;
            set("x")
        });
        assert!(regenerated);
    }
}
