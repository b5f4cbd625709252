//! Reads a pasted job description: its title, which lines are requirements,
//! responsibilities or nice-to-haves, the skills it asks for, and hints of the
//! level it is hiring at.

use app::model::Seniority;

use super::skills::SkillMatcher;
use super::text::tokens;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Responsibilities,
    Requirements,
    NiceToHave,
    Other,
}

const RESPONSIBILITY_HEADINGS: &[&str] = &[
    "responsibilities",
    "what you'll do",
    "what you will do",
    "what you’ll do",
    "the role",
    "your role",
    "in this role",
    "day to day",
    "day-to-day",
    "key duties",
    "duties",
    "what you'll be doing",
    "what you will be doing",
    "your impact",
    "the job",
    "you will",
    "what the job involves",
    "your mission",
];
const REQUIREMENT_HEADINGS: &[&str] = &[
    "requirements",
    "qualifications",
    "what you'll bring",
    "what you will bring",
    "what you’ll bring",
    "what you bring",
    "must have",
    "must-have",
    "must haves",
    "about you",
    "you have",
    "you might be a fit",
    "skills",
    "what we're looking for",
    "what we are looking for",
    "what we’re looking for",
    "who you are",
    "experience",
    "minimum qualifications",
    "basic qualifications",
    "required",
    "you should have",
];
const NICE_HEADINGS: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "nice to haves",
    "bonus",
    "bonus points",
    "preferred",
    "preferred qualifications",
    "pluses",
    "good to have",
    "desirable",
    "extra credit",
];
const OTHER_HEADINGS: &[&str] = &[
    "about us",
    "about the company",
    "who we are",
    "benefits",
    "perks",
    "what we offer",
    "compensation",
    "salary",
    "equal opportunity",
    "why join us",
    "why us",
    "our culture",
    "how to apply",
    "location",
    "the team",
    "about the team",
    "our values",
];

const REQUIREMENT_CUES: &[&str] = &[
    "experience with",
    "experience in",
    "experience building",
    "experience of",
    "proficien",
    "knowledge of",
    "familiar",
    "fluency",
    "fluent",
    "strong",
    "solid",
    "years",
    "expertise",
    "expert",
    "understanding of",
    "degree",
    "you have",
    "must",
    "required",
    "background in",
    "track record",
    "comfortable with",
    "hands-on",
    "ability to",
];
const NICE_CUES: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "bonus",
    "a plus",
    "is a plus",
    "are a plus",
    "preferred",
    "ideally",
    "desirable",
    "not required",
];
const ACTION_VERBS: &[&str] = &[
    "analyse",
    "analyze",
    "architect",
    "automate",
    "build",
    "champion",
    "coach",
    "collaborate",
    "contribute",
    "coordinate",
    "create",
    "debug",
    "define",
    "deliver",
    "deploy",
    "design",
    "develop",
    "document",
    "drive",
    "establish",
    "evaluate",
    "help",
    "implement",
    "improve",
    "lead",
    "maintain",
    "manage",
    "measure",
    "mentor",
    "migrate",
    "monitor",
    "operate",
    "optimise",
    "optimize",
    "own",
    "participate",
    "partner",
    "plan",
    "prioritise",
    "prioritize",
    "profile",
    "prototype",
    "research",
    "review",
    "run",
    "scale",
    "ship",
    "shape",
    "support",
    "take",
    "test",
    "track",
    "translate",
    "troubleshoot",
    "work",
    "write",
];

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

fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    let line = line.trim_start_matches(['-', '*', '•', '·', '–', '—', '▪', '◦', '>', '+']);
    let line = line.trim_start();
    // "1." or "2)" numbering.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            return rest.trim();
        }
    }
    line.trim()
}

fn normalised_heading(text: &str) -> String {
    text.trim_end_matches([':', '.', '!', '?'])
        .trim()
        .trim_matches(['#', '*', '_', ' '])
        .to_lowercase()
}

fn heading_section(text: &str) -> Option<Section> {
    if text.chars().count() > 60 {
        return None;
    }
    let heading = normalised_heading(text);
    let is = |list: &[&str]| {
        list.iter().any(|h| {
            heading == *h
                || (heading.starts_with(h) && text.trim_end().ends_with(':'))
                || (heading.len() <= 40 && heading.starts_with(h) && !heading.contains(' '))
        })
    };
    if is(NICE_HEADINGS) {
        Some(Section::NiceToHave)
    } else if is(REQUIREMENT_HEADINGS) {
        Some(Section::Requirements)
    } else if is(RESPONSIBILITY_HEADINGS) {
        Some(Section::Responsibilities)
    } else if is(OTHER_HEADINGS) {
        Some(Section::Other)
    } else if text.trim_end().ends_with(':') && text.split_whitespace().count() <= 6 {
        Some(Section::None)
    } else {
        None
    }
}

fn looks_like_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && !text.ends_with('.') && text.chars().count() <= 100
}

fn classify(text: &str, section: Section) -> LineKind {
    let lower = text.to_lowercase();
    let has = |cues: &[&str]| cues.iter().any(|c| lower.contains(c));
    if section == Section::NiceToHave || has(NICE_CUES) {
        return LineKind::NiceToHave;
    }
    match section {
        Section::Requirements => LineKind::Requirement,
        Section::Responsibilities => LineKind::Responsibility,
        Section::Other => LineKind::Other,
        Section::NiceToHave => LineKind::NiceToHave,
        Section::None => {
            let first = tokens(text).into_iter().next().unwrap_or_default();
            if ACTION_VERBS
                .iter()
                .any(|v| first == *v || first == format!("{v}s") || first == format!("{v}ing"))
            {
                LineKind::Responsibility
            } else if has(REQUIREMENT_CUES) || first == "you" || first == "you're" {
                LineKind::Requirement
            } else {
                LineKind::Other
            }
        }
    }
}

fn seniority_cues(title: Option<&str>, lines: &[JdLine]) -> Option<Seniority> {
    if let Some(level) = title.and_then(level_word) {
        return Some(level);
    }
    let mut years: Option<u32> = None;
    for line in lines.iter().filter(|l| l.kind != LineKind::Other) {
        if let Some(y) = years_of_experience(&line.text) {
            years = Some(years.map_or(y, |cur| cur.max(y)));
        }
    }
    if let Some(y) = years {
        return Some(match y {
            0..=2 => Seniority::Junior,
            3..=4 => Seniority::Mid,
            5..=7 => Seniority::Senior,
            _ => Seniority::Staff,
        });
    }
    lines.iter().take(3).find_map(|l| level_word(&l.text))
}

fn level_word(text: &str) -> Option<Seniority> {
    let words = tokens(text);
    let has = |w: &str| words.iter().any(|t| t == w);
    if has("staff") || has("principal") || has("distinguished") {
        Some(Seniority::Staff)
    } else if has("senior") || has("sr") || has("lead") {
        Some(Seniority::Senior)
    } else if has("junior")
        || has("jr")
        || has("graduate")
        || has("intern")
        || has("entry-level")
        || text.to_lowercase().contains("entry level")
    {
        Some(Seniority::Junior)
    } else if has("mid-level") || has("intermediate") || text.to_lowercase().contains("mid level") {
        Some(Seniority::Mid)
    } else {
        None
    }
}

/// "5+ years", "3-5 years", "at least 4 years": the smallest number named.
fn years_of_experience(text: &str) -> Option<u32> {
    let words = tokens(text);
    for (i, w) in words.iter().enumerate() {
        if !(w.starts_with("year") || w.starts_with("yr")) || i == 0 {
            continue;
        }
        let before = &words[i - 1];
        let number: String = before.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = number.parse::<u32>()
            && n <= 30
        {
            return Some(n);
        }
    }
    None
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
