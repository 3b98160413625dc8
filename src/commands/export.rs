//! `undersigned export`: the published list in one format, to standard output or a file (or checked against one).

use super::{Outcome, collation_of, date_arg, io, report, resolve, write_diff};
use crate::cli::{ExportArgs, ExportFormat, GroupBy as GroupArg};
use crate::error::{Error, Result};
use crate::export::{self, Format, GroupBy, ListOptions, PrivateFields};
use crate::model::Status;
use crate::{locale, store};
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
    if let Some(outcome) = refuse_failing(&loaded, args.force, err)? {
        return Ok(outcome);
    }
    let st = &loaded.statement;
    let collation = collation_of(st)?;

    let tag = args
        .locale
        .as_deref()
        .or(st.language.as_deref())
        .unwrap_or("en");
    let words = match locale::words(tag) {
        Some(w) => w,
        None if args.locale.is_some() => {
            return Err(Error::msg(format!(
                "no words for --locale {tag}; available: {}",
                locale::supported().join(", ")
            )));
        }
        // A statement in another language still exports, with English words.
        None => locale::words("en").expect("English words are shipped"),
    };
    let as_of = match &args.as_of {
        Some(d) => date_arg("--as-of", d)?,
        None => match (st.status, st.date) {
            (Status::Closed | Status::Published, Some(d)) => d,
            _ => chrono::Local::now().date_naive(),
        },
    };
    let options = ListOptions {
        include_pending: args.include_pending,
        group_by: args.group_by.map(|g| match g {
            GroupArg::Country => GroupBy::Country,
            GroupArg::Kind => GroupBy::Kind,
        }),
        numbered: args.numbered,
        heading: args.heading,
        words,
        as_of,
        local_name: locale::shows_local_name(tag),
    };
    let doc = export::press_list(st, &options, &collation);
    let count = doc.rows().count();

    let format = match args.format {
        ExportFormat::Text => Format::Text,
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Html => Format::Html,
    };
    let exporter = export::exporter(format);
    let mut bytes = if args.include_private {
        let private_file = store::load_private(&loaded.path)?;
        let private: Vec<PrivateFields> = doc
            .rows()
            .map(|(_, _, r)| {
                private_file
                    .for_name(&r.signatory.name)
                    .map(PrivateFields::from)
                    .unwrap_or_default()
            })
            .collect();
        exporter.render_private(&doc, &private).ok_or_else(|| {
            Error::msg("--include-private works with --format csv or json only: the others are for publication")
        })?
    } else {
        exporter.render(&doc)
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
            let current = match store::read_regular(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(Error::msg(format!(
                        "cannot read {}: {e}",
                        store::display(path)
                    )));
                }
            };
            if current.as_deref() == Some(bytes.as_slice()) {
                return Ok(Outcome::Clean);
            }
            match current {
                None => writeln!(err, "{} does not exist; run the export without --check", store::display(path)),
                Some(old) => {
                    let name = store::display(path);
                    write_diff(&name, &String::from_utf8_lossy(&old), &String::from_utf8_lossy(&bytes), out)?;
                    writeln!(
                        err,
                        "{name} differs from what {} gives now; run the export without --check to update it",
                        loaded.name
                    )
                }
            }
            .map_err(io)?;
            Ok(Outcome::Problems)
        }
        Some(path) => {
            if args.include_private {
                // Contact details: never readable by others, not for a moment.
                store::write_private(path, &bytes)?;
            } else {
                store::write_atomic(path, &bytes)?;
            }
            writeln!(err, "Wrote {count} signatories to {}", store::display(path)).map_err(io)?;
            Ok(Outcome::Clean)
        }
        None => {
            out.write_all(&bytes).map_err(io)?;
            Ok(Outcome::Clean)
        }
    }
}

/// The errors `check` finds in the list stop the export (exit 1, nothing
/// written, the errors on standard error); with `--force` it goes on and says
/// so. Warnings never stop it.
fn refuse_failing(
    loaded: &store::Loaded,
    force: bool,
    err: &mut dyn Write,
) -> Result<Option<Outcome>> {
    let errors: Vec<_> = crate::diagnostics::rules::check_loaded(loaded)
        .into_iter()
        .filter(|f| f.is_error())
        .collect();
    if errors.is_empty() {
        return Ok(None);
    }
    report(&errors, err)?;
    let n = errors.len();
    let s = if n == 1 { "" } else { "s" };
    if force {
        writeln!(
            err,
            "warning: exporting {} anyway (--force), although `check` finds {n} error{s} in it",
            loaded.name
        )
        .map_err(io)?;
        return Ok(None);
    }
    writeln!(
        err,
        "{} fails its checks ({n} error{s}): nothing was exported; fix the list, or pass --force to export it anyway",
        loaded.name
    )
    .map_err(io)?;
    Ok(Some(Outcome::Problems))
}
