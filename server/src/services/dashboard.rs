//! The `/me` dashboard's figures, worked out from an account's attempts.
//!
//! "Latest" means the latest assessed attempt at each question: it is
//! where the user stands now, so set averages, focus-area averages and
//! the weakest dimension use it. The chart over time uses every assessed
//! attempt.

use std::collections::{BTreeMap, HashMap, HashSet};

use app::model::{
    AreaAverage, Dashboard, Dimension, DrillLink, DrillPart, Evidence, Feedback, JdCoverage,
    RECENT_ATTEMPTS, RecentAttempt, ScorePoint, Scores, SetProgress, Star, TIMELINE_POINTS,
    Verdict, Weakest, mean,
};

use crate::db::practice::StoredAnswer;

/// A set as the dashboard lists it.
pub struct SetInfo {
    pub slug: String,
    pub title: String,
    pub questions: u32,
    pub owned: bool,
    pub coverage: Option<JdCoverage>,
}

/// Which of `required` (a job description's skills, in its order) the
/// answers name, as `found` lists for each answer.
pub fn coverage(required: &[String], found: &HashSet<String>) -> JdCoverage {
    let (covered, missing) = required.iter().cloned().partition(|s| found.contains(s));
    JdCoverage { covered, missing }
}

/// Evidence comments shown for the weakest dimension.
const EVIDENCE: usize = 3;

/// What the dashboard counts from an account's answers: the latest
/// assessed attempt at each question, newest first, and every question
/// tried.
pub struct Latest<'a> {
    assessed: Vec<(&'a StoredAnswer, Scores)>,
    tried: HashSet<(&'a str, i32)>,
}

impl<'a> Latest<'a> {
    /// From `answers`, newest first, each with the scores of its feedback.
    pub fn of(answers: &'a [(StoredAnswer, Option<Scores>)]) -> Self {
        let mut latest: HashMap<(&str, i32), (&StoredAnswer, Scores)> = HashMap::new();
        let mut tried: HashSet<(&str, i32)> = HashSet::new();
        for (answer, scores) in answers {
            let key = (answer.set_slug.as_str(), answer.position);
            tried.insert(key);
            if let Some(scores) = scores {
                latest.entry(key).or_insert((answer, *scores));
            }
        }
        // In a stable order (newest latest first), so ties and evidence do
        // not depend on hashing.
        let mut assessed: Vec<(&StoredAnswer, Scores)> = latest.into_values().collect();
        assessed.sort_by_key(|(a, _)| std::cmp::Reverse((a.created_at, a.id)));
        Self { assessed, tried }
    }

    /// The attempts whose whole feedback [`build`] reads. Older attempts
    /// count by their scores alone.
    pub fn ids(&self) -> Vec<i64> {
        self.assessed.iter().map(|(a, _)| a.id).collect()
    }
}

/// The dashboard from `answers` (newest first, each with the scores of its
/// feedback), what [`Latest`] found in them, the whole `feedback` on the
/// attempts it names, and the sets to list (owned ones first, newest
/// first).
pub fn build(
    answers: &[(StoredAnswer, Option<Scores>)],
    latest: &Latest,
    feedback: &HashMap<i64, Feedback>,
    sets: Vec<SetInfo>,
) -> Dashboard {
    let Latest {
        assessed: latest,
        tried,
    } = latest;
    let read: Vec<(&StoredAnswer, &Feedback)> = latest
        .iter()
        .filter_map(|(a, _)| feedback.get(&a.id).map(|f| (*a, f)))
        .collect();

    let sets = sets
        .into_iter()
        .map(|set| {
            let answered = tried.iter().filter(|(slug, _)| *slug == set.slug).count() as u32;
            let scores: Vec<u8> = latest
                .iter()
                .filter(|(a, _)| a.set_slug == set.slug)
                .map(|(_, s)| s.overall)
                .collect();
            SetProgress {
                average: mean(&scores),
                slug: set.slug,
                title: set.title,
                questions: set.questions,
                answered,
                owned: set.owned,
                coverage: set.coverage,
            }
        })
        .collect();

    let recent = answers
        .iter()
        .take(RECENT_ATTEMPTS)
        .map(|(a, f)| RecentAttempt {
            id: a.id,
            question_set: a.set_slug.clone(),
            question_index: u32::try_from(a.position).unwrap_or(0),
            question: a.question_text.clone(),
            created_at: a.created_at.to_rfc3339(),
            overall: f.map(|s| s.overall),
        })
        .collect();

    let mut timeline: Vec<ScorePoint> = answers
        .iter()
        .filter_map(|(a, f)| {
            f.map(|scores| ScorePoint {
                attempt: a.id,
                created_at: a.created_at.to_rfc3339(),
                scores,
            })
        })
        .take(TIMELINE_POINTS)
        .collect();
    timeline.reverse();

    let mut by_area: BTreeMap<&str, Vec<Scores>> = BTreeMap::new();
    for (answer, scores) in latest {
        let area = if answer.focus_area.is_empty() {
            "Other"
        } else {
            answer.focus_area.as_str()
        };
        by_area.entry(area).or_default().push(*scores);
    }
    let areas = by_area
        .into_iter()
        .map(|(area, list)| {
            let of = |pick: fn(&Scores) -> u8| {
                mean(&list.iter().map(pick).collect::<Vec<_>>()).unwrap_or(0.0)
            };
            AreaAverage {
                focus_area: area.to_string(),
                questions: list.len() as u32,
                structure: of(|s| s.structure),
                specificity: of(|s| s.specificity),
                relevance: of(|s| s.relevance),
                overall: of(|s| s.overall),
            }
        })
        .collect();

    Dashboard {
        sets,
        recent,
        timeline,
        areas,
        weakest: weakest(&read),
        mock_runs: Vec::new(),
        review: None,
    }
}

/// The dimension with the lowest mean over the latest attempts (the first
/// in structure, specificity, relevance order on a tie), with comments
/// that show it.
fn weakest(latest: &[(&StoredAnswer, &Feedback)]) -> Option<Weakest> {
    let (dimension, average) = Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let scores: Vec<u8> = latest.iter().map(|(_, f)| f.scores.get(d)).collect();
            mean(&scores).map(|m| (d, m))
        })
        .fold(None, |best: Option<(Dimension, f32)>, (d, m)| match best {
            Some((_, b)) if b <= m => best,
            _ => Some((d, m)),
        })?;
    let evidence = latest
        .iter()
        .flat_map(|(answer, feedback)| {
            feedback
                .comments
                .iter()
                .filter(|c| c.dimension == dimension && c.verdict == Verdict::Improve)
                .take(1)
                .map(|c| Evidence {
                    attempt: answer.id,
                    question_set: answer.set_slug.clone(),
                    question: answer.question_text.clone(),
                    text: c.text.clone(),
                    quote: c.quote.clone(),
                })
        })
        .take(EVIDENCE)
        .collect();
    Some(Weakest {
        dimension,
        average,
        drill: drill_for(dimension, latest),
        evidence,
    })
}

/// The drill for a weak dimension: the STAR part most often missing (the
/// Result on a tie), the specifics, or the direct answer; on the newest
/// latest attempt that lacks it.
fn drill_for(dimension: Dimension, latest: &[(&StoredAnswer, &Feedback)]) -> Option<DrillLink> {
    let part = match dimension {
        Dimension::Structure => {
            let missing = |pick: fn(&Star) -> bool| {
                latest
                    .iter()
                    .filter(|(_, f)| f.star.as_ref().is_some_and(|s| !pick(s)))
                    .count()
            };
            [
                (DrillPart::Result, missing(|s| s.result)),
                (DrillPart::Task, missing(|s| s.task)),
                (DrillPart::Action, missing(|s| s.action)),
                (DrillPart::Situation, missing(|s| s.situation)),
            ]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .fold(
                None,
                |best: Option<(DrillPart, usize)>, (p, n)| match best {
                    Some((_, b)) if b >= n => best,
                    _ => Some((p, n)),
                },
            )
            .map_or(DrillPart::Point, |(p, _)| p)
        }
        Dimension::Specificity => DrillPart::Specifics,
        Dimension::Relevance => DrillPart::Point,
    };
    let lacks = |f: &Feedback| match (part, f.star) {
        (DrillPart::Result, Some(s)) => !s.result,
        (DrillPart::Task, Some(s)) => !s.task,
        (DrillPart::Action, Some(s)) => !s.action,
        (DrillPart::Situation, Some(s)) => !s.situation,
        (DrillPart::Specifics, _) => f.scores.specificity < 7,
        (DrillPart::Point, _) => f.scores.relevance < 7,
        _ => false,
    };
    latest
        .iter()
        .find(|(_, f)| lacks(f))
        .or(latest.first())
        .map(|(a, _)| DrillLink {
            attempt: a.id,
            question_set: a.set_slug.clone(),
            part,
        })
}

#[cfg(test)]
mod tests {
    use app::model::{Comment, QuestionKind, Reasons};
    use chrono::{TimeZone, Utc};

    use super::*;

    fn answer(id: i64, set: &str, position: i32, area: &str, minute: u32) -> StoredAnswer {
        StoredAnswer {
            id,
            user_id: 1,
            question_id: Some(100 + i64::from(position)),
            set_slug: set.into(),
            position,
            question_text: format!("Question {position}"),
            question_kind: "behavioral".into(),
            focus_area: area.into(),
            text: "An answer.".into(),
            word_count: 2,
            idempotency_key: format!("key-{id}"),
            created_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, minute, 0).unwrap(),
            follow_up: false,
        }
    }

    fn feedback(structure: u8, specificity: u8, relevance: u8, overall: u8) -> Feedback {
        Feedback {
            engine: "offline/2+embeddings".into(),
            prompt_version: None,
            notice: None,
            kind: QuestionKind::Behavioral,
            scores: Scores {
                structure,
                specificity,
                relevance,
                overall,
            },
            reasons: Reasons {
                structure: String::new(),
                specificity: String::new(),
                relevance: String::new(),
                overall: String::new(),
            },
            star: None,
            comments: vec![Comment {
                dimension: Dimension::Specificity,
                verdict: Verdict::Improve,
                text: "There are no numbers.".into(),
                quote: None,
            }],
            rewrite: String::new(),
            word_count: 2,
            spoken_seconds: 1,
        }
    }

    #[test]
    fn figures_match_hand_computed_values() {
        // Newest first, as the database gives them.
        let rows = vec![
            // Set A, question 1: the latest of two attempts counts.
            (
                answer(5, "aaa", 1, "Delivery", 50),
                Some(feedback(8, 6, 9, 8)),
            ),
            // Set A, question 2: tried but not assessed yet.
            (answer(4, "aaa", 2, "Delivery", 40), None),
            // Set B, question 1.
            (
                answer(3, "bbb", 1, "Design", 30),
                Some(feedback(6, 2, 7, 5)),
            ),
            (
                answer(2, "aaa", 1, "Delivery", 20),
                Some(feedback(4, 3, 5, 4)),
            ),
            // Set A, question 3.
            (
                answer(1, "aaa", 3, "Design", 10),
                Some(feedback(7, 4, 8, 6)),
            ),
        ];
        let sets = vec![
            SetInfo {
                slug: "aaa".into(),
                title: "A".into(),
                questions: 5,
                owned: true,
                coverage: None,
            },
            SetInfo {
                slug: "bbb".into(),
                title: "B".into(),
                questions: 8,
                owned: false,
                coverage: None,
            },
        ];
        let feedback: HashMap<i64, Feedback> = rows
            .iter()
            .filter_map(|(a, f)| f.clone().map(|f| (a.id, f)))
            .collect();
        let scored: Vec<(StoredAnswer, Option<Scores>)> = rows
            .into_iter()
            .map(|(a, f)| (a, f.map(|f| f.scores)))
            .collect();
        let latest = Latest::of(&scored);
        let mut ids = latest.ids();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [1, 3, 5],
            "the latest assessed attempt at each question"
        );
        let dashboard = build(&scored, &latest, &feedback, sets);

        // A: questions 1, 2 and 3 tried; latest assessed overall 8 and 6.
        assert_eq!(dashboard.sets[0].answered, 3);
        assert_eq!(dashboard.sets[0].average, Some(7.0));
        assert_eq!(dashboard.sets[1].answered, 1);
        assert_eq!(dashboard.sets[1].average, Some(5.0));

        assert_eq!(dashboard.recent.len(), 5);
        assert_eq!(dashboard.recent[0].id, 5);
        assert_eq!(dashboard.recent[1].overall, None);

        // Every assessed attempt, oldest first.
        let ids: Vec<i64> = dashboard.timeline.iter().map(|p| p.attempt).collect();
        assert_eq!(ids, [1, 2, 3, 5]);

        // Latest per question: A1 (8,6,9,8) Delivery; B1 (6,2,7,5) and
        // A3 (7,4,8,6) Design.
        assert_eq!(dashboard.areas.len(), 2);
        let delivery = &dashboard.areas[0];
        assert_eq!(
            (
                delivery.focus_area.as_str(),
                delivery.questions,
                delivery.overall
            ),
            ("Delivery", 1, 8.0)
        );
        let design = &dashboard.areas[1];
        assert_eq!(design.questions, 2);
        assert_eq!(
            (
                design.structure,
                design.specificity,
                design.relevance,
                design.overall
            ),
            (6.5, 3.0, 7.5, 5.5)
        );

        // Specificity: (6 + 2 + 4) / 3 = 4.0, below structure 7.0 and
        // relevance 8.0.
        let weakest = dashboard.weakest.unwrap();
        assert_eq!(weakest.dimension, Dimension::Specificity);
        assert_eq!(weakest.average, 4.0);
        assert_eq!(weakest.evidence.len(), 3);
        assert_eq!(weakest.evidence[0].attempt, 5, "newest first");
        assert_eq!(
            weakest.drill,
            Some(DrillLink {
                attempt: 5,
                question_set: "aaa".into(),
                part: DrillPart::Specifics
            }),
            "specificity 6 is below 7"
        );
    }

    #[test]
    fn coverage_keeps_the_descriptions_order() {
        let required = ["Go".to_string(), "PostgreSQL".into(), "Kafka".into()];
        let found: HashSet<String> = ["Kafka".to_string(), "Go".into(), "Redis".into()].into();
        let c = coverage(&required, &found);
        assert_eq!(c.covered, ["Go", "Kafka"]);
        assert_eq!(c.missing, ["PostgreSQL"]);
    }

    #[test]
    fn no_attempts_make_an_empty_dashboard() {
        let dashboard = build(&[], &Latest::of(&[]), &HashMap::new(), Vec::new());
        assert!(dashboard.sets.is_empty() && dashboard.timeline.is_empty());
        assert_eq!(dashboard.weakest, None);
    }
}
