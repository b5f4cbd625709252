//! Reads a pasted job description: its title, which lines are requirements,
//! responsibilities or nice-to-haves, the skills it asks for, and hints of the
//! level it is hiring at. This file gathers the skills and how central each
//! is; `sections` reads each line and the section it falls under, and
//! `seniority` the level.

mod sections;
mod seniority;

use app::model::Seniority;

use self::sections::{Section, classify, heading_section, looks_like_title, strip_bullet};
use self::seniority::seniority_cues;
use super::skills::SkillMatcher;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Requirement,
    Responsibility,
    NiceToHave,
    /// About the company, benefits, legal text: not about the work.
    Other,
}

#[derive(Debug, Clone)]
pub struct JdLine {
    /// The line exactly as pasted, without its bullet and surrounding space.
    pub text: String,
    pub kind: LineKind,
    pub skills: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SkillMention {
    pub skill: String,
    pub must_have: bool,
    pub major: bool,
    /// How central the skill is to the job: named in the title, asked for
    /// as a requirement, named again and again. Required skills are listed
    /// from the most to the least central.
    pub weight: f32,
}

#[derive(Debug, Clone, Default)]
pub struct JdAnalysis {
    pub title: Option<String>,
    pub lines: Vec<JdLine>,
    pub skills: Vec<SkillMention>,
    pub seniority: Option<Seniority>,
}

impl JdAnalysis {
    pub fn must_have_skills(&self) -> impl Iterator<Item = &SkillMention> {
        self.skills.iter().filter(|s| s.must_have)
    }

    pub fn mentions(&self, skill: &str) -> bool {
        self.skills.iter().any(|s| s.skill == skill)
    }

    /// Lines that describe the work, fit to quote in a question.
    pub fn quotable(&self, kind: LineKind) -> impl Iterator<Item = &JdLine> {
        self.lines
            .iter()
            .filter(move |l| l.kind == kind && (25..=220).contains(&l.text.chars().count()))
    }
}

pub fn analyse(jd: &str, matcher: &SkillMatcher) -> JdAnalysis {
    let mut analysis = JdAnalysis::default();
    let mut section = Section::None;

    for raw in jd.lines() {
        let text = strip_bullet(raw);
        if text.is_empty() {
            continue;
        }
        if let Some(heading) = heading_section(text) {
            section = heading;
            continue;
        }
        if analysis.title.is_none() && analysis.lines.is_empty() && looks_like_title(text) {
            analysis.title = Some(text.to_string());
            continue;
        }
        let found = matcher.find(text);
        let mut kind = classify(text, section);
        // Outside any heading, a line naming the technologies of the job
        // ("Stack: TypeScript, React, PostgreSQL") says what the work needs.
        if kind == LineKind::Other && section == Section::None && found.iter().any(|f| f.major) {
            kind = LineKind::Requirement;
        }
        let skills: Vec<String> = found.into_iter().map(|f| f.skill).collect();
        analysis.lines.push(JdLine {
            text: text.to_string(),
            kind,
            skills,
        });
    }

    for line in &analysis.lines {
        let weight = match line.kind {
            LineKind::Requirement => 1.0,
            LineKind::Responsibility => 0.6,
            LineKind::NiceToHave | LineKind::Other => 0.0,
        };
        // A skill in a short line ("Go and PostgreSQL") is asked for more
        // pointedly than one in a list of ten.
        let share = weight / (line.skills.len() as f32).sqrt().max(1.0);
        for skill in &line.skills {
            let must = weight > 0.0;
            match analysis.skills.iter_mut().find(|s| &s.skill == skill) {
                Some(existing) => {
                    existing.must_have |= must;
                    existing.weight += share;
                }
                None => analysis.skills.push(SkillMention {
                    skill: skill.clone(),
                    must_have: must,
                    major: matcher.is_major(skill),
                    weight: share,
                }),
            }
        }
    }
    // Skills named in the title are required, and central.
    if let Some(title) = &analysis.title {
        for found in matcher.find(title) {
            match analysis.skills.iter_mut().find(|s| s.skill == found.skill) {
                Some(existing) => {
                    existing.must_have = true;
                    existing.weight += 2.0;
                }
                None => analysis.skills.push(SkillMention {
                    skill: found.skill,
                    must_have: true,
                    major: found.major,
                    weight: 2.0,
                }),
            }
        }
    }
    // A description with no recognisable sections: everything it names is
    // what the job needs.
    if !analysis.skills.iter().any(|s| s.must_have) {
        for s in &mut analysis.skills {
            s.must_have = true;
            s.weight = 1.0;
        }
    }
    // Most central first; a stable sort keeps the description's order
    // among equals.
    analysis
        .skills
        .sort_by(|a, b| b.weight.total_cmp(&a.weight));

    analysis.seniority = seniority_cues(analysis.title.as_deref(), &analysis.lines);
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Skill;

    fn matcher() -> SkillMatcher {
        let skill = |name: &str, aliases: &[&str]| Skill {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            category: "t".into(),
            major: true,
            case_sensitive: false,
        };
        SkillMatcher::new(&[
            skill("Go", &["golang"]),
            skill("PostgreSQL", &["postgres"]),
            skill("Kubernetes", &["k8s"]),
            skill("Terraform", &[]),
            skill("Kafka", &[]),
        ])
    }

    const JD: &str = "Senior Backend Engineer (Payments)\n\
        About us\nWe are a small team running on Kafka.\n\
        What you'll do:\n- Design and build payment APIs in Golang\n- Own our Postgres schema and migrations\n\
        Requirements\n- 5+ years of backend experience\n- Comfortable with k8s in production\n\
        Nice to have\n- Terraform\n";

    #[test]
    fn sections_decide_what_each_line_is() {
        let jd = analyse(JD, &matcher());
        assert_eq!(
            jd.title.as_deref(),
            Some("Senior Backend Engineer (Payments)")
        );
        let kinds: Vec<(&str, LineKind)> =
            jd.lines.iter().map(|l| (l.text.as_str(), l.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("We are a small team running on Kafka.", LineKind::Other),
                (
                    "Design and build payment APIs in Golang",
                    LineKind::Responsibility
                ),
                (
                    "Own our Postgres schema and migrations",
                    LineKind::Responsibility
                ),
                ("5+ years of backend experience", LineKind::Requirement),
                ("Comfortable with k8s in production", LineKind::Requirement),
                ("Terraform", LineKind::NiceToHave),
            ]
        );
    }

    #[test]
    fn must_have_skills_come_from_requirements_and_responsibilities() {
        let jd = analyse(JD, &matcher());
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        // A requirement line weighs more than a responsibility line.
        assert_eq!(must, ["Kubernetes", "Go", "PostgreSQL"]);
        assert!(jd.mentions("Terraform") && jd.mentions("Kafka"));
    }

    #[test]
    fn seniority_comes_from_the_title_then_years() {
        assert_eq!(analyse(JD, &matcher()).seniority, Some(Seniority::Senior));
        let jd = analyse(
            "Backend Engineer\nRequirements\n- 1-2 years with Go",
            &matcher(),
        );
        assert_eq!(jd.seniority, Some(Seniority::Junior));
        let jd = analyse(
            "Principal Engineer, Platform\n- Lead the platform",
            &matcher(),
        );
        assert_eq!(jd.seniority, Some(Seniority::Staff));
    }
}
