//! Markdown, for the CLI and for pasting into notes.

use std::fmt::Write as _;

use app::model::{ProvenanceSource, QuestionSet};

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
        let why = match q.provenance.source {
            ProvenanceSource::FocusArea => format!("Focus area: {}", escape(&q.provenance.detail)),
            ProvenanceSource::Skill => format!("Tests the skill: {}", escape(&q.provenance.detail)),
            ProvenanceSource::JdLine => format!(
                "From the job description: “{}”",
                escape(&q.provenance.detail)
            ),
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
