//! The `undersigned` binary: parse the command line, run it, turn the outcome into an exit code.
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use undersigned::cli::Cli;

fn main() -> ExitCode {
    settle_allocator();
    // `COMPLETE=<shell>`: the shell asks for completions (see `completions`); answer and exit.
    clap_complete::CompleteEnv::with_factory(undersigned::commands::completers::command)
        .shells(undersigned::commands::completers::shells())
        .complete();
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

/// One setting for glibc's allocator, so a long list's peak stays close to
/// what it holds: process-wide, so it is made here and not in the library.
///
/// glibc serves blocks of 128 KiB and more straight from the system, but
/// each time such a block is freed it raises that bar to the block's size
/// (up to 32 MiB). A long list's check frees a few large blocks early (read
/// buffers, the duplicate filter), after which every list of a few
/// megabytes lives in the heaps instead, and what is freed there is rarely
/// handed back: measured on 100,000 signers, `check` peaked 10 MB higher
/// (96 MB, over the README's target of 10 times the file size).
/// Fixing the bar where it starts keeps large blocks returnable.
fn settle_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` changes allocator parameters under the allocator's
    // own lock; no pointer is passed and no memory is touched.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
