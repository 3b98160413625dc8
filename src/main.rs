//! The `undersigned` binary: parse the command line, run it, turn the outcome into an exit code.
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use undersigned::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match undersigned::commands::run(cli, &mut out, &mut err) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) => {
            let _ = writeln!(err, "{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
