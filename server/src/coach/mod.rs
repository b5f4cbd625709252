//! Question generation (and, later, answer assessment) behind one interface.

pub mod offline;

pub use offline::OfflineCoach;
