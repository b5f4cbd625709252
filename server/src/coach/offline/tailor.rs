//! Questions written for one job description, from templates that name its own
//! skills and quote its own lines.

use app::model::{Provenance, ProvenanceSource, QuestionKind};

use super::jd::{JdAnalysis, JdLine, LineKind};

/// A template question, before selection.
#[derive(Debug, Clone)]
pub struct Tailored {
    pub key: String,
    /// Which template wording it uses; a set uses each wording once.
    pub wording: String,
    /// The part that makes it distinct (the quoted line, the skills), used to
    /// spot near-duplicates without counting the template's own words.
    pub subject: String,
    pub kind: QuestionKind,
    pub focus_area: String,
    pub difficulty: u8,
    pub text: String,
    pub skills: Vec<String>,
    pub provenance: Provenance,
    pub rubric: Vec<String>,
    pub follow_ups: Vec<String>,
}

/// A question about up to three skills the job needs that the set does not
/// cover yet. `variant` picks the wording.
pub fn skill_question(skills: &[String], variant: usize) -> Tailored {
    let names = join_names(skills);
    Tailored {
        key: format!("skill:{}", skills.join("+")),
        wording: format!("skill:{}", variant % SKILL_TEXTS.len()),
        subject: skills.join(" "),
        kind: QuestionKind::Technical,
        focus_area: "Skills from the job description".into(),
        difficulty: 2,
        text: SKILL_TEXTS[variant % SKILL_TEXTS.len()].replace("{skills}", &names),
        skills: skills.to_vec(),
        provenance: Provenance {
            source: ProvenanceSource::Skill,
            detail: names.clone(),
        },
        rubric: vec![
            format!("Describes first-hand work with {names}, not only familiarity"),
            "Explains at least one trade-off or limitation they ran into and how they handled it"
                .into(),
            "Ties the choices to a concrete outcome, with a number where one exists".into(),
            "Says what they would do differently with hindsight".into(),
        ],
        follow_ups: vec![format!(
            "What went wrong the last time you worked with {names}, and how did you find out?"
        )],
    }
}

/// Template questions on the description's own lines. `pick` chooses one
/// wording per line so that the same description always reads the same.
pub fn line_questions(jd: &JdAnalysis, pick: impl Fn(&str, usize) -> usize) -> Vec<Tailored> {
    let mut out = Vec::new();
    let start = pick("lines", 1 << 16);
    for (i, line) in jd.quotable(LineKind::Responsibility).take(8).enumerate() {
        for (kind, texts) in [
            (QuestionKind::Behavioral, RESPONSIBILITY_BEHAVIORAL),
            (QuestionKind::Situational, RESPONSIBILITY_SITUATIONAL),
            (QuestionKind::SystemDesign, RESPONSIBILITY_DESIGN),
        ] {
            out.push(from_line(line, kind, texts, start + i));
        }
    }
    for (i, line) in jd.quotable(LineKind::Requirement).take(8).enumerate() {
        out.push(from_line(
            line,
            QuestionKind::Technical,
            REQUIREMENT_TECHNICAL,
            start + i,
        ));
        out.push(from_line(
            line,
            QuestionKind::Behavioral,
            REQUIREMENT_BEHAVIORAL,
            start + i,
        ));
    }
    out
}

fn from_line(line: &JdLine, kind: QuestionKind, texts: &[&str], n: usize) -> Tailored {
    let key = format!("{}:{}", kind.as_str(), line.text);
    let mut variant = n % texts.len();
    // "What does '…' mean?" reads well for a short concept, not for a
    // sentence about the candidate ("Evidence that you have …").
    if texts[variant].contains(EXPLAIN_MEANING) && line.text.split_whitespace().count() > 8 {
        variant = (variant + 1) % texts.len();
    }
    let quoted = line.text.trim_end_matches(['.', ';', ',']);
    let (rubric, follow_up) = match kind {
        QuestionKind::Behavioral => (
            vec![
                "Picks a real, specific situation close to the quoted work".to_string(),
                "Separates what they did themselves from what the team did".into(),
                "States the result, with a number or an observable change".into(),
                "Reflects on what they would repeat or change".into(),
            ],
            "What would have happened if you had not stepped in?",
        ),
        QuestionKind::Situational => (
            vec![
                "Starts by finding out the goal, the constraints and who is affected".to_string(),
                "Lays out a sequence of first steps rather than a single big move".into(),
                "Names the risks and how they would notice them early".into(),
                "Defines what success looks like and how it would be measured".into(),
            ],
            "Which of those steps would you cut if you had half the time?",
        ),
        QuestionKind::SystemDesign => (
            vec![
                "Clarifies requirements and scale before proposing a design".to_string(),
                "Identifies the main components and how they interact".into(),
                "Discusses at least two trade-offs and which way they would go first".into(),
                "Explains how they would observe it working and evolve it later".into(),
            ],
            "What is the first thing that breaks if usage grows tenfold?",
        ),
        QuestionKind::Technical => (
            vec![
                "Goes deep on one part rather than skimming all of it".to_string(),
                "Describes what good practice looks like, with a concrete example".into(),
                "Names common mistakes and how to avoid or detect them".into(),
                "Connects the practice to its effect on users or the business".into(),
            ],
            "How would you check that someone else's work met that bar?",
        ),
    };
    Tailored {
        key,
        wording: format!("{}:{}:{variant}", kind.as_str(), texts[0].len()),
        subject: line.text.clone(),
        kind,
        focus_area: "From the job description".into(),
        difficulty: 2,
        text: texts[variant].replace("{line}", quoted),
        skills: line.skills.clone(),
        provenance: Provenance {
            source: ProvenanceSource::JdLine,
            detail: line.text.clone(),
        },
        rubric,
        follow_ups: vec![follow_up.to_string()],
    }
}

/// "A", "A and B", "A, B and C".
pub(super) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How many different wordings skill questions have.
pub const SKILL_WORDINGS: usize = SKILL_TEXTS.len();

const SKILL_TEXTS: &[&str] = &[
    "This role relies on {skills}. Describe a piece of work where you used them in earnest: the problem, one decision you made about how to use them, and what you would do differently now.",
    "How would you explain the strengths and the pitfalls of {skills} to a teammate who is new to them, and when would you reach for something else?",
    "Tell me about the hardest problem you have worked through involving {skills}. How did you narrow it down, and what fixed it?",
];

const RESPONSIBILITY_BEHAVIORAL: &[&str] = &[
    "One of this role's responsibilities is \"{line}\". Tell me about a time you did something close to that. What was the situation, what did you do yourself, and what changed as a result?",
    "The job description says \"{line}\". Walk me through the most relevant example from your own work, including what did not go to plan.",
    "Think of the last time your work looked like this: \"{line}\". What made it hard, and what would you do the same way again?",
];

const RESPONSIBILITY_SITUATIONAL: &[&str] = &[
    "Imagine it is your first quarter here and this is on your plate: \"{line}\". How would you approach it, what would you want to know first, and how would you know it was going well?",
    "Suppose this lands on you with half the people you would like: \"{line}\". What would you do first, and what would you deliberately leave undone?",
    "A month in, you find that nobody has really owned this: \"{line}\". How would you take it on without stepping on toes?",
];

const RESPONSIBILITY_DESIGN: &[&str] = &[
    "Part of this role is \"{line}\". Outline the system or process you would put in place for it: the main pieces, how they fit together, and the trade-offs you would accept at first.",
    "Design how this would work here from scratch: \"{line}\". What are the moving parts, what would you build or buy first, and what would you deliberately postpone?",
    "If you owned \"{line}\" and it had to hold up as the company doubled in size, how would you structure it, and which decision would be hardest to undo?",
];

/// The wording that asks what a quoted requirement means.
const EXPLAIN_MEANING: &str = "means in day-to-day work";

const REQUIREMENT_TECHNICAL: &[&str] = &[
    "The job asks for \"{line}\". Pick the part of that you know best and go deep: what does good look like, and where do people usually go wrong?",
    "How would you show an interviewer, with a concrete example, that you meet this requirement: \"{line}\"?",
    "Someone new to the field asks you what \"{line}\" means in day-to-day work. How would you explain it, and which mistake would you warn them about first?",
];

const REQUIREMENT_BEHAVIORAL: &[&str] = &[
    "The job asks for \"{line}\". Tell me about the project that best shows it, and what you personally contributed.",
    "Tell me about a time when \"{line}\" was put to the test in your work. What was at stake, and how did it turn out?",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_short_requirement_is_asked_what_it_means() {
        let line = |text: &str| JdLine {
            text: text.into(),
            kind: LineKind::Requirement,
            skills: vec![],
            paragraph: 0,
        };
        let long = line("Evidence that you have improved a team's health and delivery at once");
        let short = line("Strong SQL and data modelling");
        let asks_meaning = |l: &JdLine| {
            (0..REQUIREMENT_TECHNICAL.len()).any(|n| {
                from_line(l, QuestionKind::Technical, REQUIREMENT_TECHNICAL, n)
                    .text
                    .contains(EXPLAIN_MEANING)
            })
        };
        assert!(!asks_meaning(&long));
        assert!(asks_meaning(&short));
    }
}
