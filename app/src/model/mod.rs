//! Types shared by the server and the browser.

mod error;
mod generate;
mod progress;
mod question_set;
mod roles;
mod shared_set;

pub use error::{AppError, FieldError};
pub use generate::{
    DEFAULT_COUNT, GenerateInput, GenerateRequest, MAX_COUNT, MAX_JOB_DESCRIPTION_CHARS, MIN_COUNT,
};
pub use progress::{ProgressEvent, Stage};
pub use question_set::{
    Provenance, ProvenanceSource, Question, QuestionKind, QuestionSet, Seniority,
};
pub use roles::{
    FaqView, FocusAreaView, PrepStepView, RoleLink, RolePage, RoleSummary, SampleQuestion,
};
pub use shared_set::SharedSet;
