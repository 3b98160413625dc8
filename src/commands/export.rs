//! `undersigned export`: the published list in one format, to standard output or a file.

use super::{Outcome, collation_of, io, resolve, write_diff};
use crate::cli::{ExportArgs, ExportFormat};
use crate::collate;
use crate::error::{Error, Result};
use crate::export::{self, Format, PrivateFields, PublicSignatory};
use crate::store;
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let loaded = store::load(&resolve(dir, &args.statement))?;
    // A list that fails its checks is never exported: it would be published wrong.
    loaded.require_valid()?;
    let st = &loaded.statement;
    let collation = collation_of(st)?;
    let keys: Vec<_> = collation
        .keys(&st.signatories)
        .into_iter()
        .map(|k| k.total)
        .collect();
    let rows: Vec<PublicSignatory> = collate::sorted_order(&keys)
        .into_iter()
        .map(|i| PublicSignatory::from(&st.signatories[i]))
        .collect();
    let format = match args.format {
        ExportFormat::Text => Format::Text,
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
    };
    let exporter = export::exporter(format);
    let mut bytes = if args.include_private {
        let private_file = store::load_private(&loaded.path)?;
        let private: Vec<PrivateFields> = rows
            .iter()
            .map(|r| {
                private_file
                    .for_name(&r.name)
                    .map(PrivateFields::from)
                    .unwrap_or_default()
            })
            .collect();
        exporter
            .render_private(&rows, &private)
            .ok_or_else(|| Error::msg("--include-private works with --format csv or json only: text and markdown are for publication"))?
    } else {
        exporter.render(&rows)
    };
    if args.excel {
        if format != Format::Csv {
            return Err(Error::msg("--excel goes with --format csv"));
        }
        // A UTF-8 byte order mark is how Excel knows the file is UTF-8.
        bytes.splice(0..0, "\u{feff}".bytes());
    }
    match &args.output {
        Some(path) if args.check => {
            // The committed export must be exactly what the statement gives now.
            let current = std::fs::read(path).ok();
            if current.as_deref() == Some(bytes.as_slice()) {
                return Ok(Outcome::Clean);
            }
            match current {
                None => writeln!(err, "{} does not exist; run the export without --check", path.display()),
                Some(old) => {
                    let name = path.display().to_string();
                    write_diff(&name, &String::from_utf8_lossy(&old), &String::from_utf8_lossy(&bytes), out)?;
                    writeln!(
                        err,
                        "{name} differs from what {} gives now; run the export without --check to update it",
                        loaded.name
                    )
                }
            }
            .map_err(io)?;
            return Ok(Outcome::Problems);
        }
        Some(path) => {
            store::write_atomic(path, &bytes)?;
            writeln!(
                err,
                "Wrote {} signatories to {}",
                rows.len(),
                path.display()
            )
            .map_err(io)?;
        }
        None => out.write_all(&bytes).map_err(io)?,
    }
    Ok(Outcome::Clean)
}
