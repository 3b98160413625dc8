//! `undersigned who`: every statement in the directory that one organisation signed.

use super::Outcome;
use crate::cli::WhoArgs;
use crate::dedupe;
use crate::error::{Error, Result};
use crate::store;
use crate::text::visible;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &WhoArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let name = crate::text::clean_name(&args.name);
    if name.is_empty() {
        return Err(Error::msg("the name is empty"));
    }
    let probe = crate::model::Signatory::new(name.clone());
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header([
        "Statement",
        "Title",
        "Date",
        "Signed as",
        "Status",
    ]);
    let mut found = 0;
    for path in store::statements_in(dir)? {
        let loaded = match store::stays_in(dir, &path).and_then(|()| store::load(&path)) {
            Ok(l) => l,
            Err(f) => {
                // One unreadable file does not hide the others; it is named.
                writeln!(
                    err,
                    "warning: skipped {}: {}",
                    visible(&f.file),
                    visible(&f.message)
                )?;
                continue;
            }
        };
        let st = &loaded.statement;
        // The same signer by name, alias or acronym, or a certain duplicate of it.
        let mut hits = dedupe::same_signer(&st.signatories, &probe);
        hits.extend(
            dedupe::match_new(&st.signatories, &probe)
                .into_iter()
                .filter(|m| m.1 == dedupe::Tier::Certain)
                .map(|m| m.0),
        );
        hits.sort_unstable();
        hits.dedup();
        for i in hits {
            let s = &st.signatories[i];
            found += 1;
            let id = path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            table.add_row([
                visible(&id),
                visible(&st.title),
                st.date.map(|d| d.to_string()).unwrap_or_default(),
                visible(&s.display_name()),
                s.status.as_str().to_string(),
            ]);
        }
    }
    if found == 0 {
        writeln!(
            err,
            "\"{}\" signed no statement in {}",
            visible(&name),
            store::display(dir)
        )?;
        return Ok(Outcome::Problems);
    }
    writeln!(out, "{table}")?;
    Ok(Outcome::Clean)
}
