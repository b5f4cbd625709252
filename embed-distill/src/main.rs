//! Runs all-MiniLM-L6-v2 once over every token of its vocabulary, and over
//! every word of the content library that the vocabulary spells in pieces,
//! and writes each sentence embedding to the static table the server reads.
//!
//!   embed-distill MODEL_DIR [WORDS_DIR ...]
//!
//! MODEL_DIR holds config.json, model.safetensors and vocab.txt; the table
//! is written there as static.bin. WORDS_DIR is searched for .toml and .txt
//! files whose words are added.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use embed::encoder::Encoder;
use embed::{Table, Vocab};

/// Sequences per forward pass: big enough to keep the matrix kernels busy,
/// small enough to stay within a few hundred megabytes.
const BATCH: usize = 512;

fn main() -> Result<()> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let Some(model_dir) = args.next() else {
        bail!("usage: embed-distill MODEL_DIR [WORDS_DIR ...]");
    };
    let word_dirs: Vec<PathBuf> = args.collect();
    let started = Instant::now();

    let vocab_text = std::fs::read_to_string(model_dir.join(embed::VOCAB_FILE))
        .with_context(|| format!("reading {}", model_dir.join(embed::VOCAB_FILE).display()))?;
    let vocab = Vocab::parse(&vocab_text)?;
    let encoder = Encoder::load(&model_dir, vocab.clone()).context("loading the model")?;

    let mut sequences: Vec<Vec<u32>> = (0..vocab.len() as u32).map(|id| vec![id]).collect();
    let words = library_words(&vocab, &word_dirs)?;
    for word in &words {
        let mut pieces = Vec::new();
        vocab.pieces(word, &mut pieces);
        sequences.push(pieces);
    }

    let dim = encoder.dim();
    let mut rows = vec![0.0f32; sequences.len() * dim];
    // Similar lengths together, so little of each batch is padding.
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    order.sort_by_key(|&i| sequences[i].len());
    for batch in order.chunks(BATCH) {
        let pieces: Vec<Vec<u32>> = batch.iter().map(|&i| sequences[i].clone()).collect();
        for (&i, vector) in batch.iter().zip(encoder.embed_pieces(&pieces)?) {
            rows[i * dim..(i + 1) * dim].copy_from_slice(&embed::normalise(vector));
        }
    }

    let table = Table {
        dim,
        vocab_rows: vocab.len(),
        words,
        rows,
    };
    let out = model_dir.join(embed::FILE_NAME);
    let partial = model_dir.join(format!("{}.partial", embed::FILE_NAME));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&partial)?);
    table.write(&mut file)?;
    file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&partial, &out)?;
    eprintln!(
        "embed-distill: {} tokens and {} words in {:.1} s -> {}",
        table.vocab_rows,
        table.words.len(),
        started.elapsed().as_secs_f32(),
        out.display()
    );
    Ok(())
}

/// Words of the content files that the vocabulary has no single token for,
/// such as "kubernetes" or "idempotent": distilled whole, they mean what
/// they say instead of the average of their pieces.
fn library_words(vocab: &Vocab, dirs: &[PathBuf]) -> Result<Vec<String>> {
    let mut found = BTreeSet::new();
    let mut files = Vec::new();
    for dir in dirs {
        collect_files(dir, &mut files)?;
    }
    let mut pieces = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        for word in embed::words(&text) {
            if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            pieces.clear();
            vocab.pieces(&word, &mut pieces);
            if pieces.len() >= 2 && !pieces.contains(&vocab.unk()) {
                found.insert(word);
            }
        }
    }
    Ok(found.into_iter().collect())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "txt")
        ) {
            out.push(path);
        }
    }
    Ok(())
}
