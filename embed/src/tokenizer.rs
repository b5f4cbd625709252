//! The uncased BERT tokenizer that all-MiniLM-L6-v2 was trained with:
//! clean, lowercase, strip accents, split off punctuation and CJK
//! characters, then greedy longest-match WordPiece over `vocab.txt`.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

/// Words longer than this become `[UNK]`, as in the original tokenizer.
const MAX_WORD_CHARS: usize = 100;

pub const PAD: &str = "[PAD]";
pub const UNK: &str = "[UNK]";
pub const CLS: &str = "[CLS]";
pub const SEP: &str = "[SEP]";

#[derive(Debug, Clone)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    tokens: Vec<String>,
    unk: u32,
    cls: u32,
    sep: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    #[error("the vocabulary has no {0} token")]
    Missing(&'static str),
    #[error("the vocabulary is empty")]
    Empty,
}

impl Vocab {
    /// A vocabulary from the lines of `vocab.txt`: one token per line, its
    /// line number its id.
    pub fn parse(text: &str) -> Result<Self, VocabError> {
        let tokens: Vec<String> = text.lines().map(str::to_string).collect();
        if tokens.is_empty() {
            return Err(VocabError::Empty);
        }
        let ids: HashMap<String, u32> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let id = |name: &'static str| ids.get(name).copied().ok_or(VocabError::Missing(name));
        Ok(Self {
            unk: id(UNK)?,
            cls: id(CLS)?,
            sep: id(SEP)?,
            ids,
            tokens,
        })
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn id(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// Every token, in id order.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(String::as_str)
    }

    pub fn token(&self, id: u32) -> Option<&str> {
        self.tokens.get(id as usize).map(String::as_str)
    }

    pub fn unk(&self) -> u32 {
        self.unk
    }

    pub fn cls(&self) -> u32 {
        self.cls
    }

    pub fn sep(&self) -> u32 {
        self.sep
    }

    /// The WordPiece ids of one word from [`words`]; `[UNK]` alone when
    /// the word cannot be spelled from the vocabulary.
    pub fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let start_len = out.len();
        let mut rest = word;
        let mut first = true;
        let mut piece = String::new();
        while !rest.is_empty() {
            let mut end = rest.len();
            let found = loop {
                piece.clear();
                if !first {
                    piece.push_str("##");
                }
                piece.push_str(&rest[..end]);
                if let Some(&id) = self.ids.get(piece.as_str()) {
                    break Some(id);
                }
                match rest[..end].char_indices().next_back() {
                    Some((at, _)) if at > 0 => end = at,
                    _ => break None,
                }
            };
            match found {
                Some(id) => {
                    out.push(id);
                    rest = &rest[end..];
                    first = false;
                }
                None => {
                    out.truncate(start_len);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }

    /// Every WordPiece id of `text`, without `[CLS]` and `[SEP]`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for word in words(text) {
            self.pieces(&word, &mut out);
        }
        out
    }
}

/// The words of `text` as the BERT basic tokenizer splits them: cleaned,
/// lowercased and stripped of accents, with each punctuation mark and CJK
/// character a word of its own.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for c in text.nfd() {
        if c == '\0' || c == '\u{fffd}' || is_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            flush(&mut current, &mut out);
            continue;
        }
        if c.is_control() {
            continue;
        }
        if is_punctuation(c) || is_cjk(c) {
            flush(&mut current, &mut out);
            out.push(c.to_string());
            continue;
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut out);
    out
}

/// Combining marks left after canonical decomposition: the accents that
/// the uncased model never saw.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// ASCII symbols count as punctuation, as in BERT, plus the Unicode
/// punctuation blocks.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A1..=0x00BF | 0x00D7 | 0x00F7 | 0x2010..=0x2027 | 0x2030..=0x205E
            | 0x2E00..=0x2E7F | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
            | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        Vocab::parse("[PAD]\n[UNK]\n[CLS]\n[SEP]\nun\n##aff\n##able\nrun\n##ning\n,\n.\nthe\n")
            .expect("a small vocabulary")
    }

    #[test]
    fn words_are_lowercased_unaccented_and_split_at_punctuation() {
        assert_eq!(
            words("Café, RÉSUMÉ-ready!\tdon't"),
            ["cafe", ",", "resume", "-", "ready", "!", "don", "'", "t"]
        );
    }

    #[test]
    fn control_characters_vanish_and_cjk_stands_alone() {
        assert_eq!(words("a\u{7}b 中文x"), ["ab", "中", "文", "x"]);
    }

    #[test]
    fn wordpiece_takes_the_longest_match_first() {
        let v = vocab();
        assert_eq!(v.encode("Unaffable running."), [4, 5, 6, 7, 8, 10]);
    }

    #[test]
    fn a_word_that_cannot_be_spelled_is_unknown_as_a_whole() {
        let v = vocab();
        assert_eq!(v.encode("unzzz the"), [1, 11]);
        let long = "a".repeat(101);
        assert_eq!(v.encode(&long), [1]);
    }

    #[test]
    fn a_vocabulary_without_its_special_tokens_is_refused() {
        assert!(matches!(
            Vocab::parse("[PAD]\n[UNK]\n"),
            Err(VocabError::Missing(CLS))
        ));
    }
}
