//! `undersigned merge-driver`: a git merge driver that merges signer sets instead of lines, and exits 0 only with a result that passes `check`.

mod build;
mod identity;
mod lines;

use super::{Outcome, report};
use crate::cli::MergeDriverArgs;
use crate::diagnostics::Finding;
use crate::diagnostics::rules::check_loaded;
use crate::error::Result;
use crate::store::{self, Loaded};
use crate::text::visible;
use build::{Pick, Versions};
use std::io::Write;
use std::path::Path;

const WHO: &str = "undersigned merge-driver";

/// Merges %B into %A. Exit 0: %A holds a merge that passes `check`. Exit 1:
/// %A holds the best merge there is, with conflict markers where both sides
/// changed one thing, and stderr says what is left to do. Exit 2 (or an
/// error): nothing could be merged, and %A is left exactly as it was.
pub fn run(args: &MergeDriverArgs, err: &mut dyn Write) -> Result<Outcome> {
    let versions = [
        ("base", &args.base),
        ("ours", &args.ours),
        ("theirs", &args.theirs),
    ];
    let mut bytes = Vec::with_capacity(3);
    for (label, path) in versions {
        let b = store::read_bytes(path)?;
        // Git's own line merge gives up on these too; so does the driver,
        // rather than write what it could not read.
        if let Some(why) = not_text(&b) {
            writeln!(
                err,
                "{WHO}: {label} ({}) {why}; {} is left as it was, to be merged by hand",
                visible(&store::display(path)),
                visible(&store::display(&args.ours))
            )?;
            return Ok(Outcome::Failed);
        }
        bytes.push(b);
    }
    // Read side by side: reading the three is most of a merge's cost.
    let loaded: Vec<Result<Loaded, Finding>> = {
        use rayon::prelude::*;
        (versions.par_iter().zip(&bytes))
            .map(|((_, p), b)| store::parse(p, b.clone()))
            .collect()
    };
    if let Some(outcome) = unfit(args, &versions, &loaded, &bytes, err)? {
        return Ok(outcome);
    }
    let [base, ours, theirs] = <[_; 3]>::try_from(loaded)
        .ok()
        .expect("three versions")
        .map(|l| l.expect("valid, checked above"));
    let v = Versions {
        base: &base,
        ours: &ours,
        theirs: &theirs,
    };
    let triples = identity::triples(
        &base.statement.signatories,
        &ours.statement.signatories,
        &theirs.statement.signatories,
    );
    let merged = build::build(&v, &triples, Pick::Ours)?;
    if merged.conflicts.is_empty() {
        let text = merged.loaded.render();
        return finish(args, text.into_bytes(), false, &merged.notes, err);
    }
    // Conflicts: the merge settled each way, then merged by lines, so that
    // markers stand exactly around what both sides changed.
    let render = |pick| build::build(&v, &triples, pick).map(|b| b.loaded.render());
    let (with_theirs, with_base) = (render(Pick::Theirs)?, render(Pick::Base)?);
    let (text, _) = lines::merge(
        merged.loaded.render().as_bytes(),
        with_base.as_bytes(),
        with_theirs.as_bytes(),
        args.marker_size,
    )?;
    store::write_atomic(&args.ours, &text)?;
    say(err, &merged.notes)?;
    for c in &merged.conflicts {
        writeln!(err, "{WHO}: conflict: {}", visible(c))?;
    }
    Ok(Outcome::Problems)
}

/// When a version is not a valid statement: says which and why, and merges
/// the lines instead, verified like any merge. `None` when all three are valid.
fn unfit(
    args: &MergeDriverArgs,
    versions: &[(&str, &std::path::PathBuf); 3],
    loaded: &[Result<Loaded, Finding>],
    bytes: &[Vec<u8>],
    err: &mut dyn Write,
) -> Result<Option<Outcome>> {
    let mut unfit = Vec::new();
    for ((label, _), l) in versions.iter().zip(loaded) {
        match l {
            Err(f) => unfit.push((*label, vec![f.clone()])),
            Ok(l) if l.errors().next().is_some() => {
                unfit.push((*label, l.errors().cloned().collect()))
            }
            Ok(_) => {}
        }
    }
    if unfit.is_empty() {
        return Ok(None);
    }
    for (label, findings) in &unfit {
        writeln!(err, "{WHO}: {label} is not a valid statement:")?;
        report(findings, err)?;
    }
    writeln!(err, "{WHO}: merging the lines instead")?;
    let (merged, conflicts) = lines::merge(&bytes[1], &bytes[0], &bytes[2], args.marker_size)?;
    finish(args, merged, conflicts, &[], err).map(Some)
}

/// Writes `text` into %A: exit 0 only when it has no conflict and passes
/// `check`, else exit 1 saying why.
fn finish(
    args: &MergeDriverArgs,
    text: Vec<u8>,
    conflicts: bool,
    notes: &[String],
    err: &mut dyn Write,
) -> Result<Outcome> {
    let problems = if conflicts {
        Vec::new()
    } else {
        verify(&args.ours, &text)
    };
    store::write_atomic(&args.ours, &text)?;
    say(err, notes)?;
    if conflicts {
        writeln!(
            err,
            "{WHO}: both sides changed the same lines; see the conflict markers"
        )?;
        return Ok(Outcome::Problems);
    }
    if problems.is_empty() {
        return Ok(Outcome::Clean);
    }
    writeln!(
        err,
        "{WHO}: the merged list does not pass `check`, so the merge is left for you to finish:"
    )?;
    report(&problems, err)?;
    Ok(Outcome::Problems)
}

/// The errors `check` would report in the merged text (none: it passes).
fn verify(path: &Path, text: &[u8]) -> Vec<Finding> {
    match store::parse(path, text.to_vec()) {
        Ok(l) => check_loaded(&l)
            .into_iter()
            .filter(Finding::is_error)
            .collect(),
        Err(f) => vec![f],
    }
}

fn say(err: &mut dyn Write, notes: &[String]) -> Result<()> {
    for n in notes {
        writeln!(err, "{WHO}: {}", visible(n))?;
    }
    Ok(())
}

/// Why bytes are not text the driver can merge: binary, or not UTF-8.
fn not_text(bytes: &[u8]) -> Option<&'static str> {
    if bytes.contains(&0) {
        Some("is a binary file")
    } else if std::str::from_utf8(bytes).is_err() {
        Some("is not UTF-8 text")
    } else {
        None
    }
}
