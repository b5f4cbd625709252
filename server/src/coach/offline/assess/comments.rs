//! What the assessor says: comments tied to quotes from the answer, and a
//! one-line reason for each score.

use app::model::{Comment, Dimension, QuestionKind, Scores, Verdict};

use super::relevance::RelevanceReading;
use super::specificity::SpecReading;
use super::star::{Part, StarReading};
use super::technical::{Move, TechReading};
use super::{AssessInput, Reading};

pub enum Structure {
    Star(StarReading),
    Technical(TechReading),
}

/// Everything the comments and reasons are drawn from.
pub struct View<'a> {
    pub input: &'a AssessInput<'a>,
    pub reading: &'a Reading<'a>,
    pub structure: &'a Structure,
    pub spec: &'a SpecReading,
    pub relevance: &'a RelevanceReading,
    pub scores: &'a Scores,
}

struct Draft {
    dimension: Dimension,
    verdict: Verdict,
    text: String,
    quote: Option<String>,
    /// Lower comes first.
    rank: u8,
}

/// Longest quote, in bytes, before a sentence is cut down to a clause.
const LONG_QUOTE: usize = 300;
/// Comments kept per dimension, and in all.
const PER_DIMENSION: [usize; 3] = [4, 3, 3];
const MIN_COMMENTS: usize = 4;

impl View<'_> {
    fn star_kind(&self) -> bool {
        matches!(self.structure, Structure::Star(_))
    }

    fn situational(&self) -> bool {
        self.input.kind == QuestionKind::Situational
    }

    /// How hedged sentence `i` is.
    fn hedging(&self, i: usize) -> f32 {
        self.reading.hedges[i].iter().map(|h| h.tag.weight).sum()
    }

    /// The first word of sentence `i` that makes it specific: a number or
    /// a named tool.
    fn focus(&self, i: usize) -> usize {
        let sentence = &self.reading.sentences[i];
        let number = self.reading.numbers[i]
            .iter()
            .find(|n| !(n.spelled && sentence.words[n.first].lower == "one"))
            .map(|n| n.first);
        let tool = sentence.words.iter().position(|w| {
            self.reading.skills[i]
                .iter()
                .any(|f| f.major && f.skill.to_lowercase().starts_with(&w.lower))
        });
        match (number, tool) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(0),
        }
    }

    // ----- quoting -----

    /// Sentence `i`, or for a long one, its first full clause.
    fn quote(&self, i: usize) -> String {
        let s = &self.reading.sentences[i];
        if s.end - s.start <= LONG_QUOTE {
            return s.text(self.reading.answer).to_string();
        }
        self.quote_words(i, 0, 1)
    }

    /// The clause of sentence `i` around words `from..to`; the whole
    /// sentence when it is short.
    fn quote_words(&self, i: usize, from: usize, to: usize) -> String {
        let answer = self.reading.answer;
        let s = &self.reading.sentences[i];
        if s.end - s.start <= LONG_QUOTE || s.words.is_empty() {
            return s.text(answer).to_string();
        }
        let from = from.min(s.words.len() - 1);
        let to = to.clamp(from + 1, s.words.len());
        let focus_start = s.words[from].start;
        let focus_end = s.words[to - 1].end;
        let is_break = |c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
        let text = &answer[s.start..s.end];
        // Clause boundaries as byte offsets into the answer.
        let breaks: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| is_break(c))
            .map(|(at, _)| s.start + at)
            .collect();
        let mut left = breaks
            .iter()
            .rev()
            .find(|&&b| b < focus_start)
            .map_or(s.start, |&b| {
                b + answer[b..].chars().next().map_or(1, char::len_utf8)
            });
        let mut right = breaks
            .iter()
            .find(|&&b| b >= focus_end)
            .copied()
            .unwrap_or(s.end);
        let words_in = |l: usize, r: usize| {
            s.words
                .iter()
                .filter(|w| w.start >= l && w.end <= r)
                .count()
        };
        // Too short to make sense alone: take in the next clause.
        let mut steps = 0;
        while words_in(left, right) < 8 && steps < 12 {
            steps += 1;
            if let Some(&b) = breaks.iter().find(|&&b| b > right) {
                right = b;
            } else if right < s.end {
                right = s.end;
            } else if let Some(&b) = breaks.iter().rev().find(|&&b| b + 1 < left) {
                left = b + answer[b..].chars().next().map_or(1, char::len_utf8);
            } else if left > s.start {
                left = s.start;
            } else {
                break;
            }
        }
        let clause = &answer[left..right];
        let trimmed = clause.trim();
        if trimmed.is_empty() {
            return s.text(answer).to_string();
        }
        trimmed.to_string()
    }

    // ----- structure -----

    fn star_comments(&self, s: &StarReading, out: &mut Vec<Draft>) {
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
                && super::voice::clauses(&self.reading.sentences[i].lower())
                    .iter()
                    .any(|c| {
                        c.subject == super::voice::Subject::I
                            && c.tense != super::voice::Tense::Other
                    })
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

    fn tech_comments(&self, t: &TechReading, out: &mut Vec<Draft>) {
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

    fn length_comment(&self, out: &mut Vec<Draft>) {
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

    // ----- specificity -----

    fn specificity_comments(&self, out: &mut Vec<Draft>) {
        let d = Dimension::Specificity;
        let spec = self.spec;
        let story = self.star_kind();

        if let Some((i, _)) = spec.best {
            let quoted = self.quote_words(i, self.focus(i), self.focus(i) + 1);
            let numbers: Vec<String> = spec.examples[i]
                .iter()
                .filter(|e| quoted.contains(e.as_str()))
                .take(3)
                .map(|e| format!("\"{e}\""))
                .collect();
            let tools: Vec<String> = self.reading.skills[i]
                .iter()
                .filter(|f| f.major)
                .take(3)
                .map(|f| f.skill.clone())
                .collect();
            let text = match (numbers.is_empty(), tools.is_empty()) {
                (false, false) => format!(
                    "Specific and checkable: {}, plus named tools ({}), show you did the work and measured it.",
                    join(&numbers),
                    join(&tools)
                ),
                (false, true) => format!(
                    "Specific and checkable: {} {} the interviewer a sense of scale.",
                    join(&numbers),
                    if numbers.len() == 1 { "gives" } else { "give" }
                ),
                (true, false) => format!(
                    "Naming the tools ({}) shows hands-on experience rather than theory.",
                    join(&tools)
                ),
                (true, true) => {
                    "Concrete detail (who, what, where) makes this believable.".to_string()
                }
            };
            let text = if self.relevance.off_topic() {
                format!("{text} Detail like this will serve you well in an answer to the question.")
            } else {
                text
            };
            out.push(strength(d, &text, Some(quoted), 1));
        }

        // Hedges, quoting the sentence that has the most.
        if spec.hedge_weight >= 2.0
            && let Some(&(i, _)) = spec.hedged_sentences.first()
        {
            let sentence = &self.reading.sentences[i];
            let here: Vec<String> = self.reading.hedges[i]
                .iter()
                .filter(|h| h.tag.weight >= 0.5)
                .map(|h| {
                    let raw = &self.reading.answer
                        [sentence.words[h.start].start..sentence.words[h.end - 1].end];
                    format!("\"{}\"", tidy_phrase(raw))
                })
                .fold(Vec::new(), |mut acc, p| {
                    if !acc.contains(&p) {
                        acc.push(p);
                    }
                    acc
                })
                .into_iter()
                .take(3)
                .collect();
            let total = spec.hedge_phrases.len();
            let mut text = format!(
                "Hedges and filler ({}) make you sound unsure of {}. Say it plainly, and if you don't know a detail, say what you checked.",
                join(&here),
                if self.situational() {
                    "your own plan"
                } else if story {
                    "your own story"
                } else {
                    "the answer"
                }
            );
            if total > here.len() {
                text.push_str(&format!(
                    " The answer has {} different ones; the rewrite drops most.",
                    total
                ));
            }
            out.push(improve(d, &text, Some(self.quote(i)), 0));
        }

        if spec.quantities == 0.0 {
            let text = if story {
                "There are no numbers. Add the scale (users, requests, team size), a time frame, and how much things changed."
            } else {
                "There are no numbers. Add one or two (data size, latency before and after, a rough cost) to show you have done this for real."
            };
            out.push(improve(d, text, None, 1));
        } else if let Some((i, from, to)) = spec.vague_amount
            && spec.quantities < 3.0
        {
            let s = &self.reading.sentences[i];
            let phrase = &self.reading.answer[s.words[from].start..s.words[to - 1].end];
            out.push(improve(
                d,
                &format!(
                    "\"{}\": roughly how much? An estimate (\"about…\") is more convincing than an adjective.",
                    capitalise_first(phrase)
                ),
                Some(self.quote_words(i, from, to)),
                2,
            ));
        }

        if story
            && spec.we_clauses >= 2
            && spec.we_clauses > spec.i_clauses
            && let Some(i) = spec.we_sentence
        {
            out.push(improve(
                d,
                "\"We\" hides what you did. The interviewer is hiring you: say which part was yours (\"I traced…\", \"I proposed…\").",
                Some(self.quote(i)),
                1,
            ));
        }

        if !story && spec.tools.is_empty() {
            out.push(improve(
                d,
                "No named tools or technologies. Say which database, library or service you mean; it shows hands-on experience.",
                None,
                2,
            ));
        }
    }

    // ----- relevance -----

    fn relevance_comments(&self, out: &mut Vec<Draft>) {
        let d = Dimension::Relevance;
        let rel = self.relevance;
        if rel.off_topic() {
            if !self.reading.sentences.is_empty() {
                let how = match self.input.kind {
                    QuestionKind::Behavioral => "with a real example of exactly that",
                    QuestionKind::Situational => "with what you would do, and why",
                    QuestionKind::Technical => "with a direct explanation",
                    QuestionKind::SystemDesign => "with a design for exactly that",
                };
                out.push(improve(
                    d,
                    &format!(
                        "This is about something other than the question, which asks: \"{}\" Answer that, {}.",
                        self.input.question.trim(),
                        how
                    ),
                    Some(self.quote(rel.closest_sentence().unwrap_or(0))),
                    0,
                ));
                // Where to start instead: what the question is listening for.
                let wanted: Vec<String> = rel
                    .points
                    .iter()
                    .take(2)
                    .map(|p| point_phrase(&p.text))
                    .collect();
                if !wanted.is_empty() {
                    out.push(improve(
                        d,
                        &format!(
                            "An answer to this question would cover {}.",
                            wanted.join(", and ")
                        ),
                        None,
                        1,
                    ));
                }
            }
            return;
        }

        // A rubric point the answer covers, with the sentence that does.
        let taken = self.spec.best.map(|(i, _)| i);
        let usable = |p: &&super::relevance::Point| {
            p.covered() && p.sentence.is_some_and(|i| self.hedging(i) < 1.0)
        };
        let covered = rel
            .points
            .iter()
            .filter(usable)
            .find(|p| p.sentence != taken)
            .or_else(|| rel.points.iter().find(usable));
        if let Some(point) = covered {
            let i = point.sentence.unwrap_or(0);
            out.push(strength(
                d,
                &format!(
                    "This covers something interviewers listen for: {}.",
                    point_phrase(&point.text)
                ),
                Some(self.quote(i)),
                1,
            ));
        } else if let Some((i, count)) = rel.best_sentence
            && count >= 2
            && self.hedging(i) < 1.0
        {
            out.push(strength(
                d,
                "This goes straight at what the question asks.",
                Some(self.quote(i)),
                1,
            ));
        }

        let mut missing: Vec<&super::relevance::Point> =
            rel.points.iter().filter(|p| p.coverage < 0.5).collect();
        missing.sort_by(|a, b| a.coverage.total_cmp(&b.coverage));
        let room = if self.scores.overall >= 8 { 1 } else { 2 };
        for (n, point) in missing.into_iter().take(room).enumerate() {
            out.push(improve(
                d,
                &format!(
                    "Make this explicit: interviewers listen for {}.",
                    point_phrase(&point.text)
                ),
                None,
                2 + n as u8,
            ));
        }
        if rel.points.is_empty() && rel.question_coverage < 0.3 && !rel.terms.is_empty() {
            out.push(improve(
                d,
                "The answer drifts from what was asked. Use the question's own terms so the link is obvious.",
                None,
                2,
            ));
        }

        if let Some((skill, i)) = rel.jd_found.first() {
            out.push(strength(
                d,
                &format!("Mentions {skill}, which the job description asks for; keep it."),
                Some(self.quote(*i)),
                3,
            ));
        } else if !rel.jd_missing.is_empty() {
            let wanted: Vec<String> = rel.jd_missing.iter().take(3).cloned().collect();
            out.push(improve(
                d,
                &format!(
                    "The job description asks for {}; if you used {} here, name {}.",
                    join(&wanted),
                    if wanted.len() == 1 {
                        "it"
                    } else {
                        "any of them"
                    },
                    if wanted.len() == 1 { "it" } else { "them" }
                ),
                None,
                4,
            ));
        }
    }

    // ----- putting it together -----

    pub fn comments(&self) -> Vec<Comment> {
        let mut drafts = Vec::new();
        match self.structure {
            Structure::Star(s) => self.star_comments(s, &mut drafts),
            Structure::Technical(t) => self.tech_comments(t, &mut drafts),
        }
        self.length_comment(&mut drafts);
        self.specificity_comments(&mut drafts);
        self.relevance_comments(&mut drafts);
        // On an off-topic answer only the missing parts of the structure
        // are worth saying; praising how it is told misses the point.
        if self.relevance.off_topic() {
            drafts.retain(|d| {
                d.dimension != Dimension::Structure
                    || (d.verdict == Verdict::Improve && d.rank == 0)
            });
        }

        let mut chosen: Vec<Draft> = Vec::new();
        let mut left: Vec<Draft> = Vec::new();
        for (n, dimension) in Dimension::ALL.into_iter().enumerate() {
            let (mut strengths, mut improvements): (Vec<Draft>, Vec<Draft>) = drafts
                .extract_if(.., |d| d.dimension == dimension)
                .partition(|d| d.verdict == Verdict::Strength);
            strengths.sort_by_key(|d| d.rank);
            improvements.sort_by_key(|d| d.rank);
            let cap = PER_DIMENSION[n];
            let mut taken = 0;
            let mut strengths = strengths.into_iter();
            let mut improvements = improvements.into_iter();
            if let Some(s) = strengths.next() {
                chosen.push(s);
                taken += 1;
            }
            for i in improvements.by_ref() {
                if taken == cap {
                    left.push(i);
                    continue;
                }
                chosen.push(i);
                taken += 1;
            }
            for s in strengths {
                if taken < cap {
                    chosen.push(s);
                    taken += 1;
                } else {
                    left.push(s);
                }
            }
        }
        // Never all praise or all criticism.
        for verdict in [Verdict::Strength, Verdict::Improve] {
            if chosen.iter().all(|d| d.verdict != verdict) {
                left.sort_by_key(|d| d.rank);
                match left.iter().position(|d| d.verdict == verdict) {
                    Some(at) => chosen.push(left.remove(at)),
                    None => chosen.push(self.fallback(verdict)),
                }
            }
        }
        left.sort_by_key(|d| d.rank);
        let mut left = left.into_iter();
        while chosen.len() < MIN_COMMENTS {
            match left.next() {
                Some(d) => chosen.push(d),
                None => break,
            }
        }
        chosen.sort_by_key(|d| (d.dimension, d.verdict == Verdict::Improve, d.rank));
        chosen
            .into_iter()
            .map(|d| Comment {
                dimension: d.dimension,
                verdict: d.verdict,
                text: d.text,
                quote: d.quote,
            })
            .collect()
    }

    fn fallback(&self, verdict: Verdict) -> Draft {
        let reading = self.reading;
        if verdict == Verdict::Improve {
            let lower = reading.answer.to_lowercase();
            let reflects = ["learn", "lesson", "differently", "takeaway", "hindsight"]
                .iter()
                .any(|w| lower.contains(w));
            if self.star_kind() && !reflects {
                return improve(
                    Dimension::Structure,
                    "To finish strongly, add one line on what you learned or would do differently next time.",
                    None,
                    5,
                );
            }
            if self.star_kind() {
                return improve(
                    Dimension::Relevance,
                    "To finish strongly, link the result to the role you are interviewing for, in one sentence.",
                    None,
                    5,
                );
            }
            return improve(
                Dimension::Structure,
                "To finish strongly, close with one sentence that ties the example back to the question.",
                None,
                5,
            );
        }
        // The sentence nearest the question, the least hedged of those.
        let nearest = (0..reading.sentences.len())
            .map(|i| (i, self.relevance.terms.count_in(&reading.content[i])))
            .filter(|&(_, count)| count > 0)
            .min_by(|a, b| {
                self.hedging(a.0)
                    .total_cmp(&self.hedging(b.0))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            });
        if !self.relevance.off_topic()
            && let Some((i, _)) = nearest
        {
            return strength(
                Dimension::Relevance,
                "This sentence is on the question; build the answer out from it.",
                Some(self.quote(i)),
                5,
            );
        }
        if let Some(i) = (0..reading.sentences.len()).find(|&i| {
            let words = reading.sentences[i].lower();
            super::voice::clauses(&words).iter().any(|c| {
                c.subject == super::voice::Subject::I && c.tense != super::voice::Tense::Other
            })
        }) {
            return strength(
                Dimension::Specificity,
                "Told in the first person, so it is clear what you did yourself.",
                Some(self.quote(i)),
                5,
            );
        }
        if !reading.sentences.is_empty() {
            return strength(
                Dimension::Structure,
                "A starting point: build on this with the parts listed below.",
                Some(self.quote(0)),
                5,
            );
        }
        strength(
            Dimension::Structure,
            "You made a start; the notes below say what a full answer needs.",
            None,
            5,
        )
    }

    // ----- reasons -----

    pub fn structure_reason(&self) -> String {
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

fn strength(dimension: Dimension, text: &str, quote: Option<String>, rank: u8) -> Draft {
    Draft {
        dimension,
        verdict: Verdict::Strength,
        text: text.to_string(),
        quote,
        rank,
    }
}

fn improve(dimension: Dimension, text: &str, quote: Option<String>, rank: u8) -> Draft {
    Draft {
        dimension,
        verdict: Verdict::Improve,
        text: text.to_string(),
        quote,
        rank,
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

/// "a, b and c".
fn join(items: &[String]) -> String {
    join_with(items, "and")
}

fn join_or(items: &[String]) -> String {
    join_with(items, "or")
}

fn join_with(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// A rubric point as the end of a sentence: "an answer that quantifies the
/// improvement…" when it opens with a verb, else the point itself.
fn point_phrase(point: &str) -> String {
    let point = point.trim().trim_end_matches('.');
    let first = point.split_whitespace().next().unwrap_or("");
    let lowered = lower_first(point);
    let verb = first.len() > 3
        && first.ends_with('s')
        && !first.ends_with("ss")
        && !first.ends_with("us")
        && !first.ends_with("is")
        && first.chars().all(char::is_alphabetic);
    if verb {
        format!("an answer that {lowered}")
    } else {
        lowered
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Leave acronyms ("SLO targets") as they are.
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A hedge as written, on one line, with "i" made "I".
fn tidy_phrase(raw: &str) -> String {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = one_line.to_lowercase().replace('’', "'");
    lower
        .split(' ')
        .map(|w| {
            if w == "i" || w.starts_with("i'") {
                capitalise_first(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
