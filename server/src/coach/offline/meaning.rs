//! What the offline coach knows of meaning: sentence vectors from the
//! embedded model's static table, and the library's roles and skills as
//! vectors to compare with.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use embed::{Embedder, Vector};

use crate::content::Library;

pub use embed::LoadError;

/// Loads the table distilled from the embedded model. A missing or damaged
/// table is not fatal: the coach then reads by words alone and says so in
/// its engine label.
pub fn load(dir: &Path) -> Option<Embedder> {
    let started = Instant::now();
    match Embedder::load(dir) {
        Ok(embedder) => {
            tracing::info!(
                dir = %dir.display(),
                millis = started.elapsed().as_millis() as u64,
                "embedded model loaded"
            );
            Some(embedder)
        }
        Err(error) => {
            tracing::warn!(
                dir = %dir.display(),
                %error,
                "embedded model not loaded; the offline coach reads answers by their words alone (run scripts/setup.sh to fetch it)"
            );
            None
        }
    }
}

/// Where the table is looked for when REHEARSE_MODEL_DIR does not say.
pub const DEFAULT_DIR: &str = "target/model";

/// The table that `scripts/setup.sh` put in the repository's
/// `target/model` (or REHEARSE_MODEL_DIR), for tests. Tests of the coach's
/// judgement need it, so its absence is an error that says how to fix it.
pub fn load_for_tests() -> Embedder {
    let dir = std::env::var_os("REHEARSE_MODEL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(DEFAULT_DIR)
        });
    Embedder::load(&dir).unwrap_or_else(|error| {
        panic!(
            "the embedded model is needed by these tests and could not be loaded from {} ({error}); run scripts/setup.sh",
            dir.display()
        )
    })
}

pub struct Meaning {
    embedder: Embedder,
    /// Each role as its titles, summary and focus areas describe it.
    roles: Vec<(String, Vector)>,
    /// Each skill's canonical name as its name, aliases and category
    /// describe it.
    skills: HashMap<String, Vector>,
}

impl Meaning {
    pub fn new(embedder: Embedder, library: &Library) -> Self {
        let roles = library
            .roles()
            .iter()
            .map(|role| {
                let mut text: Vec<String> = role.title_names().collect();
                text.push(role.summary.clone());
                for area in &role.focus_areas {
                    text.push(area.name.clone());
                    text.push(area.description.clone());
                }
                (role.slug.clone(), embedder.embed(&text.join(". ")))
            })
            .collect();
        let skills = library
            .skills()
            .iter()
            .map(|skill| {
                let text = format!(
                    "{}. {}. {}",
                    skill.name,
                    skill.aliases.join(", "),
                    skill.category.replace(['-', '_'], " ")
                );
                (skill.name.clone(), embedder.embed(&text))
            })
            .collect();
        Self {
            embedder,
            roles,
            skills,
        }
    }

    pub fn embed(&self, text: &str) -> Vector {
        self.embedder.embed(text)
    }

    pub fn dim(&self) -> usize {
        self.embedder.dim()
    }

    /// Roles from the closest to the furthest from `text`.
    pub fn roles_near(&self, text: &Vector) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = self
            .roles
            .iter()
            .map(|(slug, v)| (slug.as_str(), v.cosine(text)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// How close a skill, by what it is, sits to `text`.
    pub fn skill_fit(&self, skill: &str, text: &Vector) -> Option<f32> {
        self.skills.get(skill).map(|v| v.cosine(text))
    }
}
