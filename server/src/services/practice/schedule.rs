//! When a question comes back for review: SM-2 (P. A. Wozniak, 1990)
//! over each attempt's overall score, as a pure function of the last
//! schedule, the new score and the day.
//!
//! SM-2 grades recall from 0 to 5; here the grade comes from the overall
//! score (see [`grade`]). One change from the published algorithm: SM-2
//! brings back a first success after one day whatever its grade, but an
//! answer that is already strong need not be repeated tomorrow, so a first
//! success waits one day at grade 3, three at grade 4 and six at grade 5.
//! After that SM-2 runs as published: the second pass waits six days (or
//! the first wait, if that was longer), each later one the last wait times
//! the easiness factor, which each pass adjusts by its grade; a failed
//! grade starts again at one day and leaves the factor as it was.

use chrono::{Days, NaiveDate};

/// A question's place in review, after at least one attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// Passing attempts in a row.
    pub repetitions: u32,
    /// Days from the last attempt to the next review.
    pub interval_days: u32,
    /// SM-2's easiness factor: 2.5 at first, never below 1.3.
    pub ease: f32,
    pub due: NaiveDate,
}

const FIRST_EASE: f32 = 2.5;
const MIN_EASE: f32 = 1.3;
/// The longest wait: a question answered well again and again still comes
/// back within half a year.
pub const MAX_INTERVAL_DAYS: u32 = 180;

/// SM-2's grade from an overall score of 1 to 10: 10 is 5, 8 and 9 are 4,
/// 6 and 7 are 3 (the lowest pass), 4 and 5 are 2, 2 and 3 are 1, 1 is 0.
pub fn grade(overall: u8) -> u8 {
    match overall {
        10.. => 5,
        8..=9 => 4,
        6..=7 => 3,
        4..=5 => 2,
        2..=3 => 1,
        _ => 0,
    }
}

/// The schedule after an attempt scoring `overall` on `today`.
pub fn next(previous: Option<Schedule>, overall: u8, today: NaiveDate) -> Schedule {
    let g = grade(overall);
    let (repetitions, interval, ease) = match previous {
        None => (0, 0, FIRST_EASE),
        Some(p) => (p.repetitions, p.interval_days, p.ease),
    };
    let (repetitions, interval_days, ease) = if g < 3 {
        // Starts again, the easiness factor as it was.
        (0, 1, ease)
    } else {
        let miss = f32::from(5 - g);
        let ease = (ease + 0.1 - miss * (0.08 + miss * 0.02)).max(MIN_EASE);
        let days = match repetitions {
            0 => match g {
                3 => 1,
                4 => 3,
                _ => 6,
            },
            1 => interval.max(6),
            _ => (interval as f32 * ease).round() as u32,
        };
        (repetitions + 1, days.clamp(1, MAX_INTERVAL_DAYS), ease)
    };
    Schedule {
        repetitions,
        interval_days,
        ease,
        due: today + Days::new(u64::from(interval_days)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn scores_map_onto_sm2_grades() {
        let grades: Vec<u8> = (1..=10).map(grade).collect();
        assert_eq!(grades, [0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    }

    #[test]
    fn a_weak_answer_comes_back_tomorrow() {
        for score in 1..=5 {
            let s = next(None, score, day("2026-12-07"));
            assert_eq!((s.repetitions, s.interval_days), (0, 1), "score {score}");
            assert_eq!(s.due, day("2026-12-08"));
        }
    }

    #[test]
    fn a_first_pass_waits_longer_the_stronger_it_is() {
        let due = |score| next(None, score, day("2026-12-07")).due;
        assert_eq!(due(6), day("2026-12-08"));
        assert_eq!(due(8), day("2026-12-10"));
        assert_eq!(due(10), day("2026-12-13"));
    }

    #[test]
    fn strong_answers_come_back_after_days_then_weeks_then_months() {
        // Four strong attempts, each on the day it was due.
        let mut today = day("2026-12-07");
        let mut schedule = None;
        let mut intervals = Vec::new();
        for _ in 0..4 {
            let s = next(schedule, 9, today);
            intervals.push(s.interval_days);
            today = s.due;
            schedule = Some(s);
        }
        // 3 days, 6 days, then times the easiness factor (2.5 + 4 × 0).
        assert_eq!(intervals, [3, 6, 15, 38]);
        assert_eq!(today, day("2026-12-07") + Days::new(3 + 6 + 15 + 38));
    }

    #[test]
    fn a_miss_starts_again_and_keeps_the_easiness() {
        let today = day("2026-12-07");
        let learnt = Schedule {
            repetitions: 3,
            interval_days: 20,
            ease: 2.2,
            due: today,
        };
        let missed = next(Some(learnt), 3, today);
        assert_eq!((missed.repetitions, missed.interval_days), (0, 1));
        assert!((missed.ease - 2.2).abs() < 1e-6, "{}", missed.ease);
        // Back on track: the first pass after a miss waits its grade's days.
        let again = next(Some(missed), 8, missed.due);
        assert_eq!((again.repetitions, again.interval_days), (1, 3));
    }

    #[test]
    fn the_easiness_never_falls_below_its_floor_nor_the_wait_past_its_cap() {
        // A bare pass (grade 3) lowers the factor by 0.14 each time.
        let mut s = next(None, 6, day("2026-12-07"));
        for _ in 0..10 {
            s = next(Some(s), 6, s.due);
        }
        assert!((s.ease - MIN_EASE).abs() < 1e-6);
        let long = Schedule {
            repetitions: 8,
            interval_days: 150,
            ease: 2.8,
            due: s.due,
        };
        assert_eq!(next(Some(long), 10, s.due).interval_days, MAX_INTERVAL_DAYS);
    }
}
