//! `undersigned confirm` and `undersigned withdraw`: change signers' status, keeping their entries; the evidence a confirmation records.

use super::add::flag_text;
use super::{Outcome, date_arg, names, open_for_edit, resolve, signatory_named};
use crate::cli::{ConfirmArgs, WithdrawArgs};
use crate::error::{Error, Result};
use crate::model::counts::counted;
use crate::model::fields::{Set, signer_field};
use crate::model::{Contact, SignerStatus};
use crate::store::{self, Loaded, Private};
use crate::text::visible;
use crate::{schema, text};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

pub fn confirm(dir: &Path, args: &ConfirmArgs, err: &mut dyn Write) -> Result<Outcome> {
    let evidence = evidence_from(args)?;
    // Read before the lock is taken: standard input may take its time.
    let typed = typed_names(&args.names, args.from.as_deref())?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let chosen = entries(&loaded, &typed, err)?;
    refuse_withdrawn(&loaded, &chosen, &args.statement)?;
    let sigs = &loaded.statement.signatories;
    let shown = |i: usize| visible(&sigs[i].display_name());
    let (pending, already): (Vec<usize>, Vec<usize>) =
        (chosen.iter()).partition(|&&i| sigs[i].status == SignerStatus::Pending);
    if evidence.is_none() {
        for &i in &already {
            writeln!(err, "\"{}\" is already confirmed", shown(i))?;
        }
        if pending.is_empty() {
            return Ok(Outcome::Clean);
        }
    }
    let done: Vec<(String, bool)> = (chosen.iter())
        .filter(|&&i| evidence.is_some() || pending.contains(&i))
        .map(|&i| (shown(i), pending.contains(&i)))
        .collect();
    for &i in &pending {
        loaded.set_status(i, SignerStatus::Confirmed, None, None);
    }
    let (private, notes) = match &evidence {
        Some(ev) => record_evidence(&mut loaded, &chosen, ev)?,
        None => (None, Vec::new()),
    };
    loaded.save_with(private.as_ref())?;
    for note in notes {
        writeln!(err, "{note}")?;
    }
    let with = evidence.as_ref().map(|ev| ev.words(private.as_ref()));
    for (name, confirmed) in done {
        let (what, already) = match confirmed {
            true => ("Confirmed", ""),
            false => ("Recorded for", " (already confirmed)"),
        };
        let with = with.as_deref().unwrap_or("");
        writeln!(err, "{what} \"{name}\"{already} in {}{with}", loaded.name)?;
    }
    super::now_has(&loaded, err)?;
    Ok(Outcome::Clean)
}

/// One who withdrew is not confirmed by the way: the whole change is refused.
fn refuse_withdrawn(loaded: &Loaded, chosen: &[usize], statement: &str) -> Result<()> {
    let sigs = &loaded.statement.signatories;
    let Some(&i) = (chosen.iter()).find(|&&i| sigs[i].status == SignerStatus::Withdrawn) else {
        return Ok(());
    };
    let shown = visible(&sigs[i].display_name());
    let others = if chosen.len() > 1 {
        "; nothing was confirmed"
    } else {
        ""
    };
    Err(Error::refused(format!(
        "\"{shown}\" has withdrawn; to put them back use `undersigned add {statement} \"{shown}\" --reinstate`{others}"
    )))
}

/// Evidence that signers authorised signing, as given on the command line.
struct Evidence {
    /// A public address (the organisation's own post): kept in the statement.
    url: Option<String>,
    /// Any other text, and who authorised: kept in the private file.
    text: Option<String>,
    by: Option<String>,
    on: NaiveDate,
}

impl Evidence {
    /// What the private file keeps for the signer `name`, if anything.
    fn contact(&self, name: &str) -> Option<Contact> {
        (self.text.is_some() || self.by.is_some()).then(|| Contact {
            signatory: name.to_string(),
            evidence: self.text.clone(),
            evidence_by: self.by.clone(),
            evidence_on: Some(self.on),
            ..Contact::default()
        })
    }

    /// How a confirmation says where its evidence went, never quoting the
    /// private text.
    fn words(&self, private: Option<&Private>) -> String {
        let mut out = format!(", with evidence of {}", self.on);
        let kept = private.map(|p| store::display(&p.path));
        match (&self.url, kept) {
            (Some(url), None) => out.push_str(&format!(": {}", visible(url))),
            (Some(url), Some(p)) => out.push_str(&format!(
                ": {}; who authorised is kept in {p}",
                visible(url)
            )),
            (None, Some(p)) => out.push_str(&format!(" kept in {p}")),
            (None, None) => {}
        }
        out
    }
}

/// `--evidence`, `--by` and `--on`, checked: an http(s) address is held to
/// the rules of `website` on load; anything else is a text.
fn evidence_from(args: &ConfirmArgs) -> Result<Option<Evidence>> {
    let Some(given) = &args.evidence else {
        return Ok(None);
    };
    let given = given.trim();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|p| (given.get(..p.len())).is_some_and(|g| g.eq_ignore_ascii_case(p)));
    let (url, text) = if let Some(scheme) = scheme {
        // `HTTPS://` is the same address; the file holds it as `website` would.
        let url = format!("{scheme}{}", &given[scheme.len()..]);
        let field = signer_field("evidence").expect("a field of the table").1;
        (Some(flag_text(field, &url)?), None)
    } else {
        (None, Some(flag_value("--evidence", given)?))
    };
    let by = args
        .by
        .as_deref()
        .map(|b| flag_value("--by", b))
        .transpose()?;
    let on = match &args.on {
        Some(d) => date_arg("--on", d)?,
        None => chrono::Local::now().date_naive(),
    };
    Ok(Some(Evidence { url, text, by, on }))
}

/// A text flag, checked and cleaned as a field's text is.
fn flag_value(flag: &str, v: &str) -> Result<String> {
    let bad = |why: &str| Error::msg(format!("{flag} {why}"));
    schema::check_text(v).map_err(|(_, why)| bad(&why))?;
    let v = text::clean_name(v);
    if v.is_empty() {
        return Err(bad("is empty"));
    }
    Ok(v)
}

/// Writes the evidence for each chosen entry: the address and its day in
/// the statement, the rest in the private file (returned, to be saved with
/// the statement). Notes say what an earlier record it replaced was.
fn record_evidence(
    loaded: &mut Loaded,
    chosen: &[usize],
    ev: &Evidence,
) -> Result<(Option<Private>, Vec<String>)> {
    let mut notes = Vec::new();
    let mut private = match ev.text.is_some() || ev.by.is_some() {
        true => Some(store::load_private(&loaded.path)?),
        false => None,
    };
    let url_field = signer_field("evidence").expect("a field of the table").1;
    let on_field = signer_field("evidence_on").expect("a field of the table").1;
    for &i in chosen {
        let before = loaded.statement.signatories[i].clone();
        let shown = visible(&before.display_name());
        if let Some(url) = &ev.url {
            let mut after = before.clone();
            url_field.set(&mut after, Set::Text(url.clone()));
            on_field.set(&mut after, Set::Date(ev.on));
            if let Some(old) = before.rare.other("evidence").filter(|&o| o != url) {
                notes.push(format!(
                    "\"{shown}\": {} replaces {}",
                    visible(url),
                    visible(old)
                ));
            }
            for f in [url_field, on_field] {
                if f.get(&before) != f.get(&after) {
                    loaded.set_signatory_field(i, f, &after);
                }
            }
        }
        if let (Some(p), Some(c)) = (private.as_mut(), ev.contact(&before.name))
            && p.set_evidence(&c)
        {
            let file = store::display(&p.path);
            notes.push(format!(
                "\"{shown}\": the earlier evidence in {file} was replaced"
            ));
        }
    }
    Ok((private, notes))
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
    super::now_has(&loaded, err)?;
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
