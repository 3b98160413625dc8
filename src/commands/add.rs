//! `undersigned add`: insert one signer at its alphabetical place, refusing duplicates.

use super::{Outcome, collation_of, date_arg, open_for_edit, resolve};
use crate::cli::{AddArgs, KindArg};
use crate::dedupe::{self, Tier};
use crate::error::{Error, Result};
use crate::model::counts::Counts;
use crate::model::fields::{Check, Field, For, Get, SIGNER_FIELDS, Set, Type, signer_field};
use crate::model::{Contact, Kind, Signatory, SignerStatus, Status};
use crate::{schema, store, text};
use std::io::Write;
use std::path::Path;

pub fn run(dir: &Path, args: &AddArgs, err: &mut dyn Write) -> Result<Outcome> {
    let mut signer = signatory_from(args)?;
    // "Yan Yu <yan@…>": the address is kept private, as --email would, never published.
    let email = crate::import::split_email(&signer.name).map(|(name, email)| {
        signer.name = name;
        email
    });
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;

    if let Some(acr) = split_acronym(&mut signer, args.fields.acronym.is_some()) {
        writeln!(
            err,
            "note: took \"{acr}\" as the acronym; pass --acronym to set it yourself"
        )?;
    }

    for (_, why) in crate::diagnostics::rules::text::name_warnings(&signer.name) {
        writeln!(err, "warning: \"{}\" {why}", text::visible(&signer.name))?;
    }
    if placeholder_refused(&signer, err)? {
        return Ok(Outcome::Problems);
    }

    let st_status = loaded.statement.status;
    if matches!(st_status, Status::Closed | Status::Published) && !args.force {
        return Err(Error::refused(format!(
            "{} is {}: it takes no more signers; nothing was added (use --force if this one must go in)",
            loaded.name,
            st_status.as_str()
        )));
    }

    let matches = dedupe::match_new(&loaded.statement.signatories, &signer);
    let found = matches
        .iter()
        .find(|(_, tier, _)| *tier == Tier::Certain)
        .map(|(i, _, reason)| (*i, reason.as_str()));
    if let Some(outcome) = withdrawn_match(&mut loaded, found, args, err)? {
        return Ok(outcome);
    }
    if args.reinstate {
        return Err(Error::msg(format!(
            "--reinstate: {} has no withdrawn signer named \"{}\"",
            loaded.name,
            text::visible(&signer.name)
        )));
    }
    if !same_signer(&loaded, &signer, found, args.force, err)? {
        return Ok(Outcome::Problems);
    }
    for (i, _, reason) in matches
        .iter()
        .filter(|(_, tier, _)| *tier == Tier::Possible)
    {
        let e = &loaded.statement.signatories[*i];
        writeln!(
            err,
            "warning: \"{}\" may be the same signer as \"{}\" (line {}): {}; added anyway. If they differ, record it with `undersigned distinct {} \"{}\" \"{}\"`",
            text::visible(&signer.name),
            text::visible(&e.display_name()),
            e.pos.line,
            text::visible(reason),
            args.statement,
            text::visible(&signer.name),
            text::visible(&e.name)
        )?;
    }
    insert(&mut loaded, &path, args, (&signer, email), err)
}

/// A name that stands in for one is refused (`check` calls it an error, so
/// `--force` does not take it in); a website that identifies nobody is said.
fn placeholder_refused(signer: &Signatory, err: &mut dyn Write) -> Result<bool> {
    if crate::placeholder::is_placeholder(&signer.name) {
        writeln!(
            err,
            "error: \"{}\" is a placeholder, not a signer's name; nothing was added",
            text::visible(&signer.name)
        )?;
        return Ok(true);
    }
    if let Some(w) = signer
        .website
        .as_deref()
        .filter(|w| dedupe::is_placeholder_link(w))
    {
        writeln!(
            err,
            "warning: the website {} identifies nobody (a placeholder, or a platform without an account); give the signer's own page",
            text::visible(w)
        )?;
    }
    Ok(false)
}

/// When the signer typed is one who withdrew: refused, or with
/// `--reinstate` put back. `None`: the signer found (if any) has not withdrawn.
fn withdrawn_match(
    loaded: &mut store::Loaded,
    found: Option<(usize, &str)>,
    args: &AddArgs,
    err: &mut dyn Write,
) -> Result<Option<Outcome>> {
    let existing = &loaded.statement.signatories;
    let Some(i) = found
        .map(|(i, _)| i)
        .filter(|&i| existing[i].status == SignerStatus::Withdrawn)
    else {
        return Ok(None);
    };
    let e = &existing[i];
    if !args.reinstate {
        let when = e
            .rare
            .withdrawn_on
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        let why = e
            .rare
            .withdrawal_reason
            .as_deref()
            .map(|r| format!(" ({})", text::visible(r)))
            .unwrap_or_default();
        writeln!(
            err,
            "error: \"{}\" withdrew from {}{when}{why} (line {}); nothing was added (use --reinstate to put them back)",
            text::visible(&e.display_name()),
            loaded.name,
            e.pos.line
        )?;
        return Ok(Some(Outcome::Problems));
    }
    let name = e.display_name();
    let status = if args.pending {
        SignerStatus::Pending
    } else {
        SignerStatus::Confirmed
    };
    loaded.set_status(i, status, None, None);
    loaded.save()?;
    writeln!(
        err,
        "Reinstated \"{}\" in {}",
        text::visible(&name),
        loaded.name
    )?;
    Ok(Some(Outcome::Clean))
}

/// When the signer typed is already on the list: refused, or with `--force`
/// added with a warning. Whether to go on.
fn same_signer(
    loaded: &store::Loaded,
    signer: &Signatory,
    found: Option<(usize, &str)>,
    force: bool,
    err: &mut dyn Write,
) -> Result<bool> {
    let Some((i, reason)) = found else {
        return Ok(true);
    };
    let e = &loaded.statement.signatories[i];
    if !force {
        writeln!(
            err,
            "error: \"{}\" is already a signatory of {}: \"{}\" at line {} ({}); nothing was added (use --force to add it anyway)",
            text::visible(&signer.name),
            loaded.name,
            text::visible(&e.display_name()),
            e.pos.line,
            text::visible(reason)
        )?;
        return Ok(false);
    }
    writeln!(
        err,
        "warning: adding \"{}\" although \"{}\" (line {}) is the same signer ({}), as --force asks",
        text::visible(&signer.name),
        text::visible(&e.display_name()),
        e.pos.line,
        text::visible(reason)
    )?;
    Ok(true)
}

/// Writes the signer at its place, with its contact details (and the address
/// typed after its name), and says where.
fn insert(
    loaded: &mut store::Loaded,
    path: &Path,
    args: &AddArgs,
    (signer, email): (&Signatory, Option<String>),
    err: &mut dyn Write,
) -> Result<Outcome> {
    let existing = &loaded.statement.signatories;
    let collation = collation_of(&loaded.statement)?;
    let (index, in_order) = collation.place_in(existing, signer);
    let before = index.checked_sub(1).map(|i| existing[i].display_name());
    let mut contact = contact_from(args, &signer.name)?;
    let mut moved = Vec::new();
    if let Some(e) = email.filter(|e| contact.email.as_ref() != Some(e)) {
        crate::import::keep_private(e, "name", &mut contact, &mut moved);
    }
    // The contacts and the statement are written together, or neither is.
    let private = if contact.is_empty() {
        None
    } else {
        let mut private = store::load_private(path)?;
        private.add(&contact);
        Some(private)
    };
    loaded.insert_signatory(index, signer);
    loaded.save_with(private.as_ref())?;

    let count = Counts::of(&loaded.statement.signatories);
    let place = match before {
        Some(b) => format!("after \"{}\"", text::visible(&b)),
        None => "at the top".to_string(),
    };
    writeln!(
        err,
        "Added \"{}\" to {} {place} ({count})",
        text::visible(&signer.display_name()),
        loaded.name,
    )?;
    for m in moved {
        writeln!(err, "note: {m}")?;
    }
    if !in_order {
        writeln!(
            err,
            "warning: {} is not in alphabetical order, so the new signer was appended at the end; run `undersigned sort {}`",
            loaded.name, loaded.name
        )?;
    }
    Ok(Outcome::Clean)
}

/// Checks and cleans what was typed, with the same rules as a file on load.
fn signatory_from(args: &AddArgs) -> Result<Signatory> {
    // Checked before clean-up, so a tab or line break inside a name is refused, not folded away.
    schema::check_text(&args.name).map_err(|(_, why)| Error::msg(format!("the name {why}")))?;
    let name = text::clean_name(&args.name);
    if name.is_empty() {
        return Err(Error::msg("the name is empty"));
    }
    schema::check_text(&name).map_err(|(_, why)| Error::msg(format!("the name {why}")))?;
    let mut s = Signatory::new(name);
    s.status = if args.pending {
        SignerStatus::Pending
    } else {
        SignerStatus::Confirmed
    };
    // The text flags, in the order they are checked: the first bad one is reported.
    set_texts(
        &mut s,
        [
            ("country", &args.fields.country),
            ("website", &args.fields.website),
        ],
    )?;
    s.signed = args
        .fields
        .signed
        .as_deref()
        .map(|d| date_arg("--signed", d))
        .transpose()?;
    if let Some(KindArg::Individual) = args.fields.kind {
        s.kind = Kind::Individual;
    }
    set_texts(&mut s, [("affiliation", &args.fields.affiliation)])?;
    for f in SIGNER_FIELDS.iter().filter(|f| f.only == For::Individuals) {
        if s.kind != Kind::Individual && f.get(&s) != Get::Text(None) {
            return Err(Error::msg(format!(
                "--{} is for individuals; add --kind individual, or use --note",
                f.key.replace('_', "-")
            )));
        }
    }
    set_texts(
        &mut s,
        [
            ("acronym", &args.fields.acronym),
            ("local_name", &args.fields.local_name),
            ("note", &args.fields.note),
            ("sort_as", &args.fields.sort_as),
        ],
    )?;
    Ok(s)
}

/// Sets text fields from their flags (`--local-name` for `local_name`), each
/// checked as the field table says, cleaned, and not empty.
fn set_texts<const N: usize>(s: &mut Signatory, given: [(&str, &Option<String>); N]) -> Result<()> {
    for (key, v) in given {
        let Some(v) = v else { continue };
        let Some((_, field)) = signer_field(key) else {
            continue;
        };
        field.set(s, Set::Text(flag_text(field, v)?));
    }
    Ok(())
}

/// The value of a text field's flag (`--local-name` for `local_name`),
/// checked as the field table says and cleaned; never empty.
pub(super) fn flag_text(field: &Field, v: &str) -> Result<String> {
    let flag = field.key.replace('_', "-");
    let bad = |why: String| Error::msg(format!("--{flag} {why}"));
    schema::check_text(v).map_err(|(_, why)| bad(why.to_string()))?;
    let mut v = text::clean_name(v);
    if v.is_empty() {
        return Err(Error::msg(format!("--{flag} is empty")));
    }
    schema::check_text(&v).map_err(|(_, why)| bad(why.to_string()))?;
    if let Type::Text(check) = field.ty {
        // A code typed in lower case is still unambiguous on the command line.
        if check == Check::Country {
            v = v.to_ascii_uppercase();
        }
        check.test(&v).map_err(|e| bad(e.reason()))?;
    }
    Ok(v)
}

/// The private contact details given on the command line.
fn contact_from(args: &AddArgs, name: &str) -> Result<Contact> {
    let field = |flag: &str, v: &Option<String>| -> Result<Option<String>> {
        let Some(v) = v else { return Ok(None) };
        schema::check_text(v).map_err(|(_, why)| Error::msg(format!("--{flag} {why}")))?;
        let v = text::clean_name(v);
        schema::check_text(&v).map_err(|(_, why)| Error::msg(format!("--{flag} {why}")))?;
        Ok(Some(v).filter(|v| !v.is_empty()))
    };
    Ok(Contact {
        signatory: name.to_string(),
        person: field("contact-person", &args.contact_person)?,
        email: field("email", &args.email)?,
        phone: field("phone", &args.phone)?,
        notes: field("private-note", &args.private_note)?,
        ..Contact::default()
    })
}

/// "Reporters Without Borders (RSF)" typed as one name: the acronym is split
/// off as `import` does, unless one was given or the signer is a person.
fn split_acronym(s: &mut Signatory, given: bool) -> Option<String> {
    if given || s.kind != Kind::Organisation {
        return None;
    }
    let (name, acr) = crate::import::split_acronym(&s.name)?;
    s.name = name;
    s.acronym = Some(acr.as_str().into());
    Some(acr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_acronym_takes_a_trailing_capitalised_acronym_only() {
        let mut s = Signatory::new("Reporters Without Borders (RSF)");
        assert_eq!(split_acronym(&mut s, false).as_deref(), Some("RSF"));
        assert_eq!(s.name, "Reporters Without Borders");
        let mut s = Signatory::new("Friends of the Earth (international)");
        assert_eq!(split_acronym(&mut s, false), None);
        let mut s = Signatory::new("Lawyers for Lawyers (L4L)");
        assert_eq!(split_acronym(&mut s, false).as_deref(), Some("L4L"));
    }
}
