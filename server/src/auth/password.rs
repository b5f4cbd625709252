//! Password hashing with Argon2id at OWASP's recommended parameters
//! (19 MiB, two passes, one lane), off the async threads and a bounded number
//! at a time, so that a burst of logins cannot starve other requests or
//! exhaust memory.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::auth::tokens::random_bytes;

/// Memory per hash in KiB, passes and lanes.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the hashing task stopped: {0}")]
    Task(String),
}

#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
}

/// A hash of a random password, verified against when an email is unknown
/// so that the answer takes as long as for a known one. Made on first use.
fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        hash_now(&crate::auth::tokens::new_secret()).expect("hashing a random password works")
    })
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None)
        .expect("the Argon2 parameters are within the algorithm's limits");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let salt = SaltString::encode_b64(&random_bytes::<16>())
        .map_err(|e| HashError::Hash(e.to_string()))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Hash(e.to_string()))
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

impl Passwords {
    /// Hashing `concurrency` passwords at once at most (at least one).
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    /// One hash at a time per core: each takes 19 MiB and a core for tens
    /// of milliseconds.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError::Task(e.to_string()))?;
        let password = password.to_string();
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|e| HashError::Task(e.to_string()))?
    }

    /// Whether `password` matches `hash`. With no hash (an unknown email),
    /// the decoy is checked instead, taking the same time, and the answer
    /// is no.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError::Task(e.to_string()))?;
        let password = password.to_string();
        let hash = hash.map(str::to_string);
        let real = hash.is_some();
        let matched = tokio::task::spawn_blocking(move || {
            verify_now(&password, hash.as_deref().unwrap_or_else(|| decoy()))
        })
        .await
        .map_err(|e| HashError::Task(e.to_string()))?;
        Ok(matched && real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_at_owasp_parameters_and_verify() {
        let passwords = Passwords::new(2);
        let hash = passwords.hash("correct horse battery").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            passwords
                .verify("correct horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("correct horse batterz", Some(&hash))
                .await
                .unwrap()
        );
        assert!(!passwords.verify("anything", None).await.unwrap());
        assert!(
            !passwords
                .verify("anything", Some("not a hash"))
                .await
                .unwrap()
        );
        // A fresh salt every time.
        assert_ne!(hash, passwords.hash("correct horse battery").await.unwrap());
    }
}
