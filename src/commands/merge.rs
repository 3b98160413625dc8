//! `undersigned merge`: fold one signer into another, keeping the dropped name as an alias.

use super::{Outcome, open_two, resolve};
use crate::cli::MergeArgs;
use crate::dedupe;
use crate::error::Result;
use crate::model::Signatory;
use crate::store::{self, Loaded};
use crate::text::visible;
use std::io::Write;
use std::path::Path;
use toml_edit::Value;

pub fn run(dir: &Path, args: &MergeArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded, (k, d)) = open_two(
        &path,
        &args.keep,
        &args.drop,
        "KEEP and DROP are the same entry",
    )?;
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
    // Two entries of one name leave no other name to recognise.
    let alias = if dedupe::exact_key(&drop_sig.name) == dedupe::exact_key(&keep_sig.name) {
        String::new()
    } else {
        format!(
            "; \"{}\" is now one of its aliases",
            visible(&drop_sig.name)
        )
    };
    writeln!(
        err,
        "Merged \"{}\" (line {}) into \"{}\" (line {}) in {}{alias}",
        visible(&drop_sig.display_name()),
        drop_sig.pos.line,
        visible(&keep_sig.display_name()),
        keep_sig.pos.line,
        loaded.name,
    )?;
    super::now_has(&loaded, err)?;
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

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
