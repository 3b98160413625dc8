//! `undersigned sort`: put signers in collation order in place, or with --check/--diff say what would change.

use super::check::order_findings;
use super::{Outcome, collation_of, io, report, resolve};
use crate::cli::SortArgs;
use crate::collate;
use crate::error::{Error, Result};
use crate::store::{self, Loaded};
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &SortArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for arg in &args.statements {
        let path = resolve(dir, arg);
        let result = sort_one(&path, args, out, err);
        let this = match result {
            Ok(o) => o,
            Err(Error::Findings(f)) => {
                report(&f, err)?;
                Outcome::Failed
            }
            Err(e) => {
                writeln!(err, "{e}").map_err(io)?;
                Outcome::Failed
            }
        };
        outcome = outcome.max(this);
    }
    Ok(outcome)
}

fn sort_one(
    path: &Path,
    args: &SortArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let writes = !args.check && !args.diff;
    let _lock = if writes {
        Some(store::lock(path)?)
    } else {
        None
    };
    let mut loaded = store::load(path)?;
    loaded.require_valid()?;
    let collation = collation_of(&loaded.statement)?;
    let keys: Vec<_> = collation
        .keys(&loaded.statement.signatories)
        .into_iter()
        .map(|k| k.total)
        .collect();
    let order = collate::sorted_order(&keys);
    if order.iter().enumerate().all(|(i, &j)| i == j) {
        if writes {
            writeln!(err, "{} is already in order", loaded.name).map_err(io)?;
        }
        return Ok(Outcome::Clean);
    }

    if args.check {
        let sigs = loaded.statement.signatories.clone();
        let findings = order_findings(&loaded, &sigs, &keys, &collation.describe());
        report(&findings, out)?;
    }
    let before = loaded.render();
    loaded.reorder(&order);
    if args.diff {
        print_diff(&loaded, &before, out)?;
    }
    if writes {
        loaded.save()?;
        writeln!(
            err,
            "Sorted {} ({} signatories)",
            loaded.name,
            loaded.statement.signatories.len()
        )
        .map_err(io)?;
        return Ok(Outcome::Clean);
    }
    Ok(if args.check {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn print_diff(loaded: &Loaded, before: &str, out: &mut dyn Write) -> Result<()> {
    let after = loaded.render();
    let diff = similar::TextDiff::from_lines(before, &after);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", loaded.name), &format!("b/{}", loaded.name))
        .to_string();
    out.write_all(crate::text::visible_lines(&text).as_bytes())
        .map_err(io)
}
