//! Feedback as plain text, for the terminal.

use app::model::{Dimension, Feedback, Verdict};

pub fn feedback(feedback: &Feedback) -> String {
    let mut out = String::new();
    let engine = match feedback.engine.strip_prefix("model:") {
        Some(model) => format!("the model {model}"),
        None => format!(
            "the built-in offline coach ({}: rules and word lists, not AI)",
            feedback.engine
        ),
    };
    out.push_str(&format!(
        "Feedback from {engine} on a {} answer: {} words, about {} s spoken.\n",
        feedback.kind.label().to_lowercase(),
        feedback.word_count,
        feedback.spoken_seconds
    ));
    if let Some(notice) = &feedback.notice {
        out.push_str(&format!("{notice}\n"));
    }
    out.push_str(&format!(
        "\nOverall      {:>2}/10  {}\n",
        feedback.scores.overall, feedback.reasons.overall
    ));
    for dimension in Dimension::ALL {
        out.push_str(&format!(
            "{:<12} {:>2}/10  {}\n",
            dimension.label(),
            feedback.scores.get(dimension),
            feedback.reasons.get(dimension)
        ));
    }
    if let Some(star) = feedback.star {
        let mark = |present: bool| if present { "yes" } else { "MISSING" };
        out.push_str(&format!(
            "\nSTAR: situation {}, task {}, action {}, result {}\n",
            mark(star.situation),
            mark(star.task),
            mark(star.action),
            mark(star.result)
        ));
    }
    out.push_str("\nComments\n");
    for comment in &feedback.comments {
        let verdict = match comment.verdict {
            Verdict::Strength => "+",
            Verdict::Improve => "-",
        };
        out.push_str(&format!(
            "{verdict} [{}] {}\n",
            comment.dimension.as_str(),
            comment.text
        ));
        if let Some(quote) = &comment.quote {
            out.push_str(&format!("    \"{quote}\"\n"));
        }
    }
    out.push_str("\nRewrite, in your own words\n\n");
    out.push_str(feedback.rewrite.trim_end());
    out.push('\n');
    out
}
