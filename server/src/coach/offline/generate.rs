//! Building a question set: candidates from the bank and from the job
//! description's own lines, scored against the request and chosen.

use std::collections::BTreeSet;

use app::model::{
    GenerateRequest, Provenance, ProvenanceSource, Question, QuestionKind, QuestionSet, Seniority,
};

use super::jd::{JdAnalysis, LineKind};
use super::select::{self, Candidate, Goals};
use super::tailor;
use super::text::content_words;
use super::{OfflineCoach, Reading, fnv1a, role_notice, title};
use crate::content::{BankQuestion, Role};

impl OfflineCoach {
    /// A question set for a checked request whose role, if any, exists.
    pub fn generate(&self, request: &GenerateRequest) -> QuestionSet {
        if request.resume.is_none() {
            return self.generate_with_skills(request).0;
        }
        // A résumé with nothing to ask about adds nothing here; the doors
        // that take one refuse it first (see `resume_part`).
        let part = self.read_resume(request);
        let mut set = self.generate_with_skills(&part.rest).0;
        self.finish_with_resume(request, part, &mut set);
        set
    }

    /// The set, and for each question the skills it tests.
    pub fn generate_with_skills(
        &self,
        request: &GenerateRequest,
    ) -> (QuestionSet, Vec<Vec<String>>) {
        let Reading {
            jd,
            named_role,
            role,
            seniority,
        } = self.read(request);
        let seed = fnv1a(&format!(
            "{:?}|{:?}|{:?}|{:?}|{}",
            request.role, request.job_description, seniority, request.kinds, request.count
        ));
        let count = request.count as usize;

        let must: Vec<String> = jd
            .as_ref()
            .map(|j| j.must_have_skills().map(|s| s.skill.clone()).collect())
            .unwrap_or_default();
        let mut candidates =
            self.bank_candidates(role, jd.as_ref(), seniority, &request.kinds, seed);
        let pick = |key: &str, n: usize| (fnv1a(&format!("{seed}:{key}")) % n as u64) as usize;
        if let Some(jd) = &jd {
            for t in tailor::line_questions(jd, pick) {
                if request.kinds.contains(&t.kind) {
                    candidates.push(self.tailored_candidate(t, seed));
                }
            }
        }
        // Skill questions name technologies ("PostgreSQL and Kafka"); practices
        // such as "reliability" are left to the bank's questions, which
        // handle them better than a template can.
        let majors: Vec<String> = jd
            .as_ref()
            .map(|j| {
                j.must_have_skills()
                    .filter(|s| s.major)
                    .map(|s| s.skill.clone())
                    .collect()
            })
            .unwrap_or_default();
        // Each further skill question in a set takes the next wording.
        let skill_template = |uncovered: &[String], nth: usize| {
            let skills: Vec<String> = uncovered
                .iter()
                .filter(|s| majors.contains(s))
                .take(3)
                .cloned()
                .collect();
            let variant = pick("skills", 3) + nth;
            (!skills.is_empty())
                .then(|| self.tailored_candidate(tailor::skill_question(&skills, variant), seed))
        };
        let max_tailored = match (&jd, role) {
            (None, _) => 0,
            (Some(_), Some(_)) => (count * 2).div_ceil(5),
            (Some(_), None) => count,
        };
        let chosen = select::choose(
            candidates,
            &Goals {
                count,
                kinds: &request.kinds,
                must_have: &must,
                max_tailored,
                skill_template: (jd.is_some() && request.kinds.contains(&QuestionKind::Technical))
                    .then_some(&skill_template as select::SkillTemplate),
                max_skill_questions: tailor::SKILL_WORDINGS,
            },
        );

        let skills: Vec<Vec<String>> = chosen.iter().map(|c| c.skills.clone()).collect();
        let questions: Vec<Question> = chosen
            .into_iter()
            .map(|c| Question {
                text: c.text,
                kind: c.kind,
                focus_area: c.focus_area,
                difficulty: c.difficulty,
                provenance: c.provenance,
                rubric: c.rubric,
                follow_ups: c.follow_ups,
            })
            .collect();

        let notice = match (named_role, role, &jd) {
            (None, _, Some(_)) => Some(role_notice(role)),
            _ if questions.len() < count => Some(format!(
                "Only {} questions fit these options; choose more kinds or another level for a longer set.",
                questions.len()
            )),
            _ => None,
        };

        let set = QuestionSet {
            title: title(role, jd.as_ref(), seniority),
            role: role.map(|r| r.slug.clone()),
            seniority,
            engine: self.engine().to_string(),
            prompt_version: None,
            questions,
            notice,
        };
        (set, skills)
    }

    fn tailored_candidate(&self, t: tailor::Tailored, seed: u64) -> Candidate {
        Candidate {
            words: content_words(&t.subject),
            jitter: unit(fnv1a(&format!("{seed}:{}", t.key))),
            wording: Some(t.wording),
            key: t.key,
            kind: t.kind,
            focus_area: t.focus_area,
            difficulty: t.difficulty,
            text: t.text,
            skills: t.skills,
            provenance: t.provenance,
            rubric: t.rubric,
            follow_ups: t.follow_ups,
            tailored: true,
            base: 0.5,
        }
    }

    fn bank_candidates(
        &self,
        role: Option<&Role>,
        jd: Option<&JdAnalysis>,
        seniority: Seniority,
        kinds: &[QuestionKind],
        seed: u64,
    ) -> Vec<Candidate> {
        let jd_words: BTreeSet<String> = jd
            .map(|j| {
                j.lines
                    .iter()
                    .filter(|l| l.kind != LineKind::Other)
                    .flat_map(|l| content_words(&l.text))
                    .collect()
            })
            .unwrap_or_default();
        let must: Vec<&str> = jd
            .map(|j| j.must_have_skills().map(|s| s.skill.as_str()).collect())
            .unwrap_or_default();

        let role_questions = role
            .into_iter()
            .flat_map(|r| r.questions.iter().map(move |q| (q, Some(r))));
        let shared = self.library.shared_questions().iter().map(|q| (q, None));
        let mut out = Vec::new();
        for (q, owner) in role_questions.chain(shared) {
            if !kinds.contains(&q.kind) || level_gap(q, seniority) > 1 {
                continue;
            }
            // With a job description, never bring in a technology it does not mention.
            if let Some(jd) = jd
                && self.named_tech[&q.id].iter().any(|t| !jd.mentions(t))
            {
                continue;
            }
            let canonical: Vec<String> = q
                .skills
                .iter()
                .map(|s| self.matcher.canonical(s).unwrap_or(s).to_string())
                .collect();
            let words = &self.words[&q.id];
            let overlap = words.intersection(&jd_words).count().min(4) as f32;
            let mut base = 0.6 * overlap
                - 0.6 * (f32::from(q.difficulty) - target_difficulty(seniority)).abs()
                - 2.0 * level_gap(q, seniority) as f32;
            // Questions written for the role come before the shared bank.
            if owner.is_none() {
                base -= 1.0;
            }
            let focus_area = match owner {
                Some(r) => r
                    .focus_area(&q.focus)
                    .map_or(q.focus.clone(), |f| f.name.clone()),
                None => q.focus.clone(),
            };
            let provenance = match canonical.iter().find(|s| must.contains(&s.as_str())) {
                Some(skill) => Provenance {
                    source: ProvenanceSource::Skill,
                    detail: skill.clone(),
                },
                None => Provenance {
                    source: ProvenanceSource::FocusArea,
                    detail: focus_area.clone(),
                },
            };
            out.push(Candidate {
                key: q.id.clone(),
                wording: None,
                kind: q.kind,
                focus_area,
                difficulty: q.difficulty,
                text: q.text.clone(),
                skills: canonical,
                provenance,
                rubric: q.rubric.clone(),
                follow_ups: q.follow_ups.clone(),
                words: words.clone(),
                tailored: false,
                base,
                jitter: unit(fnv1a(&format!("{seed}:{}", q.id))),
            });
        }
        out
    }
}

/// How many levels the question's range is from the asked-for level.
fn level_gap(q: &BankQuestion, seniority: Seniority) -> u8 {
    if seniority < q.min_seniority {
        q.min_seniority.rank() - seniority.rank()
    } else if seniority > q.max_seniority {
        seniority.rank() - q.max_seniority.rank()
    } else {
        0
    }
}

fn target_difficulty(seniority: Seniority) -> f32 {
    match seniority {
        Seniority::Junior => 1.3,
        Seniority::Mid => 2.0,
        Seniority::Senior => 2.4,
        Seniority::Staff => 2.8,
    }
}

fn unit(hash: u64) -> f32 {
    (hash >> 40) as f32 / (1u64 << 24) as f32
}
