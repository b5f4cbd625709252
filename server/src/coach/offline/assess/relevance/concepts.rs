//! Words that stand for the same idea in an interview answer, matched in
//! place of one another when counting a question's or rubric's key terms.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::coach::offline::text::stem;

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

pub(super) fn concepts() -> &'static HashMap<String, Vec<String>> {
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
