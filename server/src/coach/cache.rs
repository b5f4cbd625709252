//! Recently generated sets by request, so an identical request is answered
//! without generating again.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};

use app::model::{GenerateRequest, QuestionSet};
use tokio::sync::OnceCell;

/// Sets by request, at most `capacity` of them, oldest out first. Identical
/// requests that arrive together share one generation.
pub struct SetCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

type Slot = Arc<OnceCell<QuestionSet>>;

#[derive(Default)]
struct Inner {
    slots: HashMap<GenerateRequest, Slot>,
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
    /// then kept. While `make` runs, identical requests wait for it rather
    /// than generating again. When it fails, nothing is kept and the next
    /// identical request tries afresh.
    pub async fn get_or_try_insert<E, F, Fut>(
        &self,
        request: &GenerateRequest,
        make: F,
    ) -> Result<QuestionSet, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<QuestionSet, E>>,
    {
        let slot = self.slot(request);
        slot.get_or_try_init(make).await.cloned()
    }

    fn slot(&self, request: &GenerateRequest) -> Slot {
        let mut inner = self.lock();
        if let Some(slot) = inner.slots.get(request) {
            return Arc::clone(slot);
        }
        if inner.order.len() >= self.capacity
            && let Some(oldest) = inner.order.pop_front()
        {
            inner.slots.remove(&oldest);
        }
        let slot: Slot = Arc::new(OnceCell::new());
        inner.order.push_back(request.clone());
        inner.slots.insert(request.clone(), Arc::clone(&slot));
        slot
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
            resume: None,
            keep_resume: false,
        }
    }

    fn set(title: &str) -> QuestionSet {
        QuestionSet {
            title: title.into(),
            role: None,
            seniority: Seniority::Mid,
            engine: "test".into(),
            prompt_version: None,
            questions: vec![],
            notice: None,
        }
    }

    async fn get(cache: &SetCache, count: u32, calls: &mut u32, title: &str) -> QuestionSet {
        cache
            .get_or_try_insert(&request(count), || async {
                *calls += 1;
                Ok::<_, ()>(set(title))
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn an_identical_request_is_served_without_generating_again() {
        let cache = SetCache::new(8);
        let mut calls = 0;
        let first = get(&cache, 10, &mut calls, "a").await;
        let second = get(&cache, 10, &mut calls, "b").await;
        assert_eq!(calls, 1);
        assert_eq!(first, second);
    }

    #[tokio::test]
    async fn a_failure_is_not_kept() {
        let cache = SetCache::new(8);
        let failed = cache
            .get_or_try_insert(&request(10), || async { Err::<QuestionSet, _>("down") })
            .await;
        assert_eq!(failed, Err("down"));
        let mut calls = 0;
        get(&cache, 10, &mut calls, "a").await;
        assert_eq!(calls, 1);
    }

    #[tokio::test]
    async fn the_oldest_entry_is_evicted_at_capacity() {
        let cache = SetCache::new(2);
        let mut calls = 0;
        for count in [5, 6, 7] {
            get(&cache, count, &mut calls, "x").await;
        }
        get(&cache, 5, &mut calls, "x").await;
        assert_eq!(calls, 4);
    }
}
