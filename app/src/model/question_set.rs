//! A generated question set, in the one JSON form shared by the web UI, the
//! JSON API and the CLI.

use serde::{Deserialize, Serialize};

/// The four kinds of interview question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Behavioral,
    Technical,
    SystemDesign,
    Situational,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Behavioral,
        QuestionKind::Technical,
        QuestionKind::SystemDesign,
        QuestionKind::Situational,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Behavioral => "behavioral",
            Self::Technical => "technical",
            Self::SystemDesign => "system_design",
            Self::Situational => "situational",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Behavioral => "Behavioral",
            Self::Technical => "Technical",
            Self::SystemDesign => "System design",
            Self::Situational => "Situational",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value.trim())
    }

    /// Answered by telling a story (STAR): behavioral and situational
    /// questions, which the story bank serves.
    pub fn told_as_story(self) -> bool {
        matches!(self, Self::Behavioral | Self::Situational)
    }
}

/// Career level, used to pick questions of the right depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    Junior,
    Mid,
    Senior,
    Staff,
}

impl Seniority {
    pub const ALL: [Seniority; 4] = [
        Seniority::Junior,
        Seniority::Mid,
        Seniority::Senior,
        Seniority::Staff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Junior => "junior",
            Self::Mid => "mid",
            Self::Senior => "senior",
            Self::Staff => "staff",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Junior => "Junior",
            Self::Mid => "Mid-level",
            Self::Senior => "Senior",
            Self::Staff => "Staff / principal",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value.trim())
    }

    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// Why a question is in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceSource {
    /// It serves one of the role's focus areas; `detail` names it.
    FocusArea,
    /// It tests a line of the job description; `detail` quotes it exactly.
    JdLine,
    /// It tests a skill the job description asks for; `detail` names it.
    Skill,
    /// It probes a claim on the maker's résumé; `detail` quotes the line
    /// exactly. Private: only the set's maker sees it.
    ResumeLine,
    /// It asks about a skill the job description requires that the
    /// maker's résumé does not show; `detail` names it. Private, like
    /// [`Self::ResumeLine`].
    ResumeGap,
}

impl ProvenanceSource {
    /// Drawn from the maker's résumé: never on the share page, in the
    /// share API or in a download, and only ever at the end of a set.
    pub fn is_private(self) -> bool {
        matches!(self, Self::ResumeLine | Self::ResumeGap)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FocusArea => "focus_area",
            Self::JdLine => "jd_line",
            Self::Skill => "skill",
            Self::ResumeLine => "resume_line",
            Self::ResumeGap => "resume_gap",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::FocusArea,
            Self::JdLine,
            Self::Skill,
            Self::ResumeLine,
            Self::ResumeGap,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: ProvenanceSource,
    pub detail: String,
}

impl Provenance {
    /// What the page says before `detail`: "Tests the skill" for one
    /// skill, "Tests the skills" for a list of them ("A, B and C").
    pub fn label(&self) -> &'static str {
        match self.source {
            ProvenanceSource::FocusArea => "Focus area",
            ProvenanceSource::JdLine => "From the job description",
            ProvenanceSource::Skill if self.detail.contains(" and ") => "Tests the skills",
            ProvenanceSource::Skill => "Tests the skill",
            ProvenanceSource::ResumeLine => "From your résumé",
            ProvenanceSource::ResumeGap => "The job asks for it; your résumé does not show it",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub text: String,
    pub kind: QuestionKind,
    pub focus_area: String,
    pub difficulty: u8,
    pub provenance: Provenance,
    pub rubric: Vec<String>,
    pub follow_ups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSet {
    pub title: String,
    /// The role's slug, or `None` for a general set.
    pub role: Option<String>,
    pub seniority: Seniority,
    /// The engine and version that produced the questions: `offline/2+embeddings`, or
    /// `model:` and the model's name.
    pub engine: String,
    /// The version of the prompt a model was given, for model-made sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_version: Option<String>,
    /// Questions first, then any drawn from the maker's résumé (see
    /// [`ProvenanceSource::is_private`]).
    pub questions: Vec<Question>,
    /// Said to the user about how the set was made, e.g. that no role matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}
