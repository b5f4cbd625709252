//! The coach's CPU work (reading answers and postings, running the
//! embedded model) runs on blocking threads, never on the threads that
//! serve requests; at most one job per core runs at once, and a bounded
//! number wait. Past that the caller is told to try again, so a burst
//! cannot pile up unbounded work or memory.
//!
//! The embedded model's work runs on threads of its own at a lower
//! scheduling priority: it uses whatever CPU requests leave, and a page,
//! or a database write, never waits behind it for a time slice.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use app::model::AppError;
use tokio::sync::Semaphore;

/// Jobs that may wait for a core, per core.
const QUEUE_PER_CORE: usize = 64;

/// How much less the model's threads are favoured than the rest (a nice
/// value, 0 to 19).
const MODEL_NICENESS: i32 = 10;

type Job = Box<dyn FnOnce() + Send>;

pub struct CpuGate {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    limit: usize,
    /// Where jobs run: the blocking pool, or threads of the gate's own.
    threads: Option<mpsc::Sender<Job>>,
}

impl Default for CpuGate {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(cores, cores * QUEUE_PER_CORE)
    }
}

impl CpuGate {
    /// A gate for the embedded model's work: one job per core but one, so
    /// that a stream of answers leaves a core for serving pages (on one
    /// core, one job).
    pub fn for_model() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let running = cores.saturating_sub(1).max(1);
        Self::new(running, cores * QUEUE_PER_CORE).on_own_threads(running, MODEL_NICENESS)
    }

    pub fn new(running: usize, waiting: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(running.max(1))),
            waiting: AtomicUsize::new(0),
            limit: waiting,
            threads: None,
        }
    }

    /// Runs this gate's jobs on `count` threads of its own, each at
    /// `niceness` (where the system allows it), rather than on the
    /// blocking pool. A job that panics fails alone; its thread goes on.
    fn on_own_threads(mut self, count: usize, niceness: i32) -> Self {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..count.max(1) {
            let receiver = Arc::clone(&receiver);
            let spawned = std::thread::Builder::new()
                .name(format!("coach-model-{n}"))
                .spawn(move || {
                    lower_priority(niceness);
                    loop {
                        let job = {
                            let Ok(receiver) = receiver.lock() else {
                                return;
                            };
                            receiver.recv()
                        };
                        let Ok(job) = job else { return };
                        // The job's caller learns of a panic through its
                        // dropped reply.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                });
            if let Err(error) = spawned {
                tracing::warn!(%error, "could not start the model's threads; using the blocking pool");
                return self;
            }
        }
        self.threads = Some(sender);
        self
    }

    /// Runs `job` on the gate's threads once a core is free.
    pub async fn run<T: Send + 'static>(
        &self,
        what: &'static str,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let done = self.run_within(what, None, job).await?;
        Ok(done.unwrap_or_else(|_| unreachable!("a job with no deadline always gets its core")))
    }

    /// Runs `job` on the gate's threads if a core comes free within `wait`
    /// (without limit when `None`); else hands the job back unrun, so the
    /// caller can do something cheaper instead of queueing longer.
    pub async fn run_within<T: Send + 'static, J: FnOnce() -> T + Send + 'static>(
        &self,
        what: &'static str,
        wait: Option<Duration>,
        job: J,
    ) -> Result<Result<T, J>, AppError> {
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            tracing::warn!(what, "the coach is at capacity; asking the client to retry");
            return Err(AppError::RateLimited {
                retry_after_secs: 2,
            });
        }
        let acquire = Arc::clone(&self.permits).acquire_owned();
        let permit = match wait {
            Some(wait) => tokio::time::timeout(wait, acquire).await,
            None => Ok(acquire.await),
        };
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        let Ok(permit) = permit else {
            return Ok(Err(job));
        };
        let permit = permit.map_err(|error| failed(what, error))?;
        let Some(threads) = &self.threads else {
            return tokio::task::spawn_blocking(move || {
                let _permit = permit;
                job()
            })
            .await
            .map(Ok)
            .map_err(|error| failed(what, error));
        };
        let (reply, done) = tokio::sync::oneshot::channel();
        threads
            .send(Box::new(move || {
                let _permit = permit;
                let _ = reply.send(job());
            }))
            .map_err(|error| failed(what, error))?;
        done.await.map(Ok).map_err(|error| failed(what, error))
    }
}

/// Lowers the calling thread's scheduling priority to `niceness`. On Linux
/// the nice value belongs to the thread; elsewhere this does nothing.
fn lower_priority(niceness: i32) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: setpriority only reads its arguments; `0` names the
        // calling thread.
        let result = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, niceness) };
        if result != 0 {
            tracing::debug!("could not lower the model thread's priority");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = niceness;
}

fn failed(what: &'static str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, what, "coach work failed");
    AppError::Internal {
        reference: what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_past_the_queue_is_refused_and_the_rest_runs() {
        let gate = Arc::new(CpuGate::new(1, 1));
        let (hold, release) = std::sync::mpsc::channel::<()>();
        let running = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move {
                gate.run("hold", move || release.recv().ok())
                    .await
                    .map(|_| ())
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let queued = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run("queued", || 2).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let refused = gate.run("refused", || 3).await;
        assert!(matches!(refused, Err(AppError::RateLimited { .. })));
        hold.send(()).unwrap();
        running.await.unwrap().unwrap();
        assert_eq!(queued.await.unwrap().unwrap(), 2);
        assert_eq!(gate.run("after", || 4).await.unwrap(), 4);
    }

    #[tokio::test]
    async fn the_models_own_threads_run_jobs_and_survive_a_panic() {
        let gate = CpuGate::new(1, 4).on_own_threads(1, MODEL_NICENESS);
        assert_eq!(gate.run("first", || 1).await.unwrap(), 1);
        let panicked = gate
            .run("panics", || -> i32 { panic!("a broken job") })
            .await;
        assert!(matches!(panicked, Err(AppError::Internal { .. })));
        assert_eq!(gate.run("after", || 2).await.unwrap(), 2);
        #[cfg(target_os = "linux")]
        {
            let niceness = gate
                .run("niceness", || {
                    // SAFETY: getpriority only reads its arguments.
                    unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
                })
                .await
                .unwrap();
            assert!(niceness >= MODEL_NICENESS, "{niceness}");
        }
    }

    #[tokio::test]
    async fn a_job_that_cannot_wait_is_handed_back_when_no_core_comes_free() {
        let gate = Arc::new(CpuGate::new(1, 4));
        let (hold, release) = std::sync::mpsc::channel::<()>();
        let running = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run("hold", move || release.recv().ok()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let brief = gate
            .run_within("brief", Some(Duration::from_millis(20)), || 5)
            .await
            .unwrap();
        let handed_back = brief.expect_err("no core came free in time");
        assert_eq!(handed_back(), 5);
        hold.send(()).unwrap();
        running.await.unwrap().unwrap();
        // With a core free, the same wait is enough.
        let ran = gate
            .run_within("brief", Some(Duration::from_millis(20)), || 6)
            .await
            .unwrap();
        assert_eq!(ran.ok(), Some(6));
    }
}
