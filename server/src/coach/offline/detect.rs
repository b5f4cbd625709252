//! Which role a job description is for, when the visitor did not say.

use std::collections::HashMap;

use super::jd::JdAnalysis;
use super::skills::SkillMatcher;
use super::text::tokens;
use crate::content::{Library, Role};

/// Below this a description matches no role well enough to claim it.
const MIN_SCORE: f32 = 2.5;
/// What each further mention of a role's name in the heading adds: half
/// of what the first is worth.
const AGAIN: f32 = 2.0;

/// Each role's skill profile (see [`skill_profile`]), in the library's
/// order: worked out once, not for every description read.
pub struct Profiles(Vec<HashMap<String, usize>>);

impl Profiles {
    pub fn new(library: &Library, matcher: &SkillMatcher) -> Self {
        Self(
            library
                .roles()
                .iter()
                .map(|role| skill_profile(role, matcher))
                .collect(),
        )
    }
}

/// The role `jd` is for, from `library`, whose roles' skills `profiles`
/// holds.
pub fn detect<'a>(library: &'a Library, jd: &JdAnalysis, profiles: &Profiles) -> Option<&'a Role> {
    let heading: Vec<String> = jd
        .title
        .iter()
        .map(String::as_str)
        .chain(
            jd.lines
                .iter()
                .take_while(|l| l.paragraph < 2)
                .map(|l| l.text.as_str()),
        )
        .flat_map(tokens)
        .collect();

    let mut best: Option<(&Role, f32)> = None;
    for (role, profile) in library.roles().iter().zip(&profiles.0) {
        // The longest of the role's names in the heading, and more for
        // each further time the posting names the role there: "Web
        // Developer (Full Stack)... this is a full-stack position".
        let (title, times) = mentions(&heading, role);
        let title = title + AGAIN * times.saturating_sub(1) as f32;
        let skills: f32 = jd
            .skills
            .iter()
            .map(|s| {
                let weight = if s.must_have { 1.0 } else { 0.5 };
                weight * (1.0 + profile.get(s.skill.as_str()).copied().unwrap_or(0) as f32).ln()
            })
            .sum();
        let score = title + skills;
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((role, score));
        }
    }
    best.filter(|&(_, score)| score >= MIN_SCORE)
        .map(|(role, _)| role)
}

/// How many of the role's questions test each skill, by the taxonomy's
/// name for it, as a job description's skills are named: the bank's
/// "offline-first" is the description's "offline support".
fn skill_profile(role: &Role, matcher: &SkillMatcher) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for q in &role.questions {
        for s in &q.skills {
            *counts
                .entry(matcher.canonical(s).unwrap_or(s).to_string())
                .or_default() += 1;
        }
    }
    counts
}

/// How strongly `heading` names `role` (4 plus the words of the longest of
/// its names found there), and how many times it names it. A name inside a
/// longer one ("Full Stack" in "Full Stack Engineer") is the same mention.
pub(super) fn mentions(heading: &[String], role: &Role) -> (f32, usize) {
    let mut names: Vec<Vec<String>> = role
        .title_names()
        .map(|name| tokens(&name))
        .filter(|words| !words.is_empty())
        .collect();
    names.sort_by_key(|words| std::cmp::Reverse(words.len()));
    let mut taken = vec![false; heading.len()];
    let (mut title, mut times) = (0.0_f32, 0);
    for words in &names {
        let n = words.len();
        for start in 0..(heading.len() + 1).saturating_sub(n) {
            let span = start..start + n;
            if heading[span.clone()] == words[..] && !taken[span.clone()].contains(&true) {
                taken[span].fill(true);
                times += 1;
                title = title.max(4.0 + n as f32);
            }
        }
    }
    (title, times)
}
