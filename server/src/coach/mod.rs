//! Question generation (and, later, answer assessment) behind one interface.

pub mod cache;
pub mod offline;

pub use cache::SetCache;
pub use offline::OfflineCoach;
