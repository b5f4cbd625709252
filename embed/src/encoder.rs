//! all-MiniLM-L6-v2 itself: a six-layer BERT whose mean-pooled output is a
//! sentence's vector. It reads word order and context, which the static
//! table cannot, at a cost of tens of milliseconds per hundred tokens on a
//! small CPU, so callers give it a few short texts at a time.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};

use crate::{Vector, Vocab, normalise};

pub const WEIGHTS_FILE: &str = "model.safetensors";
pub const CONFIG_FILE: &str = "config.json";

#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("config.json is not a BERT configuration: {0}")]
    Config(#[from] serde_json::Error),
    #[error("the model: {0}")]
    Model(#[from] candle_core::Error),
}

pub struct Encoder {
    model: BertModel,
    vocab: Vocab,
    dim: usize,
}

impl Encoder {
    /// Loads `config.json` and `model.safetensors` from `dir`.
    pub fn load(dir: &Path, vocab: Vocab) -> Result<Self, EncoderError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| EncoderError::Read { path, source })
        };
        let config_bytes = read(CONFIG_FILE)?;
        let config: Config = serde_json::from_slice(&config_bytes)?;
        // candle keeps the width private; the same file states it.
        let dim: serde_json::Value = serde_json::from_slice(&config_bytes)?;
        let dim = dim["hidden_size"].as_u64().unwrap_or(384) as usize;
        let weights = read(WEIGHTS_FILE)?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu)?;
        let model = BertModel::load(vb, &config)?;
        Ok(Self { model, vocab, dim })
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The vectors of several texts, each cut at `max_pieces` WordPieces.
    pub fn embed(&self, texts: &[&str], max_pieces: usize) -> Result<Vec<Vector>, EncoderError> {
        let sequences: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                let mut pieces = self.vocab.encode(t);
                pieces.truncate(max_pieces);
                pieces
            })
            .collect();
        Ok(self
            .embed_pieces(&sequences)?
            .into_iter()
            .map(|v| Vector(normalise(v).into_boxed_slice()))
            .collect())
    }

    /// The mean of the model's output over `[CLS]`, the pieces and `[SEP]`
    /// for each sequence, not yet made unit length.
    pub fn embed_pieces(&self, sequences: &[Vec<u32>]) -> Result<Vec<Vec<f32>>, EncoderError> {
        if sequences.is_empty() {
            return Ok(Vec::new());
        }
        let len = sequences.iter().map(Vec::len).max().unwrap_or(0) + 2;
        let mut ids = Vec::with_capacity(sequences.len() * len);
        let mut mask = Vec::with_capacity(sequences.len() * len);
        for pieces in sequences {
            ids.push(self.vocab.cls());
            ids.extend_from_slice(pieces);
            ids.push(self.vocab.sep());
            let pad = len - pieces.len() - 2;
            ids.extend(std::iter::repeat_n(0, pad));
            mask.extend(std::iter::repeat_n(1u32, pieces.len() + 2));
            mask.extend(std::iter::repeat_n(0u32, pad));
        }
        let shape = (sequences.len(), len);
        let ids = Tensor::from_vec(ids, shape, &Device::Cpu)?;
        let mask = Tensor::from_vec(mask, shape, &Device::Cpu)?;
        let types = ids.zeros_like()?;
        let output = self.model.forward(&ids, &types, Some(&mask))?;
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = output.broadcast_mul(&mask)?.sum(1)?;
        let mean = summed.broadcast_div(&mask.sum(1)?)?;
        Ok(mean.to_vec2()?)
    }
}
