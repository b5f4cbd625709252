//! Comments on structure: the STAR parts of a story (missing, out of order,
//! out of balance, or done well), the answer-first shape of a technical
//! answer, and the answer's length.

use app::model::{Dimension, QuestionKind};

use super::super::star::{Part, StarReading};
use super::super::technical::{Move, TechReading};
use super::super::voice;
use super::{Draft, View, improve, strength};

impl View<'_> {
    pub(super) fn star_comments(&self, s: &StarReading, out: &mut Vec<Draft>) {
        let d = Dimension::Structure;
        let situational = self.situational();
        // What is missing comes first.
        for part in s.star.missing() {
            let text = match (part, situational) {
                ("Situation", false) => {
                    "There is no Situation: open with a sentence or two on where you were and what was at stake, so the rest has context."
                }
                ("Situation", true) => {
                    "There is no Situation: briefly restate the situation, or one like it you have faced, before your plan."
                }
                ("Task", false) => {
                    "There is no Task: say what you were responsible for or asked to achieve (\"My job was to…\") before what you did."
                }
                ("Task", true) => {
                    "There is no Task: say what you would be trying to achieve before you say how."
                }
                ("Action", false) => {
                    "There is no Action: walk through the steps you took yourself, with \"I\", in the order you took them."
                }
                ("Action", true) => {
                    "There is no Action: say the steps you would take, in order, and why each one."
                }
                (_, false) => {
                    "There is no Result: say what changed because of what you did, ideally with a number."
                }
                (_, true) => {
                    "There is no Result: say what outcome you would aim for and how you would know it had worked, ideally with a number."
                }
            };
            out.push(improve(d, text, None, 0));
        }
        let parts = &s.parts;
        let first = |part: Part| parts.iter().position(|p| *p == part);

        // The result.
        if s.star.result {
            let measured = (0..parts.len()).find(|&i| {
                parts[i] == Part::Result && self.reading.has_number(i) && self.hedging(i) < 1.0
            });
            match measured {
                // Measured, but only in hedged sentences: the note on
                // hedges covers it.
                None if s.result_measured => {}
                Some(i) if s.result_measured => out.push(strength(
                    d,
                    "A measured result: this is the line interviewers remember, and it shows your actions worked.",
                    Some(self.quote(i)),
                    1,
                )),
                _ => {
                    if let Some(i) = first(Part::Result) {
                        out.push(improve(
                            d,
                            "The Result is here but has no measure. How much faster, cheaper or better, and by when? A number, or what someone said, makes it land.",
                            Some(self.quote(i)),
                            1,
                        ));
                    }
                }
            }
        }
        // The task.
        if s.quality[1] >= 1.0
            && let Some(i) =
                (0..parts.len()).find(|&i| parts[i] == Part::Task && self.hedging(i) < 1.0)
        {
            out.push(strength(
                d,
                "A clear task: the interviewer knows exactly what you were on the hook for.",
                Some(self.quote(i)),
                2,
            ));
        }
        // Own actions.
        let own_step = (0..parts.len()).find(|&i| {
            parts[i] == Part::Action
                && self.hedging(i) < 1.0
                && voice::clauses(&self.reading.sentences[i].lower())
                    .iter()
                    .any(|c| c.subject == voice::Subject::I && c.tense != voice::Tense::Other)
        });
        if s.own_actions >= 2
            && let Some(i) = own_step
        {
            out.push(strength(
                d,
                "You walk through your own steps with \"I\", in order: the core of a good STAR answer.",
                Some(self.quote(i)),
                3,
            ));
        }
        // Order.
        if let Some(&i) = s.out_of_order.first() {
            let earlier_result = (0..i).find(|&j| parts[j] == Part::Result);
            let text = match (parts[i], earlier_result) {
                (Part::Situation | Part::Task, Some(_)) => format!(
                    "This {} comes after the outcome. Tell it first, so the result lands at the end.",
                    describe(parts[i])
                ),
                (part, _) => format!(
                    "This {} comes after the actions it belongs before. Move it up so the story runs Situation, Task, Action, Result.",
                    describe(part)
                ),
            };
            out.push(improve(d, &text, Some(self.quote(i)), 2));
        }
        // Balance.
        if s.star.action {
            let setup = s.shares[0] + s.shares[1];
            if setup > 0.45
                && let Some(i) = first(Part::Situation)
            {
                out.push(improve(
                    d,
                    &format!(
                        "The setup takes about {}% of the answer. Cut it to two or three sentences and spend the time on what you did.",
                        percent(setup)
                    ),
                    Some(self.quote(i)),
                    3,
                ));
            } else if s.shares[2] < 0.25 && self.reading.sentences.len() >= 4 {
                out.push(improve(
                    d,
                    &format!(
                        "The actions get only about {}% of the answer. They are what interviewers score, so give them the most time.",
                        percent(s.shares[2])
                    ),
                    None,
                    3,
                ));
            }
        }
        if s.star.situation
            && s.shares[0] <= 0.3
            && let Some(i) = first(Part::Situation)
            && self.hedging(i) < 1.0
        {
            out.push(strength(
                d,
                if situational {
                    "Grounding the plan in a real situation makes it believable."
                } else {
                    "Sets the scene quickly, so the story gets going."
                },
                Some(self.quote(i)),
                4,
            ));
        }
    }

    pub(super) fn tech_comments(&self, t: &TechReading, out: &mut Vec<Draft>) {
        let d = Dimension::Structure;
        let n = self.reading.sentences.len();
        let design = self.input.kind == QuestionKind::SystemDesign;
        match t.answer {
            Some(0) if t.directness >= 1.0 => out.push(strength(
                d,
                if design {
                    "You state the design in the first sentence, so everything after it reads as detail."
                } else {
                    "You answer in the first sentence, so everything after it reads as support."
                },
                Some(self.quote(0)),
                1,
            )),
            Some(0) => out.push(improve(
                d,
                "The first sentence has the answer, but wrapped in hedges. Say it plainly: hedges make a right answer sound like a guess.",
                Some(self.quote(0)),
                0,
            )),
            Some(i) => out.push(improve(
                d,
                "This is your answer, but it arrives late. Lead with it, then explain.",
                Some(self.quote(i)),
                0,
            )),
            None if n > 0 => out.push(improve(
                d,
                if design {
                    "There is no direct answer up front. Open with the design in one sentence (its main parts and how they fit), then go into detail."
                } else {
                    "There is no direct answer up front. Open with a one-sentence answer to the question, then explain it."
                },
                None,
                0,
            )),
            None => {}
        }
        let first_of = |m: Move| (0..n).find(|&i| t.moves[i] == m);
        if t.reasoning == 0.0 {
            out.push(improve(
                d,
                "There is no reasoning: say why it works (\"because…\", \"which means…\"), not only what it is.",
                None,
                1,
            ));
        }
        if t.trade_offs == 0.0 {
            out.push(improve(
                d,
                "There are no trade-offs: say when you would not do this and what it costs. That is what separates a senior answer.",
                None,
                1,
            ));
        } else if let Some((i, weight)) = t.trade_off_sentence {
            if weight >= 1.0 && self.hedging(i) < 1.0 {
                out.push(strength(
                    d,
                    "Naming the trade-offs shows judgement, not just knowledge.",
                    Some(self.quote(i)),
                    2,
                ));
            } else {
                out.push(improve(
                    d,
                    "The trade-offs are only hinted at here. Say plainly when you would not do this and what it costs.",
                    Some(self.quote(i)),
                    1,
                ));
            }
        }
        if t.example == 0.0 {
            out.push(improve(
                d,
                "There is no example: describe a time you used this, with what you measured.",
                None,
                2,
            ));
        } else if let Some(i) = first_of(Move::Example) {
            if t.concrete_example {
                out.push(strength(
                    d,
                    "A real example with numbers makes the explanation credible.",
                    Some(self.quote(i)),
                    3,
                ));
            } else {
                out.push(improve(
                    d,
                    "The example stays generic. Make it a real case: which system, and what you measured before and after.",
                    Some(self.quote(i)),
                    2,
                ));
            }
        }
        if design && !t.failure_modes {
            out.push(improve(
                d,
                "Nothing covers failure: say what happens when a component or a dependency goes down, and how the design degrades.",
                None,
                2,
            ));
        }
    }

    pub(super) fn length_comment(&self, out: &mut Vec<Draft>) {
        let words = self.reading.word_total;
        let seconds = words * 60 / 150;
        let long = if self.star_kind() { 420 } else { 450 };
        if words > long {
            out.push(improve(
                Dimension::Structure,
                &format!(
                    "At about {} spoken, this runs long; most interviewers want one to two minutes. Trim the setup first.",
                    duration(seconds)
                ),
                None,
                4,
            ));
        } else if words < 60 && !self.reading.sentences.is_empty() {
            out.push(improve(
                Dimension::Structure,
                &format!(
                    "At about {} spoken, this is too short to show what you know. Aim for one to two minutes.",
                    duration(seconds.max(1))
                ),
                None,
                1,
            ));
        }
    }
}

fn describe(part: Part) -> &'static str {
    match part {
        Part::Headline => "summary",
        Part::Situation => "background",
        Part::Task => "goal",
        Part::Action => "step",
        Part::Result => "outcome",
    }
}

fn percent(share: f32) -> u32 {
    ((share * 100.0 / 5.0).round() * 5.0) as u32
}

fn duration(seconds: usize) -> String {
    if seconds < 60 {
        format!("{seconds} seconds")
    } else {
        let minutes = (seconds as f32 / 60.0 * 2.0).round() / 2.0;
        if minutes.fract() == 0.0 {
            format!(
                "{} minute{}",
                minutes as u32,
                if minutes as u32 == 1 { "" } else { "s" }
            )
        } else {
            format!("{minutes} minutes")
        }
    }
}
