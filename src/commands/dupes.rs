//! `undersigned dupes`, `merge` and `distinct`: find duplicate signers, fold one into another, record that two differ.

use super::{Outcome, open_for_edit, resolve, write_json};
use crate::cli::{DistinctArgs, DupesArgs, MergeArgs, ReportFormat};
use crate::dedupe::{self, Tier};
use crate::error::{Error, Result};
use crate::model::Signatory;
use crate::store::{self, Loaded};
use crate::text::visible;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use toml_edit::Value;

#[derive(Serialize)]
struct Group {
    /// The signer names, as written in the file.
    names: Vec<String>,
    /// The lines of their `name` keys.
    lines: Vec<usize>,
    tier: Tier,
    reason: String,
}

pub fn run(dir: &Path, args: &DupesArgs, out: &mut dyn Write) -> Result<Outcome> {
    let loaded = store::load(&resolve(dir, &args.statement))?;
    loaded.require_valid()?;
    let sigs = &loaded.statement.signatories;
    let groups: Vec<Group> = dedupe::find_duplicates(sigs)
        .into_iter()
        .map(|f| Group {
            names: f.members.iter().map(|&i| sigs[i].name.clone()).collect(),
            lines: f.members.iter().map(|&i| sigs[i].pos.line).collect(),
            tier: f.tier,
            reason: f.reason,
        })
        .collect();
    match args.format {
        ReportFormat::Json => write_json(&groups, out)?,
        ReportFormat::Human => {
            let out = &mut std::io::BufWriter::new(out);
            for g in &groups {
                let tier = match g.tier {
                    Tier::Certain => "certain",
                    Tier::Possible => "possible",
                };
                writeln!(out, "{tier}: {}", visible(&g.reason))?;
                for (n, l) in g.names.iter().zip(&g.lines) {
                    writeln!(out, "  {}:{l}  {}", loaded.name, visible(n))?;
                }
            }
            let certain = groups.iter().filter(|g| g.tier == Tier::Certain).count();
            writeln!(
                out,
                "{certain} certain, {} possible duplicate group{}",
                groups.len() - certain,
                if groups.len() - certain == 1 { "" } else { "s" }
            )
            .and_then(|()| out.flush())?;
        }
    }
    Ok(if groups.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// The entry called `name` (after case and space folding), or an error.
fn entry(loaded: &Loaded, name: &str) -> Result<usize> {
    dedupe::find_exact(&loaded.statement.signatories, name).ok_or_else(|| {
        Error::msg(format!(
            "{} has no signatory named \"{}\" (see `undersigned list`)",
            loaded.name,
            visible(name)
        ))
    })
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

pub fn merge(dir: &Path, args: &MergeArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let (k, d) = (entry(&loaded, &args.keep)?, entry(&loaded, &args.drop)?);
    if k == d {
        return Err(Error::msg("KEEP and DROP are the same entry"));
    }
    let drop = loaded.signatory_values(d);
    let (keep_sig, drop_sig) = (
        loaded.statement.signatories[k].clone(),
        loaded.statement.signatories[d].clone(),
    );
    fold(&mut loaded, k, &drop, &drop_sig);
    loaded.remove_signatory(d);

    // A contact kept for DROP now belongs to KEEP, so none is orphaned.
    // Written with the statement, both or neither.
    let mut private = store::load_private(&path)?;
    let repointed = private.rename_signatory(&drop_sig.name, &keep_sig.name);
    loaded.save_with(repointed.then_some(&private))?;
    writeln!(
        err,
        "Merged \"{}\" into \"{}\" in {}; \"{}\" is now one of its aliases",
        visible(&drop_sig.display_name()),
        visible(&keep_sig.display_name()),
        loaded.name,
        visible(&drop_sig.name)
    )?;
    Ok(Outcome::Clean)
}

/// Folds DROP (its values as written, and as read) into entry `k`: KEEP's
/// empty fields filled from DROP, the earliest `signed` date, DROP's name
/// and aliases recorded in KEEP's `aliases`, the `distinct_from` lists
/// joined. DROP itself is left where it is. The merge driver folds with it too.
pub(super) fn fold(loaded: &mut Loaded, k: usize, drop: &[(String, Value)], drop_sig: &Signatory) {
    let keep = loaded.signatory_values(k);
    let get = |vals: &[(String, Value)], key: &str| {
        vals.iter().find(|(x, _)| x == key).map(|(_, v)| v.clone())
    };
    let keep_sig = loaded.statement.signatories[k].clone();

    // KEEP's empty fields are filled from DROP; lists are joined.
    for (key, value) in drop {
        match key.as_str() {
            "name" | "status" | "withdrawn_on" | "withdrawal_reason" | "aliases"
            | "distinct_from" | "signed" => {}
            _ if get(&keep, key).is_none() => {
                loaded.set_signatory_value(k, key, Some(value.clone()))
            }
            _ => {}
        }
    }
    // The earliest signing date stands.
    let signed = [keep_sig.signed, drop_sig.signed]
        .into_iter()
        .flatten()
        .min();
    if signed != keep_sig.signed
        && let Some(v) = get(drop, "signed")
    {
        loaded.set_signatory_value(k, "signed", Some(v));
    }
    // DROP's name and aliases become KEEP's aliases, so the variant is recognised next time.
    let mut aliases = strings(get(&keep, "aliases").as_ref());
    for a in std::iter::once(drop_sig.name.clone()).chain(strings(get(drop, "aliases").as_ref())) {
        if dedupe::exact_key(&a) != dedupe::exact_key(&keep_sig.name)
            && !aliases
                .iter()
                .any(|x| dedupe::exact_key(x) == dedupe::exact_key(&a))
        {
            aliases.push(a);
        }
    }
    let mut distinct = strings(get(&keep, "distinct_from").as_ref());
    for x in strings(get(drop, "distinct_from").as_ref()) {
        if !distinct.contains(&x) {
            distinct.push(x);
        }
    }
    let array = |v: &[String]| {
        (!v.is_empty()).then(|| Value::Array(v.iter().map(String::as_str).collect()))
    };
    loaded.set_signatory_value(k, "aliases", array(&aliases));
    if !distinct.is_empty() {
        loaded.set_signatory_value(k, "distinct_from", array(&distinct));
    }
}

pub fn distinct(dir: &Path, args: &DistinctArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_for_edit(&path)?;
    let (a, b) = (entry(&loaded, &args.a)?, entry(&loaded, &args.b)?);
    if a == b {
        return Err(Error::msg("the two names are the same entry"));
    }
    let other = loaded.statement.signatories[b].name.clone();
    let mut list = loaded.statement.signatories[a].rare.distinct_from.clone();
    if list
        .iter()
        .any(|x| dedupe::exact_key(x) == dedupe::exact_key(&other))
    {
        writeln!(err, "already recorded")?;
        return Ok(Outcome::Clean);
    }
    list.push(other.clone());
    loaded.set_signatory_value(
        a,
        "distinct_from",
        Some(Value::Array(list.iter().map(String::as_str).collect())),
    );
    loaded.save()?;
    writeln!(
        err,
        "Recorded that \"{}\" and \"{}\" are different signers",
        visible(&loaded.statement.signatories[a].name),
        visible(&other)
    )?;
    Ok(Outcome::Clean)
}
