//! One file per route.

mod compare;
mod dashboard;
mod drill;
mod home;
mod login;
mod mock;
mod not_found;
mod practice;
mod print;
mod private_questions;
mod review;
mod role_page;
mod roles_index;
mod settings;
mod share_page;
mod signup;
mod stories;

pub use compare::ComparePage;
pub use dashboard::DashboardPage;
pub use drill::DrillPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use mock::{MockRunPage, MockSetupPage};
pub use not_found::NotFoundPage;
pub use practice::PracticePage;
pub use print::{PrintButton, PrintPage};
pub use private_questions::PrivateQuestionsPage;
pub use review::ReviewPage;
pub use role_page::RolePage;
pub use roles_index::RolesIndexPage;
pub use settings::SettingsPage;
pub use share_page::SharePage;
pub use signup::SignupPage;
pub use stories::{StoriesPage, StoryPage};
