use std::process::ExitCode;

/// jemalloc, which hands memory freed after a burst of requests back to the
/// system; glibc's per-thread arenas kept it, and the process stayed at
/// twice its idle size after a minute of load.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings: a background thread purges pages left unused for a
/// second, so memory returns to the system while the server is idle as
/// well as while it is busy. `_RJEM_MALLOC_CONF` in the environment
/// overrides them.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_SETTINGS: &[u8; 60] =
    b"background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    // SAFETY: the first thing the process does; no other thread exists.
    unsafe { rehearse::coach::offline::meaning::one_thread_per_job() };
    rehearse::cli::main()
}
