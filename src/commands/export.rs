//! `undersigned export`: the published list in one format, to standard output or a file (or checked against one).

use super::{Outcome, collation_of, date_arg, read_valid, report, resolve, today, write_diff};
use crate::cli::{ExportArgs, ExportFormat, GroupBy as GroupArg};
use crate::error::{Error, Result};
use crate::export::{self, Format, GroupBy, ListDoc, ListOptions, PrivateFields};
use crate::model::counts::Counts;
use crate::model::{Statement, Status};
use crate::{locale, store};
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let format = format_of(args)?;
    let loaded = read_valid(&resolve(dir, &args.statement))?;
    // A list that fails its checks is never exported: it would be published wrong.
    refuse_failing(&loaded, args.force, err)?;
    let collation = collation_of(&loaded.statement)?;
    let options = list_options(args, &loaded.statement)?;
    let doc = export::press_list(&loaded.statement, &options, &collation);
    let bytes = render(args, format, &loaded, &doc)?;
    match &args.output {
        Some(path) if args.check => {
            let outcome = check_against(path, &bytes, &loaded.name, out, err)?;
            let dated =
                args.as_of.is_some() || as_of(&loaded.statement, args.include_pending).is_some();
            if outcome == Outcome::Problems && args.heading && !dated {
                writeln!(
                    err,
                    "note: the heading's date is today's, as no listed signer has a `signed` date; give them one, or pass --as-of"
                )?;
            }
            Ok(outcome)
        }
        Some(path) => {
            if args.include_private {
                // Contact details: never readable by others, not for a moment.
                store::write_private(path, &bytes)?;
            } else {
                store::write_atomic(path, &bytes)?;
            }
            let count = Counts::of(&loaded.statement.signatories);
            let told = count.phrase(args.include_pending);
            writeln!(err, "Wrote {}: {told}", store::display(path))?;
            Ok(Outcome::Clean)
        }
        None => {
            out.write_all(&bytes)?;
            Ok(Outcome::Clean)
        }
    }
}

/// The day a heading's "as of" names, as the data tells it, so the same
/// statement exports the same bytes on any day (`export --check` in CI):
/// a closed or published statement's `date`; otherwise the last day the
/// list changed, the latest `signed` date of the signers it lists or a
/// withdrawal's date. `None` when the data holds no date: the clock decides.
fn as_of(st: &Statement, include_pending: bool) -> Option<chrono::NaiveDate> {
    if let (Status::Closed | Status::Published, Some(d)) = (st.status, st.date) {
        return Some(d);
    }
    let signed = (st.signatories.iter())
        .filter(|s| s.is_published(include_pending))
        .filter_map(|s| s.signed);
    let withdrawn = st.signatories.iter().filter_map(|s| s.rare.withdrawn_on);
    signed.chain(withdrawn).max()
}

/// What the list shows and in which words: the locale asked for, else the
/// statement's language, else English.
fn list_options(args: &ExportArgs, st: &Statement) -> Result<ListOptions<'static>> {
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
        None => as_of(st, args.include_pending).unwrap_or_else(today),
    };
    Ok(ListOptions {
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
        links: args.links,
        countries: locale::CountryNames::for_tag(tag),
    })
}

/// The list in the format asked for, with the contact columns when asked
/// (CSV and JSON only) and Excel's byte order mark when asked (CSV only).
fn render(
    args: &ExportArgs,
    format: Format,
    loaded: &store::Loaded,
    doc: &ListDoc,
) -> Result<Vec<u8>> {
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
        exporter.render_private(doc, &private).ok_or_else(|| {
            Error::msg("--include-private works with --format csv or json only: the others are for publication")
        })?
    } else {
        exporter.render(doc)
    };
    if args.excel {
        if format != Format::Csv {
            return Err(Error::msg("--excel goes with --format csv"));
        }
        // A UTF-8 byte order mark is how Excel knows the file is UTF-8.
        bytes.splice(0..0, "\u{feff}".bytes());
    }
    Ok(bytes)
}

/// `--format`, else the format `-o`'s extension stands for; without either
/// there is no telling what to write (exit 2, as when `--format` was required).
fn format_of(args: &ExportArgs) -> Result<Format> {
    let known = || {
        Format::EXTENSIONS
            .iter()
            .map(|(e, _)| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (args.format, &args.output) {
        (Some(f), _) => Ok(match f {
            ExportFormat::Text => Format::Text,
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
            ExportFormat::Html => Format::Html,
        }),
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            Error::msg(format!(
                "cannot tell the format from the name {}: give --format, or an -o file ending in {}",
                store::display(path),
                known()
            ))
        }),
        (None, None) => Err(Error::msg(format!(
            "--format is needed when writing to standard output (or -o with a file ending in {})",
            known()
        ))),
    }
}

/// `--check`: the committed export must be exactly what the statement gives
/// now; exit 1 with a diff when it is not.
fn check_against(
    path: &Path,
    bytes: &[u8],
    statement: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
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
    if current.as_deref() == Some(bytes) {
        return Ok(Outcome::Clean);
    }
    let name = store::display(path);
    match current {
        None => writeln!(err, "{name} does not exist; run the export without --check")?,
        Some(old) => {
            write_diff(
                &name,
                &String::from_utf8_lossy(&old),
                &String::from_utf8_lossy(bytes),
                out,
            )?;
            writeln!(
                err,
                "{name} differs from what {statement} gives now; run the export without --check to update it"
            )?;
        }
    }
    Ok(Outcome::Problems)
}

/// The errors `check` finds in the list stop the export (exit 1, nothing
/// written, the errors on standard error); with `--force` it goes on and says
/// so. Warnings never stop it.
fn refuse_failing(loaded: &store::Loaded, force: bool, err: &mut dyn Write) -> Result<()> {
    let errors: Vec<_> = crate::diagnostics::rules::check_loaded(loaded)
        .into_iter()
        .filter(|f| f.is_error())
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let n = errors.len();
    let s = if n == 1 { "" } else { "s" };
    if force {
        report(&errors, err)?;
        writeln!(
            err,
            "warning: exporting {} anyway (--force), although `check` finds {n} error{s} in it",
            loaded.name
        )?;
        return Ok(());
    }
    Err(Error::Refused {
        findings: errors,
        message: format!(
            "{} fails its checks ({n} error{s}): nothing was exported; fix the list, or pass --force to export it anyway",
            loaded.name
        ),
    })
}
