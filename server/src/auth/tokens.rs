//! Random identifiers: share-link slugs and claim tokens.

use sha2::{Digest, Sha256};

/// Lower-case letters and digits without the look-alikes (0/o, 1/l).
const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// 15 characters of a 32-letter alphabet: 75 bits of randomness.
pub const SLUG_LEN: usize = 15;
// Share links must carry at least 72 bits; each character carries 5.
const _: () = assert!(SLUG_LEN * 5 >= 72);

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The operating system's generator only fails on a broken system, and
    // a predictable slug or token would be worse than stopping.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator works");
    bytes
}

/// An unguessable slug for a share link.
pub fn new_slug() -> String {
    random_bytes::<SLUG_LEN>()
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect()
}

/// Whether `text` could be a slug this server made: cheap to check before
/// touching the database.
pub fn is_slug(text: &str) -> bool {
    text.len() == SLUG_LEN && text.bytes().all(|b| ALPHABET.contains(&b))
}

/// A secret for a cookie: 256 random bits, hex-encoded.
pub fn new_secret() -> String {
    hex::encode(random_bytes::<32>())
}

/// What the database keeps of a secret: its SHA-256, so a leaked table does
/// not leak working cookies.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_well_formed_and_distinct() {
        let a = new_slug();
        let b = new_slug();
        assert!(is_slug(&a) && is_slug(&b));
        assert_ne!(a, b);
        assert!(!is_slug("../etc/passwd"));
        assert!(!is_slug("ABCDEFGHIJKLMNO"));
    }

    #[test]
    fn secrets_are_long_and_stored_as_digests() {
        let secret = new_secret();
        assert_eq!(secret.len(), 64);
        assert_eq!(digest(&secret).len(), 64);
        assert_ne!(digest(&secret), secret);
        assert_eq!(digest("abc"), digest("abc"));
    }
}
