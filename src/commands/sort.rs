//! `undersigned sort`: put signers in collation order in place, or with --check/--diff say what would change.

use super::{Outcome, collation_of, each_file, open_valid, paths, report_styled, write_diff};
use crate::cli::SortArgs;
use crate::collate;
use crate::diagnostics::rules::order_findings;
use crate::error::Result;
use crate::model::counts::Counts;
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &SortArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let files = paths::named_statements(dir, &args.statements, err)?;
    each_file(&files, err, |path, err| {
        sort_one(path, args, color, out, err)
    })
}

fn sort_one(
    path: &Path,
    args: &SortArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let writes = !args.check && !args.diff;
    let (_lock, mut loaded) = open_valid(path, writes)?;
    let collation = collation_of(&loaded.statement)?;
    // Most runs (every CI run) find the file in order: say so without a
    // key per entry.
    if collation.is_sorted(&loaded.statement.signatories) {
        if writes {
            writeln!(err, "{} is already in order", loaded.name)?;
        }
        return Ok(Outcome::Clean);
    }
    let keys: Vec<_> = collation
        .keys(&loaded.statement.signatories)
        .into_iter()
        .map(|k| k.total)
        .collect();
    let order = collate::sorted_order(&keys);
    if order.iter().enumerate().all(|(i, &j)| i == j) {
        if writes {
            writeln!(err, "{} is already in order", loaded.name)?;
        }
        return Ok(Outcome::Clean);
    }

    if args.check {
        let sigs = loaded.statement.signatories.clone();
        let findings = order_findings(&loaded, &sigs, &keys, &collation);
        report_styled(&findings, out, color)?;
    }
    let before = loaded.render();
    loaded.reorder(&order);
    if args.diff {
        write_diff(&loaded.name, &before, &loaded.render(), out)?;
    }
    if writes {
        loaded.save()?;
        writeln!(
            err,
            "Sorted {} ({})",
            loaded.name,
            Counts::of(&loaded.statement.signatories)
        )?;
        return Ok(Outcome::Clean);
    }
    Ok(if args.check {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
