//! One file per subcommand: load, a pure step, then save or render. Output goes to the writers given.

mod add;
mod check;
pub mod completers;
mod completions;
mod confirm;
mod diff;
mod distinct;
mod dupes;
mod edit;
mod export;
mod fmt;
mod import;
mod list;
mod man;
mod merge;
mod merge_driver;
mod names;
mod new;
mod paths;
mod remove;
mod set;
mod sort;
mod stats;
mod who;

use crate::cli::{Cli, ColorChoice, Command};
use crate::collate::Collation;
use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: problems found, or an addition refused. A command that stops on a
    /// refusal returns `Error::Refused`, which exits 1 too.
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
    let dir = &paths::statements_dir(cli.dir.as_deref());
    let color = use_color(cli.color);
    match &cli.command {
        Command::New(a) => new::run(dir, a, err),
        Command::Add(a) => add::run(dir, a, err),
        Command::Import(a) => import::run(dir, a, out, err),
        Command::Dupes(a) => dupes::run(dir, a, out),
        Command::Merge(a) => merge::run(dir, a, err),
        Command::Distinct(a) => distinct::run(dir, a, err),
        Command::Confirm(a) => confirm::confirm(dir, a, err),
        Command::Withdraw(a) => confirm::withdraw(dir, a, err),
        Command::Remove(a) => remove::run(dir, a, err),
        Command::Edit(a) => edit::run(dir, a, err),
        Command::Set(a) => set::run(dir, a, err),
        Command::Stats(a) => stats::run(dir, a, out, err),
        Command::Diff(a) => diff::run(dir, a, out),
        Command::Who(a) => who::run(dir, a, out, err),
        Command::List(a) => list::run(dir, a, out, err),
        Command::Sort(a) => sort::run(dir, a, color, out, err),
        Command::Check(a) => check::run(dir, a, color, out, err),
        Command::Export(a) => export::run(dir, a, out, err),
        Command::Fmt(a) => fmt::run(dir, a, out, err),
        Command::Completions(a) => completions::completions(a.shell, out),
        Command::Man => man::man(out),
        Command::MergeDriver(a) => merge_driver::run(a, err),
    }
}

/// Colour on standard output: `auto` asks anstream, as clap does for its own
/// messages (a terminal, and no NO_COLOR).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// The files a multi-file command works on: those named (private contacts
/// files left out, with a note), or every statement in `dir`.
fn targets(dir: &Path, named: &[String], err: &mut dyn Write) -> Result<Vec<PathBuf>> {
    if !named.is_empty() {
        return paths::named_statements(dir, named, err);
    }
    let found = crate::store::statements_in(dir)?;
    if found.is_empty() {
        return Err(Error::msg(format!(
            "no statement files (*.toml) in {}",
            crate::store::display(dir)
        )));
    }
    Ok(found)
}

/// The closing line of a command that changed the list: the one count.
fn now_has(loaded: &crate::store::Loaded, err: &mut dyn Write) -> Result<()> {
    let counts = crate::model::counts::Counts::of(&loaded.statement.signatories);
    writeln!(err, "{} now has {counts}", loaded.name)?;
    Ok(())
}

/// How wide a report's table is when the output is no terminal (a pipe, a
/// file, a CI log): without a width, one long cell would make every line of
/// a long report thousands of characters wide.
const TABLE_WIDTH: u16 = 200;

/// A report's table: its header, the project's style, long cells wrapped to
/// the terminal, or to [`TABLE_WIDTH`] when there is none.
fn report_table<T: ToString>(header: impl IntoIterator<Item = T>) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(header.into_iter().map(|h| h.to_string()));
    if table.width().is_none() {
        table.set_width(TABLE_WIDTH);
    }
    table
}

/// A unified diff from `before` to `after`, made safe for a terminal.
fn write_diff(name: &str, before: &str, after: &str, out: &mut dyn Write) -> Result<()> {
    let diff = similar::TextDiff::from_lines(before, after);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    out.write_all(crate::text::visible_lines(&text).as_bytes())?;
    Ok(())
}

pub use paths::resolve;

/// The collation of a loaded statement; an unusable locale is an error on its key.
fn collation_of(st: &crate::model::Statement) -> Result<Collation> {
    Collation::for_statement(st)
}

/// A statement opened for a read-modify-write: the lock is held until the
/// returned guard is dropped, and a file with errors is refused.
fn open_for_edit(path: &Path) -> Result<(crate::store::Lock, crate::store::Loaded)> {
    // A FIFO would hold the lock while the read waits for ever.
    crate::store::check_regular(path)?;
    let lock = crate::store::lock(path)?;
    Ok((lock, open_valid(path, false)?.1))
}

/// A valid statement, locked only when the command will write it back.
fn open_valid(
    path: &Path,
    writes: bool,
) -> Result<(Option<crate::store::Lock>, crate::store::Loaded)> {
    if writes {
        let (lock, loaded) = open_for_edit(path)?;
        return Ok((Some(lock), loaded));
    }
    Ok((None, read_valid(path)?))
}

/// A valid statement, read without a lock: a file with errors is refused.
fn read_valid(path: &Path) -> Result<crate::store::Loaded> {
    let loaded = crate::store::load(path)?;
    loaded.require_valid()?;
    Ok(loaded)
}

/// A statement opened for edit (see [`open_for_edit`]) and two different
/// entries of it by name (see [`names::two`]); `same` is the error when both
/// names find one entry.
fn open_two(
    path: &Path,
    a: &str,
    b: &str,
    same: &str,
) -> Result<(crate::store::Lock, crate::store::Loaded, (usize, usize))> {
    let (lock, loaded) = open_for_edit(path)?;
    let pair = names::two(&loaded, a, b, same)?;
    Ok((lock, loaded, pair))
}

/// The entry a NAME argument means: its name, `Name (ACR)`, its acronym,
/// local name or an alias, a certain duplicate of it, or `NAME@LINE`; an
/// error listing the entries when it means several, the closest names when none.
fn signatory_named(loaded: &crate::store::Loaded, name: &str) -> Result<usize> {
    names::one(loaded, name)
}

/// A date given on the command line (`--signed`, `--on`, `--as-of` …).
fn date_arg(flag: &str, value: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        Error::msg(format!(
            "{flag} must be a date such as 2023-09-21, not \"{value}\""
        ))
    })
}

/// Today, by the local clock. Debug builds (the tests) take
/// `UNDERSIGNED_TEST_TODAY` (a date) instead, so a test can let a day pass.
fn today() -> chrono::NaiveDate {
    #[cfg(debug_assertions)]
    if let Some(d) = std::env::var("UNDERSIGNED_TEST_TODAY")
        .ok()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
    {
        return d;
    }
    chrono::Local::now().date_naive()
}

/// Pretty JSON and a final line break: what every `--format json` prints.
fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<()> {
    // Streamed: a long list's report can be larger than its file.
    let mut w = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::from)?;
    writeln!(w).and_then(|()| w.flush())?;
    Ok(())
}

/// Writes findings for a person.
fn report(findings: &[Finding], w: &mut dyn Write) -> Result<()> {
    report_styled(findings, w, false)
}

fn report_styled(findings: &[Finding], w: &mut dyn Write, color: bool) -> Result<()> {
    let mut buf = Vec::new();
    crate::diagnostics::render::render_human_styled(findings, &mut buf, color)?;
    w.write_all(&buf)?;
    Ok(())
}

/// Runs `one` on each file, reporting a file's error and going on to the next;
/// the outcome is the worst of them.
fn each_file(
    paths: &[PathBuf],
    err: &mut dyn Write,
    mut one: impl FnMut(&Path, &mut dyn Write) -> Result<Outcome>,
) -> Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for path in paths {
        let this = match one(path, err) {
            Ok(o) => o,
            Err(Error::Findings(f)) => {
                report(&f, err)?;
                Outcome::Failed
            }
            Err(e) => {
                writeln!(err, "{e}")?;
                if e.exit_code() == 1 {
                    Outcome::Problems
                } else {
                    Outcome::Failed
                }
            }
        };
        outcome = outcome.max(this);
    }
    Ok(outcome)
}
