//! The merged list: our file with every change from theirs applied, signer by signer, and what could not be settled.

use super::identity::Triple;
use crate::collate::{self, Collation};
use crate::commands::collation_of;
use crate::commands::merge::fold;
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
    /// Their new signers (entries of theirs): each folded into a signer
    /// that is certainly the same, or else put in at its place.
    fold_or_insert: Vec<usize>,
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
    let collation = collation_of(&b.loaded.statement)?;
    if b.loaded.document_built() {
        // Entries were edited or removed: read the result again, so that
        // folding and placing see the entries as they now are.
        let text = b.loaded.render();
        b.loaded = store::parse(&v.ours.path, text.into_bytes())?;
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
    }
    fold_theirs(
        v.theirs,
        pick,
        &plan.fold_or_insert,
        &mut b,
        &mut plan.insert,
    );
    put_in(&collation, &mut b.loaded, &plan.insert);
    Ok(b)
}

/// Puts `new` in, each at its place when the list is in order (it stays
/// so), else at the end. Several go in at once, at the end and then moved:
/// one at a time, each would copy the whole text.
fn put_in(collation: &Collation, l: &mut Loaded, new: &[Signatory]) {
    let sigs = &l.statement.signatories;
    if !collation.in_order(sigs) {
        l.append_signatories(new);
        return;
    }
    if let [one] = new {
        let index = collation.place_among(sigs, one);
        l.insert_signatory(index, one);
        return;
    }
    let n = sigs.len();
    let mut placed: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .map(|(j, s)| (collation.place_among(sigs, s), j))
        .collect();
    placed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| collation.cmp_total(&new[a.1], &new[b.1]))
    });
    let mut order = Vec::with_capacity(n + new.len());
    let mut next = placed.iter().peekable();
    for k in 0..=n {
        while let Some((_, j)) = next.next_if(|(at, _)| *at == k) {
            order.push(n + j);
        }
        if k < n {
            order.push(k);
        }
    }
    l.append_signatories(new);
    l.reorder(&order);
}

/// The statement's own keys (title, status …), value by value.
fn statement_keys(v: &Versions, pick: Pick, b: &mut Built) {
    let (bs, ts) = (&v.base.statement, &v.theirs.statement);
    if bs.same_keys(ts) {
        // Unchanged on their side (as read, which holds every key a valid
        // statement can have): ours stands, and no document is built.
        return;
    }
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

/// One signer: its fields merged, or its removal or addition planned. Most
/// signers are the same in all three versions and are settled without
/// looking at their keys.
fn signer(v: &Versions, t: Triple, pick: Pick, b: &mut Built, plan: &mut Plan) {
    let (bs, os, ts) = (
        sig(v.base, t.base),
        sig(v.ours, t.ours),
        sig(v.theirs, t.theirs),
    );
    let values = |l: &Loaded, i: Option<usize>| i.map_or_else(Vec::new, |i| l.signatory_values(i));
    let withdrew = |now: &Signatory, was: &Signatory| {
        now.status == SignerStatus::Withdrawn && was.status != SignerStatus::Withdrawn
    };
    match (bs, os, ts, t.ours) {
        // Unchanged on their side: ours stands.
        (Some(bs), Some(_), Some(ts), _) if bs.same_fields(ts) => {}
        (Some(_), Some(_), Some(_), Some(o)) => {
            let (bv, ov, tv) = (
                values(v.base, t.base),
                values(v.ours, t.ours),
                values(v.theirs, t.theirs),
            );
            fields(o, &bv, &ov, &tv, pick, b);
        }
        (Some(bs), Some(os), None, Some(o)) => {
            if bs.same_fields(os) {
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
                    Pick::Base => replace(
                        &mut b.loaded,
                        o,
                        &values(v.ours, t.ours),
                        &values(v.base, t.base),
                    ),
                }
            }
        }
        (Some(bs), None, Some(ts), None) => {
            if bs.same_fields(ts) {
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
        (None, Some(_), Some(ts), Some(o)) => {
            fold_one(o, &values(v.theirs, t.theirs), ts, pick, b);
        }
        (None, None, Some(_), None) => plan.fold_or_insert.extend(t.theirs),
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
    theirs: &Loaded,
    pick: Pick,
    new: &[usize],
    b: &mut Built,
    insert: &mut Vec<Signatory>,
) {
    if new.is_empty() {
        return;
    }
    let sigs: Vec<Signatory> = new
        .iter()
        .map(|&t| theirs.statement.signatories[t].clone())
        .collect();
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
    for ((&t, ts), k) in new.iter().zip(sigs).zip(into) {
        match k {
            // Their entry's keys are read only for a fold: reading one
            // builds their whole document.
            Some(k) => fold_one(k, &theirs.signatory_values(t), &ts, pick, b),
            None => insert.push(ts),
        }
    }
}
