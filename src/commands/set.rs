//! `undersigned set`: set or remove the statement's own keys, each value held to the rules of a file on load.

use super::{Outcome, collation_of, open_for_edit, resolve};
use crate::cli::SetArgs;
use crate::error::{Error, Result};
use crate::model::fields::{STATEMENT_FIELDS, StatementKey, StatementType, statement_key};
use crate::store::{self, Loaded};
use crate::text::visible;
use std::io::Write;
use std::path::Path;
use toml_edit::Value;

/// One `KEY=VALUE`: the key, and its value as it will be written (`None` removes it).
struct Assign {
    key: &'static StatementKey,
    value: Option<Value>,
}

pub fn run(dir: &Path, args: &SetArgs, err: &mut dyn Write) -> Result<Outcome> {
    let assigns = assigns(&args.pairs)?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let was_in_order = collation_of(&loaded.statement)?.in_order(&loaded.statement.signatories);
    let current = loaded.statement_values();
    let mut changed = Vec::new();
    for a in assigns {
        let old = current.iter().find(|(k, _)| k == a.key.key).map(|(_, v)| v);
        if old.map(meaning) == a.value.as_ref().map(meaning) {
            continue;
        }
        loaded.set_statement_value(a.key.key, a.value.clone());
        changed.push((a.key.key, old.cloned(), a.value));
    }
    if changed.is_empty() {
        writeln!(
            err,
            "Nothing to change: {} already has these values; it was left as it was",
            loaded.name
        )?;
        return Ok(Outcome::Clean);
    }
    let now = valid(&loaded)?;
    loaded.save()?;
    for (key, old, new) in &changed {
        let line = match new {
            Some(v) => format!("Set {key} = {} in {}", shown(Some(v)), loaded.name),
            None => format!("Removed {key} from {}", loaded.name),
        };
        writeln!(err, "{line} (was {})", shown(old.as_ref()))?;
    }
    let collation = collation_of(&now.statement)?;
    if was_in_order && !collation.in_order(&now.statement.signatories) {
        writeln!(
            err,
            "note: in the new order the list is not alphabetical; run `undersigned sort {}`",
            args.statement
        )?;
    }
    Ok(Outcome::Clean)
}

/// The pairs as typed, each key known and named once.
fn assigns(pairs: &[String]) -> Result<Vec<Assign>> {
    let mut out: Vec<Assign> = Vec::new();
    for pair in pairs {
        let Some((key, raw)) = pair.split_once('=') else {
            return Err(Error::msg(format!(
                "\"{}\" is not KEY=VALUE, e.g. status=published (KEY= removes a key)",
                visible(pair)
            )));
        };
        let key = settable(key.trim())?;
        if out.iter().any(|a| a.key.key == key.key) {
            return Err(Error::msg(format!("`{}` is given twice", key.key)));
        }
        out.push(Assign {
            key,
            value: typed(key, raw)?,
        });
    }
    Ok(out)
}

/// A key of the statement table that holds a value (not the signers).
fn settable(key: &str) -> Result<&'static StatementKey> {
    match statement_key(key) {
        Some(k) if k.ty == StatementType::Signatories => Err(Error::msg(
            "`signatory` holds the signers: use `undersigned add`, `edit` or `remove`",
        )),
        Some(k) => Ok(k),
        None => {
            let keys: Vec<&str> = STATEMENT_FIELDS
                .iter()
                .filter(|k| k.ty != StatementType::Signatories)
                .map(|k| k.key)
                .collect();
            let hint = keys
                .iter()
                .map(|k| (strsim::damerau_levenshtein(key, k), k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map_or_else(
                    || format!("; the keys are {}", keys.join(", ")),
                    |(_, k)| format!("; did you mean `{k}`?"),
                );
            Err(Error::msg(format!(
                "a statement has no key `{}`{hint}",
                visible(key)
            )))
        }
    }
}

/// The value as it will be written: a date or a truth where the key holds
/// one and the text reads as one, otherwise a string. Whether it is right
/// for the key is left to the reader of the file (see [`valid`]), so
/// `set` accepts exactly what a file may hold.
fn typed(key: &StatementKey, raw: &str) -> Result<Option<Value>> {
    if raw.trim().is_empty() {
        if key.required {
            return Err(Error::msg(format!(
                "`{}` is required; it can be changed but not removed",
                key.key
            )));
        }
        return Ok(None);
    }
    // Checked before clean-up, so a tab or line break inside is refused, not folded away.
    crate::schema::check_text(raw)
        .map_err(|(_, why)| Error::msg(format!("`{}` {why}", key.key)))?;
    let v = crate::text::clean_name(raw);
    Ok(Some(match key.ty {
        StatementType::Date | StatementType::Deadline => match v.parse::<toml_edit::Datetime>() {
            Ok(d) => d.into(),
            Err(_) => v.into(),
        },
        StatementType::Bool => match v.as_str() {
            "true" => true.into(),
            "false" => false.into(),
            _ => v.into(),
        },
        _ => v.into(),
    }))
}

/// What a value means, not how it is written: a date written as a string
/// is the same date.
fn meaning(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::Datetime(d) => d.value().to_string(),
        other => store::semantic(other),
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => format!("\"{}\"", visible(s.value())),
        Some(Value::Datetime(d)) => d.value().to_string(),
        Some(Value::Boolean(b)) => b.value().to_string(),
        Some(other) => visible(&other.to_string()),
        None => "not set".to_string(),
    }
}

/// The file as it would be written, read as on load: an error in it (a
/// value its key does not take) stops the command before anything is written.
fn valid(loaded: &Loaded) -> Result<Loaded> {
    let now = loaded.reread().map_err(|f| Error::msg(f.message))?;
    let errors: Vec<String> = now.errors().map(|f| f.message.clone()).collect();
    if !errors.is_empty() {
        return Err(Error::msg(format!(
            "{}; nothing was written to {}",
            errors.join("; "),
            loaded.name
        )));
    }
    // A collation or language the collator cannot use is an error on its key.
    collation_of(&now.statement).map_err(|e| e.about(&format!("{}: ", loaded.name)))?;
    Ok(now)
}
