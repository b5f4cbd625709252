//! The built-in coach: deterministic, always available, no model needed.

pub mod assess;
mod detect;
mod jd;
pub mod meaning;
mod select;
pub mod skills;
mod tailor;
pub mod text;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use app::model::{
    AppError, GenerateInput, GenerateRequest, Provenance, ProvenanceSource, Question, QuestionKind,
    QuestionSet, Seniority,
};

use self::jd::{JdAnalysis, LineKind};
use self::meaning::Meaning;
use self::select::{Candidate, Goals};
use self::skills::SkillMatcher;
use self::text::content_words;
use crate::content::{BankQuestion, Library, Role};

/// Names this engine and the version of its rules in every set it makes and
/// every answer it assesses, when it reads by words alone.
pub const ENGINE: &str = "offline/2";
/// The same engine with the embedded model's meaning of words.
pub const ENGINE_WITH_EMBEDDINGS: &str = "offline/2+embeddings";

pub struct OfflineCoach {
    library: Arc<Library>,
    matcher: SkillMatcher,
    /// Major technologies each bank question names, by question id.
    named_tech: HashMap<String, Vec<String>>,
    words: HashMap<String, BTreeSet<String>>,
    meaning: Option<Meaning>,
}

impl OfflineCoach {
    /// A coach that reads by words alone.
    pub fn new(library: Arc<Library>) -> Self {
        Self::with_model(library, None)
    }

    /// A coach that also reads by meaning when the embedded model's table
    /// is there.
    pub fn with_model(library: Arc<Library>, model: Option<meaning::Model>) -> Self {
        let mut matcher = SkillMatcher::new(library.skills());
        if let Some(model) = &model {
            matcher = matcher.with_dictionary(model.table.vocab().tokens());
        }
        let mut named_tech = HashMap::new();
        let mut words = HashMap::new();
        for q in library.all_questions() {
            let everything = format!(
                "{} {} {}",
                q.text,
                q.rubric.join(" "),
                q.follow_ups.join(" ")
            );
            let mut tech: Vec<String> = matcher
                .find(&everything)
                .into_iter()
                .filter(|f| f.major)
                .map(|f| f.skill)
                .collect();
            for skill in &q.skills {
                if let Some(canonical) = matcher.canonical(skill)
                    && matcher.is_major(canonical)
                    && !tech.iter().any(|t| t == canonical)
                {
                    tech.push(canonical.to_string());
                }
            }
            named_tech.insert(q.id.clone(), tech);
            words.insert(q.id.clone(), content_words(&q.text));
        }
        let meaning = model.map(Meaning::new);
        Self {
            library,
            matcher,
            named_tech,
            words,
            meaning,
        }
    }

    /// The engine label on everything this coach makes.
    pub fn engine(&self) -> &'static str {
        if self.meaning.is_some() {
            ENGINE_WITH_EMBEDDINGS
        } else {
            ENGINE
        }
    }

    pub(crate) fn meaning(&self) -> Option<&Meaning> {
        self.meaning.as_ref()
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn library_arc(&self) -> Arc<Library> {
        Arc::clone(&self.library)
    }

    pub fn matcher(&self) -> &SkillMatcher {
        &self.matcher
    }

    /// Checks a request from any front door (form, API, CLI), including that
    /// the role it names exists.
    pub fn check(&self, mut input: GenerateInput) -> Result<GenerateRequest, AppError> {
        input.job_description = input.job_description.map(|jd| text::clean(&jd));
        let mut request = input.validate()?;
        if let Some(name) = &request.role {
            let role = self.library.find_role(name).ok_or_else(|| {
                AppError::invalid(
                    "role",
                    format!("There is no role called '{name}'. Choose one from the list."),
                )
            })?;
            request.role = Some(role.slug.clone());
        }
        Ok(request)
    }

    /// A question set for a checked request whose role, if any, exists.
    pub fn generate(&self, request: &GenerateRequest) -> QuestionSet {
        self.generate_with_skills(request).0
    }

    /// How a request reads: the role it names or its job description
    /// matches, the level, a title and the skills asked for. Both engines
    /// start from this.
    pub fn brief(&self, request: &GenerateRequest) -> Brief {
        let reading = self.read(request);
        let skills = |must: bool| -> Vec<String> {
            reading
                .jd
                .as_ref()
                .map(|j| {
                    j.skills
                        .iter()
                        .filter(|s| s.must_have == must)
                        .map(|s| s.skill.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        Brief {
            role: reading.role.cloned(),
            role_from_jd: reading.named_role.is_none() && reading.role.is_some(),
            seniority: reading.seniority,
            title: title(reading.role, reading.jd.as_ref(), reading.seniority),
            must_have: skills(true),
            nice_to_have: skills(false),
        }
    }

    /// The skills a job description requires, in its order.
    pub fn required_skills(&self, job_description: &str) -> Vec<String> {
        jd::analyse(job_description, &self.matcher)
            .must_have_skills()
            .map(|s| s.skill.clone())
            .collect()
    }

    fn read<'a>(&'a self, request: &GenerateRequest) -> Reading<'a> {
        let jd = request
            .job_description
            .as_deref()
            .map(|text| jd::analyse(text, &self.matcher));
        let named_role = request
            .role
            .as_deref()
            .and_then(|slug| self.library.role(slug));
        let role =
            named_role.or_else(|| jd.as_ref().and_then(|j| detect::detect(&self.library, j)));
        let seniority = request
            .seniority
            .or(jd.as_ref().and_then(|j| j.seniority))
            .unwrap_or(Seniority::Mid);
        Reading {
            jd,
            named_role,
            role,
            seniority,
        }
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

/// One coach over the built-in library and the embedded model for a test
/// binary's unit tests: building its indexes takes a moment.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static OfflineCoach {
    static COACH: std::sync::OnceLock<OfflineCoach> = std::sync::OnceLock::new();
    COACH.get_or_init(|| {
        OfflineCoach::with_model(
            Arc::new(Library::embedded().expect("content loads")),
            Some(meaning::load_for_tests()),
        )
    })
}

/// A request as read: see [`OfflineCoach::brief`].
struct Reading<'a> {
    jd: Option<JdAnalysis>,
    named_role: Option<&'a Role>,
    role: Option<&'a Role>,
    seniority: Seniority,
}

/// What both engines make of a request.
#[derive(Debug, Clone)]
pub struct Brief {
    /// The role named, or else the one the job description matches.
    pub role: Option<Role>,
    /// The role was recognised in the job description rather than named.
    pub role_from_jd: bool,
    pub seniority: Seniority,
    pub title: String,
    /// Skills the job description requires, in its order.
    pub must_have: Vec<String>,
    /// Skills it mentions as a plus.
    pub nice_to_have: Vec<String>,
}

impl Brief {
    /// What to tell the user about how a job description was read, when
    /// no role was named.
    pub fn role_notice(&self) -> Option<String> {
        (self.role.is_none() || self.role_from_jd).then(|| role_notice(self.role.as_ref()))
    }
}

fn role_notice(role: Option<&Role>) -> String {
    match role {
        None => "This job description did not match any role in the library, so this is a general set built from its own lines and skills.".to_string(),
        Some(found) => format!("Matched this job description to the {} role.", found.title),
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

fn title(role: Option<&Role>, jd: Option<&JdAnalysis>, seniority: Seniority) -> String {
    match (jd.and_then(|j| j.title.as_deref()), role) {
        (Some(jd_title), _) => format!("Interview questions: {}", truncate(jd_title, 90)),
        (None, Some(role)) => format!("{} {} interview questions", seniority.label(), role.title),
        (None, None) => format!("{} interview questions", seniority.label()),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// 64-bit FNV-1a: stable across runs, platforms and compiler versions, which
/// keeps generation deterministic.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn unit(hash: u64) -> f32 {
    (hash >> 40) as f32 / (1u64 << 24) as f32
}

#[cfg(test)]
mod tests;
