use std::process::ExitCode;

fn main() -> ExitCode {
    // SAFETY: the first thing the process does; no other thread exists.
    unsafe { rehearse::coach::offline::meaning::one_thread_per_job() };
    rehearse::cli::main()
}
