//! Ranks candidate questions and picks a balanced set: across kinds, across
//! focus areas, covering the skills the job needs, never two alike.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use app::model::{Provenance, ProvenanceSource, QuestionKind};

use super::tailor::join_names;
use super::text::similarity;

/// Two questions whose content words overlap this much are the same question.
pub const NEAR_DUPLICATE: f32 = 0.45;

/// Writes a question for some uncovered skills; see [`Goals::skill_template`].
pub type SkillTemplate<'a> = &'a dyn Fn(&[String], usize) -> Option<Candidate>;

#[derive(Debug, Clone)]
pub struct Candidate {
    pub key: String,
    /// The template wording of a tailored question; a set uses each once.
    pub wording: Option<String>,
    pub kind: QuestionKind,
    pub focus_area: String,
    pub difficulty: u8,
    pub text: String,
    pub skills: Vec<String>,
    pub provenance: Provenance,
    pub rubric: Vec<String>,
    pub follow_ups: Vec<String>,
    pub words: BTreeSet<String>,
    /// Written from a template rather than taken from the curated bank.
    pub tailored: bool,
    /// How well it fits before balancing: relevance, difficulty, level.
    pub base: f32,
    /// Deterministic tie-breaker in [0, 1).
    pub jitter: f32,
}

pub struct Goals<'a> {
    pub count: usize,
    pub kinds: &'a [QuestionKind],
    /// Skills the job needs, most central first; covering one not yet
    /// covered earns a bonus, larger for the first few.
    pub must_have: &'a [String],
    /// At most this many template questions.
    pub max_tailored: usize,
    /// Writes a question about some of the given uncovered skills, when the
    /// job description asks for skills the bank cannot cover; `None` when
    /// none of them suits a written question.
    pub skill_template: Option<SkillTemplate<'a>>,
    /// At most this many of those, one per wording, so none reads like another.
    pub max_skill_questions: usize,
}

pub fn choose(candidates: Vec<Candidate>, goals: &Goals) -> Vec<Candidate> {
    let quotas = quotas(goals.count, goals.kinds);
    let mut pool = candidates;
    let mut chosen: Vec<Candidate> = Vec::new();
    let mut covered: HashSet<String> = HashSet::new();
    let mut per_kind: BTreeMap<QuestionKind, usize> = BTreeMap::new();
    let mut per_focus: BTreeMap<String, usize> = BTreeMap::new();
    let mut tailored = 0;
    let mut skill_questions = 0;
    // Set once some kind has run out of candidates before reaching its quota,
    // so the other kinds fill the set.
    let mut quotas_exhausted = false;
    let mut wordings: HashSet<String> = HashSet::new();

    while chosen.len() < goals.count && !pool.is_empty() {
        let all_quotas_met = quotas_exhausted
            || goals
                .kinds
                .iter()
                .all(|k| per_kind.get(k).copied().unwrap_or(0) >= quotas[k]);
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in pool.iter().enumerate() {
            let used = per_kind.get(&c.kind).copied().unwrap_or(0);
            if !all_quotas_met && used >= quotas[&c.kind] {
                continue;
            }
            if c.tailored && tailored >= goals.max_tailored {
                continue;
            }
            if c.wording.as_ref().is_some_and(|w| wordings.contains(w)) {
                continue;
            }
            let gain: f32 = c
                .skills
                .iter()
                .filter(|s| !covered.contains(*s))
                .filter_map(|s| goals.must_have.iter().position(|m| m == s))
                .map(priority)
                .sum();
            let focus_used = per_focus.get(&c.focus_area).copied().unwrap_or(0) as f32;
            let score = c.base + 3.0 * gain - 1.2 * focus_used + 0.01 * c.jitter;
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        // A question written for the skills still uncovered, if that beats
        // everything in the pool.
        let uncovered: Vec<String> = goals
            .must_have
            .iter()
            .filter(|s| !covered.contains(*s))
            .cloned()
            .collect();
        let technical_open = all_quotas_met
            || per_kind.get(&QuestionKind::Technical).copied().unwrap_or(0)
                < quotas.get(&QuestionKind::Technical).copied().unwrap_or(0);
        let template = goals
            .skill_template
            .filter(|_| {
                !uncovered.is_empty()
                    && tailored < goals.max_tailored
                    && skill_questions < goals.max_skill_questions
                    && technical_open
            })
            .and_then(|write| write(&uncovered, skill_questions));
        let template_score = template.as_ref().map(|t| {
            let gain: f32 = t
                .skills
                .iter()
                .filter_map(|s| goals.must_have.iter().position(|m| m == s))
                .map(priority)
                .sum();
            let focus_used = per_focus.get(&t.focus_area).copied().unwrap_or(0) as f32;
            t.base + 3.0 * gain - 1.2 * focus_used
        });
        let pick = match (best, template, template_score) {
            (Some((_, s)), Some(t), Some(ts)) if ts > s => t,
            (None, Some(t), _) => t,
            (Some((index, _)), _, _) => pool.swap_remove(index),
            (None, None, _) if !all_quotas_met => {
                quotas_exhausted = true;
                continue;
            }
            (None, None, _) => break,
        };
        covered.extend(pick.skills.iter().cloned());
        *per_kind.entry(pick.kind).or_default() += 1;
        *per_focus.entry(pick.focus_area.clone()).or_default() += 1;
        tailored += usize::from(pick.tailored);
        wordings.extend(pick.wording.clone());
        skill_questions += usize::from(pick.key.starts_with("skill:"));
        pool.retain(|c| similarity(&c.words, &pick.words) < NEAR_DUPLICATE);
        chosen.push(pick);
    }

    name_skills(&mut chosen, goals.must_have);
    chosen.sort_by(|a, b| {
        kind_order(a.kind)
            .cmp(&kind_order(b.kind))
            .then(a.difficulty.cmp(&b.difficulty))
            .then(a.key.cmp(&b.key))
    });
    chosen
}

/// Each bank question that tests required skills names one of them ("Tests
/// the skill: performance management"). Between them, the set names as many
/// different required skills as it can, the most central first: questions
/// with fewer skills to choose from choose first.
fn name_skills(chosen: &mut [Candidate], must_have: &[String]) {
    let ranks = |c: &Candidate| -> Vec<usize> {
        let mut ranks: Vec<usize> = c
            .skills
            .iter()
            .filter_map(|s| must_have.iter().position(|m| m == s))
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        ranks
    };
    let names_itself = |c: &Candidate| {
        c.provenance.source != ProvenanceSource::Skill || c.key.starts_with("skill:")
    };
    // Quoted lines and questions written for skills name theirs already.
    let mut named: HashSet<usize> = chosen
        .iter()
        .filter(|c| c.provenance.source == ProvenanceSource::JdLine || c.key.starts_with("skill:"))
        .flat_map(ranks)
        .collect();
    let mut order: Vec<(usize, Vec<usize>)> = chosen
        .iter()
        .enumerate()
        .filter(|(_, c)| !names_itself(c))
        .map(|(i, c)| (i, ranks(c)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    order.sort_by_key(|(i, r)| (r.len(), *i));
    for (i, r) in order {
        // The first not yet named leads; the others it tests follow, so
        // a question that tests three of the job's skills says so.
        let lead = *r.iter().find(|x| !named.contains(x)).unwrap_or(&r[0]);
        let mut ranks = vec![lead];
        ranks.extend(
            r.iter()
                .copied()
                .filter(|&x| x != lead)
                .take(NAMED_PER_QUESTION - 1),
        );
        named.extend(&ranks);
        let names: Vec<String> = ranks.iter().map(|&x| must_have[x].clone()).collect();
        chosen[i].provenance.detail = join_names(&names);
    }
}

/// At most this many of the job's skills named for one question.
const NAMED_PER_QUESTION: usize = 3;

/// Required skills come most central first: covering one of the first few
/// is worth a question; the long tail counts for less.
fn priority(rank: usize) -> f32 {
    if rank < TOP_SKILLS { 1.0 } else { 0.3 }
}

/// How many of a job's most central skills a set should cover first.
pub const TOP_SKILLS: usize = 6;

/// The set splits evenly across the kinds asked for; the first kinds take
/// any remainder.
fn quotas(count: usize, kinds: &[QuestionKind]) -> BTreeMap<QuestionKind, usize> {
    let n = kinds.len().max(1);
    kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, count / n + usize::from(i < count % n)))
        .collect()
}

/// The order an interview usually runs in: stories first, then depth.
fn kind_order(kind: QuestionKind) -> u8 {
    match kind {
        QuestionKind::Behavioral => 0,
        QuestionKind::Technical => 1,
        QuestionKind::SystemDesign => 2,
        QuestionKind::Situational => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::offline::text::content_words;

    fn candidate(
        key: &str,
        kind: QuestionKind,
        focus: &str,
        text: &str,
        skills: &[&str],
    ) -> Candidate {
        Candidate {
            key: key.into(),
            wording: None,
            kind,
            focus_area: focus.into(),
            difficulty: 2,
            text: text.into(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            provenance: Provenance {
                source: ProvenanceSource::FocusArea,
                detail: focus.into(),
            },
            rubric: vec![],
            follow_ups: vec![],
            words: content_words(text),
            tailored: false,
            base: 0.0,
            jitter: 0.0,
        }
    }

    #[test]
    fn kinds_are_balanced_and_near_duplicates_skipped() {
        use QuestionKind::*;
        let pool = vec![
            candidate(
                "a",
                Behavioral,
                "x",
                "Tell me about a time you shipped a risky database migration",
                &[],
            ),
            candidate(
                "b",
                Behavioral,
                "x",
                "Tell me about a time you shipped a risky database migration late",
                &[],
            ),
            candidate(
                "c",
                Behavioral,
                "y",
                "Describe mentoring a new colleague through their first incident",
                &[],
            ),
            candidate(
                "d",
                Technical,
                "x",
                "How does an index speed up a query?",
                &[],
            ),
            candidate(
                "e",
                Technical,
                "y",
                "Explain how TLS certificates are validated",
                &[],
            ),
        ];
        let goals = Goals {
            count: 4,
            kinds: &[Behavioral, Technical],
            must_have: &[],
            max_tailored: 0,
            skill_template: None,
            max_skill_questions: 0,
        };
        let chosen: Vec<String> = choose(pool, &goals).into_iter().map(|c| c.key).collect();
        assert_eq!(chosen.len(), 4);
        assert!(!(chosen.contains(&"a".to_string()) && chosen.contains(&"b".to_string())));
        assert!(chosen.contains(&"c".to_string()));
    }

    #[test]
    fn uncovered_must_have_skills_win() {
        use QuestionKind::*;
        let pool = vec![
            candidate("plain", Technical, "x", "Explain eventual consistency", &[]),
            candidate(
                "kafka",
                Technical,
                "y",
                "How would you size partitions for a topic?",
                &["Kafka"],
            ),
        ];
        let must = ["Kafka".to_string()];
        let goals = Goals {
            count: 1,
            kinds: &[Technical],
            must_have: &must,
            max_tailored: 0,
            skill_template: None,
            max_skill_questions: 0,
        };
        assert_eq!(choose(pool, &goals)[0].key, "kafka");
    }

    #[test]
    fn a_question_names_the_most_central_skill_it_adds() {
        use QuestionKind::*;
        let skill = |mut c: Candidate, detail: &str| {
            c.provenance = Provenance {
                source: ProvenanceSource::Skill,
                detail: detail.into(),
            };
            c
        };
        let pool = vec![
            skill(
                candidate(
                    "talk",
                    Behavioral,
                    "x",
                    "Explain a decision to the whole company",
                    &["communication"],
                ),
                "communication",
            ),
            skill(
                candidate(
                    "cuts",
                    Situational,
                    "y",
                    "You must tell two engineers their work is below the bar",
                    &["communication", "performance management"],
                ),
                "communication",
            ),
        ];
        let must = [
            "communication".to_string(),
            "performance management".to_string(),
        ];
        let goals = Goals {
            count: 2,
            kinds: &[Behavioral, Situational],
            must_have: &must,
            max_tailored: 0,
            skill_template: None,
            max_skill_questions: 0,
        };
        let chosen = choose(pool, &goals);
        let detail = |key: &str| {
            chosen
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.provenance.detail.clone())
        };
        assert_eq!(detail("talk").as_deref(), Some("communication"));
        // It leads with the skill no other question names, then names the
        // rest it tests.
        assert_eq!(
            detail("cuts").as_deref(),
            Some("performance management and communication")
        );
    }
}
