//! sea-orm entities, one per table. They stay inside `server`: services map
//! them to the app's types.

pub mod answer;
pub mod draft;
pub mod feedback;
pub mod mock_run;
pub mod mock_turn;
pub mod question;
pub mod question_set;
pub mod review;
pub mod session;
pub mod story;
pub mod story_use;
pub mod usage_counter;
pub mod user;
