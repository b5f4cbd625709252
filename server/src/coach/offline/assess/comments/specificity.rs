//! Comments on specificity: the most specific sentence, hedges and filler,
//! missing or vague numbers, "we" in place of "I", and unnamed tools.

use app::model::Dimension;

use super::{Draft, View, capitalise_first, improve, join, strength};

impl View<'_> {
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

    pub(super) fn specificity_comments(&self, out: &mut Vec<Draft>) {
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
