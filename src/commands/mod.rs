//! One file per subcommand: load, a pure step, then save or render. Output goes to the writers given.

mod add;
mod check;
mod export;
mod list;
mod new;
mod sort;

use crate::check::Finding;
use crate::cli::{Cli, Command};
use crate::collate::Collation;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: problems found, or an addition refused as a duplicate.
    Problems,
    /// Exit 2: some file could not be read or parsed; the run went on past it.
    Failed,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Self::Clean => 0,
            Self::Problems => 1,
            Self::Failed => 2,
        }
    }
}

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let dir = cli.dir.as_path();
    match &cli.command {
        Command::New(a) => new::run(dir, a, err),
        Command::Add(a) => add::run(dir, a, err),
        Command::List(a) => list::run(dir, a, out, err),
        Command::Sort(a) => sort::run(dir, a, out, err),
        Command::Check(a) => check::run(dir, a, out, err),
        Command::Export(a) => export::run(dir, a, out, err),
    }
}

/// A STATEMENT argument: a path when it looks like one, else `<dir>/<id>.toml`.
pub fn resolve(dir: &Path, arg: &str) -> PathBuf {
    let p = Path::new(arg);
    if arg.ends_with(".toml") || p.components().count() > 1 {
        p.to_path_buf()
    } else {
        dir.join(format!("{arg}.toml"))
    }
}

/// The collation of a loaded statement; an unusable locale is an error on its key.
fn collation_of(st: &crate::model::Statement) -> Result<Collation> {
    Collation::for_statement(st).map_err(Error::msg)
}

fn io(e: std::io::Error) -> Error {
    Error::msg(format!("cannot write output: {e}"))
}

/// Writes findings for a person.
fn report(findings: &[Finding], w: &mut dyn Write) -> Result<()> {
    let mut buf = Vec::new();
    crate::check::render_human(findings, &mut buf).map_err(io)?;
    w.write_all(&buf).map_err(io)
}
