//! The level a job description hires at: a level word in the title, else
//! the years of experience it asks for, else a level word near the top.

use app::model::Seniority;

use super::{JdLine, LineKind};
use crate::coach::offline::text::tokens;

pub(super) fn seniority_cues(title: Option<&str>, lines: &[JdLine]) -> Option<Seniority> {
    if let Some(level) = title.and_then(level_word) {
        return Some(level);
    }
    let mut years: Option<u32> = None;
    for line in lines.iter().filter(|l| l.kind != LineKind::Other) {
        if let Some(y) = years_of_experience(&line.text) {
            years = Some(years.map_or(y, |cur| cur.max(y)));
        }
    }
    if let Some(y) = years {
        return Some(match y {
            0..=2 => Seniority::Junior,
            3..=4 => Seniority::Mid,
            5..=7 => Seniority::Senior,
            _ => Seniority::Staff,
        });
    }
    lines.iter().take(3).find_map(|l| level_word(&l.text))
}

fn level_word(text: &str) -> Option<Seniority> {
    let words = tokens(text);
    let has = |w: &str| words.iter().any(|t| t == w);
    if has("staff") || has("principal") || has("distinguished") {
        Some(Seniority::Staff)
    } else if has("senior") || has("sr") || has("lead") {
        Some(Seniority::Senior)
    } else if has("junior")
        || has("jr")
        || has("graduate")
        || has("intern")
        || has("entry-level")
        || text.to_lowercase().contains("entry level")
    {
        Some(Seniority::Junior)
    } else if has("mid-level") || has("intermediate") || text.to_lowercase().contains("mid level") {
        Some(Seniority::Mid)
    } else {
        None
    }
}

/// "5+ years", "3-5 years", "at least 4 years": the smallest number named.
fn years_of_experience(text: &str) -> Option<u32> {
    let words = tokens(text);
    for (i, w) in words.iter().enumerate() {
        if !(w.starts_with("year") || w.starts_with("yr")) || i == 0 {
            continue;
        }
        let before = &words[i - 1];
        let number: String = before.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = number.parse::<u32>()
            && n <= 30
        {
            return Some(n);
        }
    }
    None
}
