//! `undersigned completions`: shell completion scripts, from the clap definition.

use super::Outcome;
use crate::cli::Cli;
use crate::error::Result;
use clap::CommandFactory;
use std::io::Write;

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "undersigned", &mut buf);
    out.write_all(&buf)?;
    Ok(Outcome::Clean)
}
