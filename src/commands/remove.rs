//! `undersigned remove`: delete entries and their contact details outright, leaving no tombstone.

use super::{Outcome, open_for_edit, resolve, signatory_named};
use crate::cli::RemoveArgs;
use crate::dedupe::exact_key;
use crate::error::{Error, Result};
use crate::model::counts::counted;
use crate::model::{Signatory, Status};
use crate::store::{self, Loaded};
use crate::text::visible;
use std::io::Write;
use std::path::Path;

/// Where the docs say how to erase a name from every earlier version.
pub const ERASING: &str = "docs/editing.md, \"Erasing a name\"";

pub fn run(dir: &Path, args: &RemoveArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    refuse_closed(&loaded, args.force, "removed")?;
    // Every name is found before anything changes: one unknown name, nothing removed.
    let mut found = Vec::with_capacity(args.names.len());
    for name in &args.names {
        found.push(signatory_named(&loaded, name)?);
    }
    let gone = chosen(&found);
    let removed: Vec<Signatory> = gone
        .iter()
        .map(|&i| loaded.statement.signatories[i].clone())
        .collect();
    // From the end, so the places still to remove do not shift.
    for &i in gone.iter().rev() {
        loaded.remove_signatory(i);
    }
    let mut private = store::load_private(&path)?;
    let mut contacts = 0;
    let mut kept_for = Vec::new();
    for s in &removed {
        // Contacts are filed by name: while another entry has the name, they may be its.
        if loaded
            .statement
            .signatories
            .iter()
            .any(|o| exact_key(&o.name) == exact_key(&s.name))
        {
            kept_for.push(s);
        } else {
            contacts += private.remove_signatory(&s.name);
        }
    }
    // The statement and its contacts change together, or neither does.
    loaded.save_with((contacts > 0).then_some(&private))?;
    say_removed(&loaded, &removed, contacts, &kept_for, err)?;
    Ok(Outcome::Clean)
}

/// The places named, each once, in list order.
fn chosen(found: &[usize]) -> Vec<usize> {
    let mut gone = found.to_vec();
    gone.sort_unstable();
    gone.dedup();
    gone
}

/// A closed or published statement is changed only with `--force`.
pub(super) fn refuse_closed(loaded: &Loaded, force: bool, what: &str) -> Result<()> {
    let status = loaded.statement.status;
    if force || !matches!(status, Status::Closed | Status::Published) {
        return Ok(());
    }
    Err(Error::refused(format!(
        "{} is {}: its list is final; nothing was {what} (use --force if it must change)",
        loaded.name,
        status.as_str()
    )))
}

fn say_removed(
    loaded: &Loaded,
    removed: &[Signatory],
    contacts: usize,
    kept_for: &[&Signatory],
    err: &mut dyn Write,
) -> Result<()> {
    for s in removed {
        writeln!(
            err,
            "Removed \"{}\" (line {}) from {}",
            visible(&s.display_name()),
            s.pos.line,
            loaded.name
        )?;
    }
    super::now_has(loaded, err)?;
    if contacts > 0 {
        writeln!(
            err,
            "Removed {} from {}",
            counted(contacts, "contact entry", "contact entries"),
            store::display(&store::private_path(&loaded.path))
        )?;
    }
    let (what, it) = if removed.len() == 1 {
        ("the name", "it")
    } else {
        ("the names", "them")
    };
    for s in kept_for {
        writeln!(
            err,
            "note: contact details filed under \"{}\" were kept: another entry still has that name",
            visible(&s.name)
        )?;
    }
    writeln!(
        err,
        "note: earlier versions of the file (git history, backups, published copies) still hold {what}; to erase {it} see {ERASING}",
    )?;
    Ok(())
}
