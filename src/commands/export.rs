//! `undersigned export`: the published list in one format, to standard output or a file.

use super::{Outcome, collation_of, io, resolve};
use crate::cli::{ExportArgs, ExportFormat};
use crate::collate;
use crate::error::Result;
use crate::export::{self, Format, PublicSignatory};
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
    let bytes = export::exporter(format).render(&rows);
    match &args.output {
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
