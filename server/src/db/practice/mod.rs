//! Answers (one row per attempt), their feedback and drafts, and how long
//! an account's attempts are kept.

mod answers;
mod drafts;
mod feedback;
pub mod mock;
mod retention;
mod review;

pub use self::answers::{
    Committed, NewAnswer, answer_by_key, answer_of, answers_of, attempts, commit, delete_answer,
    scored_answers_of,
};
pub use self::drafts::{draft, draft_row, drafts_of, save_draft};
pub use self::feedback::{feedback_of, feedback_on, replace_quick_read, scores_of, store_feedback};
pub use self::retention::{delete_practice_of, prune_attempts, set_retention};
pub use self::review::{
    DueRow, NewSchedule, StoredReview, due, due_count, next_due_after, postpone, review_of,
    reviews_of, save_review, set_reminders,
};
pub use super::entities::answer::Model as StoredAnswer;
