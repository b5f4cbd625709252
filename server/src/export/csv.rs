//! A set's questions as CSV, for flashcard apps: the question on the
//! front, what a strong answer covers on the back.

use app::model::QuestionSet;

/// One field, quoted, with a leading formula character neutralised so a
/// spreadsheet shows the text instead of running it.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

pub fn questions(set: &QuestionSet) -> String {
    let mut out = String::from("Front,Back,Kind,Focus area,Difficulty\r\n");
    for q in &set.questions {
        let back = q
            .rubric
            .iter()
            .map(|p| format!("• {p}"))
            .collect::<Vec<_>>()
            .join("\n");
        let row = [
            field(&q.text),
            field(&back),
            field(q.kind.label()),
            field(&q.focus_area),
            q.difficulty.to_string(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Plain"), "\"Plain\"");
        assert_eq!(field("Say \"hi\", twice"), "\"Say \"\"hi\"\", twice\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "\"'-1\"");
    }
}
