//! The merged list: our file with every change from theirs applied, signer by signer, and what could not be settled.

use super::identity::Triple;
use crate::collate;
use crate::commands::collation_of;
use crate::commands::dupes::fold;
use crate::dedupe::{self, Tier};
use crate::error::Result;
use crate::model::{Signatory, SignerStatus};
use crate::store::{self, Loaded, semantic};
use crate::text::visible;
use std::collections::BTreeSet;
use toml_edit::Value;

/// How a conflict is settled in one of the three texts handed to the line
/// merge: our value, theirs, or the base's (absent where the base has none),
/// so that the line merge puts markers exactly around it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Ours,
    Theirs,
    Base,
}

/// The three versions, read.
pub struct Versions<'a> {
    pub base: &'a Loaded,
    pub ours: &'a Loaded,
    pub theirs: &'a Loaded,
}

/// A merged list and what was said about it.
pub struct Built {
    pub loaded: Loaded,
    /// What both sides changed differently: the merge is not clean.
    pub conflicts: Vec<String>,
    /// What was settled that a person should hear of (folds, kept withdrawals).
    pub notes: Vec<String>,
}

type Values = Vec<(String, Value)>;
type Field = Option<Value>;

/// The three-way rule for one value.
enum Merge {
    Keep,
    Take(Field),
    Conflict { base: Field, theirs: Field },
}

fn same(a: &Field, b: &Field) -> bool {
    a.as_ref().map(semantic) == b.as_ref().map(semantic)
}

fn merge3(base: &Field, ours: &Field, theirs: &Field) -> Merge {
    if same(ours, theirs) || same(base, theirs) {
        Merge::Keep
    } else if same(base, ours) {
        Merge::Take(theirs.clone())
    } else {
        Merge::Conflict {
            base: base.clone(),
            theirs: theirs.clone(),
        }
    }
}

fn lookup(values: &[(String, Value)], key: &str) -> Field {
    values
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

fn keys_of(sets: &[&[(String, Value)]]) -> BTreeSet<String> {
    sets.iter()
        .flat_map(|s| s.iter().map(|(k, _)| k.clone()))
        .collect()
}

fn unchanged(a: &[(String, Value)], b: &[(String, Value)]) -> bool {
    keys_of(&[a, b])
        .iter()
        .all(|f| same(&lookup(a, f), &lookup(b, f)))
}

fn sig(l: &Loaded, i: Option<usize>) -> Option<&Signatory> {
    i.map(|i| &l.statement.signatories[i])
}

fn quoted(s: &Signatory) -> String {
    format!("\"{}\"", visible(&s.name))
}

/// What a signer becomes in the merge, decided before any entry moves.
struct Plan {
    /// Entries of ours to remove.
    remove: Vec<usize>,
    /// Entries to put in at their place as they are.
    insert: Vec<Signatory>,
    /// Their new signers: each folded into a signer that is certainly the
    /// same, or else put in at its place.
    fold_or_insert: Vec<(Values, Signatory)>,
}

/// Our file with every change from their side applied; conflicts settled by `pick`.
pub fn build(v: &Versions, triples: &[Triple], pick: Pick) -> Result<Built> {
    let mut b = Built {
        loaded: v.ours.clone(),
        conflicts: Vec::new(),
        notes: Vec::new(),
    };
    statement_keys(v, pick, &mut b);
    let mut plan = Plan {
        remove: Vec::new(),
        insert: Vec::new(),
        fold_or_insert: Vec::new(),
    };
    for t in triples {
        signer(v, *t, pick, &mut b, &mut plan);
    }
    // Entries leave from the end, so the indices of those before stay.
    plan.remove.sort_unstable();
    for &i in plan.remove.iter().rev() {
        b.loaded.remove_signatory(i);
    }
    // Read again: the entries as they now are, for folding and placing.
    let text = b.loaded.render();
    b.loaded = store::parse(&v.ours.path, text.into_bytes())?;
    let collation = collation_of(&b.loaded.statement)?;
    if collation.is_sorted(&v.ours.statement.signatories)
        && !collation.is_sorted(&b.loaded.statement.signatories)
    {
        // A rename from their side moved a signer: ours was in order, and stays so.
        let keys: Vec<_> = collation
            .keys(&b.loaded.statement.signatories)
            .into_iter()
            .map(|k| k.total)
            .collect();
        b.loaded.reorder(&collate::sorted_order(&keys));
    }
    fold_theirs(pick, &plan.fold_or_insert, &mut b, &mut plan.insert);
    for s in &plan.insert {
        let (index, _) = collation.place_in(&b.loaded.statement.signatories, s);
        b.loaded.insert_signatory(index, s);
    }
    Ok(b)
}

/// The statement's own keys (title, status …), value by value.
fn statement_keys(v: &Versions, pick: Pick, b: &mut Built) {
    let (bv, ov, tv) = (
        v.base.statement_values(),
        v.ours.statement_values(),
        v.theirs.statement_values(),
    );
    for key in keys_of(&[&bv, &ov, &tv]) {
        match merge3(&lookup(&bv, &key), &lookup(&ov, &key), &lookup(&tv, &key)) {
            Merge::Keep => {}
            Merge::Take(x) => b.loaded.set_statement_value(&key, x),
            Merge::Conflict { base, theirs } => {
                b.conflicts
                    .push(format!("both sides changed `{key}` of the statement"));
                match pick {
                    Pick::Ours => {}
                    Pick::Theirs => b.loaded.set_statement_value(&key, theirs),
                    Pick::Base => b.loaded.set_statement_value(&key, base),
                }
            }
        }
    }
}

/// One signer: its fields merged, or its removal or addition planned.
fn signer(v: &Versions, t: Triple, pick: Pick, b: &mut Built, plan: &mut Plan) {
    let values = |l: &Loaded, i: Option<usize>| i.map(|i| l.signatory_values(i));
    let (bv, ov, tv) = (
        values(v.base, t.base),
        values(v.ours, t.ours),
        values(v.theirs, t.theirs),
    );
    let (bs, os, ts) = (
        sig(v.base, t.base),
        sig(v.ours, t.ours),
        sig(v.theirs, t.theirs),
    );
    let withdrew = |now: &Signatory, was: &Signatory| {
        now.status == SignerStatus::Withdrawn && was.status != SignerStatus::Withdrawn
    };
    match (bv, ov, tv, t.ours) {
        (Some(bv), Some(ov), Some(tv), Some(o)) => fields(o, &bv, &ov, &tv, pick, b),
        (Some(bv), Some(ov), None, Some(o)) => {
            let (bs, os) = (bs.expect("base entry"), os.expect("our entry"));
            if unchanged(&bv, &ov) {
                plan.remove.push(o);
            } else if withdrew(os, bs) {
                b.notes.push(format!(
                    "kept our withdrawal of {}, which they removed",
                    quoted(os)
                ));
            } else {
                b.conflicts
                    .push(format!("they removed {}, which we changed", quoted(os)));
                match pick {
                    Pick::Ours => {}
                    Pick::Theirs => plan.remove.push(o),
                    Pick::Base => replace(&mut b.loaded, o, &ov, &bv),
                }
            }
        }
        (Some(bv), None, Some(tv), None) => {
            let (bs, ts) = (bs.expect("base entry"), ts.expect("their entry"));
            if unchanged(&bv, &tv) {
                // Removed by us, untouched by them: gone.
            } else if withdrew(ts, bs) {
                b.notes.push(format!(
                    "kept their withdrawal of {}, which we removed",
                    quoted(ts)
                ));
                plan.insert.push(ts.clone());
            } else {
                b.conflicts
                    .push(format!("we removed {}, which they changed", quoted(ts)));
                match pick {
                    Pick::Ours => {}
                    Pick::Theirs => plan.insert.push(ts.clone()),
                    Pick::Base => plan.insert.push(bs.clone()),
                }
            }
        }
        (None, Some(_), Some(tv), Some(o)) => {
            let ts = ts.expect("their entry");
            fold_one(o, &tv, ts, pick, b);
        }
        (None, None, Some(tv), None) => {
            plan.fold_or_insert
                .push((tv, ts.expect("their entry").clone()));
        }
        _ => {}
    }
}

/// A signer both sides kept: each field by the three-way rule.
fn fields(o: usize, bv: &Values, ov: &Values, tv: &Values, pick: Pick, b: &mut Built) {
    for field in keys_of(&[bv, ov, tv]) {
        match merge3(
            &lookup(bv, &field),
            &lookup(ov, &field),
            &lookup(tv, &field),
        ) {
            Merge::Keep => {}
            Merge::Take(x) => b.loaded.set_signatory_value(o, &field, x),
            Merge::Conflict { base, theirs } => {
                let name = quoted(&b.loaded.statement.signatories[o]);
                b.conflicts
                    .push(format!("both sides changed `{field}` of {name}"));
                match pick {
                    Pick::Ours => {}
                    Pick::Theirs => b.loaded.set_signatory_value(o, &field, theirs),
                    Pick::Base => b.loaded.set_signatory_value(o, &field, base),
                }
            }
        }
    }
}

/// Entry `o` given the values `to` in place of `from`.
fn replace(l: &mut Loaded, o: usize, from: &Values, to: &Values) {
    for field in keys_of(&[from, to]) {
        l.set_signatory_value(o, &field, lookup(to, &field));
    }
}

/// Their signer `ts` folded into our entry `k`, as `undersigned merge`
/// folds: a field both give differently, or a different status, is a conflict.
fn fold_one(k: usize, tv: &Values, ts: &Signatory, pick: Pick, b: &mut Built) {
    let keep = b.loaded.signatory_values(k);
    let ks = b.loaded.statement.signatories[k].clone();
    let mut clash: Vec<&str> = tv
        .iter()
        .filter(|(f, _)| !matches!(f.as_str(), "name" | "aliases" | "distinct_from" | "signed"))
        .filter(|(f, x)| lookup(&keep, f).is_some_and(|y| semantic(&y) != semantic(x)))
        .map(|(f, _)| f.as_str())
        .collect();
    if ks.status != ts.status {
        clash.extend(["status", "withdrawn_on", "withdrawal_reason"]);
    }
    clash.sort_unstable();
    clash.dedup();
    fold(&mut b.loaded, k, tv, ts);
    if ks.status == ts.status {
        // `fold` leaves a withdrawal's date and reason alone; one side's are kept.
        for f in ["withdrawn_on", "withdrawal_reason"] {
            if lookup(&keep, f).is_none() && lookup(tv, f).is_some() {
                b.loaded.set_signatory_value(k, f, lookup(tv, f));
            }
        }
    }
    if clash.is_empty() {
        if dedupe::exact_key(&ts.name) != dedupe::exact_key(&ks.name) {
            b.notes.push(format!(
                "folded their {} into {}, the same signer; {} is now one of its aliases",
                quoted(ts),
                quoted(&ks),
                quoted(ts)
            ));
        }
        return;
    }
    for f in clash {
        if f == "status" || lookup(&keep, f).is_some() || lookup(tv, f).is_some() {
            b.conflicts.push(format!(
                "both sides added {} with different `{f}`",
                quoted(&ks)
            ));
        }
        match pick {
            Pick::Ours => {}
            Pick::Theirs => b.loaded.set_signatory_value(k, f, lookup(tv, f)),
            Pick::Base => b.loaded.set_signatory_value(k, f, None),
        }
    }
}

/// Their new signers, each folded into an entry that is certainly the same
/// signer, or else added. A signer that is only the same as another of
/// their new ones is added: `check` then reports the pair.
fn fold_theirs(
    pick: Pick,
    new: &[(Values, Signatory)],
    b: &mut Built,
    insert: &mut Vec<Signatory>,
) {
    if new.is_empty() {
        return;
    }
    let sigs: Vec<Signatory> = new.iter().map(|(_, s)| s.clone()).collect();
    let len = b.loaded.statement.signatories.len();
    let mut into: Vec<Option<usize>> = Vec::with_capacity(new.len());
    dedupe::match_in_turn(&b.loaded.statement.signatories, &sigs, |_, matches| {
        let k = matches
            .iter()
            .find(|(k, tier, _)| *tier == Tier::Certain && *k < len)
            .map(|m| m.0);
        into.push(k);
        k.is_none()
    });
    for ((tv, ts), k) in new.iter().zip(into) {
        match k {
            Some(k) => fold_one(k, tv, ts, pick, b),
            None => insert.push(ts.clone()),
        }
    }
}
