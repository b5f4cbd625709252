//! The file a distilled table is kept in: one vector per vocabulary token,
//! then one per whole word that the vocabulary can only spell in pieces.
//!
//! ```text
//! magic "RHEMBED1" | dim u32 | vocab rows u32 | word rows u32 | words length u32
//! words: UTF-8, one per line, in row order
//! rows: (vocab rows + word rows) × dim little-endian f32
//! ```

use std::io::Write;

pub const MAGIC: &[u8; 8] = b"RHEMBED1";
pub const FILE_NAME: &str = "static.bin";

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub dim: usize,
    pub vocab_rows: usize,
    pub words: Vec<String>,
    /// Row-major, `(vocab_rows + words.len()) * dim` values.
    pub rows: Vec<f32>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("not a Rehearse embedding table (bad magic)")]
    Magic,
    #[error("the table is cut short")]
    Truncated,
    #[error("the table's word list is not UTF-8")]
    Words,
    #[error("the table has {found} word rows but lists {listed} words")]
    WordCount { found: usize, listed: usize },
    #[error("the table holds a value that is not a finite number")]
    NotFinite,
}

impl Table {
    pub fn row(&self, i: usize) -> &[f32] {
        &self.rows[i * self.dim..(i + 1) * self.dim]
    }

    pub fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let words = self.words.join("\n");
        out.write_all(MAGIC)?;
        for n in [self.dim, self.vocab_rows, self.words.len(), words.len()] {
            out.write_all(&(n as u32).to_le_bytes())?;
        }
        out.write_all(words.as_bytes())?;
        for value in &self.rows {
            out.write_all(&value.to_le_bytes())?;
        }
        Ok(())
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, TableError> {
        let header = bytes.get(..24).ok_or(TableError::Truncated)?;
        if &header[..8] != MAGIC {
            return Err(TableError::Magic);
        }
        let field = |i: usize| {
            let at = 8 + 4 * i;
            u32::from_le_bytes(header[at..at + 4].try_into().expect("four bytes")) as usize
        };
        let (dim, vocab_rows, word_rows, words_len) = (field(0), field(1), field(2), field(3));
        let words_end = 24usize
            .checked_add(words_len)
            .ok_or(TableError::Truncated)?;
        let words_bytes = bytes.get(24..words_end).ok_or(TableError::Truncated)?;
        let words: Vec<String> = if words_len == 0 {
            Vec::new()
        } else {
            std::str::from_utf8(words_bytes)
                .map_err(|_| TableError::Words)?
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        if words.len() != word_rows {
            return Err(TableError::WordCount {
                found: word_rows,
                listed: words.len(),
            });
        }
        let count = (vocab_rows + word_rows)
            .checked_mul(dim)
            .ok_or(TableError::Truncated)?;
        let body = &bytes[words_end..];
        if body.len() != count * 4 {
            return Err(TableError::Truncated);
        }
        let rows: Vec<f32> = body
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().expect("four bytes")))
            .collect();
        if rows.iter().any(|v| !v.is_finite()) {
            return Err(TableError::NotFinite);
        }
        Ok(Self {
            dim,
            vocab_rows,
            words,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Table {
        Table {
            dim: 2,
            vocab_rows: 2,
            words: vec!["kubernetes".into()],
            rows: vec![1.0, 0.0, 0.0, 1.0, 0.5, -0.5],
        }
    }

    #[test]
    fn a_table_reads_back_as_written() {
        let mut bytes = Vec::new();
        small().write(&mut bytes).expect("writes to memory");
        assert_eq!(Table::parse(&bytes).expect("parses"), small());
    }

    #[test]
    fn a_damaged_table_is_refused() {
        let mut bytes = Vec::new();
        small().write(&mut bytes).expect("writes to memory");
        assert!(matches!(
            Table::parse(&bytes[..bytes.len() - 1]),
            Err(TableError::Truncated)
        ));
        assert!(matches!(
            Table::parse(b"RHEMBED0"),
            Err(TableError::Truncated)
        ));
        let mut wrong = bytes.clone();
        wrong[0] = b'X';
        assert!(matches!(Table::parse(&wrong), Err(TableError::Magic)));
    }
}
