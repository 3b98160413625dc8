//! `undersigned who`: every statement in the directory that one organisation signed.

use super::{Outcome, names};
use crate::cli::WhoArgs;
use crate::error::{Error, Result};
use crate::store;
use crate::text::visible;
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
    let mut table = super::report_table(["Statement", "Title", "Date", "Signed as", "Status"]);
    let mut found = 0;
    // The names closest to one found nowhere, from every statement.
    let mut close: Vec<(f64, String)> = Vec::new();
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
        // Every way a NAME argument names an entry (`names::named`), and all of them.
        let hits = names::Keys::new(&st.signatories).named_any_way(&name);
        if hits.is_empty() {
            close.extend(
                names::closest_scored(&st.signatories, &name)
                    .into_iter()
                    .map(|(score, i)| (score, st.signatories[i].display_name())),
            );
        }
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
        did_you_mean(close, err)?;
        return Ok(Outcome::Problems);
    }
    writeln!(out, "{table}")?;
    Ok(Outcome::Clean)
}

/// The names closest to one found nowhere, each once, the best few.
fn did_you_mean(mut close: Vec<(f64, String)>, err: &mut dyn Write) -> Result<()> {
    close.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)));
    close.dedup_by(|a, b| a.1 == b.1);
    let close = names::best_of(close);
    if !close.is_empty() {
        writeln!(err, "did you mean:")?;
        for (_, n) in close {
            writeln!(err, "  {}", visible(&n))?;
        }
    }
    Ok(())
}
