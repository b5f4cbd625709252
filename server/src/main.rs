use std::process::ExitCode;

fn main() -> ExitCode {
    rehearse::cli::main()
}
