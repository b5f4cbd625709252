//! Structure for technical and system-design answers: a direct answer
//! first, then the reasoning, the trade-offs and an example.

use std::sync::OnceLock;

use app::model::QuestionKind;

use super::Reading;
use super::hedges::Kind;
use super::lexicon::Lexicon;
use super::relevance::Terms;

/// What a sentence does in a technical answer, in the order it should come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Move {
    Answer,
    Reasoning,
    TradeOff,
    Example,
}

impl Move {
    pub const ALL: [Move; 4] = [Move::Answer, Move::Reasoning, Move::TradeOff, Move::Example];

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone)]
pub struct TechReading {
    pub moves: Vec<Move>,
    /// The sentence that answers the question, if any, and how directly
    /// (1 plain and first, 0.5 hedged or late).
    pub answer: Option<usize>,
    pub directness: f32,
    /// How clearly each of reasoning, trade-offs and example is there, 0 to 1.
    pub reasoning: f32,
    pub trade_offs: f32,
    pub example: f32,
    /// The sentence with the clearest trade-off cue, and its strength.
    pub trade_off_sentence: Option<(usize, f32)>,
    /// The example has numbers or named tools.
    pub concrete_example: bool,
    /// System design: says what happens when a part fails.
    pub failure_modes: bool,
    pub points: f32,
}

type Cue = (Move, f32);

fn cues() -> &'static Lexicon<Cue> {
    use Move::{Example as E, Reasoning as W, TradeOff as T};
    static CUES: OnceLock<Lexicon<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        Lexicon::new(&[
            // Reasoning: why it works.
            ("because", (W, 1.0)),
            ("the reason", (W, 1.0)),
            ("that's why", (W, 1.0)),
            ("this is why", (W, 1.0)),
            ("which means", (W, 1.0)),
            ("this means", (W, 1.0)),
            ("that means", (W, 1.0)),
            ("so that", (W, 0.8)),
            ("in other words", (W, 1.0)),
            ("the idea is", (W, 1.0)),
            ("the key", (W, 0.8)),
            ("works by", (W, 1.0)),
            ("under the hood", (W, 1.0)),
            ("by default", (W, 0.8)),
            ("to unpack", (W, 1.0)),
            ("the reasoning", (W, 1.2)),
            ("due to", (W, 0.8)),
            ("that way", (W, 0.6)),
            ("otherwise", (W, 0.6)),
            ("as long as", (W, 0.6)),
            ("lets", (W, 0.5)),
            ("allows", (W, 0.5)),
            ("since", (W, 0.4)),
            ("that's where", (W, 0.8)),
            ("misconception", (W, 0.8)),
            ("is that", (W, 0.4)),
            // Trade-offs: costs, limits, when not to.
            ("trade off", (T, 1.5)),
            ("trade offs", (T, 1.5)),
            ("tradeoff", (T, 1.5)),
            ("tradeoffs", (T, 1.5)),
            ("downside", (T, 1.2)),
            ("downsides", (T, 1.2)),
            ("drawback", (T, 1.2)),
            ("drawbacks", (T, 1.2)),
            ("at the cost of", (T, 1.2)),
            ("the cost", (T, 1.0)),
            ("costs", (T, 0.8)),
            ("however", (T, 0.8)),
            ("on the other hand", (T, 1.2)),
            ("the catch", (T, 1.2)),
            ("whereas", (T, 1.0)),
            ("versus", (T, 0.6)),
            ("overhead", (T, 1.0)),
            ("expensive", (T, 0.8)),
            ("cheap", (T, 0.6)),
            ("slower", (T, 0.8)),
            ("isn't free", (T, 1.2)),
            ("not free", (T, 1.2)),
            ("worse", (T, 0.8)),
            ("avoid", (T, 0.8)),
            ("would avoid", (T, 1.2)),
            ("i'd avoid", (T, 1.2)),
            ("when not to", (T, 1.2)),
            ("not worth", (T, 1.0)),
            ("risk", (T, 0.6)),
            ("pros and cons", (T, 1.2)),
            ("middle ground", (T, 0.8)),
            ("fail open", (T, 1.2)),
            ("fail closed", (T, 1.2)),
            ("compromise", (T, 1.0)),
            ("limitation", (T, 1.0)),
            ("limitations", (T, 1.0)),
            ("it depends", (T, 0.6)),
            ("depends on", (T, 0.6)),
            ("slow down", (T, 0.6)),
            ("unless", (T, 0.6)),
            ("mistake", (T, 0.6)),
            ("but", (T, 0.4)),
            ("though", (T, 0.5)),
            // Example: a case, ideally a real one.
            ("for example", (E, 1.5)),
            ("for instance", (E, 1.5)),
            ("as an example", (E, 1.5)),
            ("e.g", (E, 1.2)),
            ("a concrete example", (E, 1.5)),
            ("concrete example", (E, 1.5)),
            ("sizing example", (E, 1.5)),
            ("in practice", (E, 1.2)),
            ("at my last company", (E, 1.2)),
            ("at my last job", (E, 1.2)),
            ("at my previous company", (E, 1.2)),
            ("in my last role", (E, 1.2)),
            ("i worked on", (E, 1.2)),
            ("we once", (E, 1.0)),
            ("i once", (E, 1.0)),
            ("example", (E, 0.8)),
            ("imagine", (E, 0.6)),
            ("suppose", (E, 0.6)),
            ("like when", (E, 0.6)),
            ("it's like", (E, 0.5)),
            ("such as", (E, 0.3)),
        ])
    })
}

/// System design: words that show failure was thought about.
const FAILURE_WORDS: &[&str] = &[
    "fail",
    "failover",
    "fails",
    "failure",
    "failures",
    "fallback",
    "outage",
    "redundancy",
    "replica",
    "replicas",
    "replicated",
    "retry",
    "retries",
    "unavailable",
    "degrade",
    "degraded",
    "down",
];

/// Openings that warm up instead of answering.
const WARM_UPS: &[&[&str]] = &[
    &["great", "question"],
    &["good", "question"],
    &["that's", "a"],
    &["there", "are", "many"],
    &["there", "are", "a", "lot"],
    &["it", "depends"],
    &["well"],
    &["um"],
];

/// How directly sentence `i` answers the question: 1 plainly, 0.5 hedged,
/// 0 not at all.
fn directness(reading: &Reading, terms: &Terms, i: usize) -> f32 {
    let sentence = &reading.sentences[i];
    let words = sentence.lower();
    if words.len() < 6 {
        return 0.0;
    }
    let overlap = terms.count_in(&reading.content[i]);
    let needed = terms.len().clamp(1, 2);
    if overlap < needed && (overlap as f32) < 0.4 * terms.len() as f32 {
        return 0.0;
    }
    let warm_up = WARM_UPS
        .iter()
        .any(|w| words.len() >= w.len() && words[..w.len()] == **w);
    let hedged = reading.hedges[i]
        .iter()
        .filter(|h| matches!(h.tag.kind, Kind::Hedge | Kind::Filler) && h.tag.weight >= 0.5)
        .count();
    if warm_up || hedged >= 2 {
        0.3
    } else if hedged == 1 {
        0.5
    } else {
        1.0
    }
}

pub fn read(reading: &Reading, terms: &Terms, kind: QuestionKind) -> TechReading {
    let n = reading.sentences.len();
    // The answer should be the first sentence; if it is not, look for it
    // in the first half, where it can be moved up from.
    let first = if n > 0 {
        directness(reading, terms, 0)
    } else {
        0.0
    };
    let (answer, directness_score) = if first > 0.0 {
        (Some(0), first)
    } else {
        let later = (1..n)
            .filter(|&i| directness(reading, terms, i) > 0.0)
            .map(|i| (i, terms.count_in(&reading.content[i])))
            .filter(|&(_, overlap)| overlap >= 2)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        match later {
            Some((i, _)) => (Some(i), 0.5),
            None => (None, 0.0),
        }
    };

    let mut moves = Vec::with_capacity(n);
    let mut best = [0.0f32; 4];
    let mut trade_off_sentence: Option<(usize, f32)> = None;
    for (i, sentence) in reading.sentences.iter().enumerate() {
        let words = sentence.lower();
        let mut score = [0.0f32; 4];
        for hit in cues().find(&words) {
            let (m, w) = hit.tag;
            score[m.index()] += w;
        }
        for s in &mut score {
            *s = s.min(2.0);
        }
        // Something that happened ("we had", "I worked on") with numbers
        // reads as an example.
        if reading.has_number(i) && score[Move::Example.index()] > 0.0 {
            score[Move::Example.index()] += 0.3;
        }
        for m in [Move::Reasoning, Move::TradeOff, Move::Example] {
            best[m.index()] = best[m.index()].max(score[m.index()]);
        }
        let t = score[Move::TradeOff.index()];
        if t >= 0.5 && trade_off_sentence.is_none_or(|(_, b)| t > b) {
            trade_off_sentence = Some((i, t));
        }
        let previous = moves.last().copied();
        let mut chosen = Move::Reasoning;
        let mut top = 0.0;
        for m in [Move::TradeOff, Move::Example, Move::Reasoning] {
            let bonus = if Some(m) == previous { 0.3 } else { 0.0 };
            if score[m.index()] + bonus > top {
                top = score[m.index()] + bonus;
                chosen = m;
            }
        }
        let starts_paragraph = i > 0 && sentence.paragraph != reading.sentences[i - 1].paragraph;
        let m = if Some(i) == answer {
            Move::Answer
        } else if previous == Some(Move::Example) && !starts_paragraph {
            // An example runs to the end of its paragraph: its sentences
            // tell one story and must stay together.
            Move::Example
        } else if top >= 0.6 {
            chosen
        } else {
            match previous {
                Some(Move::Answer) | None => Move::Reasoning,
                Some(_) if starts_paragraph => Move::Reasoning,
                Some(prev) => prev,
            }
        };
        moves.push(m);
    }

    let example_sentences: Vec<usize> = (0..n).filter(|&i| moves[i] == Move::Example).collect();
    let concrete_example = example_sentences
        .iter()
        .any(|&i| reading.has_number(i) || reading.skills[i].iter().any(|s| s.major));
    let level = |score: f32| {
        if score >= 1.0 {
            1.0
        } else if score >= 0.5 {
            0.6
        } else {
            0.0
        }
    };
    let reasoning = level(best[Move::Reasoning.index()]);
    let trade_offs = level(best[Move::TradeOff.index()]);
    let mut example = level(best[Move::Example.index()]);
    if example > 0.0 && !concrete_example {
        example *= 0.7;
    }
    let failure_modes = reading.sentences.iter().any(|s| {
        s.words
            .iter()
            .any(|w| FAILURE_WORDS.contains(&w.lower.as_str()))
    });

    let mut points = 4.0 * directness_score + 2.0 * reasoning + 2.0 * trade_offs + 2.0 * example;
    if kind == QuestionKind::SystemDesign && !failure_modes {
        points -= 1.0;
    }
    if reading.word_total < 40 {
        points *= 0.6;
    }
    TechReading {
        moves,
        answer,
        directness: directness_score,
        reasoning,
        trade_offs,
        example,
        trade_off_sentence,
        concrete_example,
        failure_modes,
        points,
    }
}
