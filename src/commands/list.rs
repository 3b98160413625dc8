//! `undersigned list`: the signers as a table for a person at a terminal.

use super::{Outcome, collation_of, report, resolve};
use crate::cli::{KindArg, ListArgs, StatusArg};
use crate::collate;
use crate::error::Result;
use crate::model::counts::{Counts, counted};
use crate::model::fields::{Field, SIGNER_FIELDS};
use crate::model::{Kind, Signatory, SignerStatus};
use crate::store;
use crate::text::visible;
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &ListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let loaded = store::load(&resolve(dir, &args.statement))?;
    // Problems are shown, not hidden: a list must never look fine when it is not.
    report(&loaded.findings, err)?;
    let st = &loaded.statement;
    let collation = collation_of(st)?;
    let keys: Vec<_> = collation
        .keys(&st.signatories)
        .into_iter()
        .map(|k| k.total)
        .collect();

    let private = if args.include_private || args.without_evidence {
        Some(store::load_private(&loaded.path)?)
    } else {
        None
    };
    // Asked of the private file is only whether a record exists.
    let has_evidence = |s: &Signatory| {
        s.has_public_evidence() || private.as_ref().is_some_and(|p| p.has_evidence(&s.name))
    };
    let contacts = private.as_ref().filter(|_| args.include_private);
    let columns = columns();
    let mut header = vec!["#", "Name"];
    header.extend(columns.iter().filter_map(|f| Some(f.column?.heading)));
    if contacts.is_some() {
        header.extend(["Contact", "Email", "Phone", "Private note", "Evidence"]);
    }
    let mut table = super::report_table(header);
    let shown: Vec<usize> = (collate::sorted_order(&keys).into_iter())
        .filter(|&i| wanted(args, &st.signatories[i]))
        .filter(|&i| !args.without_evidence || !has_evidence(&st.signatories[i]))
        .collect();
    for (n, &i) in shown.iter().enumerate() {
        let s = &st.signatories[i];
        let mut row = vec![(n + 1).to_string(), visible(&name_cell(s))];
        row.extend((columns.iter()).map(|f| visible(f.shown(s).as_deref().unwrap_or_default())));
        if let Some(p) = contacts {
            let c = p.for_name(&s.name);
            let field = |f: fn(&crate::model::Contact) -> &Option<String>| {
                visible(c.and_then(|c| f(c).as_deref()).unwrap_or(""))
            };
            row.extend([
                field(|c| &c.person),
                field(|c| &c.email),
                field(|c| &c.phone),
                field(|c| &c.notes),
                visible(&c.map(evidence_cell).unwrap_or_default()),
            ]);
        }
        table.add_row(row);
    }
    writeln!(out, "{}", visible(&st.title))?;
    if !shown.is_empty() {
        writeln!(out, "{table}")?;
    }
    let filtered = args.status.is_some() || args.kind.is_some() || args.without_evidence;
    if shown.len() < st.signatories.len() || filtered {
        writeln!(
            out,
            "{} of {} shown ({})",
            shown.len(),
            counted(st.signatories.len(), "entry", "entries"),
            filter_words(args)
        )?;
    }
    writeln!(out, "{}", Counts::of(&st.signatories).by_kind())?;
    Ok(Outcome::Clean)
}

/// Whether `--status` and `--kind` let an entry through (`--without-evidence`: confirmed ones).
fn wanted(args: &ListArgs, s: &Signatory) -> bool {
    let confirmed = Some(StatusArg::Confirmed).filter(|_| args.without_evidence);
    let status = args.status.or(confirmed).is_none_or(|st| {
        s.status
            == match st {
                StatusArg::Pending => SignerStatus::Pending,
                StatusArg::Confirmed => SignerStatus::Confirmed,
                StatusArg::Withdrawn => SignerStatus::Withdrawn,
            }
    });
    let kind = args.kind.is_none_or(|k| {
        s.kind
            == match k {
                KindArg::Organisation => Kind::Organisation,
                KindArg::Individual => Kind::Individual,
            }
    });
    status && kind
}

/// The filters as words: "pending organisations".
fn filter_words(args: &ListArgs) -> String {
    let confirmed = Some(StatusArg::Confirmed).filter(|_| args.without_evidence);
    let status = args.status.or(confirmed).map(|s| match s {
        StatusArg::Pending => "pending",
        StatusArg::Confirmed => "confirmed",
        StatusArg::Withdrawn => "withdrawn",
    });
    let kind = match args.kind {
        Some(KindArg::Organisation) => "organisations",
        Some(KindArg::Individual) => "individuals",
        None => "entries",
    };
    let without = if args.without_evidence {
        " without evidence"
    } else {
        ""
    };
    status.map_or(kind.to_string(), |s| format!("{s} {kind}{without}"))
}

/// The fields the field table gives a column, the narrow ones first.
fn columns() -> Vec<&'static Field> {
    let shown = || SIGNER_FIELDS.iter().filter(|f| f.column.is_some());
    let wide = |f: &&Field| f.column.is_some_and(|c| c.wide);
    shown()
        .filter(|f| !wide(f))
        .chain(shown().filter(wide))
        .collect()
}

/// A private evidence record in one cell: what, who authorised, and when.
fn evidence_cell(c: &crate::model::Contact) -> String {
    let mut cell = c.evidence.clone().unwrap_or_default();
    if let Some(by) = &c.evidence_by {
        let sep = if cell.is_empty() { "" } else { "; " };
        cell.push_str(&format!("{sep}by {by}"));
    }
    if let Some(on) = c.evidence_on.filter(|_| !cell.is_empty()) {
        cell.push_str(&format!(" ({on})"));
    }
    cell
}

/// The name as printed, with the name in another script and an individual's affiliation.
fn name_cell(s: &Signatory) -> String {
    let mut name = s.display_name();
    if let Some(local) = &s.rare.local_name {
        name.push_str(&format!(" / {local}"));
    }
    if let (Kind::Individual, Some(a)) = (s.kind, &s.rare.affiliation) {
        name.push_str(&format!(", {a}"));
    }
    name
}
