//! `undersigned confirm` and `undersigned withdraw`: change signers' status, keeping their entries.

use super::{Outcome, date_arg, names, open_for_edit, resolve, signatory_named};
use crate::cli::{ConfirmArgs, WithdrawArgs};
use crate::error::{Error, Result};
use crate::model::SignerStatus;
use crate::model::counts::{Counts, counted};
use crate::store::{self, Loaded};
use crate::text::visible;
use crate::{schema, text};
use std::io::Write;
use std::path::Path;

pub fn confirm(dir: &Path, args: &ConfirmArgs, err: &mut dyn Write) -> Result<Outcome> {
    // Read before the lock is taken: standard input may take its time.
    let typed = typed_names(&args.names, args.from.as_deref())?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let chosen = entries(&loaded, &typed, err)?;
    let sigs = &loaded.statement.signatories;
    let shown = |i: usize| visible(&sigs[i].display_name());
    // One who withdrew is not confirmed by the way: the whole change is refused.
    if let Some(&i) = (chosen.iter()).find(|&&i| sigs[i].status == SignerStatus::Withdrawn) {
        let others = if chosen.len() > 1 {
            "; nothing was confirmed"
        } else {
            ""
        };
        return Err(Error::refused(format!(
            "\"{}\" has withdrawn; to put them back use `undersigned add {} \"{}\" --reinstate`{others}",
            shown(i),
            args.statement,
            shown(i)
        )));
    }
    let (pending, already): (Vec<usize>, Vec<usize>) =
        (chosen.iter()).partition(|&&i| sigs[i].status == SignerStatus::Pending);
    for &i in &already {
        writeln!(err, "\"{}\" is already confirmed", shown(i))?;
    }
    let names: Vec<String> = pending.iter().map(|&i| shown(i)).collect();
    if pending.is_empty() {
        return Ok(Outcome::Clean);
    }
    for &i in &pending {
        loaded.set_status(i, SignerStatus::Confirmed, None, None);
    }
    loaded.save()?;
    for name in names {
        writeln!(err, "Confirmed \"{name}\" in {}", loaded.name)?;
    }
    writeln!(
        err,
        "{} now has {}",
        loaded.name,
        Counts::of(&loaded.statement.signatories)
    )?;
    Ok(Outcome::Clean)
}

pub fn withdraw(dir: &Path, args: &WithdrawArgs, err: &mut dyn Write) -> Result<Outcome> {
    let on = match &args.on {
        Some(d) => date_arg("--on", d)?,
        None => chrono::Local::now().date_naive(),
    };
    let reason = match &args.reason {
        Some(r) => {
            schema::check_text(r).map_err(|(_, why)| Error::msg(format!("--reason {why}")))?;
            Some(text::clean_name(r)).filter(|r| !r.is_empty())
        }
        None => None,
    };
    let typed = typed_names(&args.names, args.from.as_deref())?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let chosen = entries(&loaded, &typed, err)?;
    let sigs = &loaded.statement.signatories;
    let (already, going): (Vec<usize>, Vec<usize>) =
        (chosen.iter()).partition(|&&i| sigs[i].status == SignerStatus::Withdrawn);
    for &i in &already {
        writeln!(
            err,
            "\"{}\" has already withdrawn",
            visible(&sigs[i].display_name())
        )?;
    }
    let names: Vec<String> = (going.iter())
        .map(|&i| visible(&sigs[i].display_name()))
        .collect();
    if going.is_empty() {
        return Ok(Outcome::Clean);
    }
    for &i in &going {
        loaded.set_status(i, SignerStatus::Withdrawn, Some(on), reason.as_deref());
    }
    loaded.save()?;
    for name in names {
        writeln!(
            err,
            "Withdrew \"{name}\" from {} on {on}; the entry stays as a record and is no longer exported",
            loaded.name
        )?;
    }
    writeln!(
        err,
        "{} now has {}",
        loaded.name,
        Counts::of(&loaded.statement.signatories)
    )?;
    Ok(Outcome::Clean)
}

/// A name as typed, and where: empty on the command line, `FILE:LINE: ` in `--from`.
type Typed = (String, String);

/// The names given on the command line, then those of `--from`: one a line,
/// blank lines and `#` comments skipped.
fn typed_names(given: &[String], from: Option<&str>) -> Result<Vec<Typed>> {
    let mut typed: Vec<Typed> = given.iter().map(|n| (n.clone(), String::new())).collect();
    let Some(file) = from else {
        return Ok(typed);
    };
    let source = if file == "-" { "standard input" } else { file };
    let bytes = store::read_input(file)?;
    let input = crate::import::decode(&bytes, crate::import::Encoding::Auto)
        .map_err(|e| e.about(&format!("{}: ", visible(source))))?;
    for (n, line) in input.lines().enumerate() {
        let name = line.trim();
        if !name.is_empty() && !name.starts_with('#') {
            typed.push((name.to_string(), format!("{}:{}: ", visible(source), n + 1)));
        }
    }
    if typed.is_empty() {
        return Err(Error::msg(format!("{} holds no name", visible(source))));
    }
    Ok(typed)
}

/// The entries the names mean, each once, in the order given. Every name
/// is looked up before anything changes: one that finds no entry, or
/// several, is reported and nothing is written.
fn entries(loaded: &Loaded, typed: &[Typed], err: &mut dyn Write) -> Result<Vec<usize>> {
    if let [(name, place)] = typed {
        return Ok(vec![
            signatory_named(loaded, name).map_err(|e| e.about(place))?,
        ]);
    }
    let keys = names::Keys::new(&loaded.statement.signatories);
    let mut chosen = Vec::new();
    let mut failed = 0;
    for (name, place) in typed {
        match names::one_of(loaded, &keys, name) {
            Ok(i) if !chosen.contains(&i) => chosen.push(i),
            Ok(_) => {}
            Err(e) => {
                failed += 1;
                writeln!(err, "{}", e.about(place))?;
            }
        }
    }
    if failed > 0 {
        return Err(Error::msg(format!(
            "{failed} of {} found no single entry in {}; nothing was changed",
            counted(typed.len(), "name", "names"),
            loaded.name
        )));
    }
    Ok(chosen)
}
