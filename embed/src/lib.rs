//! Sentence vectors from a static table distilled from a sentence-embedding
//! model (all-MiniLM-L6-v2).
//!
//! Running the transformer on every answer costs tens of milliseconds per
//! hundred words on a small machine. Instead, `embed-distill` runs it once,
//! at set-up, on every token of its vocabulary and on every word of the
//! content library that the vocabulary spells in pieces, and keeps each
//! output. A text's vector is then the frequency-weighted mean of its
//! words' vectors: microseconds per answer, the same on every run, and in
//! the model's own space, so "outage" sits near "incident" and far from
//! "sourdough". It reads topic and meaning of words, not word order: it
//! cannot tell "I blocked the launch" from "the launch blocked me". With the
//! `model` feature, [`encoder::Encoder`] runs the transformer itself, for
//! the few sentences where that difference matters.

#[cfg(feature = "model")]
pub mod encoder;
pub mod table;
pub mod tokenizer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use table::{FILE_NAME, Table, TableError};
pub use tokenizer::{Vocab, VocabError, words};

/// The vocabulary file that ships with the model.
pub const VOCAB_FILE: &str = "vocab.txt";

/// A unit-length vector, or zero for a text with no words the table knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Vector(Box<[f32]>);

impl Vector {
    /// Cosine similarity: both sides are unit length or zero.
    pub fn cosine(&self, other: &Vector) -> f32 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| a * b).sum()
    }

    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|v| *v == 0.0)
    }

    pub fn values(&self) -> &[f32] {
        &self.0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Vocab(#[from] VocabError),
    #[error("{0}")]
    Table(#[from] TableError),
    #[error("the table has {table} vocabulary rows but vocab.txt has {vocab} tokens")]
    Mismatch { table: usize, vocab: usize },
}

pub struct Embedder {
    vocab: Vocab,
    dim: usize,
    /// Each row as bytes times its own scale: a quarter of the memory of
    /// the table's floats, and cosines within a fraction of a percent.
    rows: Vec<i8>,
    scales: Vec<f32>,
    weights: Vec<f32>,
    words: HashMap<String, u32>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dim", &self.dim)
            .field("vocab", &self.vocab.len())
            .field("words", &self.words.len())
            .finish()
    }
}

impl Embedder {
    /// Loads `vocab.txt` and the distilled table from a model folder.
    pub fn load(dir: &Path) -> Result<Self, LoadError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| LoadError::Read { path, source })
        };
        let vocab = read(VOCAB_FILE)?;
        let vocab = Vocab::parse(&String::from_utf8_lossy(&vocab))?;
        let table = Table::parse(&read(FILE_NAME)?)?;
        Self::new(vocab, table)
    }

    pub fn new(vocab: Vocab, table: Table) -> Result<Self, LoadError> {
        if table.vocab_rows != vocab.len() {
            return Err(LoadError::Mismatch {
                table: table.vocab_rows,
                vocab: vocab.len(),
            });
        }
        let weights = weights(&vocab, table.words.len());
        let words = table
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), (table.vocab_rows + i) as u32))
            .collect();
        let dim = table.dim;
        let (rows, scales) = quantised(&centred(table.rows, dim, &weights), dim);
        Ok(Self {
            vocab,
            dim,
            rows,
            scales,
            weights,
            words,
        })
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The vector of a text: its words' vectors, weighted so that rare
    /// words count for more than "the" and "and".
    pub fn embed(&self, text: &str) -> Vector {
        let mut sum = vec![0.0f32; self.dim];
        let mut pieces = Vec::new();
        for word in words(text) {
            pieces.clear();
            match self.words.get(&word) {
                Some(&row) => pieces.push(row),
                None => self.vocab.pieces(&word, &mut pieces),
            }
            for &row in &pieces {
                let weight = self.weights[row as usize];
                if weight == 0.0 {
                    continue;
                }
                let weight = weight * self.scales[row as usize];
                let start = row as usize * self.dim;
                for (s, &v) in sum.iter_mut().zip(&self.rows[start..start + self.dim]) {
                    *s += weight * f32::from(v);
                }
            }
        }
        Vector(normalise(sum).into_boxed_slice())
    }
}

/// `v` made unit length, or all zeros when it is (nearly) zero.
pub fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 1e-6 {
        for x in &mut v {
            *x /= norm;
        }
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
    }
    v
}

/// How much each row counts in a text's vector. WordPiece vocabularies list
/// whole words roughly from most to least frequent, so a token's place
/// after "the" stands in for its rank; Zipf's law turns the rank into a
/// probability and smooth inverse frequency into a weight. Special tokens
/// and punctuation count for nothing; whole words added by distillation
/// are rarer than any vocabulary word.
fn weights(vocab: &Vocab, extra: usize) -> Vec<f32> {
    const SMOOTHING: f32 = 1e-3;
    let first_word = vocab.id("the").unwrap_or(0) as usize;
    let n = vocab.len().saturating_sub(first_word).max(2) as f32;
    let harmonic = n.ln() + 0.577;
    let mut out: Vec<f32> = (0..vocab.len())
        .map(|id| {
            let token = vocab.token(id as u32).unwrap_or_default();
            if token.starts_with('[') && token.ends_with(']') {
                return 0.0;
            }
            let bare = token.trim_start_matches("##");
            if bare.chars().all(|c| !c.is_alphanumeric()) {
                return 0.0;
            }
            if id < first_word {
                // Single characters: letters and digits, barely informative.
                return 0.1;
            }
            let rank = (id - first_word + 1) as f32;
            let p = 1.0 / (rank * harmonic);
            SMOOTHING / (SMOOTHING + p)
        })
        .collect();
    out.extend(std::iter::repeat_n(1.0, extra));
    out
}

/// Rows with the direction they all share taken out. Every output of the
/// model leans the same way, which would make any two texts look alike.
fn centred(mut rows: Vec<f32>, dim: usize, weights: &[f32]) -> Vec<f32> {
    let mut mean = vec![0.0f64; dim];
    let mut total = 0.0f64;
    for (row, &w) in rows.chunks_exact(dim).zip(weights) {
        if w == 0.0 {
            continue;
        }
        total += 1.0;
        for (m, v) in mean.iter_mut().zip(row) {
            *m += f64::from(*v);
        }
    }
    if total > 0.0 {
        for row in rows.chunks_exact_mut(dim) {
            for (v, m) in row.iter_mut().zip(&mean) {
                *v -= (m / total) as f32;
            }
        }
    }
    rows
}

/// Each row as signed bytes and the scale that turns them back into its
/// values: the row's largest magnitude maps to 127.
fn quantised(rows: &[f32], dim: usize) -> (Vec<i8>, Vec<f32>) {
    let mut bytes = Vec::with_capacity(rows.len());
    let mut scales = Vec::with_capacity(rows.len() / dim.max(1));
    for row in rows.chunks_exact(dim) {
        let largest = row.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        scales.push(scale);
        bytes.extend(
            row.iter()
                .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8),
        );
    }
    (bytes, scales)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedder() -> Embedder {
        let vocab = Vocab::parse("[PAD]\n[UNK]\n[CLS]\n[SEP]\n.\nthe\ncat\ndog\nbank\n##er\nmoney")
            .expect("a small vocabulary");
        let rows = vec![
            0.0, 0.0, 0.0, // [PAD]
            0.0, 0.0, 0.0, // [UNK]
            0.0, 0.0, 0.0, // [CLS]
            0.0, 0.0, 0.0, // [SEP]
            0.0, 0.0, 1.0, // .
            0.3, 0.3, 0.3, // the
            1.0, 0.1, 0.0, // cat
            0.9, 0.2, 0.0, // dog
            0.0, 1.0, 0.1, // bank
            0.0, 0.5, 0.5, // ##er
            0.1, 0.9, 0.0, // money
            0.0, 0.9, 0.3, // banker
        ];
        Embedder::new(
            vocab,
            Table {
                dim: 3,
                vocab_rows: 11,
                words: vec!["banker".into()],
                rows,
            },
        )
        .expect("consistent parts")
    }

    #[test]
    fn related_texts_are_closer_than_unrelated_ones() {
        let e = embedder();
        let cat = e.embed("The cat.");
        assert!(cat.cosine(&e.embed("the dog")) > cat.cosine(&e.embed("money")));
    }

    #[test]
    fn a_text_with_no_known_words_is_zero() {
        let e = embedder();
        assert!(e.embed("!!! ...").is_zero());
        assert!(e.embed("zzz").is_zero());
        assert_eq!(e.embed("").cosine(&e.embed("cat")), 0.0);
    }

    #[test]
    fn a_quantised_row_stays_within_half_a_step_of_its_values() {
        let row = [0.8f32, -0.4, 0.0, 0.013, -0.8];
        let (bytes, scales) = quantised(&row, 5);
        assert_eq!(bytes[0], 127);
        assert_eq!(bytes[4], -127);
        for (v, b) in row.iter().zip(&bytes) {
            assert!((v - scales[0] * f32::from(*b)).abs() <= scales[0] / 2.0);
        }
        let (zero, _) = quantised(&[0.0; 3], 3);
        assert_eq!(zero, [0, 0, 0]);
    }

    #[test]
    fn a_whole_word_row_is_preferred_to_its_pieces() {
        let e = embedder();
        let banker = e.embed("Banker");
        assert!(banker.cosine(&e.embed("money")) > 0.5);
    }

    #[test]
    fn a_table_that_does_not_fit_the_vocabulary_is_refused() {
        let vocab = Vocab::parse("[PAD]\n[UNK]\n[CLS]\n[SEP]\n").expect("vocabulary");
        let table = Table {
            dim: 1,
            vocab_rows: 3,
            words: vec![],
            rows: vec![0.0; 3],
        };
        assert!(matches!(
            Embedder::new(vocab, table),
            Err(LoadError::Mismatch { .. })
        ));
    }
}
