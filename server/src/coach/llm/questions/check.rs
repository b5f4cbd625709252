//! Reading and checking the model's JSON: untrusted output repaired where
//! it can be, dropped where it cannot, into questions.

use std::collections::BTreeSet;

use app::model::{GenerateRequest, Provenance, ProvenanceSource, Question, QuestionKind};
use serde::Deserialize;

use super::{bounded, json_error, json_object, normalise, one_line};
use crate::coach::offline::Brief;
use crate::coach::offline::text::content_words;

const MIN_TEXT: usize = 15;
const MAX_TEXT: usize = 400;
const MAX_FOCUS: usize = 80;
const MAX_DETAIL: usize = 300;
const MAX_POINT: usize = 240;
const MAX_RUBRIC: usize = 6;
const MAX_FOLLOW_UPS: usize = 3;
/// Questions sharing this much of their content words say the same thing.
const NEAR_DUPLICATE: f32 = 0.8;

/// The model's output, read leniently: fields are checked one by one below.
#[derive(Debug, Deserialize)]
struct Output {
    questions: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct RawQuestion {
    text: String,
    kind: String,
    #[serde(default)]
    focus_area: String,
    #[serde(default)]
    difficulty: serde_json::Value,
    #[serde(default)]
    provenance: Option<RawProvenance>,
    #[serde(default)]
    rubric: Vec<serde_json::Value>,
    #[serde(default)]
    follow_ups: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct RawProvenance {
    #[serde(default)]
    source: String,
    #[serde(default)]
    detail: String,
}

/// What became of the model's questions.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Repairs {
    /// Questions dropped: unreadable, the wrong kind, too short or long, or
    /// repeating another.
    pub dropped: usize,
    /// JD quotes that were not in the job description, replaced.
    pub quotes_replaced: usize,
    /// Difficulties outside 1 to 3, clamped.
    pub clamped: usize,
}

/// Reads and checks the model's text. Repairs what can be repaired (clamps,
/// trims, replaces a quote that is not in the job description) and drops
/// questions that cannot be; fails when fewer than the count remain.
pub fn accept(
    content: &str,
    request: &GenerateRequest,
    brief: &Brief,
    jd: Option<&str>,
) -> Result<(Vec<Question>, Repairs), String> {
    let json = json_object(content).ok_or("the answer holds no JSON object")?;
    let output: Output = serde_json::from_str(json)
        .map_err(|e| format!("the JSON is not a question list: {}", json_error(&e)))?;
    let mut repairs = Repairs::default();
    let jd_norm = jd.map(normalise);
    let focus_names: Vec<&str> = brief
        .role
        .iter()
        .flat_map(|r| r.focus_areas.iter().map(|f| f.name.as_str()))
        .collect();

    let mut questions: Vec<Question> = Vec::new();
    // Each accepted question's normalised text and content words.
    let mut seen: Vec<(String, BTreeSet<String>)> = Vec::new();
    for value in output.questions {
        let Ok(raw) = serde_json::from_value::<RawQuestion>(value) else {
            repairs.dropped += 1;
            continue;
        };
        let text = one_line(&raw.text);
        let Some(kind) = QuestionKind::parse(&raw.kind).filter(|k| request.kinds.contains(k))
        else {
            repairs.dropped += 1;
            continue;
        };
        let length = text.chars().count();
        if !(MIN_TEXT..=MAX_TEXT).contains(&length) {
            repairs.dropped += 1;
            continue;
        }
        let words = content_words(&text);
        let normalised = normalise(&text);
        if seen
            .iter()
            .any(|(text, w)| *text == normalised || overlap(w, &words) >= NEAR_DUPLICATE)
        {
            repairs.dropped += 1;
            continue;
        }

        let difficulty = match raw.difficulty.as_i64().or_else(|| {
            raw.difficulty
                .as_f64()
                .map(|f| f.round() as i64)
                .or_else(|| raw.difficulty.as_str().and_then(|s| s.trim().parse().ok()))
        }) {
            Some(d @ 1..=3) => d as u8,
            Some(d) => {
                repairs.clamped += 1;
                d.clamp(1, 3) as u8
            }
            None => {
                repairs.clamped += 1;
                2
            }
        };

        // A focus area the role has, matched without regard to case; else
        // the model's own words, bounded.
        let model_focus = bounded(&one_line(&raw.focus_area), MAX_FOCUS);
        let focus_area = focus_names
            .iter()
            .find(|name| name.eq_ignore_ascii_case(model_focus.trim()))
            .map(|name| name.to_string())
            .unwrap_or(model_focus);

        let provenance = provenance(
            raw.provenance,
            &text,
            &focus_area,
            brief,
            jd_norm.as_deref(),
            &mut repairs,
        );
        let focus_area = if focus_area.is_empty() {
            match provenance.source {
                ProvenanceSource::FocusArea => provenance.detail.clone(),
                _ => kind.label().to_string(),
            }
        } else {
            focus_area
        };

        let rubric = points(&raw.rubric, MAX_RUBRIC);
        if rubric.is_empty() {
            repairs.dropped += 1;
            continue;
        }
        seen.push((normalised, words));
        questions.push(Question {
            text,
            kind,
            focus_area,
            difficulty,
            provenance,
            rubric,
            follow_ups: points(&raw.follow_ups, MAX_FOLLOW_UPS),
        });
    }

    let count = request.count as usize;
    if questions.len() < count {
        return Err(format!(
            "{} usable questions of the {count} asked for ({} dropped)",
            questions.len(),
            repairs.dropped
        ));
    }
    questions.truncate(count);
    Ok((questions, repairs))
}

/// Why the question is there, checked: a quote must be in the job
/// description, a skill must be one it asks for, a focus area must be the
/// role's. Anything else falls back to a skill the question names, then to
/// its focus area.
fn provenance(
    raw: Option<RawProvenance>,
    text: &str,
    focus_area: &str,
    brief: &Brief,
    jd_norm: Option<&str>,
    repairs: &mut Repairs,
) -> Provenance {
    let skills: Vec<&String> = brief.must_have.iter().chain(&brief.nice_to_have).collect();
    if let Some(raw) = raw {
        let detail = bounded(&one_line(&raw.detail), MAX_DETAIL);
        match raw.source.trim() {
            "jd_line" => {
                let found = jd_norm.is_some_and(|jd| {
                    let quote = normalise(&detail);
                    quote.chars().count() >= 8 && jd.contains(&quote)
                });
                if found {
                    return Provenance {
                        source: ProvenanceSource::JdLine,
                        detail,
                    };
                }
                repairs.quotes_replaced += 1;
            }
            "skill" => {
                if let Some(skill) = skills
                    .iter()
                    .find(|s| s.eq_ignore_ascii_case(detail.trim()))
                {
                    return Provenance {
                        source: ProvenanceSource::Skill,
                        detail: (*skill).clone(),
                    };
                }
            }
            _ => {}
        }
    }
    // A skill the job asks for that the question itself names.
    let lower = text.to_lowercase();
    if let Some(skill) = skills
        .iter()
        .find(|s| contains_word(&lower, &s.to_lowercase()))
    {
        return Provenance {
            source: ProvenanceSource::Skill,
            detail: (*skill).clone(),
        };
    }
    Provenance {
        source: ProvenanceSource::FocusArea,
        detail: if focus_area.is_empty() {
            brief
                .role
                .as_ref()
                .and_then(|r| r.focus_areas.first())
                .map(|f| f.name.clone())
                .unwrap_or_else(|| "General".to_string())
        } else {
            focus_area.to_string()
        },
    }
}

fn points(values: &[serde_json::Value], max: usize) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.as_str())
        .map(one_line)
        .filter(|p| p.chars().count() >= 3)
        .map(|p| bounded(&p, MAX_POINT))
        .take(max)
        .collect()
}

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / union as f32
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
