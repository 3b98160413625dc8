//! `undersigned diff`: who was added, removed, withdrawn, confirmed or changed since a git revision or date.

use super::{Outcome, read_valid, resolve, write_json};
use crate::cli::{DiffArgs, ReportFormat};
use crate::error::Result;
use crate::model::{Signatory, SignerStatus};
use crate::store::{self, semantic};
use crate::text::visible;
use crate::{dedupe, error};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Withdrawn,
    Confirmed,
    Reinstated,
    Changed,
}

#[derive(Debug, Serialize)]
pub struct Entry {
    pub change: Change,
    pub name: String,
    /// For `changed`: the keys whose values differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

pub fn run(dir: &Path, args: &DiffArgs, out: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let now = read_valid(&path)?;
    let then = match store::committed_version(&path, &args.since)? {
        Some(bytes) => {
            let old = store::parse(&path, bytes).map_err(|f| {
                error::Error::msg(format!(
                    "{} at {} cannot be read: {}",
                    now.name, args.since, f.message
                ))
            })?;
            Some(old)
        }
        None => None,
    };
    let entries = compare(then.as_ref(), &now);
    match args.format {
        ReportFormat::Json => write_json(&entries, out)?,
        ReportFormat::Human => {
            if entries.is_empty() {
                writeln!(out, "no changes to the signers since {}", args.since)?;
            }
            for e in &entries {
                let what = match e.change {
                    Change::Added => "added",
                    Change::Removed => "removed",
                    Change::Withdrawn => "withdrawn",
                    Change::Confirmed => "confirmed",
                    Change::Reinstated => "reinstated",
                    Change::Changed => "changed",
                };
                let fields = if e.fields.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.fields.join(", "))
                };
                writeln!(out, "{what:<10} {}{fields}", visible(&e.name))?;
            }
        }
    }
    Ok(Outcome::Clean)
}

/// The changes from `then` (absent: the file did not exist) to `now`, in `now`'s order, removals last.
pub fn compare(then: Option<&store::Loaded>, now: &store::Loaded) -> Vec<Entry> {
    let key_map = |l: &store::Loaded| -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for (i, s) in l.statement.signatories.iter().enumerate() {
            m.entry(dedupe::exact_key(&s.name)).or_insert(i);
        }
        m
    };
    let old_keys = then.map(key_map).unwrap_or_default();
    let new_keys = key_map(now);
    let mut out = Vec::new();
    for (i, s) in now.statement.signatories.iter().enumerate() {
        let name = s.display_name();
        let Some((old, &j)) = then.zip(old_keys.get(&dedupe::exact_key(&s.name))) else {
            out.push(Entry {
                change: Change::Added,
                name,
                fields: Vec::new(),
            });
            continue;
        };
        let before: &Signatory = &old.statement.signatories[j];
        let status_change = match (before.status, s.status) {
            (a, b) if a == b => None,
            (_, SignerStatus::Withdrawn) => Some(Change::Withdrawn),
            (SignerStatus::Withdrawn, _) => Some(Change::Reinstated),
            (SignerStatus::Pending, SignerStatus::Confirmed) => Some(Change::Confirmed),
            _ => Some(Change::Changed),
        };
        let old_values = old.signatory_values(j);
        let new_values = now.signatory_values(i);
        let status_keys = ["status", "withdrawn_on", "withdrawal_reason"];
        let mut fields: Vec<String> = old_values
            .iter()
            .map(|(k, _)| k)
            .chain(new_values.iter().map(|(k, _)| k))
            .filter(|k| !status_keys.contains(&k.as_str()))
            .filter(|k| {
                let get = |vals: &[(String, toml_edit::Value)]| {
                    vals.iter().find(|(x, _)| x == *k).map(|(_, v)| semantic(v))
                };
                get(&old_values) != get(&new_values)
            })
            .cloned()
            .collect();
        fields.sort();
        fields.dedup();
        if let Some(change) = status_change {
            out.push(Entry {
                change,
                name: name.clone(),
                fields: Vec::new(),
            });
        }
        if !fields.is_empty() {
            out.push(Entry {
                change: Change::Changed,
                name,
                fields,
            });
        }
    }
    if let Some(old) = then {
        for s in &old.statement.signatories {
            if !new_keys.contains_key(&dedupe::exact_key(&s.name)) {
                out.push(Entry {
                    change: Change::Removed,
                    name: s.display_name(),
                    fields: Vec::new(),
                });
            }
        }
    }
    out
}
