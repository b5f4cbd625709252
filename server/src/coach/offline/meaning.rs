//! What the offline coach knows of meaning: sentence vectors from the
//! embedded model and from the static table distilled from it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use embed::encoder::Encoder;
use embed::{Embedder, Vector};

pub use embed::LoadError;

/// The embedded model: the transformer, and the static table distilled
/// from it.
pub struct Model {
    pub table: Embedder,
    pub encoder: Encoder,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{0}")]
    Table(#[from] embed::LoadError),
    #[error("{0}")]
    Encoder(#[from] embed::encoder::EncoderError),
}

impl Model {
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        let table = Embedder::load(dir)?;
        let encoder = Encoder::load(dir, table.vocab().clone())?;
        Ok(Self { table, encoder })
    }
}

/// Loads the embedded model. A missing or damaged one is not fatal: the
/// coach then reads by words alone and says so in its engine label.
pub fn load(dir: &Path) -> Option<Model> {
    let started = Instant::now();
    match Model::load(dir) {
        Ok(embedder) => {
            tracing::debug!(
                dir = %dir.display(),
                millis = started.elapsed().as_millis() as u64,
                "embedded model loaded"
            );
            Some(embedder)
        }
        Err(error) => {
            tracing::warn!(
                dir = %dir.display(),
                %error,
                "embedded model not loaded; the offline coach reads answers by their words alone (run scripts/setup.sh to fetch it)"
            );
            None
        }
    }
}

/// Where the table is looked for when REHEARSE_MODEL_DIR does not say.
pub const DEFAULT_DIR: &str = "target/model";

/// REHEARSE_MODEL_DIR, or else the repository's `target/model`: where
/// tests, benchmarks and examples find the model `scripts/setup.sh` put
/// there, whatever their working directory.
pub fn repository_dir() -> std::path::PathBuf {
    std::env::var_os("REHEARSE_MODEL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(DEFAULT_DIR)
        })
}

/// The table that `scripts/setup.sh` put in [`repository_dir`], for tests.
/// Tests of the coach's judgement need it, so its absence is an error that
/// says how to fix it.
pub fn load_for_tests() -> Model {
    let dir = repository_dir();
    Model::load(&dir).unwrap_or_else(|error| {
        panic!(
            "the embedded model is needed by these tests and could not be loaded from {} ({error}); run scripts/setup.sh",
            dir.display()
        )
    })
}

/// Variables the model's kernels read for how many threads one matrix
/// product may use.
const KERNEL_THREADS: [&str; 2] = ["CANDLE_NUM_THREADS", "RAYON_NUM_THREADS"];

/// Tells the model's kernels to use one thread per matrix product, unless
/// the operator has set otherwise. The coach already runs one job per core
/// (see `coach::cpu`); a job that also split every product across the
/// cores would oversubscribe them and spend its time waking and waiting
/// on threads. On two cores one thread takes a lone assessment a few
/// milliseconds longer than two, with a fifth less CPU, so under load the
/// cores get through a quarter more of them. Left unset, the
/// kernels would also count the cores again, by reading `/proc/cpuinfo`,
/// on every product.
///
/// # Safety
///
/// Changes the process environment: call it before any other thread
/// starts.
pub unsafe fn one_thread_per_job() {
    for name in KERNEL_THREADS {
        if std::env::var_os(name).is_none() {
            // SAFETY: the caller guarantees no other thread is running.
            unsafe { std::env::set_var(name, "1") };
        }
    }
}

/// Texts the transformer reads at most at once, and the WordPieces of each
/// it reads: a bound on the work one assessment asks of it.
pub const MAX_ENCODED: usize = 4;
pub const MAX_ENCODED_PIECES: usize = 48;
/// Question and rubric vectors kept between assessments: practice asks
/// the same questions again and again.
const CACHE_CAPACITY: usize = 4096;

pub struct Meaning {
    embedder: Embedder,
    encoder: Encoder,
    cache: Mutex<HashMap<String, Vector>>,
}

impl Meaning {
    pub fn new(model: Model) -> Self {
        let Model {
            table: embedder,
            encoder,
        } = model;
        Self {
            embedder,
            encoder,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The transformer's vectors for texts that recur (questions, rubric
    /// points), from the cache when it has them.
    pub fn encode_cached(&self, texts: &[&str]) -> Vec<Vector> {
        let mut out: Vec<Option<Vector>> = {
            let cache = self
                .cache
                .lock()
                .expect("the vector cache is never poisoned");
            texts.iter().map(|t| cache.get(*t).cloned()).collect()
        };
        let missing: Vec<&str> = texts
            .iter()
            .zip(&out)
            .filter(|(_, v)| v.is_none())
            .map(|(t, _)| *t)
            .collect();
        if !missing.is_empty() {
            let fresh = self.encode(&missing);
            let mut cache = self
                .cache
                .lock()
                .expect("the vector cache is never poisoned");
            if cache.len() + fresh.len() > CACHE_CAPACITY {
                cache.clear();
            }
            let mut fresh = fresh.into_iter();
            for (text, slot) in texts.iter().zip(out.iter_mut()) {
                if slot.is_none() {
                    let v = fresh.next().expect("one vector per missing text");
                    cache.insert((*text).to_string(), v.clone());
                    *slot = Some(v);
                }
            }
        }
        out.into_iter()
            .map(|v| v.expect("every slot filled"))
            .collect()
    }

    /// The transformer's vectors for a few texts, each cut at
    /// [`MAX_ENCODED_PIECES`]. A failure of the model (it has none it can
    /// cause on valid input) falls back to the static table.
    pub fn encode(&self, texts: &[&str]) -> Vec<Vector> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(MAX_ENCODED) {
            match self.encoder.embed(chunk, MAX_ENCODED_PIECES) {
                Ok(vectors) => out.extend(vectors),
                Err(error) => {
                    tracing::error!(%error, "the embedded model failed; using its static table");
                    out.extend(chunk.iter().map(|t| self.embedder.embed(t)));
                }
            }
        }
        out
    }

    pub fn embed(&self, text: &str) -> Vector {
        self.embedder.embed(text)
    }
}

#[cfg(test)]
mod tests {
    use crate::coach::offline::for_tests;

    #[test]
    fn an_answer_to_the_question_is_nearer_than_a_story_about_something_else() {
        let meaning = for_tests()
            .meaning()
            .expect("the tests' coach has the model");
        let question = "How did you recover from the outage?";
        let answer =
            "I rolled the release back, and the service was answering again four minutes later.";
        let elsewhere = "I bake sourdough every weekend and feed the starter on Friday night.";
        let by_model = meaning.encode(&[question, answer, elsewhere]);
        assert!(by_model[0].cosine(&by_model[1]) > by_model[0].cosine(&by_model[2]) + 0.1);
        let by_table: Vec<_> = [question, answer, elsewhere]
            .iter()
            .map(|t| meaning.embed(t))
            .collect();
        assert!(by_table[0].cosine(&by_table[1]) > by_table[0].cosine(&by_table[2]));
    }

    #[test]
    fn recurring_texts_come_from_the_cache_unchanged() {
        let meaning = for_tests()
            .meaning()
            .expect("the tests' coach has the model");
        let text = "Describe how you would design a rate limiter for a public API.";
        let first = meaning.encode_cached(&[text]);
        let again = meaning.encode_cached(&[text]);
        assert_eq!(first, again);
        assert_eq!(first, meaning.encode(&[text]));
    }
}
