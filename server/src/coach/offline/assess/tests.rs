//! The assessor against the answer fixtures, and its parts on small cases.

use app::model::{Dimension, Feedback, QuestionKind, Verdict};
use serde::Deserialize;

use super::{AssessInput, guess_kind, new_names, new_numbers};
use crate::coach::offline::{ENGINE_WITH_EMBEDDINGS, OfflineCoach};

const FIXTURES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/answers/cases.toml"
));

#[derive(Debug, Deserialize)]
struct Fixtures {
    question: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    kind: String,
    text: String,
    rubric: Vec<String>,
    answer: Vec<Answer>,
}

#[derive(Debug, Deserialize)]
struct Answer {
    variant: String,
    text: String,
}

impl Case {
    fn kind(&self) -> QuestionKind {
        QuestionKind::parse(&self.kind).expect("a known kind")
    }

    fn answer(&self, variant: &str) -> Option<&str> {
        self.answer
            .iter()
            .find(|a| a.variant == variant)
            .map(|a| a.text.as_str())
    }

    fn assess(&self, variant: &str) -> Feedback {
        let answer = self
            .answer(variant)
            .unwrap_or_else(|| panic!("{} has no {variant} answer", self.id));
        assess(self, answer)
    }
}

fn coach() -> &'static OfflineCoach {
    crate::coach::offline::for_tests()
}

fn cases() -> Vec<Case> {
    let fixtures: Fixtures = toml::from_str(FIXTURES).expect("the fixtures parse");
    fixtures.question
}

/// The later answer files, both halves: what must hold of every answer
/// (well-formed feedback, strong above vague, a missing result named) is
/// checked on all of them. How closely scores follow the labels is measured
/// by the `coach_eval` example, per half.
const MORE_FIXTURES: [&str; 4] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/answers/batch-a.toml"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/answers/batch-b.toml"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/answers/batch-c.toml"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/answers/batch-d.toml"
    )),
];

fn all_cases() -> Vec<Case> {
    let mut out = cases();
    for text in MORE_FIXTURES {
        let fixtures: Fixtures = toml::from_str(text).expect("the fixtures parse");
        out.extend(fixtures.question);
    }
    out
}

fn input<'a>(case: &'a Case, answer: &'a str) -> AssessInput<'a> {
    AssessInput {
        question: &case.text,
        kind: case.kind(),
        rubric: &case.rubric,
        focus_area: None,
        jd_skills: &[],
        answer,
    }
}

fn assess(case: &Case, answer: &str) -> Feedback {
    coach().assess(&input(case, answer))
}

fn quick(question: &str, kind: QuestionKind, answer: &str) -> Feedback {
    coach().assess(&AssessInput {
        question,
        kind,
        rubric: &[],
        focus_area: None,
        jd_skills: &[],
        answer,
    })
}

/// Every answer of every fixture file, with its feedback.
fn everything() -> Vec<(String, String, Feedback)> {
    all_cases()
        .iter()
        .flat_map(|case| {
            case.answer.iter().map(move |a| {
                (
                    format!("{}/{}", case.id, a.variant),
                    a.text.clone(),
                    assess(case, &a.text),
                )
            })
        })
        .collect()
}

/// What every piece of feedback must satisfy, whatever the answer.
fn check_shape(label: &str, answer: &str, feedback: &Feedback) {
    assert_eq!(feedback.engine, ENGINE_WITH_EMBEDDINGS, "{label}");
    assert!(
        feedback.prompt_version.is_none() && feedback.notice.is_none(),
        "{label}"
    );
    let s = feedback.scores;
    for score in [s.structure, s.specificity, s.relevance, s.overall] {
        assert!((1..=10).contains(&score), "{label}: score {score}");
    }
    let r = &feedback.reasons;
    for reason in [&r.structure, &r.specificity, &r.relevance, &r.overall] {
        assert!(
            !reason.trim().is_empty() && !reason.contains('\n'),
            "{label}: {reason:?}"
        );
    }
    let comments = &feedback.comments;
    let least = if answer.split_whitespace().count() >= 40 {
        4
    } else {
        2
    };
    assert!(
        (least..=10).contains(&comments.len()),
        "{label}: {} comments",
        comments.len()
    );
    assert!(
        comments.iter().any(|c| c.verdict == Verdict::Strength)
            && comments.iter().any(|c| c.verdict == Verdict::Improve),
        "{label}: needs both strengths and improvements"
    );
    assert!(
        comments
            .windows(2)
            .all(|w| w[0].dimension <= w[1].dimension),
        "{label}: comments in structure, specificity, relevance order"
    );
    for c in comments {
        assert!(!c.text.trim().is_empty(), "{label}");
        if let Some(quote) = &c.quote {
            assert!(
                answer.contains(quote.as_str()),
                "{label}: {quote:?} is not in the answer"
            );
            assert!(
                quote.chars().filter(|c| c.is_alphanumeric()).count() >= 2,
                "{label}: quote too small: {quote:?}"
            );
        }
        let lower = c.text.to_lowercase();
        assert!(
            !lower.contains(" ai ") && !lower.contains("artificial intelligence"),
            "{label}"
        );
    }
    assert_eq!(
        feedback.word_count,
        app::model::word_count(answer),
        "{label}"
    );
    assert_eq!(
        feedback.spoken_seconds,
        app::model::spoken_seconds(feedback.word_count),
        "{label}"
    );
    match feedback.kind {
        QuestionKind::Behavioral | QuestionKind::Situational => {
            assert!(feedback.star.is_some(), "{label}")
        }
        _ => assert!(feedback.star.is_none(), "{label}"),
    }
    check_rewrite(label, answer, &feedback.rewrite);
}

fn check_rewrite(label: &str, answer: &str, rewrite: &str) {
    assert!(!rewrite.trim().is_empty(), "{label}: empty rewrite");
    assert!(
        new_numbers(answer, rewrite).is_empty(),
        "{label}: new numbers {:?} in\n{rewrite}",
        new_numbers(answer, rewrite)
    );
    assert!(
        new_names(answer, rewrite, coach().matcher()).is_empty(),
        "{label}: new names {:?} in\n{rewrite}",
        new_names(answer, rewrite, coach().matcher())
    );
    // Placeholders hold no numbers at all.
    let mut depth = 0;
    for c in rewrite.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth > 0 => assert!(!c.is_ascii_digit(), "{label}: digit in a placeholder"),
            _ => {}
        }
    }
}

// ----- the fixtures -----

#[test]
fn there_are_enough_fixtures() {
    let cases = cases();
    assert!(cases.len() >= 10);
    for case in &cases {
        for variant in ["strong", "vague", "off_topic"] {
            assert!(
                case.answer(variant).is_some(),
                "{} lacks {variant}",
                case.id
            );
        }
        if matches!(
            case.kind(),
            QuestionKind::Behavioral | QuestionKind::Situational
        ) {
            assert!(
                case.answer("no_result").is_some(),
                "{} lacks no_result",
                case.id
            );
        }
    }
}

#[test]
fn every_feedback_is_well_formed() {
    for (label, answer, feedback) in everything() {
        check_shape(&label, &answer, &feedback);
    }
}

#[test]
fn strong_answers_outscore_weaker_ones() {
    for case in cases() {
        let strong = case.assess("strong").scores.overall;
        for answer in case.answer.iter().filter(|a| a.variant != "strong") {
            let variant = &answer.variant;
            let other = assess(&case, &answer.text).scores.overall;
            assert!(
                strong > other,
                "{}: strong {strong} vs {variant} {other}",
                case.id
            );
        }
        assert!(strong >= 7, "{}: strong scores only {strong}", case.id);
    }
}

#[test]
fn missing_results_are_named() {
    for case in cases() {
        if case.answer("no_result").is_none() {
            continue;
        }
        let feedback = case.assess("no_result");
        let star = feedback.star.expect("a STAR reading");
        assert!(!star.result, "{}: read a result that is not there", case.id);
        assert!(
            feedback
                .comments
                .iter()
                .any(|c| c.dimension == Dimension::Structure
                    && c.verdict == Verdict::Improve
                    && c.quote.is_none()
                    && c.text.contains("no Result")),
            "{}: {:#?}",
            case.id,
            feedback.comments
        );
        assert!(feedback.rewrite.contains("[Result:"), "{}", case.id);
    }
}

#[test]
fn on_every_question_strong_beats_vague_and_a_missing_result_is_named() {
    let cases = all_cases();
    assert!(cases.len() >= 30 && cases.iter().map(|c| c.answer.len()).sum::<usize>() >= 120);
    for case in cases {
        let strong = case.assess("strong").scores.overall;
        let vague = case.assess("vague").scores.overall;
        assert!(
            strong > vague,
            "{}: strong {strong}, vague {vague}",
            case.id
        );
        if case.answer("no_result").is_some() {
            let star = case.assess("no_result").star.expect("a STAR reading");
            assert!(!star.result, "{}: read a result that is not there", case.id);
        }
    }
}

/// An answer about something else entirely, however well told, is named as
/// such, quoting its sentence closest to the question; an answer to the
/// question with none of the rubric's words is not.
#[test]
fn an_answer_about_something_else_is_named_with_its_closest_sentence() {
    let question = "Tell me about a time you had to give difficult feedback to a colleague.";
    let rubric = [
        "Explains what the feedback was and why it was needed".to_string(),
        "Describes how the conversation was prepared and held".to_string(),
        "Shows respect for the colleague while being direct".to_string(),
        "Describes what changed afterwards".to_string(),
    ];
    let off = "Last spring I trained for my first marathon with a club near the river. \
        I ran four times a week and built up to a long run of thirty kilometres. \
        I bought proper shoes after a blister in the second month and kept a log of every run. \
        On race day I finished in four hours and ten minutes, and I have signed up for another one.";
    let on = "My colleague Dana kept merging changes without tests, and two of them broke checkout in one month. \
        I needed to tell her directly without making it personal. \
        I asked her for a one-to-one, brought the two incidents and their cost, and asked how she saw them before I said anything else. \
        I told her plainly that skipping tests was not acceptable on that service and offered to pair on the test setup, which she found slow. \
        She agreed, we cut the suite from twelve minutes to four together, and she has not merged an untested change since.";
    let assess = |answer: &str| {
        coach().assess(&AssessInput {
            question,
            kind: QuestionKind::Behavioral,
            rubric: &rubric,
            focus_area: None,
            jd_skills: &[],
            answer,
        })
    };
    let feedback = assess(off);
    assert!(feedback.scores.relevance <= 3, "{:?}", feedback.scores);
    assert!(feedback.scores.overall <= 4, "{:?}", feedback.scores);
    let named = feedback
        .comments
        .iter()
        .find(|c| {
            c.dimension == Dimension::Relevance
                && c.text.contains("something other than the question")
        })
        .expect("the answer is named as off the question");
    let quote = named.quote.as_deref().expect("with its closest sentence");
    assert!(off.contains(quote), "{quote}");
    assert!(
        feedback.reasons.relevance.contains("meaning"),
        "{}",
        feedback.reasons.relevance
    );

    let off_overall = feedback.scores.overall;
    let feedback = assess(on);
    assert!(feedback.scores.relevance >= 4, "{:?}", feedback.scores);
    assert!(
        feedback.scores.overall > off_overall,
        "{:?}",
        feedback.scores
    );
    assert!(
        !feedback
            .comments
            .iter()
            .any(|c| c.text.contains("something other than the question")),
        "{:?}",
        feedback.comments
    );
}

#[test]
fn without_the_model_the_coach_reads_by_words_and_says_so() {
    let words_only = OfflineCoach::new(coach().library_arc());
    let case = &cases()[0];
    let feedback = words_only.assess(&AssessInput {
        question: &case.text,
        kind: case.kind(),
        rubric: &case.rubric,
        focus_area: None,
        jd_skills: &[],
        answer: case.answer("strong").expect("a strong answer"),
    });
    assert_eq!(feedback.engine, crate::coach::offline::ENGINE);
    assert!(feedback.scores.overall >= 7);
}

#[test]
fn off_topic_answers_score_low() {
    for case in cases() {
        let feedback = case.assess("off_topic");
        assert!(
            feedback.scores.relevance <= 3,
            "{}: relevance {}",
            case.id,
            feedback.scores.relevance
        );
        assert!(
            feedback.scores.overall <= 4,
            "{}: overall {}",
            case.id,
            feedback.scores.overall
        );
    }
}

#[test]
fn relevance_works_without_a_rubric() {
    // The CLI has only the question.
    for case in cases() {
        let without = |variant: &str| {
            coach().assess(&AssessInput {
                question: &case.text,
                kind: case.kind(),
                rubric: &[],
                focus_area: None,
                jd_skills: &[],
                answer: case.answer(variant).unwrap(),
            })
        };
        let strong = without("strong");
        let off = without("off_topic");
        assert!(
            off.scores.relevance <= 3,
            "{}: {}",
            case.id,
            off.scores.relevance
        );
        assert!(
            strong.scores.relevance >= 6,
            "{}: {}",
            case.id,
            strong.scores.relevance
        );
        assert!(strong.scores.overall > off.scores.overall, "{}", case.id);
    }
}

#[test]
fn on_topic_answers_are_not_called_off_topic() {
    for case in cases() {
        for variant in ["strong", "vague", "no_result"] {
            if case.answer(variant).is_none() {
                continue;
            }
            let relevance = case.assess(variant).scores.relevance;
            assert!(
                relevance >= 4,
                "{}/{variant}: relevance {relevance}",
                case.id
            );
        }
    }
}

#[test]
fn strong_stories_have_every_star_part() {
    for case in cases() {
        if !matches!(
            case.kind(),
            QuestionKind::Behavioral | QuestionKind::Situational
        ) {
            continue;
        }
        let feedback = case.assess("strong");
        let star = feedback.star.expect("a STAR reading");
        assert!(
            star.situation && star.task && star.action && star.result,
            "{}: {star:?}",
            case.id
        );
        assert!(
            !feedback.rewrite.contains("[Situation")
                && !feedback.rewrite.contains("[Task")
                && !feedback.rewrite.contains("[Action")
                && !feedback.rewrite.contains("[Result"),
            "{}: {}",
            case.id,
            feedback.rewrite
        );
    }
}

#[test]
fn vague_answers_are_told_about_hedges_and_numbers() {
    for case in cases() {
        let feedback = case.assess("vague");
        let spec: Vec<&str> = feedback
            .comments
            .iter()
            .filter(|c| c.dimension == Dimension::Specificity && c.verdict == Verdict::Improve)
            .map(|c| c.text.as_str())
            .collect();
        assert!(
            spec.iter().any(|t| t.contains("Hedges")),
            "{}: {spec:?}",
            case.id
        );
        assert!(feedback.scores.specificity <= 3, "{}", case.id);
        // The rewrite drops the hedges.
        for hedge in ["basically", "kind of", "sort of", "stuff like that"] {
            assert!(
                !feedback.rewrite.to_lowercase().contains(hedge),
                "{}: {hedge} left in\n{}",
                case.id,
                feedback.rewrite
            );
        }
    }
}

#[test]
fn technical_answers_are_read_answer_first() {
    for case in cases() {
        if matches!(
            case.kind(),
            QuestionKind::Behavioral | QuestionKind::Situational
        ) {
            continue;
        }
        let strong = case.assess("strong");
        assert!(
            strong.reasons.structure.starts_with("Answers first"),
            "{}",
            case.id
        );
        assert!(strong.scores.structure >= 8, "{}", case.id);
        let vague = case.assess("vague");
        assert!(
            vague.scores.structure < strong.scores.structure,
            "{}",
            case.id
        );
    }
}

#[test]
fn flawed_variants_get_the_matching_advice() {
    let mut seen = 0;
    for case in cases() {
        if case.answer("we_not_i").is_some() {
            seen += 1;
            let feedback = case.assess("we_not_i");
            assert!(
                feedback
                    .comments
                    .iter()
                    .any(|c| c.text.starts_with("\"We\" hides")),
                "{}: {:#?}",
                case.id,
                feedback.comments
            );
            assert!(
                feedback.reasons.specificity.contains("mostly \"we\""),
                "{}",
                case.id
            );
        }
        if case.answer("hedging").is_some() {
            seen += 1;
            let hedged = case.assess("hedging");
            let strong = case.assess("strong");
            assert!(
                hedged
                    .comments
                    .iter()
                    .any(|c| c.text.starts_with("Hedges and filler")),
                "{}",
                case.id
            );
            assert!(
                hedged.scores.specificity < strong.scores.specificity,
                "{}",
                case.id
            );
            assert!(!hedged.rewrite.contains("kind of") && !hedged.rewrite.contains("I think"));
        }
        if case.answer("buried_answer").is_some() {
            seen += 1;
            let feedback = case.assess("buried_answer");
            assert!(
                feedback
                    .comments
                    .iter()
                    .any(|c| c.text.contains("arrives late")),
                "{}: {:#?}",
                case.id,
                feedback.comments
            );
            assert!(
                feedback
                    .rewrite
                    .starts_with("In short, an index speeds up queries"),
                "{}",
                feedback.rewrite
            );
        }
    }
    assert_eq!(seen, 3, "the added variants are in the fixtures");
}

// ----- small cases -----

#[test]
fn same_input_same_feedback() {
    let cases = cases();
    let case = &cases[0];
    let answer = case.answer("strong").unwrap().to_string();
    let a = assess(case, &answer);
    let b = assess(case, &answer.clone());
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn amounts_in_any_currency_are_quoted_whole() {
    let cases = cases();
    let case = &cases[0];
    for answer in [
        "I improved one funnel. Revenue rose from €70–85k to €120k a quarter.",
        "I cut hosting from £4,000 to £2,500 a month by moving the batch jobs.",
        "We saved $300 a week on the build farm after I cached the images.",
    ] {
        let feedback = assess(case, answer);
        for comment in &feedback.comments {
            if let Some(quote) = &comment.quote {
                assert!(answer.contains(quote.as_str()), "{quote:?} in {answer:?}");
            }
        }
    }
}

#[test]
fn one_sentence_and_near_empty_answers() {
    for (kind, answer) in [
        (QuestionKind::Behavioral, "I fixed it."),
        (QuestionKind::Behavioral, "ok"),
        (QuestionKind::Technical, "It depends."),
        (QuestionKind::SystemDesign, "!!!"),
        (QuestionKind::Situational, "I would talk to my manager"),
    ] {
        let feedback = quick(
            "Tell me about a time you fixed a slow service.",
            kind,
            answer,
        );
        check_shape(answer, answer, &feedback);
        assert!(
            feedback.scores.overall <= 4,
            "{answer}: {}",
            feedback.scores.overall
        );
        assert!(feedback.comments.len() >= 2);
    }
}

#[test]
fn markup_is_just_text() {
    let answer = "I fixed the page. <script>alert(1)</script> Then latency fell from 900 ms to 200 ms, \
                  because I cached the <b>profile</b> lookup.";
    let feedback = quick(
        "Tell me about a time you improved page latency.",
        QuestionKind::Behavioral,
        answer,
    );
    check_shape("markup", answer, &feedback);
    assert!(feedback.rewrite.contains("<script>alert(1)</script>"));
}

#[test]
fn job_description_skills_count() {
    let answer = "At my last company our checkout API was slow. My task was to fix it. \
                  I profiled it and moved the session store from Postgres to Redis. \
                  As a result p95 latency fell from 800 ms to 120 ms within two weeks.";
    let skills = vec!["Redis".to_string(), "Kafka".to_string()];
    let feedback = coach().assess(&AssessInput {
        question: "Tell me about a time you improved the performance of an API.",
        kind: QuestionKind::Behavioral,
        rubric: &[],
        focus_area: Some("performance"),
        jd_skills: &skills,
        answer,
    });
    assert!(
        feedback
            .comments
            .iter()
            .any(|c| c.text.contains("Redis") && c.verdict == Verdict::Strength),
        "{:#?}",
        feedback.comments
    );
    assert!(
        feedback
            .reasons
            .relevance
            .contains("1 of the job's 2 skills")
    );
}

#[test]
fn a_late_answer_is_moved_first() {
    let answer = "There are a lot of ways to look at this and it has come up in many teams. \
                  Databases are used everywhere. \
                  An index speeds up queries because the database can jump to matching rows in a sorted B-tree instead of scanning the table. \
                  The downside is that every write must update the index.";
    let feedback = quick(
        "How does a database index speed up queries?",
        QuestionKind::Technical,
        answer,
    );
    assert!(
        feedback.rewrite.starts_with("An index speeds up queries"),
        "{}",
        feedback.rewrite
    );
    assert!(
        feedback
            .comments
            .iter()
            .any(|c| c.text.contains("arrives late")),
        "{:#?}",
        feedback.comments
    );
}

#[test]
fn we_instead_of_i_is_pointed_out() {
    let answer = "Last year our team owned the billing service and it kept timing out. \
                  We looked at the traces in Datadog and we found a slow query. \
                  We rewrote it and we added an index. \
                  After that the timeouts stopped and p95 fell from 2 seconds to 300 ms.";
    let feedback = quick(
        "Tell me about a time you fixed a production problem.",
        QuestionKind::Behavioral,
        answer,
    );
    assert!(
        feedback
            .comments
            .iter()
            .any(|c| c.text.starts_with("\"We\" hides")),
        "{:#?}",
        feedback.comments
    );
    assert!(
        feedback.rewrite.contains("[Your part:"),
        "{}",
        feedback.rewrite
    );
}

#[test]
fn a_result_told_first_is_moved_to_the_end() {
    let answer = "As a result, checkout errors dropped from 4 percent to 0.5 percent within a month. \
                  At my last company I was the backend lead for payments, and checkout kept failing at peak. \
                  My task was to find out why before the sales event. \
                  I traced the failures to a retry storm and I added jittered backoff to the client. \
                  I also load-tested the fix with k6 before we shipped it.";
    let feedback = quick(
        "Tell me about a time you fixed a reliability problem.",
        QuestionKind::Behavioral,
        answer,
    );
    check_shape("result first", answer, &feedback);
    assert!(
        feedback
            .comments
            .iter()
            .any(|c| c.text.contains("after the outcome")),
        "{:#?}",
        feedback.comments
    );
    assert!(
        feedback.rewrite.trim_end().ends_with("within a month."),
        "{}",
        feedback.rewrite
    );
    assert!(
        feedback.rewrite.starts_with("At my last company"),
        "{}",
        feedback.rewrite
    );
}

#[test]
fn guesses_the_kind_of_question() {
    for (question, kind) in [
        (
            "Tell me about a time you disagreed with your manager.",
            QuestionKind::Behavioral,
        ),
        (
            "Describe a time when a project slipped.",
            QuestionKind::Behavioral,
        ),
        (
            "Give me an example of a time you led without authority.",
            QuestionKind::Behavioral,
        ),
        (
            "What would you do if a teammate missed every deadline?",
            QuestionKind::Situational,
        ),
        (
            "Imagine your release is blocked by a flaky test. How would you handle it?",
            QuestionKind::Situational,
        ),
        (
            "You join a team with no tests. What would you do?",
            QuestionKind::Situational,
        ),
        ("Design a URL shortener.", QuestionKind::SystemDesign),
        (
            "How would you design a chat system for ten million users?",
            QuestionKind::SystemDesign,
        ),
        (
            "What is the difference between a process and a thread?",
            QuestionKind::Technical,
        ),
        ("How does a B-tree index work?", QuestionKind::Technical),
        ("Explain eventual consistency.", QuestionKind::Technical),
    ] {
        assert_eq!(guess_kind(question), kind, "{question}");
    }
}

#[test]
fn long_answers_are_fast() {
    let cases = cases();
    let mut answer = String::new();
    'fill: for case in &cases {
        for a in &case.answer {
            answer.push_str(&a.text);
            answer.push_str("\n\n");
            if app::model::word_count(&answer) >= 1_500 {
                break 'fill;
            }
        }
    }
    let answer: String = answer.chars().take(app::model::MAX_ANSWER_CHARS).collect();
    let case = &cases[0];
    // Building the shared coach's indexes is not part of an assessment.
    let feedback = assess(case, &answer);
    check_shape("long", &answer, &feedback);
}

#[test]
fn odd_inputs_stay_well_formed() {
    let inputs = [
        "a, ".repeat(3_333),
        "x".repeat(10_000),
        "Ok. ".repeat(2_500),
        "I did it, and we did it; then I fixed it — and it worked, mostly. ".repeat(150),
        "1.5 2.5 3.5 four five six 7,000 8% $9 ".repeat(250),
    ];
    for answer in &inputs {
        let answer: String = answer.chars().take(app::model::MAX_ANSWER_CHARS).collect();
        for kind in QuestionKind::ALL {
            let feedback = quick("Tell me about a time you fixed a bug.", kind, &answer);
            let label = format!("{kind:?} {}", &answer[..20]);
            check_shape(&label, &answer, &feedback);
        }
    }
}

/// The follow-up an interviewer would ask: none after a strong answer, the
/// question's own follow-up about the outcome after a story without one,
/// and the question again after an answer about something else.
#[test]
fn a_follow_up_goes_after_the_weakest_part_of_the_answer() {
    let own = [
        "Who else did you bring in?".to_string(),
        "What was the outcome, in the end?".to_string(),
    ];
    let (mut strong_without, mut results_probed, mut brought_back) = (0, 0, 0);
    for case in all_cases() {
        let ask = |variant: &str| {
            case.answer(variant)
                .map(|answer| coach().assess_with_follow_up(&input(&case, answer), &own))
        };
        if let Some((feedback, asked)) = ask("strong")
            && feedback.scores.overall >= 8
        {
            assert_eq!(
                asked, None,
                "{}: a strong answer needs no follow-up",
                case.id
            );
            strong_without += 1;
        }
        if let Some((feedback, asked)) = ask("no_result")
            && feedback.scores.relevance > 3
            && feedback.scores.overall < 8
        {
            assert_eq!(
                asked.as_deref(),
                Some("What was the outcome, in the end?"),
                "{}",
                case.id
            );
            results_probed += 1;
        }
        if let Some((feedback, asked)) = ask("off_topic")
            && feedback.scores.relevance <= 3
        {
            let asked = asked.expect("an answer about something else is followed up");
            assert!(asked.contains(case.text.trim()), "{}: {asked}", case.id);
            brought_back += 1;
        }
    }
    assert!(
        strong_without >= 20 && results_probed >= 10 && brought_back >= 15,
        "{strong_without} strong, {results_probed} results, {brought_back} off the question"
    );
}

/// An answer squarely on the question that skips the one rubric point
/// given (here the outcome) is incomplete, not about something else.
#[test]
fn an_answer_on_the_question_that_misses_its_rubric_is_not_off_topic() {
    let rubric = ["States the outcome and how it was measured".to_string()];
    let feedback = coach().assess(&AssessInput {
        question: "Tell me about a time you led a risky migration.",
        kind: QuestionKind::Behavioral,
        rubric: &rubric,
        focus_area: None,
        jd_skills: &[],
        answer: "I led the migration of our billing tables to Postgres. We planned it for a \
                 month and I wrote the runbook myself. I ran the cutover on a Sunday night \
                 with two engineers from the payments team.",
    });
    assert!(
        feedback.scores.relevance > 3,
        "relevance {}: {}",
        feedback.scores.relevance,
        feedback.reasons.relevance
    );
}

/// Each weakness draws the follow-up that probes it: the question's own
/// when one does, in the order an interviewer would go after them.
#[test]
fn each_weakness_draws_its_own_follow_up() {
    let own = [
        "Who else did you bring in?".to_string(),
        "What was the outcome, in the end?".to_string(),
        "Which part of it did you do yourself?".to_string(),
        "How many customers did it touch?".to_string(),
        "If you had to choose one option, which would it be?".to_string(),
        "What would you give up with that design?".to_string(),
    ];
    let story = "Tell me about a time you led a risky migration.";
    let design = "How would you cache the product catalogue for the shop's pages?";
    let cases = [
        (
            story,
            QuestionKind::Behavioral,
            "I led the migration of our billing tables to Postgres. We planned it for a \
             month and I wrote the runbook myself. I ran the cutover on a Sunday night \
             with two engineers from the payments team.",
            Some("What was the outcome, in the end?"),
        ),
        (
            story,
            QuestionKind::Behavioral,
            "Our team led the migration of the billing tables to Postgres. We planned it \
             for a month, we wrote the runbook together and we ran the cutover on a Sunday \
             night. As a result the nightly billing job went from 40 minutes to 6.",
            Some("Which part of it did you do yourself?"),
        ),
        (
            story,
            QuestionKind::Behavioral,
            "I led the migration of our billing tables to Postgres. I planned it with the \
             payments team, I wrote the runbook myself and I ran the cutover on a Sunday \
             night. As a result the billing job became much faster and the team stopped \
             being paged about it.",
            Some("How many customers did it touch?"),
        ),
        (
            design,
            QuestionKind::Technical,
            "There are a lot of ways to cache the product catalogue: a CDN in front of the \
             pages, a Redis cache in front of the database, or a cache inside the \
             application. Each of them has pros and cons, and it really depends on the \
             traffic and the budget, so it is hard to say which one in general.",
            Some("If you had to choose one option, which would it be?"),
        ),
        (
            design,
            QuestionKind::Technical,
            "I would put the catalogue behind a Redis cache with a five-minute expiry, keyed \
             by product id, and delete a product's entry whenever it is edited, so pages \
             read from memory and only a miss reaches the database.",
            Some("What would you give up with that design?"),
        ),
    ];
    for (question, kind, answer, expected) in cases {
        let (feedback, asked) = coach().assess_with_follow_up(
            &AssessInput {
                question,
                kind,
                rubric: &[],
                focus_area: None,
                jd_skills: &[],
                answer,
            },
            &own,
        );
        assert_eq!(
            asked.as_deref(),
            expected,
            "overall {}, relevance {}: {answer}",
            feedback.scores.overall,
            feedback.scores.relevance
        );
    }
}

#[test]
fn a_long_answer_thick_with_asides_scores_lower_for_structure_and_says_why() {
    let story = "At my last company the nightly billing export failed about twice a week. \
        I was the engineer who owned it, and my task was to make it reliable before the audit in March. \
        I traced the failures to a lock held by the reporting job, and I moved the export to a read replica. \
        I added a retry with a limit, wrote a runbook, and set up an alert on the export's duration. \
        As a result the export failed once in the next four months, and the audit found no gaps.";
    let asides = [
        "Honestly, I think, you know, it was kind of a mess, I guess.",
        "Anyway, I mean, basically we sort of had stuff like that going on, I think.",
        "I guess, to be honest, it was kind of, you know, a bunch of things, more or less.",
    ];
    let mut direct = String::new();
    let mut wandering = String::new();
    for _ in 0..3 {
        direct.push_str(story);
        direct.push(' ');
        wandering.push_str(story);
        wandering.push(' ');
        for aside in asides {
            wandering.push_str(aside);
            wandering.push(' ');
        }
    }
    let question = "Tell me about a time you made an unreliable system dependable.";
    let plain = quick(question, QuestionKind::Behavioral, &direct);
    let rambling = quick(question, QuestionKind::Behavioral, &wandering);
    assert!(
        rambling.scores.structure < plain.scores.structure,
        "{} against {}",
        rambling.scores.structure,
        plain.scores.structure
    );
    assert!(rambling.reasons.structure.contains("It wanders"));
    assert!(!plain.reasons.structure.contains("It wanders"));
}
