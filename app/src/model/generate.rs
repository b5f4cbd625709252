//! What a visitor asks the generator for, and the rules it must keep.

use serde::{Deserialize, Serialize};

use super::{AppError, FieldError, JobDescription, QuestionKind, Resume, Seniority};

pub const MAX_JOB_DESCRIPTION_CHARS: usize = 20_000;
pub const MAX_RESUME_CHARS: usize = 20_000;
pub const MIN_COUNT: u32 = 5;
pub const MAX_COUNT: u32 = 20;
pub const DEFAULT_COUNT: u32 = 10;
const MAX_ROLE_CHARS: usize = 100;

/// The generator's input as it arrives from a form, the JSON API or the CLI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateInput {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub job_description: Option<String>,
    #[serde(default)]
    pub seniority: Option<String>,
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    #[serde(default)]
    pub count: Option<u32>,
    /// A pasted résumé: questions probe its claims, privately.
    #[serde(default)]
    pub resume: Option<String>,
    /// Keep the résumé with the set (logged-in makers only); by default it
    /// is read and then discarded.
    #[serde(default)]
    pub keep_resume: Option<bool>,
}

/// A checked request. The role slug still has to exist in the library.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GenerateRequest {
    pub role: Option<String>,
    pub job_description: Option<JobDescription>,
    pub seniority: Option<Seniority>,
    pub kinds: Vec<QuestionKind>,
    pub count: u32,
    pub resume: Option<Resume>,
    pub keep_resume: bool,
}

impl GenerateInput {
    /// Checks every field and reports every problem at once, each on the
    /// field at fault.
    pub fn parse(self) -> Result<GenerateRequest, AppError> {
        let mut fields = Vec::new();

        // A slug, a title or another name for the role: the server resolves it.
        let role = self
            .role
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|r| !r.is_empty());
        if let Some(role) = &role
            && (role.chars().count() > MAX_ROLE_CHARS || role.chars().any(char::is_control))
        {
            fields.push(FieldError::new("role", "Choose a role from the list."));
        }

        let has_resume = self.resume.as_deref().is_some_and(|r| !r.trim().is_empty());
        let job_description = match self.job_description.as_deref().map(JobDescription::parse) {
            Some(Err(message)) => {
                fields.push(FieldError::new("job_description", message));
                None
            }
            Some(Ok(None)) if role.is_none() && !has_resume => {
                fields.push(FieldError::new(
                    "job_description",
                    "The job description is empty. Paste the text of the posting, or pick a role instead.",
                ));
                None
            }
            Some(Ok(parsed)) => parsed,
            None => None,
        };
        let resume = match self.resume.as_deref().map(Resume::parse) {
            Some(Err(message)) => {
                fields.push(FieldError::new("resume", message));
                None
            }
            Some(Ok(parsed)) => parsed,
            None => None,
        };
        if role.is_none() && job_description.is_none() && resume.is_none() && fields.is_empty() {
            fields.push(FieldError::new(
                "role",
                "Pick a role, paste a job description or paste your résumé.",
            ));
        }

        let seniority = match self.seniority.as_deref().map(str::trim) {
            None | Some("") | Some("any") => None,
            Some(value) => match Seniority::parse(value) {
                Some(s) => Some(s),
                None => {
                    fields.push(FieldError::new(
                        "seniority",
                        "Choose junior, mid, senior or staff.",
                    ));
                    None
                }
            },
        };

        let mut kinds = Vec::new();
        for value in self.kinds.unwrap_or_default() {
            match QuestionKind::parse(&value) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => fields.push(FieldError::new(
                    "kinds",
                    "Kinds are behavioral, technical, system_design and situational.",
                )),
            }
        }
        if kinds.is_empty() {
            kinds = QuestionKind::ALL.to_vec();
        }
        kinds.sort();

        let count = self.count.unwrap_or(DEFAULT_COUNT);
        if !(MIN_COUNT..=MAX_COUNT).contains(&count) {
            fields.push(FieldError::new(
                "count",
                format!("Choose between {MIN_COUNT} and {MAX_COUNT} questions."),
            ));
        }

        if fields.is_empty() {
            Ok(GenerateRequest {
                role,
                job_description,
                seniority,
                kinds,
                count,
                keep_resume: self.keep_resume.unwrap_or(false) && resume.is_some(),
                resume,
            })
        } else {
            Err(AppError::Validation { fields })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(role: Option<&str>, jd: Option<&str>) -> GenerateInput {
        GenerateInput {
            role: role.map(Into::into),
            job_description: jd.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_are_all_kinds_and_ten_questions() {
        let request = input(Some("backend-engineer"), None).parse().unwrap();
        assert_eq!(request.count, 10);
        assert_eq!(request.kinds, QuestionKind::ALL.to_vec());
        assert_eq!(request.seniority, None);
    }

    #[test]
    fn an_empty_or_whitespace_job_description_is_a_field_error() {
        for jd in ["", "   \n\t  "] {
            let error = input(None, Some(jd)).parse().unwrap_err();
            assert!(error.field_message("job_description").is_some(), "{jd:?}");
        }
    }

    #[test]
    fn an_over_long_job_description_is_a_field_error() {
        let long = "a".repeat(MAX_JOB_DESCRIPTION_CHARS + 1);
        let error = input(Some("backend-engineer"), Some(&long))
            .parse()
            .unwrap_err();
        assert!(
            error
                .field_message("job_description")
                .unwrap()
                .contains("20000")
        );
        let fits = "a".repeat(MAX_JOB_DESCRIPTION_CHARS);
        assert!(input(None, Some(&fits)).parse().is_ok());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let error = GenerateInput {
            role: Some("x".repeat(101)),
            job_description: None,
            seniority: Some("wizard".into()),
            kinds: Some(vec!["trivia".into()]),
            count: Some(50),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        for field in ["role", "seniority", "kinds", "count"] {
            assert!(error.field_message(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_resume_alone_is_enough_and_is_bounded() {
        let alone = GenerateInput {
            resume: Some("Led the move of billing to a new queue".into()),
            keep_resume: Some(true),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert!(alone.resume.is_some() && alone.keep_resume);
        let long = GenerateInput {
            role: Some("backend-engineer".into()),
            resume: Some("a".repeat(MAX_RESUME_CHARS + 1)),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert!(long.field_message("resume").unwrap().contains("20000"));
        // Nothing to keep without a résumé.
        let none = GenerateInput {
            role: Some("backend-engineer".into()),
            keep_resume: Some(true),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert!(!none.keep_resume);
    }

    #[test]
    fn nothing_to_go_on_asks_for_a_role_or_description() {
        let error = input(None, None).parse().unwrap_err();
        assert!(error.field_message("role").is_some());
    }
}
