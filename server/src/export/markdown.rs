//! Markdown, for the CLI and for pasting into notes.

use std::fmt::Write as _;

use app::model::{Dimension, PracticeExport, ProvenanceSource, QuestionSet, Verdict};

pub fn question_set(set: &QuestionSet) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# {}\n", escape(&set.title));
    let _ = writeln!(
        out,
        "{} · {} questions · made by the {} coach\n",
        set.seniority.label(),
        set.questions.len(),
        set.engine
    );
    if let Some(notice) = &set.notice {
        let _ = writeln!(out, "> {}\n", escape(notice));
    }
    for (i, q) in set.questions.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, escape(&q.text));
        let detail = escape(&q.provenance.detail);
        let why = match q.provenance.source {
            ProvenanceSource::JdLine | ProvenanceSource::ResumeLine => {
                format!("{}: “{detail}”", q.provenance.label())
            }
            _ => format!("{}: {detail}", q.provenance.label()),
        };
        let _ = writeln!(
            out,
            "*{} · difficulty {}/3 · {}*\n",
            q.kind.label(),
            q.difficulty,
            why
        );
        let _ = writeln!(out, "A strong answer covers:\n");
        for point in &q.rubric {
            let _ = writeln!(out, "- {}", escape(point));
        }
        let _ = writeln!(out, "\nFollow-ups:\n");
        for follow_up in &q.follow_ups {
            let _ = writeln!(out, "- {}", escape(follow_up));
        }
        out.push('\n');
    }
    out
}

/// A set with the user's latest answers and their feedback.
pub fn practice(export: &PracticeExport) -> String {
    let mut out = String::new();
    let answered = export
        .questions
        .iter()
        .filter(|q| q.latest.is_some())
        .count();
    let _ = writeln!(out, "# {}\n", escape(&export.title));
    let _ = writeln!(
        out,
        "{answered} of {} questions answered; each shows the latest attempt.\n",
        export.questions.len()
    );
    for (i, q) in export.questions.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, escape(&q.question.text));
        let _ = writeln!(
            out,
            "*{} · {} · difficulty {}/3*\n",
            q.question.kind.label(),
            escape(&q.question.focus_area),
            q.question.difficulty
        );
        let Some(attempt) = &q.latest else {
            let _ = writeln!(out, "Not answered yet.\n");
            continue;
        };
        let _ = writeln!(
            out,
            "### Your answer ({} attempts; latest {})\n",
            q.attempts,
            attempt.created_at.get(..10).unwrap_or(&attempt.created_at)
        );
        for line in attempt.answer.lines() {
            let _ = writeln!(out, "> {}", escape(line));
        }
        out.push('\n');
        let Some(feedback) = &attempt.feedback else {
            let _ = writeln!(out, "No feedback yet.\n");
            continue;
        };
        let engine = match feedback.engine.strip_prefix("model:") {
            Some(model) => format!("the model {}", escape(model)),
            None => format!("the built-in offline coach ({}), not AI", feedback.engine),
        };
        let _ = writeln!(out, "### Feedback, from {engine}\n");
        let _ = writeln!(
            out,
            "- Overall: {}/10. {}",
            feedback.scores.overall,
            escape(&feedback.reasons.overall)
        );
        for d in Dimension::ALL {
            let _ = writeln!(
                out,
                "- {}: {}/10. {}",
                d.label(),
                feedback.scores.get(d),
                escape(feedback.reasons.get(d))
            );
        }
        out.push('\n');
        for c in &feedback.comments {
            let mark = match c.verdict {
                Verdict::Strength => "Strength",
                Verdict::Improve => "To improve",
            };
            let _ = write!(
                out,
                "- **{mark}** ({}): {}",
                c.dimension.as_str(),
                escape(&c.text)
            );
            if let Some(quote) = &c.quote {
                let _ = write!(out, " “{}”", escape(quote));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "\n### The rewrite, in your words\n");
        for line in feedback.rewrite.lines() {
            let _ = writeln!(out, "{}", escape(line));
        }
        out.push('\n');
    }
    out
}

/// Keeps text that came from a job description from turning into markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
