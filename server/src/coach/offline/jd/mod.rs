//! Reads a pasted job description: its title, which lines are requirements,
//! responsibilities or nice-to-haves, the skills it asks for, and hints of the
//! level it is hiring at. This file gathers the skills and how central each
//! is; `sections` reads each line and the section it falls under, and
//! `seniority` the level.

mod sections;
mod seniority;

use app::model::Seniority;

use self::sections::{
    Section, classify, heading_by_cues, heading_section, inline_heading, looks_like_title,
};
pub(super) use self::sections::{sentences, strip_bullet};
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
    /// Which of the pasted lines (a paragraph or a bullet) it is a sentence
    /// of, counting from 0 for the first after the title and headings.
    pub paragraph: usize,
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

/// At most this many words in a line that lists a job's technologies.
const STACK_LINE_WORDS: usize = 16;

pub fn analyse(jd: &str, matcher: &SkillMatcher) -> JdAnalysis {
    let mut analysis = JdAnalysis::default();
    let mut section = Section::None;
    let mut paragraph = 0;

    for raw in jd.lines() {
        let text = strip_bullet(raw);
        if text.is_empty() {
            continue;
        }
        // An unfamiliar heading is read by its words only when it stands
        // on its own line after the title: a short bullet is content, and
        // "Product Designer role" a title, whatever they say.
        let own_line =
            text == raw.trim() && (analysis.title.is_some() || !analysis.lines.is_empty());
        if let Some(heading) =
            heading_section(text).or_else(|| own_line.then(|| heading_by_cues(text)).flatten())
        {
            section = heading;
            continue;
        }
        if analysis.title.is_none() && analysis.lines.is_empty() && looks_like_title(text) {
            analysis.title = Some(text.to_string());
            continue;
        }
        // "Requirements: Go and PostgreSQL" is read under its own heading;
        // the lines after it stay under the section they were in.
        let (line_section, text) = inline_heading(text).unwrap_or((section, text));
        for sentence in sentences(text) {
            let found = matcher.find(sentence);
            let mut kind = classify(sentence, line_section);
            // Outside any heading, a short line naming the technologies of
            // the job ("Stack: TypeScript, React, PostgreSQL") says what the
            // work needs; a technology named in passing in prose does not.
            let majors = found.iter().filter(|f| f.major).count();
            if kind == LineKind::Other
                && line_section == Section::None
                && majors > 0
                && (majors >= 2 || sentence.split_whitespace().count() <= STACK_LINE_WORDS)
            {
                kind = LineKind::Requirement;
            }
            let skills: Vec<String> = found.into_iter().map(|f| f.skill).collect();
            analysis.lines.push(JdLine {
                text: sentence.to_string(),
                kind,
                skills,
                paragraph,
            });
        }
        paragraph += 1;
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
    fn an_unfamiliar_heading_is_read_by_its_words_but_a_bullet_is_not() {
        let jd = analyse(
            "Platform Engineer\n\
             What the job is\n\
             - Run our Kubernetes clusters\n\
             What you'll need\n\
             - Years of Go\n\
             - Must love Terraform\n\
             How we work\n\
             Small team, written RFCs.\n\
             Nice to have (honestly optional)\n\
             - Kafka\n",
            &matcher(),
        );
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        assert_eq!(must, ["Go", "Terraform", "Kubernetes"]);
        let kafka = jd.lines.iter().find(|l| l.text == "Kafka").expect("read");
        assert_eq!(kafka.kind, LineKind::NiceToHave);
        let run = jd
            .lines
            .iter()
            .find(|l| l.text.starts_with("Run"))
            .expect("read");
        assert_eq!(run.kind, LineKind::Responsibility);
    }

    #[test]
    fn a_bonus_in_a_paragraph_marks_only_its_own_sentence() {
        let jd = analyse(
            "Platform Engineer\n\
             What we need, in one breath: three years running Kubernetes in production, \
             and Terraform you would show a colleague. It's a bonus, not a requirement, if \
             you've used Kafka.\n",
            &matcher(),
        );
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        assert_eq!(must, ["Kubernetes", "Terraform"]);
        assert!(jd.mentions("Kafka"));
    }

    #[test]
    fn a_heading_on_its_own_line_of_text_covers_only_that_text() {
        let jd = analyse(
            "Backend Engineer\nNice to have: Kafka\nComfortable with k8s in production\n",
            &matcher(),
        );
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        assert_eq!(must, ["Kubernetes"]);
        assert_eq!(jd.lines[0].text, "Kafka");
        assert_eq!(jd.lines[0].kind, LineKind::NiceToHave);
    }

    #[test]
    fn a_technology_named_in_passing_in_prose_is_not_a_requirement() {
        let jd = analyse(
            "Data Engineer\n\
             Why us: a four-day week, a rooftop garden that a few of us are trying to \
             terraform into a vegetable patch, and lessons for anyone who wants them.\n\
             Stack: Go and Postgres\n",
            &matcher(),
        );
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        assert_eq!(must, ["Go", "PostgreSQL"]);
    }

    #[test]
    fn ideally_marks_a_bonus_only_when_it_opens_the_line() {
        let jd = analyse(
            "Platform Engineer\nRequirements\n\
             - Four years running k8s in production, ideally for a payments company\n\
             - Ideally, some Terraform\n",
            &matcher(),
        );
        let kinds: Vec<LineKind> = jd.lines.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LineKind::Requirement, LineKind::NiceToHave]);
        let must: Vec<&str> = jd.must_have_skills().map(|s| s.skill.as_str()).collect();
        assert_eq!(must, ["Kubernetes"]);
    }

    #[test]
    fn sentences_end_at_a_full_stop_before_a_capital() {
        assert_eq!(
            sections::sentences("Use Go, e.g. Gin. Then ship it. v1.2 is out"),
            ["Use Go, e.g. Gin.", "Then ship it. v1.2 is out"]
        );
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
