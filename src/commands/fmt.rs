//! `undersigned fmt`: rewrite statement files in the tool's canonical layout, or with --check say which are not.

use super::{Outcome, each_file, open_valid, targets, write_diff};
use crate::cli::FmtArgs;
use crate::error::Result;
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &FmtArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let paths = targets(dir, &args.statements, err)?;
    // Files found by listing the directory, not named: a link out of it is not followed.
    let listed = args.statements.is_empty();
    each_file(&paths, err, |path, err| {
        if listed {
            crate::store::stays_in(dir, path)?;
        }
        let writes = !args.check && !args.diff;
        let (_lock, mut loaded) = open_valid(path, writes)?;
        // Only a valid file is reformatted (open_valid): every key is then known, so no data can be lost.
        let before = loaded.render();
        let after = loaded.canonical();
        if before == after {
            return Ok(Outcome::Clean);
        }
        if args.diff {
            write_diff(&loaded.name, &before, &after, out)?;
        }
        if args.check {
            writeln!(
                err,
                "{} is not in the canonical layout; run `undersigned fmt {}`",
                loaded.name, loaded.name
            )?;
            return Ok(Outcome::Problems);
        }
        if writes {
            loaded.set_text(&after)?;
            loaded.save()?;
            writeln!(err, "Formatted {}", loaded.name)?;
        }
        Ok(Outcome::Clean)
    })
}
