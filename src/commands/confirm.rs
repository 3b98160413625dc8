//! `undersigned confirm` and `undersigned withdraw`: change one signer's status, keeping its entry.

use super::{Outcome, date_arg, open_for_edit, resolve, signatory_named};
use crate::cli::{ConfirmArgs, WithdrawArgs};
use crate::error::{Error, Result};
use crate::model::SignerStatus;
use crate::text::visible;
use crate::{schema, text};
use std::io::Write;
use std::path::Path;

pub fn confirm(dir: &Path, args: &ConfirmArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let i = signatory_named(&loaded, &args.name)?;
    let shown = visible(&loaded.statement.signatories[i].display_name());
    match loaded.statement.signatories[i].status {
        SignerStatus::Confirmed => {
            writeln!(err, "\"{shown}\" is already confirmed")?;
            Ok(Outcome::Clean)
        }
        SignerStatus::Withdrawn => Err(Error::refused(format!(
            "\"{shown}\" has withdrawn; to put them back use `undersigned add {} \"{shown}\" --reinstate`",
            args.statement
        ))),
        SignerStatus::Pending => {
            loaded.set_status(i, SignerStatus::Confirmed, None, None);
            loaded.save()?;
            writeln!(err, "Confirmed \"{shown}\" in {}", loaded.name)?;
            Ok(Outcome::Clean)
        }
    }
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
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let i = signatory_named(&loaded, &args.name)?;
    let shown = visible(&loaded.statement.signatories[i].display_name());
    if loaded.statement.signatories[i].status == SignerStatus::Withdrawn {
        writeln!(err, "\"{shown}\" has already withdrawn")?;
        return Ok(Outcome::Clean);
    }
    loaded.set_status(i, SignerStatus::Withdrawn, Some(on), reason.as_deref());
    loaded.save()?;
    writeln!(
        err,
        "Withdrew \"{shown}\" from {} on {on}; the entry stays as a record and is no longer exported",
        loaded.name
    )?;
    Ok(Outcome::Clean)
}
