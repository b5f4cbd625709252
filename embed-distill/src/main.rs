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
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
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
    let config: Config = serde_json::from_str(
        &std::fs::read_to_string(model_dir.join("config.json")).context("reading config.json")?,
    )
    .context("parsing config.json")?;
    let weights = model_dir.join("model.safetensors");
    // SAFETY: the file is only read, and set-up does not change it while
    // this short-lived process runs.
    let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &Device::Cpu) }
        .with_context(|| format!("opening {}", weights.display()))?;
    let model = BertModel::load(vb, &config).context("loading the model")?;

    let mut sequences: Vec<Vec<u32>> = (0..vocab.len() as u32).map(|id| vec![id]).collect();
    let words = library_words(&vocab, &word_dirs)?;
    for word in &words {
        let mut pieces = Vec::new();
        vocab.pieces(word, &mut pieces);
        sequences.push(pieces);
    }

    let dim = config_dim(&model_dir)?;
    let mut rows = vec![0.0f32; sequences.len() * dim];
    // Similar lengths together, so little of each batch is padding.
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    order.sort_by_key(|&i| sequences[i].len());
    for batch in order.chunks(BATCH) {
        let vectors = embed_batch(&model, &vocab, batch.iter().map(|&i| &sequences[i][..]))?;
        for (&i, vector) in batch.iter().zip(vectors) {
            rows[i * dim..(i + 1) * dim].copy_from_slice(&vector);
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

fn config_dim(model_dir: &Path) -> Result<usize> {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(model_dir.join("config.json"))?)?;
    config["hidden_size"]
        .as_u64()
        .map(|d| d as usize)
        .context("config.json has no hidden_size")
}

/// The model's sentence embedding of each sequence: the mean of its output
/// over [CLS], the pieces and [SEP], made unit length.
fn embed_batch<'a>(
    model: &BertModel,
    vocab: &Vocab,
    batch: impl Iterator<Item = &'a [u32]>,
) -> Result<Vec<Vec<f32>>> {
    let batch: Vec<&[u32]> = batch.collect();
    let len = batch.iter().map(|s| s.len()).max().unwrap_or(0) + 2;
    let mut ids = Vec::with_capacity(batch.len() * len);
    let mut mask = Vec::with_capacity(batch.len() * len);
    for pieces in &batch {
        ids.push(vocab.cls());
        ids.extend_from_slice(pieces);
        ids.push(vocab.sep());
        let pad = len - pieces.len() - 2;
        ids.extend(std::iter::repeat_n(0, pad));
        mask.extend(std::iter::repeat_n(1u32, pieces.len() + 2));
        mask.extend(std::iter::repeat_n(0u32, pad));
    }
    let shape = (batch.len(), len);
    let ids = Tensor::from_vec(ids, shape, &Device::Cpu)?;
    let mask = Tensor::from_vec(mask, shape, &Device::Cpu)?;
    let types = ids.zeros_like()?;
    let output = model.forward(&ids, &types, Some(&mask))?;
    let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let summed = output.broadcast_mul(&mask)?.sum(1)?;
    let counts = mask.sum(1)?;
    let mean = summed.broadcast_div(&counts)?;
    let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
    let unit = mean.broadcast_div(&norm)?;
    Ok(unit.to_vec2()?)
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
