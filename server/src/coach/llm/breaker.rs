//! A circuit breaker: after enough failed calls in a row, stop calling for a
//! while and answer offline at once; then let one trial call through.

use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Breaker {
    threshold: u32,
    cooldown: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    failures: u32,
    open_until: Option<Instant>,
    trial_running: bool,
}

impl Breaker {
    pub fn new(threshold: u32, cooldown: Duration) -> Self {
        Self {
            threshold: threshold.max(1),
            cooldown,
            state: Mutex::new(State::default()),
        }
    }

    /// Whether a call may go out now. After the cooldown, one caller at a
    /// time gets through to try the server again.
    pub fn allow(&self, now: Instant) -> bool {
        let mut state = self.lock();
        match state.open_until {
            None => true,
            Some(until) if now < until => false,
            Some(_) if state.trial_running => false,
            Some(_) => {
                state.trial_running = true;
                true
            }
        }
    }

    pub fn succeeded(&self) {
        *self.lock() = State::default();
    }

    /// Counts a failed call; returns true when this opened the breaker.
    pub fn failed(&self, now: Instant) -> bool {
        let mut state = self.lock();
        state.failures += 1;
        let was_open = state.open_until.is_some();
        if state.trial_running || state.failures >= self.threshold {
            state.open_until = Some(now + self.cooldown);
            state.trial_running = false;
            return !was_open;
        }
        false
    }

    /// Gives back a trial slot that ended without a verdict (cancelled).
    pub fn abandoned(&self) {
        self.lock().trial_running = false;
    }

    pub fn is_open(&self, now: Instant) -> bool {
        self.lock().open_until.is_some_and(|until| now < until)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_and_lets_one_trial_through_after_the_cooldown() {
        let breaker = Breaker::new(3, Duration::from_secs(30));
        let t0 = Instant::now();
        assert!(breaker.allow(t0));
        assert!(!breaker.failed(t0));
        assert!(!breaker.failed(t0));
        assert!(breaker.failed(t0));
        assert!(!breaker.allow(t0 + Duration::from_secs(29)));

        let later = t0 + Duration::from_secs(31);
        assert!(breaker.allow(later), "one trial after the cooldown");
        assert!(!breaker.allow(later), "only one at a time");
        breaker.failed(later);
        assert!(
            !breaker.allow(later + Duration::from_secs(1)),
            "a failed trial reopens it"
        );

        let much_later = later + Duration::from_secs(40);
        assert!(breaker.allow(much_later));
        breaker.succeeded();
        assert!(breaker.allow(much_later));
        assert!(breaker.allow(much_later), "closed again after a success");
    }

    #[test]
    fn a_success_resets_the_count() {
        let breaker = Breaker::new(2, Duration::from_secs(30));
        let t0 = Instant::now();
        breaker.failed(t0);
        breaker.succeeded();
        breaker.failed(t0);
        assert!(breaker.allow(t0));
    }
}
