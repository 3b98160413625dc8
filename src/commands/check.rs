//! `undersigned check`: which files, which format, since which revision; the rules (`diagnostics::rules`) find, the renderers report, the findings give the exit code.

use super::{Outcome, targets};
use crate::cli::{CheckArgs, FindingsFormat};
use crate::diagnostics::Finding;
use crate::diagnostics::render::{render_github, render_human_styled, render_json};
use crate::diagnostics::rules::{self, evidence, leftover, orphan_contact};
use crate::diagnostics::since;
use crate::error::Result;
use crate::store;
use crate::text::visible;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    dir: &Path,
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let paths = targets(dir, &args.statements, err)?;
    // Files found by listing the directory, not named: a link out of it is not followed.
    let listed = args.statements.is_empty();
    let since = args.since.as_deref();
    let (findings, failed) = check_files(dir, &paths, listed, since)?;
    render(args.format, &findings, color, out)?;

    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    let outcome = outcome(&findings, failed, args.strict);
    let since = since.map(|r| format!(" since {}", visible(r)));
    writeln!(
        err,
        "checked {} file{}{}: {errors} error{}, {warnings} warning{}",
        paths.len(),
        plural(paths.len()),
        since.unwrap_or_default(),
        plural(errors),
        plural(warnings)
    )?;
    Ok(outcome)
}

/// Every finding of every file (with `since`, those about what changed
/// since that revision), and whether a file could not be read.
fn check_files(
    dir: &Path,
    paths: &[PathBuf],
    listed: bool,
    since: Option<&str>,
) -> Result<(Vec<Finding>, bool)> {
    let mut findings = Vec::new();
    let mut failed = false;
    for path in paths {
        let read = if listed {
            store::stays_in(dir, path).and_then(|()| store::load(path))
        } else {
            store::load(path)
        };
        // Asked even of a file that cannot be read now: a revision that does
        // not exist is an error of the command, whatever the files hold.
        let then = match since {
            Some(rev) => Some(earlier(path, rev)?),
            None => None,
        };
        match read {
            Ok(loaded) => {
                let private = store::load_private(&loaded.path).ok();
                let mut found = rules::check_loaded(&loaded);
                // Missing evidence is a finding on its entry: under --since,
                // only the entries a change brings are held to it.
                found.extend(evidence::check(&loaded, private.as_ref()));
                let found = match &then {
                    Some(then) => since::relative(&loaded, then.as_ref(), found),
                    None => found,
                };
                findings.extend(rules::top_to_bottom(found));
                findings.extend(orphan_contact::check(&loaded, private.as_ref()));
            }
            Err(f) => {
                failed = true;
                findings.push(f);
            }
        }
        findings.extend(leftover::check(&store::leftovers(path)));
    }
    Ok((findings, failed))
}

/// The file as committed at `rev`: `None` when it did not exist there, or
/// could not be read there, so that all of it counts as new.
fn earlier(path: &Path, rev: &str) -> Result<Option<store::Loaded>> {
    let bytes = store::committed_version(path, rev)?;
    Ok(bytes.and_then(|b| store::parse(path, b).ok()))
}

/// The report in the chosen format. Buffered, not gathered: a long list's
/// report is larger than its file. Flushed before the summary goes to the
/// other stream.
fn render(
    format: FindingsFormat,
    findings: &[Finding],
    color: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut buf = std::io::BufWriter::new(out);
    match format {
        FindingsFormat::Human => render_human_styled(findings, &mut buf, color),
        FindingsFormat::Json => render_json(findings, &mut buf),
        FindingsFormat::Github => render_github(findings, &mut buf),
    }
    .and_then(|()| buf.flush())?;
    Ok(())
}

/// A file that could not be read fails the run; an error, or with `strict`
/// a warning, is a problem found.
fn outcome(findings: &[Finding], failed: bool, strict: bool) -> Outcome {
    if failed {
        Outcome::Failed
    } else if findings.iter().any(|f| f.is_error() || strict) {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
