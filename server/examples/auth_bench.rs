//! Password hashing on this machine: the time for one Argon2id hash and one
//! check, and that a check for an unknown email (against the decoy) costs
//! the same as one for a known email. Run with `scripts/bench.sh` or
//! `cargo run --release -p server --example auth_bench`.

use std::time::{Duration, Instant};

use rehearse::auth::Passwords;

const RUNS: usize = 30;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

#[tokio::main]
async fn main() {
    let passwords = Passwords::new(1);
    let mut hashing = Vec::new();
    let mut hash = String::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        hash = passwords.hash("violet tugboat lantern").await.unwrap();
        hashing.push(start.elapsed());
    }
    // Warm the decoy once, as a running server would have.
    passwords.verify("x", None).await.unwrap();
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        assert!(
            !passwords
                .verify("wrong password", Some(&hash))
                .await
                .unwrap()
        );
        known.push(start.elapsed());
        let start = Instant::now();
        assert!(!passwords.verify("wrong password", None).await.unwrap());
        unknown.push(start.elapsed());
    }
    let (known, unknown) = (median(known), median(unknown));
    println!(
        "argon2id hash (m=19456 KiB, t=2, p=1)   median {:>7.1} ms",
        median(hashing)
    );
    println!("check, known email, wrong password       median {known:>7.1} ms");
    println!(
        "check, unknown email (decoy)             median {unknown:>7.1} ms  (ratio {:.2})",
        unknown / known
    );
}
