//! Relevance: how much of the question's key terms and rubric points the
//! answer covers, and the job description's skills when there are any.

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::OnceLock;

use super::sentences::Sentence;
use super::{AssessInput, Reading};
use crate::coach::offline::meaning::{MAX_ENCODED, Meaning};
use crate::coach::offline::skills::SkillMatcher;
use crate::coach::offline::text::{content_words, stem};

/// Words in a question that say how to answer rather than what about.
const QUESTION_GENERIC: &[&str] = &[
    "about",
    "almost",
    "anything",
    "best",
    "decide",
    "describe",
    "did",
    "difference",
    "does",
    "done",
    "example",
    "experience",
    "explain",
    "give",
    "handle",
    "happen",
    "happened",
    "imagine",
    "know",
    "like",
    "made",
    "make",
    "particular",
    "really",
    "say",
    "share",
    "significant",
    "significantly",
    "someone",
    "something",
    "specific",
    "suppose",
    "talk",
    "tell",
    "thing",
    "things",
    "time",
    "walk",
    "way",
    "yourself",
];

/// Words in a rubric point that say what the answer does rather than what
/// it is about.
const RUBRIC_GENERIC: &[&str] = &[
    "addresses",
    "answer",
    "approach",
    "assesses",
    "both",
    "clear",
    "clearly",
    "communicates",
    "concrete",
    "covers",
    "defines",
    "demonstrates",
    "describes",
    "details",
    "discusses",
    "especially",
    "example",
    "explains",
    "explores",
    "gives",
    "identifies",
    "ideally",
    "including",
    "keeps",
    "mentions",
    "plans",
    "prioritizes",
    "proposes",
    "recommends",
    "returns",
    "seeks",
    "sets",
    "shows",
    "specific",
    "states",
    "such",
    "uses",
    "way",
    "ways",
    "whether",
];

/// Stems in a rubric point that ask for numbers.
const QUANTITY_STEMS: &[&str] = &["figure", "metric", "number", "quantif"];

/// Words that stand for the same idea in an interview answer, so that
/// "didn't see eye to eye" answers "disagreed" and "teammate" answers
/// "colleague". Each group is matched in full from any of its members.
const CONCEPTS: &[&[&str]] = &[
    &[
        "disagree",
        "disagreed",
        "disagreement",
        "conflict",
        "argue",
        "argument",
        "pushback",
        "tension",
        "tense",
        "eye",
        "clash",
        "debate",
        "objection",
    ],
    &[
        "colleague",
        "coworker",
        "teammate",
        "peer",
        "developer",
        "engineer",
        "designer",
    ],
    &[
        "resolve",
        "resolved",
        "resolution",
        "settle",
        "agreed",
        "agreement",
        "compromise",
        "consensus",
    ],
    &[
        "performance",
        "latency",
        "slow",
        "slowest",
        "speed",
        "throughput",
        "bottleneck",
        "timeout",
        "timed",
    ],
    &[
        "improve",
        "improved",
        "improvement",
        "faster",
        "optimise",
        "optimize",
        "sped",
    ],
    &[
        "error",
        "mistake",
        "bug",
        "wrong",
        "incorrect",
        "discrepancy",
        "missing",
    ],
    &["report", "dashboard", "metric", "figure"],
    &[
        "incident",
        "outage",
        "downtime",
        "failure",
        "failing",
        "sev",
        "pagerduty",
        "paged",
    ],
    &["production", "prod"],
    &[
        "underperforming",
        "underperform",
        "underperformer",
        "struggling",
        "struggle",
        "output",
    ],
    &["manage", "managed", "manager", "managing"],
    &[
        "stakeholder",
        "stakeholders",
        "executive",
        "vp",
        "leadership",
        "finance",
        "client",
        "cmo",
        "ceo",
    ],
    &["request", "feature", "demand"],
    &[
        "deprioritize",
        "deprioritise",
        "prioritize",
        "prioritise",
        "prioritization",
        "priority",
        "priorities",
        "decline",
        "defer",
    ],
    &["test", "tests", "testing", "coverage", "qa"],
    &["release", "launch", "ship", "shipped", "deploy", "rollout"],
    &["codebase", "code", "repository", "repo"],
    &["index", "indexes", "indices", "b-tree", "btree"],
    &["query", "queries", "lookup", "scan"],
    &["render", "rerender", "re-render", "renders", "rendering"],
    &["usability", "participants", "research", "sessions"],
    &[
        "confuse",
        "confused",
        "confusing",
        "confusion",
        "stuck",
        "unclear",
    ],
    &[
        "limit",
        "limiter",
        "limiting",
        "throttle",
        "throttling",
        "quota",
    ],
    &["api", "endpoint", "gateway"],
    &["reliability", "availability", "uptime"],
    &["agreement", "contract", "promise", "promises"],
    &["objective", "target", "goal"],
    &["indicator", "measurement", "metric"],
    &[
        "evidence",
        "examples",
        "data",
        "measured",
        "measurements",
        "traces",
        "numbers",
    ],
    &["cause", "causes", "root", "underlying"],
    &[
        "empathy",
        "empathetic",
        "curiosity",
        "curious",
        "listened",
        "understand",
        "understanding",
    ],
    &[
        "follow",
        "followed",
        "weekly",
        "regular",
        "regularly",
        "consistently",
        "checked",
    ],
    &["outcome", "result", "results", "afterward", "afterwards"],
    &["expectations", "expectation", "goals", "plan"],
    &["support", "help", "pairing", "mentoring", "coaching"],
    &[
        "communicate",
        "communicated",
        "communication",
        "communications",
        "informed",
        "messaged",
        "explained",
        "updates",
    ],
    &[
        "prevent",
        "prevented",
        "recurrence",
        "safeguard",
        "guardrail",
        "checks",
    ],
    &["fix", "fixed", "fixing", "patched", "corrected"],
    &[
        "investigate",
        "investigated",
        "traced",
        "diagnose",
        "diagnosis",
        "debug",
        "debugged",
    ],
    &["noticed", "notice", "spotted", "discovered", "caught"],
    &[
        "respectful",
        "respectfully",
        "respect",
        "collaboration",
        "collaborate",
        "collaborative",
        "acknowledged",
    ],
    &["criteria", "criterion", "framework", "scored", "scoring"],
    &["alternative", "alternatives", "workaround", "proposed"],
    &["relationship", "trust", "rapport"],
    &["risk", "risks", "risky", "riskiest", "critical"],
    &[
        "coordinated",
        "coordinate",
        "command",
        "declared",
        "channel",
    ],
    &["mitigation", "mitigate", "rollback", "revert", "reverted"],
    &["postmortem", "retro", "retrospective", "blameless"],
    &["experiment", "a/b", "variant", "variants"],
    &["accuracy", "accurate", "precise", "precision", "exact"],
    &["cost", "costs", "expensive", "cheap", "cheaper", "overhead"],
];

fn concepts() -> &'static HashMap<String, Vec<String>> {
    static MAP: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for group in CONCEPTS {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            for s in &stems {
                let entry = map.entry(s.clone()).or_default();
                for other in &stems {
                    if other != s && !entry.contains(other) {
                        entry.push(other.clone());
                    }
                }
            }
        }
        map
    })
}

/// Key terms of a text, stemmed; "measured" and "measurement" match.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    stems: Vec<String>,
}

impl Terms {
    pub fn new(text: &str, generic: &[&str]) -> Self {
        let generic: BTreeSet<String> = generic.iter().map(|w| stem(w)).collect();
        let stems = content_words(text)
            .into_iter()
            .filter(|w| !generic.contains(w) && !is_number_word(w))
            .collect();
        Self { stems }
    }

    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    pub fn matched<'a>(
        &'a self,
        words: &'a BTreeSet<String>,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.stems
            .iter()
            .filter(|t| {
                term_in(t, words)
                    || concepts()
                        .get(t.as_str())
                        .is_some_and(|alts| alts.iter().any(|a| words.contains(a)))
            })
            .map(String::as_str)
    }

    pub fn count_in(&self, words: &BTreeSet<String>) -> usize {
        self.matched(words).count()
    }

    fn asks_for_numbers(&self) -> bool {
        self.stems
            .iter()
            .any(|t| QUANTITY_STEMS.iter().any(|q| t.starts_with(q)))
    }
}

fn is_number_word(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "twelve"
                | "twenty"
                | "hundred"
                | "thousand"
                | "million"
        )
}

/// Whether a stemmed term is among `words`, exactly or sharing its first
/// six letters (five for a five-letter term).
fn term_in(term: &str, words: &BTreeSet<String>) -> bool {
    if words.contains(term) {
        return true;
    }
    let len = term.chars().count();
    if len < 5 {
        return false;
    }
    let cut = term
        .char_indices()
        .nth(len.min(6))
        .map_or(term.len(), |(i, _)| i);
    let prefix = &term[..cut];
    let longer = words
        .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .next()
        .is_some_and(|w| w.starts_with(prefix));
    // A shorter stem of the same word: "chang" (changing) for "change".
    longer
        || term
            .char_indices()
            .skip(5)
            .any(|(at, _)| words.contains(&term[..at]))
}

/// One rubric point and how far the answer covers it.
#[derive(Debug, Clone)]
pub struct Point {
    pub text: String,
    /// 0 to 1; 1 once half its terms are there.
    pub coverage: f32,
    /// The sentence that covers it best.
    pub sentence: Option<usize>,
}

impl Point {
    pub fn covered(&self) -> bool {
        self.coverage >= 0.5
    }
}

#[derive(Debug, Clone)]
pub struct RelevanceReading {
    pub terms: Terms,
    pub question_coverage: f32,
    pub points: Vec<Point>,
    /// The sentence that uses the most key terms, and how many.
    pub best_sentence: Option<(usize, usize)>,
    pub jd_found: Vec<(String, usize)>,
    pub jd_missing: Vec<String>,
    /// How the answer reads by meaning, when the embedded model is there.
    pub meaning: Option<ByMeaning>,
    pub score: u8,
}

impl RelevanceReading {
    pub fn off_topic(&self) -> bool {
        self.score <= 3
    }

    /// The sentence closest to the question: by meaning when the model is
    /// there, else the one with most of its key terms.
    pub fn closest_sentence(&self) -> Option<usize> {
        self.meaning
            .as_ref()
            .and_then(|m| m.closest)
            .or(self.best_sentence.map(|(i, _)| i))
    }
}

/// The answer against the question by meaning: each sentence's vector
/// against the question's and each rubric point's.
#[derive(Debug, Clone)]
pub struct ByMeaning {
    /// For each rubric point, the similarity of the sentence closest to it.
    pub points: Vec<(f32, usize)>,
    pub closest: Option<usize>,
    /// 0 (barely on the question) to 1 (squarely on it).
    pub level: f32,
    /// No sentence comes close to the question or its rubric in meaning.
    pub off_topic: bool,
}

/// Sentences this short say too little to judge by meaning.
const MIN_MEANING_WORDS: usize = 4;
/// A rubric point counts as covered when a sentence is this close to it.
const POINT_BY_MEANING: f32 = 0.6;
/// Topicality (see [`by_meaning`]) below which an answer is about something
/// else; and the range over which it goes from barely to squarely on the
/// question. Calibrated on the tuning half of the labelled answers only.
const OFF_TOPIC_BELOW: f32 = 0.36;
const TOPICALITY_LOW: f32 = 0.3;
const TOPICALITY_HIGH: f32 = 0.8;

fn by_meaning(reading: &Reading, input: &AssessInput, meaning: &Meaning) -> Option<ByMeaning> {
    let long_enough = |s: &&Sentence| s.words.len() >= MIN_MEANING_WORDS;
    let mut sentences: Vec<usize> = (0..reading.sentences.len())
        .filter(|&i| long_enough(&&reading.sentences[i]))
        .collect();
    if sentences.is_empty() {
        sentences = (0..reading.sentences.len()).collect();
    }
    if sentences.is_empty() {
        return None;
    }
    // The static table ranks every sentence cheaply; the transformer then
    // reads only the few that come closest to the question or a rubric
    // point, so an answer's length does not change the cost.
    let question = meaning.embed(input.question);
    let points: Vec<embed::Vector> = input.rubric.iter().map(|p| meaning.embed(p)).collect();
    let mut ranked: Vec<(f32, usize)> = sentences
        .iter()
        .map(|&i| {
            let v = meaning.embed(reading.sentences[i].text(reading.answer));
            let best = points
                .iter()
                .map(|p| p.cosine(&v))
                .fold(v.cosine(&question), f32::max);
            (best, i)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(MAX_ENCODED);
    let chosen: Vec<usize> = ranked.iter().map(|r| r.1).collect();
    let texts: Vec<&str> = chosen
        .iter()
        .map(|&i| reading.sentences[i].text(reading.answer))
        .collect();
    let encoded = meaning.encode(&texts);
    let mut asked: Vec<&str> = vec![input.question];
    asked.extend(input.rubric.iter().map(String::as_str));
    let asked = meaning.encode_cached(&asked);
    let (question, points) = asked.split_first().expect("the question is always there");

    let closest = chosen
        .iter()
        .zip(&encoded)
        .map(|(&i, v)| (v.cosine(question), i))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let question_level = closest.map_or(0.0, |c| c.0);
    let points: Vec<(f32, usize)> = points
        .iter()
        .map(|p| {
            chosen
                .iter()
                .zip(&encoded)
                .map(|(&i, v)| (v.cosine(p), i))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .unwrap_or((0.0, 0))
        })
        .collect();
    let rubric_level = if points.is_empty() {
        question_level
    } else {
        points.iter().map(|p| p.0).sum::<f32>() / points.len() as f32
    };
    let topicality = rubric_level + 0.5 * question_level;
    let level =
        ((topicality - TOPICALITY_LOW) / (TOPICALITY_HIGH - TOPICALITY_LOW)).clamp(0.0, 1.0);
    Some(ByMeaning {
        points,
        closest: closest.map(|c| c.1),
        level,
        off_topic: topicality < OFF_TOPIC_BELOW,
    })
}

pub fn read(
    reading: &Reading,
    input: &AssessInput,
    matcher: &SkillMatcher,
    meaning: Option<&Meaning>,
) -> RelevanceReading {
    let terms = Terms::new(input.question, QUESTION_GENERIC);
    let focus = input
        .focus_area
        .map(|f| Terms::new(f, QUESTION_GENERIC))
        .unwrap_or_default();
    // Naming real tools is what "technical" detail means in a rubric.
    let named_tools: BTreeSet<&str> = reading
        .skills
        .iter()
        .flatten()
        .filter(|f| f.major)
        .map(|f| f.skill.as_str())
        .collect();
    let mut with_tools;
    let all = if named_tools.len() >= 2 {
        with_tools = reading.all_content.clone();
        with_tools.extend(["technical", "tool", "technology"].map(stem));
        &with_tools
    } else {
        &reading.all_content
    };

    let question_coverage = if terms.is_empty() {
        0.5
    } else {
        terms.count_in(all) as f32 / terms.len() as f32
    };
    let on_question = question_coverage > 0.2;

    let rubric_terms: Vec<Terms> = input
        .rubric
        .iter()
        .map(|p| Terms::new(p, RUBRIC_GENERIC))
        .collect();
    let mut points: Vec<Point> = input
        .rubric
        .iter()
        .zip(&rubric_terms)
        .map(|(text, t)| {
            let mut coverage = if t.is_empty() {
                0.0
            } else {
                let matched = t.count_in(all);
                if matched >= 3 {
                    1.0
                } else if t.len() == 2 && matched == 1 {
                    // One word of two is a coincidence as often as not.
                    0.4
                } else {
                    matched as f32 / t.len() as f32
                }
            };
            if t.asks_for_numbers() && on_question && reading.measures >= 2 {
                coverage = coverage.max(0.75);
            }
            let sentence = reading
                .content
                .iter()
                .enumerate()
                .map(|(i, words)| (i, t.count_in(words)))
                .filter(|&(_, c)| c >= 2 || (c >= 1 && t.len() <= 2))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i);
            Point {
                text: text.trim().to_string(),
                coverage: if coverage >= 0.5 { 1.0 } else { coverage },
                sentence,
            }
        })
        .collect();

    let on_topic: Vec<bool> = reading
        .content
        .iter()
        .map(|words| {
            terms.count_in(words) > 0
                || focus.count_in(words) > 0
                || rubric_terms.iter().any(|t| t.count_in(words) >= 2)
        })
        .collect();
    let share = if on_topic.is_empty() {
        0.0
    } else {
        on_topic.iter().filter(|&&b| b).count() as f32 / on_topic.len() as f32
    };
    // Detail sentences need not repeat the question; a few that do are
    // enough.
    let share_level = (share / 0.4).min(1.0);
    let best_sentence = reading
        .content
        .iter()
        .enumerate()
        .map(|(i, words)| (i, terms.count_in(words)))
        .filter(|&(_, c)| c > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));

    // The job description's skills, as the taxonomy names them.
    let mut jd_found = Vec::new();
    let mut jd_missing = Vec::new();
    for skill in input.jd_skills {
        let name = matcher.canonical(skill).unwrap_or(skill);
        let at = reading
            .skills
            .iter()
            .position(|found| found.iter().any(|f| f.skill.eq_ignore_ascii_case(name)));
        match at {
            Some(i) => jd_found.push((name.to_string(), i)),
            None => jd_missing.push(name.to_string()),
        }
    }

    let question_level = if terms.is_empty() {
        0.7
    } else {
        (question_coverage / 0.6).min(1.0)
    };
    let mut level = if points.is_empty() {
        0.7 * question_level + 0.3 * share_level
    } else {
        let rubric_level = points.iter().map(|p| p.coverage).sum::<f32>() / points.len() as f32;
        0.4 * question_level + 0.45 * rubric_level + 0.15 * share_level
    };
    if !input.jd_skills.is_empty() && on_question {
        let wanted = input.jd_skills.len().min(4) as f32;
        level += 0.1 * (jd_found.len() as f32 / wanted).min(1.0);
    }
    let level = level.clamp(0.0, 1.0);
    let word_score = (1.0 + 9.0 * level).round().clamp(1.0, 10.0) as u8;
    let by_meaning = meaning.and_then(|m| by_meaning(reading, input, m));
    let score = match &by_meaning {
        None => word_score,
        Some(m) => {
            for (point, &(similarity, sentence)) in points.iter_mut().zip(&m.points) {
                if similarity >= POINT_BY_MEANING && !point.covered() {
                    point.coverage = 1.0;
                    point.sentence = Some(sentence);
                }
            }
            let blended = 0.5 * (1.0 + 9.0 * m.level) + 0.5 * f32::from(word_score);
            let score = blended.round().clamp(1.0, 10.0) as u8;
            // Meaning decides whether the answer is on the question at all;
            // words alone cannot tell a story about the asked-for thing
            // from a story about its neighbour.
            if m.off_topic {
                score.min(3)
            } else {
                score.max(4)
            }
        }
    };
    RelevanceReading {
        terms,
        question_coverage,
        points,
        best_sentence,
        jd_found,
        jd_missing,
        meaning: by_meaning,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> BTreeSet<String> {
        content_words(text)
    }

    #[test]
    fn key_terms_leave_out_how_to_answer() {
        let terms = Terms::new(
            "Tell me about a time you led the response to a production incident.",
            QUESTION_GENERIC,
        );
        assert_eq!(terms.stems, ["incident", "led", "production", "response"]);
    }

    #[test]
    fn word_families_match() {
        let terms = Terms::new("how the bottleneck was measured", RUBRIC_GENERIC);
        assert_eq!(
            terms.count_in(&set("I took measurements of the bottlenecks")),
            2
        );
        assert_eq!(terms.count_in(&set("I baked bread")), 0);
    }
}
