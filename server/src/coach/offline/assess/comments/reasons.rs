//! The one-line reason given for each score, and for the overall.

use app::model::Dimension;

use super::super::star::Part;
use super::{Structure, View, capitalise_first, join, join_or};

impl View<'_> {
    pub fn structure_reason(&self) -> String {
        let reason = self.parts_reason();
        if self.reading.wanders() {
            format!("{reason} It wanders: long, and thick with hedges and asides.")
        } else {
            reason
        }
    }

    fn parts_reason(&self) -> String {
        match self.structure {
            Structure::Star(s) => {
                let missing = s.star.missing();
                if missing.is_empty() {
                    if !s.out_of_order.is_empty() {
                        "All four STAR parts are there, but not in order.".to_string()
                    } else if !s.result_measured {
                        "All four STAR parts in order; the result is not measured.".to_string()
                    } else if s.shares[2] < 0.3 {
                        "All four STAR parts in order, though the actions are thin.".to_string()
                    } else {
                        "All four STAR parts, in order, with the weight on the actions.".to_string()
                    }
                } else {
                    let present: Vec<String> = Part::STAR
                        .iter()
                        .map(|p| p.name())
                        .filter(|p| !missing.contains(p))
                        .map(str::to_string)
                        .collect();
                    let missing: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
                    if present.is_empty() {
                        "No recognisable Situation, Task, Action or Result.".to_string()
                    } else {
                        format!("Has {}; missing {}.", join(&present), join(&missing))
                    }
                }
            }
            Structure::Technical(t) => {
                let opening = match t.answer {
                    Some(0) if t.directness >= 1.0 => "Answers first",
                    Some(0) => "Answers first, but hedged",
                    Some(_) => "The answer comes late",
                    None => "No direct answer",
                };
                let mut have = Vec::new();
                let mut lack = Vec::new();
                for (present, name, missing) in [
                    (t.reasoning > 0.0, "reasoning", "reasoning"),
                    (t.trade_offs > 0.0, "trade-offs", "trade-offs"),
                    (t.example > 0.0, "an example", "example"),
                ] {
                    if present {
                        have.push(name.to_string());
                    } else {
                        lack.push(missing.to_string());
                    }
                }
                match (have.is_empty(), lack.is_empty()) {
                    (_, true) => format!("{opening}, then {}.", join(&have)),
                    (true, false) => format!("{opening}; no {}.", join_or(&lack)),
                    (false, false) => {
                        format!("{opening}, with {}; no {}.", join(&have), join_or(&lack))
                    }
                }
            }
        }
    }

    pub fn specificity_reason(&self) -> String {
        let spec = self.spec;
        let mut pieces = Vec::new();
        let numbers = spec.quantities.round() as usize;
        pieces.push(match numbers {
            0 => "no numbers".to_string(),
            1 => "one number".to_string(),
            n => format!("{n} numbers"),
        });
        let named = spec.tools.len() + spec.names.len();
        pieces.push(match named {
            0 => "no named tools or people".to_string(),
            1 => "one name or tool".to_string(),
            n => format!("{n} names and tools"),
        });
        if self.star_kind() {
            if spec.we_clauses > spec.i_clauses {
                pieces.push("mostly \"we\"".to_string());
            } else if spec.i_clauses > 0 {
                pieces.push("told with \"I\"".to_string());
            }
        }
        let hedges = spec.hedge_phrases.len();
        pieces.push(match hedges {
            0 => "no hedging".to_string(),
            1 | 2 => "little hedging".to_string(),
            _ => format!(
                "hedges such as {}",
                spec.hedge_phrases
                    .iter()
                    .take(2)
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        });
        capitalise_first(&format!("{}.", pieces.join(", ")))
    }

    pub fn relevance_reason(&self) -> String {
        let rel = self.relevance;
        if rel.off_topic() {
            return if rel.meaning.is_some() {
                "Does not address the question: neither its key terms nor its meaning come up."
                    .to_string()
            } else if rel.points.is_empty() {
                "Does not address the question: its key terms hardly come up.".to_string()
            } else {
                "Does not address the question: its key terms and rubric points hardly come up."
                    .to_string()
            };
        }
        let terms = if rel.question_coverage >= 0.6 {
            "most"
        } else if rel.question_coverage >= 0.3 {
            "some"
        } else {
            "few"
        };
        let mut text = if rel.points.is_empty() {
            format!("Uses {terms} of the question's key terms")
        } else {
            let covered = rel.points.iter().filter(|p| p.covered()).count();
            format!(
                "Covers {covered} of {} rubric points and {terms} of the question's key terms",
                rel.points.len()
            )
        };
        if !self.input.jd_skills.is_empty() {
            text.push_str(&format!(
                "; names {} of the job's {} skills",
                rel.jd_found.len(),
                self.input.jd_skills.len()
            ));
        }
        text.push('.');
        text
    }

    pub fn overall_reason(&self) -> String {
        let s = self.scores;
        if self.relevance.off_topic() {
            return "Off the question, so it scores low overall however well it is told."
                .to_string();
        }
        if self.reading.word_total < 40 {
            return "Too short to judge fully; expand it using the notes and the rewrite."
                .to_string();
        }
        let mut dims: Vec<(u8, Dimension)> =
            Dimension::ALL.iter().map(|d| (s.get(*d), *d)).collect();
        dims.sort();
        let (weakest_score, weakest) = dims[0];
        let room = |d: Dimension| match d {
            Dimension::Structure => "in its structure",
            Dimension::Specificity => "in concrete detail",
            Dimension::Relevance => "in how closely it tracks the question",
        };
        let holding_back = |d: Dimension| match d {
            Dimension::Structure => "its structure",
            Dimension::Specificity => "a lack of specifics",
            Dimension::Relevance => "drifting from the question",
        };
        let noun = |d: Dimension| match d {
            Dimension::Structure => "structure",
            Dimension::Specificity => "specifics",
            Dimension::Relevance => "relevance",
        };
        match s.overall {
            9..=10 if weakest_score >= 8 => {
                "A strong answer: well organised, concrete and on the question.".to_string()
            }
            8..=10 => format!("A strong answer; the most room left is {}.", room(weakest)),
            5..=7 => format!(
                "A workable answer; {} holds it back.",
                holding_back(weakest)
            ),
            _ => format!(
                "Needs work on {} and {}; start from the rewrite.",
                noun(dims[0].1),
                noun(dims[1].1)
            ),
        }
    }
}
