//! Types shared by the server and the browser.

mod account;
mod attempts;
mod dashboard;
mod delivery;
mod error;
mod feedback;
mod forms;
mod generate;
mod input;
mod mock;
mod practice;
mod progress;
mod question_set;
mod review;
mod roles;
mod shared_set;
mod story;

pub use account::{
    AccountDeletion, AccountExport, ExportedAccount, ExportedAnswer, ExportedDraft,
    ExportedMockRun, ExportedMockTurn, ExportedSession, ExportedSet, LoginInput, NewAccount,
    PasswordChange, RETENTION_CHOICES, SignupInput, Viewer,
};
pub use attempts::{Comparison, ScoreChange, compare_comments, score_changes};
pub use dashboard::{
    AreaAverage, Dashboard, DrillLink, Evidence, JdCoverage, RECENT_ATTEMPTS, RecentAttempt,
    ScorePoint, SetProgress, TIMELINE_POINTS, Weakest, mean,
};
pub use delivery::{
    AnswerMode, Delivery, Filler, MAX_ANSWER_SECONDS, MIN_ANSWER_SECONDS, Timing,
    default_answer_seconds, fillers,
};
pub use error::{AppError, FieldError, Problems};
pub use feedback::{
    Comment, Dimension, DrillFeedback, DrillPart, Feedback, MAX_ANSWER_CHARS, MAX_DRILL_CHARS,
    QUICK_ENGINE, Reasons, SPOKEN_WORDS_PER_MINUTE, Scores, Star, Verdict, offline_coach_label,
    spoken_seconds, word_count,
};
pub use forms::{
    AccountEcho, AnswerPost, Checkbox, Echo, GenerateForm, GeneratorEcho, LoginForm,
    MockAnswerForm, MockEcho, MockSetupForm, Number, Outcome, PracticeEcho, PracticeForm,
    SettingsForm, SignupForm, retention_days, safe_next,
};
pub use generate::{
    DEFAULT_COUNT, GenerateInput, GenerateRequest, MAX_COUNT, MAX_JOB_DESCRIPTION_CHARS,
    MAX_RESUME_CHARS, MIN_COUNT,
};
pub use input::{
    AnswerText, DisplayName, DraftText, DrillText, Email, IdempotencyKey, JobDescription,
    MAX_DISPLAY_NAME_CHARS, MAX_DRAFT_CHARS, MAX_EMAIL_CHARS, MAX_IDEMPOTENCY_KEY_CHARS,
    MAX_PASSWORD_CHARS, MIN_IDEMPOTENCY_KEY_CHARS, MIN_PASSWORD_CHARS, Password, Resume, clean,
};
pub use mock::{
    DeliverySummary, MAX_MOCK_QUESTIONS, MockPrompt, MockRun, MockSeconds, MockSetup,
    MockSetupView, MockSummary, MockTurn, WorkOn, drill_part, first_missing, summarise, work_on,
};
pub use practice::{
    Attempt, AttemptSummary, AttemptView, Change, CheckedSubmission, DiffPart, DrillView,
    ExportedQuestion, OutlineStep, PracticeExport, PracticeView, Step, Submission,
};
pub use progress::{ProgressEvent, Stage, Working};
pub use question_set::{
    Provenance, ProvenanceSource, Question, QuestionKind, QuestionSet, Seniority,
};
pub use review::{DueQuestion, PostponeForm, ReviewSummary, ReviewView};
pub use roles::{
    FaqView, FocusAreaView, PrepStepView, RoleLink, RolePage, RoleSummary, SampleQuestion,
};
pub use shared_set::{
    ListedSet, ListingForm, ListingInput, PrivateQuestion, PrivateQuestions, SharedSet,
};
pub use story::{
    MAX_STORIES, MAX_STORY_PART_CHARS, MAX_STORY_SKILLS, MAX_STORY_TITLE_CHARS, OVERUSE_IN_MOCK,
    OVERUSE_IN_SET, RetoldStory, Story, StoryDraft, StoryEcho, StoryForm, StoryInput, StoryMatch,
    StoryUse,
};
