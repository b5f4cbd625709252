//! The `rehearse` binary as an operator runs it.

mod common;

use std::process::{Command, Output};

use common::{TestDb, backends};

fn rehearse(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command.args(args);
    // Start from a clean slate so the developer's own settings do not leak in.
    for var in [
        "DATABASE_URL",
        "REHEARSE_ADDR",
        "REHEARSE_PUBLIC_URL",
        "REHEARSE_LOG_LEVEL",
        "REHEARSE_LOG_FORMAT",
        "REHEARSE_SITE_ROOT",
    ] {
        command.env_remove(var);
    }
    let workdir = tempfile::tempdir().unwrap();
    command.current_dir(workdir.path());
    command.env("REHEARSE_MODEL_DIR", common::model_dir());
    command.envs(env.iter().copied());
    command.output().expect("the binary runs")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn help_documents_every_option_and_its_environment_variable() {
    let output = rehearse(&["--help"], &[]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for needle in [
        "--database-url",
        "DATABASE_URL",
        "--addr",
        "REHEARSE_ADDR",
        "--public-url",
        "REHEARSE_PUBLIC_URL",
        "--log-level",
        "REHEARSE_LOG_LEVEL",
        "--log-format",
        "REHEARSE_LOG_FORMAT",
        "--site-root",
        "REHEARSE_SITE_ROOT",
        "serve",
        "migrate",
        "assess",
        "REHEARSE_LLM_ASSESS_QUOTA",
        "REHEARSE_MODEL_DIR",
    ] {
        assert!(
            help.contains(needle),
            "--help does not mention {needle}:\n{help}"
        );
    }
    let migrate_help = rehearse(&["migrate", "--help"], &[]);
    let migrate_help = String::from_utf8(migrate_help.stdout).unwrap();
    for action in ["up", "down", "status"] {
        assert!(migrate_help.contains(action), "{migrate_help}");
    }
}

#[test]
fn invalid_settings_exit_nonzero_with_one_line_naming_the_setting() {
    let cases: [(&str, &str, &str); 5] = [
        ("DATABASE_URL", "nonsense", "DATABASE_URL"),
        (
            "DATABASE_URL",
            "postgres://127.0.0.1:1/none",
            "DATABASE_URL",
        ),
        ("REHEARSE_ADDR", "localhost", "REHEARSE_ADDR"),
        (
            "REHEARSE_PUBLIC_URL",
            "ftp://example.org",
            "REHEARSE_PUBLIC_URL",
        ),
        ("REHEARSE_LOG_FORMAT", "xml", "REHEARSE_LOG_FORMAT"),
    ];
    for (var, value, named) in cases {
        let output = rehearse(&[], &[(var, value)]);
        assert_eq!(output.status.code(), Some(2), "{var}={value}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{var}={value} printed {lines:?}");
        assert!(lines[0].contains(named), "{var}={value}: {}", lines[0]);
        assert!(!lines[0].contains("panicked"), "{}", lines[0]);
    }
}

#[test]
fn migrate_status_up_and_down_report_and_change_the_schema() {
    for kind in backends() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let test_db = runtime.block_on(TestDb::new(kind));
        let env = [("DATABASE_URL", test_db.url.as_str())];

        let status = rehearse(&["migrate", "status"], &env);
        assert!(status.status.success(), "{:?}", stderr_lines(&status));
        let text = String::from_utf8(status.stdout).unwrap();
        assert!(text.contains("m20261128_000001_initial"), "{text}");
        assert!(text.contains("pending"), "{kind:?}: {text}");

        let up = rehearse(&["migrate", "up"], &env);
        assert!(up.status.success(), "{:?}", stderr_lines(&up));
        let text = String::from_utf8(rehearse(&["migrate", "status"], &env).stdout).unwrap();
        assert!(
            text.contains("applied") && !text.contains("pending"),
            "{kind:?}: {text}"
        );

        let down = rehearse(&["migrate", "down"], &env);
        assert!(down.status.success(), "{:?}", stderr_lines(&down));
        let text = String::from_utf8(rehearse(&["migrate", "status"], &env).stdout).unwrap();
        assert!(text.contains("pending"), "{kind:?}: {text}");
        drop(test_db);
    }
}

#[test]
fn sqlite_database_file_and_folder_are_created_on_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/folder/rehearse.db");
    let url = format!("sqlite://{}", file.display());
    let output = rehearse(&["migrate", "up"], &[("DATABASE_URL", &url)]);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    assert!(file.exists());
}

fn rehearse_with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_MODEL_DIR", common::model_dir())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn roles_lists_the_library() {
    let output = rehearse(&["roles"], &[]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.lines().count() >= 16, "{text}");
    assert!(text.contains("backend-engineer") && text.contains("Backend Engineer"));
}

#[test]
fn generate_prints_a_set_as_json_without_a_database() {
    // A DATABASE_URL that could never connect proves no database is used.
    let output = rehearse(
        &[
            "generate",
            "--role",
            "backend-engineer",
            "--count",
            "7",
            "--format",
            "json",
        ],
        &[("DATABASE_URL", "postgres://127.0.0.1:1/none")],
    );
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let set: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(set["role"], "backend-engineer");
    assert_eq!(set["seniority"], "mid");
    assert_eq!(set["engine"], "offline/2+embeddings");
    let questions = set["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 7);
    for q in questions {
        for field in [
            "text",
            "kind",
            "focus_area",
            "difficulty",
            "provenance",
            "rubric",
            "follow_ups",
        ] {
            assert!(!q[field].is_null(), "{field} missing in {q}");
        }
        assert!(
            ["focus_area", "jd_line", "skill"]
                .contains(&q["provenance"]["source"].as_str().unwrap())
        );
    }
}

#[test]
fn generate_reads_a_job_description_from_standard_input_as_markdown() {
    let jd = include_str!("fixtures/jd/sre-cloud.txt");
    let output = rehearse_with_stdin(&["generate", "--jd-file", "-", "--count", "5"], jd);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("# Interview questions: Site Reliability Engineer"),
        "{text}"
    );
    assert_eq!(text.matches("\n## ").count(), 5, "{text}");
    assert!(
        text.contains(
            "Matched this job description to the DevOps / Site Reliability Engineer role."
        )
    );
}

#[test]
fn generate_asks_about_a_resume_file_quoting_it_exactly() {
    let resume = "Kai Lindqvist\nkai@example.org\nEXPERIENCE\n\
        - Cut checkout p95 latency from 900 ms to 250 ms by caching price lookups\n\
        - Led 5 engineers through the move to a new payments provider\n\
        - Built the returns API in Go and PostgreSQL\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("resume.txt");
    std::fs::write(&file, resume).unwrap();
    let output = rehearse(
        &[
            "generate",
            "--role",
            "backend-engineer",
            "--resume-file",
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let set: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let questions = set["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 10);
    let quoted: Vec<&str> = questions
        .iter()
        .filter(|q| q["provenance"]["source"] == "resume_line")
        .map(|q| q["provenance"]["detail"].as_str().unwrap())
        .collect();
    assert_eq!(quoted.len(), 3, "{set}");
    for line in quoted {
        assert!(resume.contains(line), "{line}");
    }
    // Both files cannot come from standard input.
    let output = rehearse(&["generate", "--jd-file", "-", "--resume-file", "-"], &[]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn generate_rejects_bad_options_with_one_line() {
    for args in [
        vec!["generate", "--role", "astronaut"],
        vec!["generate", "--role", "backend-engineer", "--count", "50"],
        vec![
            "generate",
            "--role",
            "backend-engineer",
            "--seniority",
            "wizard",
        ],
        vec!["generate"],
        vec!["generate", "--jd-file", "/no/such/file"],
    ] {
        let output = rehearse(&args, &[]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
    }
}

const STRONG_ANSWER: &str = "In my last role I owned the checkout service, whose p95 latency had reached 1.8 seconds. I was asked to bring it under 500 ms before the holiday sale. I traced requests with OpenTelemetry, found an N+1 query in Postgres, batched it and added an index. As a result p95 fell to 320 ms and timeout tickets dropped from 30 a week to 2.";

/// `rehearse assess` on [`STRONG_ANSWER`] as JSON, with `env` set.
fn assess_strong_answer(env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.txt");
    std::fs::write(&answer, STRONG_ANSWER).unwrap();
    rehearse(
        &[
            "assess",
            "--question",
            "Tell me about a time you made a slow service fast.",
            "--answer-file",
            answer.to_str().unwrap(),
            "--format",
            "json",
        ],
        env,
    )
}

#[test]
fn without_the_embedded_model_the_coach_reads_by_words_and_says_so() {
    let missing = tempfile::tempdir().unwrap().path().join("no-model-here");
    let output = assess_strong_answer(&[("REHEARSE_MODEL_DIR", missing.to_str().unwrap())]);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let feedback: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(feedback["engine"], "offline/2");
    assert!(feedback["scores"]["overall"].as_u64().unwrap() >= 7);
    assert!(
        stderr_lines(&output)
            .iter()
            .any(|line| line.contains("embedded model not loaded")),
        "{:?}",
        stderr_lines(&output)
    );
}

#[test]
fn assess_prints_feedback_as_json_without_a_database() {
    let output = assess_strong_answer(&[("DATABASE_URL", "postgres://127.0.0.1:1/none")]);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let feedback: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(feedback["engine"], "offline/2+embeddings");
    assert_eq!(
        feedback["kind"], "behavioral",
        "worked out from the wording"
    );
    for dimension in ["structure", "specificity", "relevance", "overall"] {
        let score = feedback["scores"][dimension].as_u64().unwrap();
        assert!((1..=10).contains(&score));
    }
    for part in ["situation", "task", "action", "result"] {
        assert!(feedback["star"][part].is_boolean());
    }
    for comment in feedback["comments"].as_array().unwrap() {
        assert!(
            ["structure", "specificity", "relevance"]
                .contains(&comment["dimension"].as_str().unwrap())
        );
        assert!(["strength", "improve"].contains(&comment["verdict"].as_str().unwrap()));
        if let Some(quote) = comment["quote"].as_str() {
            assert!(STRONG_ANSWER.contains(quote), "{quote}");
        }
    }
    assert!(feedback["rewrite"].is_string());
    assert!(feedback["word_count"].as_u64().unwrap() > 50);
    assert!(feedback["spoken_seconds"].as_u64().unwrap() > 20);
}

#[test]
fn assess_reads_the_answer_from_standard_input_as_text() {
    let output = rehearse_with_stdin(
        &[
            "assess",
            "--question",
            "How would you design a rate limiter?",
            "--kind",
            "system_design",
            "--answer-file",
            "-",
        ],
        "I would use a token bucket per client in Redis, because it allows short bursts. The trade-off is one network hop per request. For example, at my last job we capped each API key at 100 requests a second.",
    );
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("built-in offline coach"), "{text}");
    assert!(text.contains("not AI"));
    assert!(text.contains("Overall"));
    assert!(!text.contains("STAR:"), "no STAR for system design: {text}");
    assert!(text.contains("Rewrite, in your own words"));
}

#[test]
fn assess_rejects_bad_input_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "word ".repeat(2_001)).unwrap();
    let fine = dir.path().join("fine.txt");
    std::fs::write(&fine, "I did it.").unwrap();
    for (args, expected) in [
        (
            vec![
                "assess",
                "--question",
                "Q?",
                "--answer-file",
                "/no/such/file",
            ],
            "cannot read the answer",
        ),
        (
            vec![
                "assess",
                "--question",
                "Q?",
                "--answer-file",
                empty.to_str().unwrap(),
            ],
            "Write an answer first",
        ),
        (
            vec![
                "assess",
                "--question",
                "Q?",
                "--answer-file",
                long.to_str().unwrap(),
            ],
            "the limit is 10000",
        ),
        (
            vec![
                "assess",
                "--question",
                "Q?",
                "--answer-file",
                fine.to_str().unwrap(),
                "--kind",
                "riddle",
            ],
            "--kind",
        ),
        (
            vec![
                "assess",
                "--question",
                " ",
                "--answer-file",
                fine.to_str().unwrap(),
            ],
            "--question",
        ),
        (
            vec![
                "assess",
                "--question",
                "Q?",
                "--answer-file",
                "-",
                "--jd-file",
                "-",
            ],
            "standard input",
        ),
    ] {
        let output = rehearse(&args, &[]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
        assert!(lines[0].contains(expected), "{args:?}: {lines:?}");
    }
}
