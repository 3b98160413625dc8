//! `undersigned edit`: change one signer's fields in place, keeping the file's layout; a new name becomes an alias.

use super::add::flag_text;
use super::remove::refuse_closed;
use super::{Outcome, collation_of, date_arg, open_for_edit, resolve, signatory_named};
use crate::cli::{EditArgs, KindArg};
use crate::dedupe::{self, Tier, exact_key};
use crate::error::{Error, Result};
use crate::model::fields::{For, Get, SIGNER_FIELDS, SIGNER_KEYS, Set, signer_field};
use crate::model::{Kind, Signatory};
use crate::store::{self, Loaded};
use crate::text::visible;
use std::io::Write;
use std::path::Path;

/// One field to change: its new value, or `None` to take it off.
struct Change {
    field: &'static crate::model::fields::Field,
    value: Option<Set>,
}

pub fn run(dir: &Path, args: &EditArgs, err: &mut dyn Write) -> Result<Outcome> {
    let changes = changes_from(args)?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let i = signatory_named(&loaded, &args.name)?;
    refuse_closed(&loaded, args.force, "changed")?;
    let before = loaded.statement.signatories[i].clone();
    let after = edited(&before, &changes);
    if after == before {
        writeln!(
            err,
            "Nothing to change: \"{}\" already has these values; {} was left as it was",
            visible(&before.display_name()),
            loaded.name
        )?;
        return Ok(Outcome::Clean);
    }
    check_entry(&after)?;
    refuse_duplicate(&loaded, i, &before, &after, &args.statement)?;

    let collation = collation_of(&loaded.statement)?;
    let in_order = collation.in_order(&loaded.statement.signatories);
    for f in SIGNER_FIELDS {
        if f.get(&before) != f.get(&after) {
            loaded.set_signatory_field(i, f, &after);
        }
    }
    let moved = if in_order {
        new_place(&collation, &loaded.statement.signatories, i)
    } else {
        None
    };
    if let Some(to) = moved {
        loaded.move_signatory(i, to);
    }
    refuse_invalid(&loaded)?;

    // Contacts are filed by name: they follow the entry to its new name,
    // unless another entry still answers to the old one.
    let mut private = store::load_private(&path)?;
    let renamed = exact_key(&before.name) != exact_key(&after.name)
        && dedupe::find_exact(&loaded.statement.signatories, &before.name).is_none()
        && private.rename_signatory(&before.name, &after.name);
    loaded.save_with(renamed.then_some(&private))?;
    say_changed(&loaded, &before, &after, moved, err)?;
    if !in_order && collation.filing_text(&before) != collation.filing_text(&after) {
        writeln!(
            err,
            "note: {} is not in alphabetical order, so the entry stayed where it was; run `undersigned sort {}`",
            loaded.name, args.statement
        )?;
    }
    Ok(Outcome::Clean)
}

/// The flags as changes, each value checked as the field table says (as
/// `add` and a file on load check it).
fn changes_from(args: &EditArgs) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    let mut push = |key: &str, value: Option<Set>| {
        let (_, field) = signer_field(key).expect("a flag of `edit` is a signer field");
        out.push(Change { field, value });
    };
    if let Some(n) = &args.new_name {
        push("name", Some(Set::Text(new_name(n)?)));
    }
    let texts = [
        ("acronym", &args.fields.acronym),
        ("country", &args.fields.country),
        ("affiliation", &args.fields.affiliation),
        ("note", &args.fields.note),
        ("website", &args.fields.website),
        ("local_name", &args.fields.local_name),
        ("sort_as", &args.fields.sort_as),
    ];
    for (key, v) in texts {
        if let Some(v) = v {
            let field = signer_field(key)
                .expect("a flag of `edit` is a signer field")
                .1;
            push(key, Some(Set::Text(flag_text(field, v)?)));
        }
    }
    if let Some(k) = args.fields.kind {
        let kind = match k {
            KindArg::Organisation => Kind::Organisation,
            KindArg::Individual => Kind::Individual,
        };
        push("kind", Some(Set::Text(kind.as_str().to_string())));
    }
    if let Some(d) = &args.fields.signed {
        push("signed", Some(Set::Date(date_arg("--signed", d)?)));
    }
    for key in &args.unset {
        let field = unset_field(key)?;
        if out.iter().any(|c| c.field.key == field.key) {
            return Err(Error::msg(format!(
                "--unset {key} and --{} both change `{key}`; give one",
                key.replace('_', "-")
            )));
        }
        out.push(Change { field, value: None });
    }
    if out.is_empty() {
        return Err(Error::msg(
            "nothing to change: give a field, e.g. --country FR, or --unset FIELD",
        ));
    }
    Ok(out)
}

/// A new name, held to the rules of `add`.
fn new_name(n: &str) -> Result<String> {
    let bad = |why: &str| Error::msg(format!("--name {why}"));
    // Checked before clean-up, so a tab or line break inside is refused, not folded away.
    crate::schema::check_text(n).map_err(|(_, why)| bad(&why))?;
    let name = crate::text::clean_name(n);
    if name.is_empty() {
        return Err(bad("is empty"));
    }
    crate::schema::check_text(&name).map_err(|(_, why)| bad(&why))?;
    // "Yan Yu <yan@x.org>": the address would be published with the name.
    if crate::import::split_email(&name).is_some() {
        return Err(Error::refused(
            "the new name ends in an email address, which would be published; give the name alone \
             (contact details go in the private file: `undersigned add … --email`)",
        ));
    }
    // As `add` refuses one: `check` would call the list wrong.
    if crate::placeholder::is_placeholder(&name) {
        return Err(Error::refused(format!(
            "\"{}\" is a placeholder, not a signer's name; nothing was changed",
            crate::text::visible(&name)
        )));
    }
    Ok(name)
}

/// The field `--unset KEY` names: any key of the field table but the name.
fn unset_field(key: &str) -> Result<&'static crate::model::fields::Field> {
    let key_ = key.replace('-', "_");
    match signer_field(&key_) {
        Some((_, f)) if f.key == "name" => Err(Error::msg(
            "--unset name: a signer must have a name; give a new one with --name",
        )),
        Some((_, f)) => Ok(f),
        None => {
            let hint = SIGNER_KEYS
                .iter()
                .map(|k| (strsim::damerau_levenshtein(&key_, k), k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map_or_else(
                    || format!("; known fields are {}", SIGNER_KEYS.join(", ")),
                    |(_, k)| format!("; did you mean `{k}`?"),
                );
            Err(Error::msg(format!(
                "--unset: no signer field `{}`{hint}",
                visible(key)
            )))
        }
    }
}

/// Pure: the entry with the changes made. A new name keeps the old one in
/// `aliases` (so it is recognised next time) and is itself no alias.
fn edited(before: &Signatory, changes: &[Change]) -> Signatory {
    let mut s = before.clone();
    for c in changes {
        match &c.value {
            Some(v) => c.field.set(&mut s, v.clone()),
            None => c.field.clear(&mut s),
        }
    }
    if s.name != before.name {
        let new = exact_key(&s.name);
        s.rare.aliases.retain(|a| exact_key(a) != new);
        let old = exact_key(&before.name);
        if old != new && !s.rare.aliases.iter().any(|a| exact_key(a) == old) {
            s.rare.aliases.push(before.name.clone());
        }
    }
    s
}

/// What `add` refuses in an entry as a whole: an individual's field on an organisation.
fn check_entry(s: &Signatory) -> Result<()> {
    for f in SIGNER_FIELDS.iter().filter(|f| f.only == For::Individuals) {
        if s.kind != Kind::Individual && f.get(s) != Get::Text(None) {
            let flag = f.key.replace('_', "-");
            return Err(Error::msg(format!(
                "`{}` is for individuals: add --kind individual, or --unset {flag} (a qualifier goes in --note)",
                f.key
            )));
        }
    }
    Ok(())
}

/// An edit that makes the entry a certain duplicate of another (one it was
/// not already) is refused: two entries would be one signer.
fn refuse_duplicate(
    loaded: &Loaded,
    i: usize,
    before: &Signatory,
    after: &Signatory,
    statement: &str,
) -> Result<()> {
    let list = &loaded.statement.signatories;
    let certain = |s: &Signatory| -> Vec<(usize, String)> {
        dedupe::match_new(list, s)
            .into_iter()
            .filter(|(j, tier, _)| *tier == Tier::Certain && *j != i)
            .map(|(j, _, why)| (j, why))
            .collect()
    };
    let already: Vec<usize> = certain(before).into_iter().map(|(j, _)| j).collect();
    let Some((j, why)) = certain(after)
        .into_iter()
        .find(|(j, _)| !already.contains(j))
    else {
        return Ok(());
    };
    let other = &list[j];
    Err(Error::refused(format!(
        "\"{}\" would be the same signer as \"{}\" at line {} of {} ({}); nothing was changed. If they are different signers, record it first: undersigned distinct {} \"{}\" \"{}\"",
        visible(&after.display_name()),
        visible(&other.display_name()),
        other.pos.line,
        loaded.name,
        visible(&why),
        statement,
        visible(&before.name),
        visible(&other.name)
    )))
}

/// Where entry `i` goes once changed, when it no longer files between its
/// neighbours; counted with it out of the list.
fn new_place(collation: &crate::collate::Collation, list: &[Signatory], i: usize) -> Option<usize> {
    let lo = i.saturating_sub(1);
    let hi = (i + 2).min(list.len());
    if collation.in_order(&list[lo..hi]) {
        return None;
    }
    let s = &list[i];
    if i > 0 && !collation.in_order(&list[i - 1..=i]) {
        Some(collation.place_among(&list[..i], s))
    } else {
        Some(i + collation.place_among(&list[i + 1..], s))
    }
}

/// The file as it would be written must read as valid, as on load; else
/// nothing is written.
fn refuse_invalid(loaded: &Loaded) -> Result<()> {
    let errors: Vec<String> = match loaded.reread() {
        Ok(l) => l.errors().map(|f| f.message.clone()).collect(),
        Err(f) => vec![f.message],
    };
    if errors.is_empty() {
        return Ok(());
    }
    Err(Error::msg(format!(
        "the change would leave {} invalid: {}; nothing was changed",
        loaded.name,
        errors.join("; ")
    )))
}

/// A field's value as the report shows it.
fn shown(get: Get<'_>) -> String {
    match get {
        Get::Text(Some(t)) => format!("\"{}\"", visible(t)),
        Get::Date(Some(d)) => d.to_string(),
        Get::Choice(c) => c.to_string(),
        Get::List(l) if !l.is_empty() => {
            let items: Vec<String> = l.iter().map(|a| format!("\"{}\"", visible(a))).collect();
            items.join(", ")
        }
        _ => "(none)".to_string(),
    }
}

fn say_changed(
    loaded: &Loaded,
    before: &Signatory,
    after: &Signatory,
    moved: Option<usize>,
    err: &mut dyn Write,
) -> Result<()> {
    writeln!(
        err,
        "Changed \"{}\" in {}:",
        visible(&before.display_name()),
        loaded.name
    )?;
    for f in SIGNER_FIELDS {
        let (old, new) = (f.get(before), f.get(after));
        if old != new {
            writeln!(err, "  {}: {} -> {}", f.key, shown(old), shown(new))?;
        }
    }
    if exact_key(&before.name) != exact_key(&after.name) {
        writeln!(
            err,
            "  the old name stays in `aliases`, so \"{}\" is recognised next time",
            visible(&before.name)
        )?;
    }
    if let Some(to) = moved {
        let place = match to.checked_sub(1) {
            Some(p) => format!(
                "after \"{}\"",
                visible(&loaded.statement.signatories[p].display_name())
            ),
            None => "at the top".to_string(),
        };
        writeln!(err, "  moved to its alphabetical place, {place}")?;
    }
    Ok(())
}
