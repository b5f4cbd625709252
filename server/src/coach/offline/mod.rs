//! The built-in coach: deterministic, always available, no model needed.

pub mod assess;
mod detect;
mod generate;
mod jd;
pub mod meaning;
pub mod resume;
mod select;
pub mod skills;
mod tailor;
pub mod text;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use app::model::{AppError, GenerateInput, GenerateRequest, Seniority};

use self::jd::JdAnalysis;
use self::meaning::Meaning;
use self::skills::SkillMatcher;
use self::text::content_words;
use crate::content::{Library, Role};

/// Names this engine and the version of its rules in every set it makes and
/// every answer it assesses, when it reads by words alone.
pub const ENGINE: &str = "offline/2";
/// The same engine with the embedded model's meaning of words.
pub const ENGINE_WITH_EMBEDDINGS: &str = "offline/2+embeddings";

pub struct OfflineCoach {
    library: Arc<Library>,
    matcher: SkillMatcher,
    /// Each role's skills, for telling which role a description is for.
    profiles: detect::Profiles,
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
            profiles: detect::Profiles::new(&library, &matcher),
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
    pub fn check(&self, input: GenerateInput) -> Result<GenerateRequest, AppError> {
        let mut request = input.parse()?;
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

    /// The questions a request's résumé earns, and the request for the
    /// rest of its set; see [`resume::part`]. A résumé with nothing to ask
    /// about is a problem with the `resume` field. A few milliseconds for
    /// a long résumé: callers keep it off the threads serving requests.
    pub fn resume_part(&self, request: &GenerateRequest) -> Result<resume::ResumePart, AppError> {
        let part = self.read_resume(request);
        if request.resume.is_some() && part.questions.is_empty() {
            return Err(AppError::invalid(
                "resume",
                "No line of this résumé says what you did, so there is nothing to ask about. Paste your experience with one achievement per line, for example \"Cut build times by half by caching dependencies\".",
            ));
        }
        Ok(part)
    }

    fn read_resume(&self, request: &GenerateRequest) -> resume::ResumePart {
        resume::part(request, &self.matcher, |read| {
            detect::detect(&self.library, read, &self.profiles).map(|r| r.slug.clone())
        })
    }

    /// Ends a set made from `part.rest` as the set for `request`: the
    /// résumé's questions last, and a title and notice that say how it was
    /// read. Says nothing of the résumé's content: the title and notice
    /// are on the share page.
    pub fn finish_with_resume(
        &self,
        request: &GenerateRequest,
        part: resume::ResumePart,
        set: &mut app::model::QuestionSet,
    ) {
        let alone = request.role.is_none() && request.job_description.is_none();
        if alone {
            match part
                .rest
                .role
                .as_deref()
                .and_then(|slug| self.library.role(slug))
            {
                Some(role) => {
                    set.notice = Some(format!(
                        "The role was read from the résumé: {}.",
                        role.title
                    ));
                }
                None => set.title = "Interview questions on a résumé".to_string(),
            }
        }
        set.questions.extend(part.questions);
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
        let role = named_role.or_else(|| {
            jd.as_ref()
                .and_then(|j| detect::detect(&self.library, j, &self.profiles))
        });
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

#[cfg(test)]
mod tests;
