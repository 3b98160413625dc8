//! `undersigned merge-driver`: a git merge driver that merges signer sets instead of lines.

use super::{Outcome, collation_of, io};
use crate::cli::MergeDriverArgs;
use crate::dedupe;
use crate::error::{Error, Result};
use crate::store::{self, Loaded, semantic};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use toml_edit::Value;

/// How a conflict is settled in one of the three texts handed to the line merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    Ours,
    Theirs,
    Base,
}

/// A value as it stands on one side: absent, or present.
type Field = Option<Value>;

/// The three-way rule for one value.
enum Merge {
    Keep,
    Take(Field),
    Conflict { base: Field, theirs: Field },
}

fn merge3(base: &Field, ours: &Field, theirs: &Field) -> Merge {
    let same = |a: &Field, b: &Field| a.as_ref().map(semantic) == b.as_ref().map(semantic);
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

/// Signers by identity: the exact duplicate key of the name.
fn by_key(l: &Loaded) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for (i, s) in l.statement.signatories.iter().enumerate() {
        m.entry(dedupe::exact_key(&s.name)).or_insert(i);
    }
    m
}

pub fn run(args: &MergeDriverArgs, err: &mut dyn Write) -> Result<Outcome> {
    let loaded = [&args.base, &args.ours, &args.theirs].map(|p| store::load(p));
    let valid = |l: &Result<Loaded, _>| {
        l.as_ref()
            .is_ok_and(|l: &Loaded| l.errors().next().is_none())
    };
    let [base, ours, theirs] = match loaded {
        [b, o, t] if valid(&b) && valid(&o) && valid(&t) => {
            [b, o, t].map(|l| l.map_err(Error::from))
        }
        _ => {
            // Not three valid statements: git's own line merge, so neither side is lost.
            writeln!(
                err,
                "undersigned merge-driver: a version is not a valid statement; merging lines instead"
            )
            .map_err(io)?;
            let (bytes, conflicts) = store::merge_text(
                &store::read_bytes(&args.ours)?,
                &store::read_bytes(&args.base)?,
                &store::read_bytes(&args.theirs)?,
                args.marker_size,
            )?;
            store::write_atomic(&args.ours, &bytes)?;
            return Ok(if conflicts {
                Outcome::Problems
            } else {
                Outcome::Clean
            });
        }
    };
    let (base, ours, theirs) = (base?, ours?, theirs?);

    let mut conflicts = Vec::new();
    let merged_ours = build(&base, &ours, &theirs, Pick::Ours, &mut conflicts)?;
    if conflicts.is_empty() {
        store::write_atomic(&args.ours, merged_ours.render().as_bytes())?;
        return Ok(Outcome::Clean);
    }
    let merged_theirs = build(&base, &ours, &theirs, Pick::Theirs, &mut Vec::new())?;
    let merged_base = build(&base, &ours, &theirs, Pick::Base, &mut Vec::new())?;
    let (bytes, _) = store::merge_text(
        merged_ours.render().as_bytes(),
        merged_base.render().as_bytes(),
        merged_theirs.render().as_bytes(),
        args.marker_size,
    )?;
    store::write_atomic(&args.ours, &bytes)?;
    for c in &conflicts {
        writeln!(err, "undersigned merge-driver: conflict: {c}").map_err(io)?;
    }
    Ok(Outcome::Problems)
}

/// Our file with every change from their side applied; conflicts settled by `pick`.
fn build(
    base: &Loaded,
    ours: &Loaded,
    theirs: &Loaded,
    pick: Pick,
    conflicts: &mut Vec<String>,
) -> Result<Loaded> {
    let mut out = ours.clone();

    // The statement's own keys.
    let (bv, ov, tv) = (
        base.statement_values(),
        ours.statement_values(),
        theirs.statement_values(),
    );
    for key in keys_of(&[&bv, &ov, &tv]) {
        match merge3(&lookup(&bv, &key), &lookup(&ov, &key), &lookup(&tv, &key)) {
            Merge::Keep => {}
            Merge::Take(v) => out.set_statement_value(&key, v),
            Merge::Conflict { base: b, theirs: t } => {
                conflicts.push(format!("both sides changed `{key}` of the statement"));
                settle(pick, b, t, |v| out.set_statement_value(&key, v));
            }
        }
    }

    let (bk, ok, tk) = (by_key(base), by_key(ours), by_key(theirs));
    let mut names: Vec<&String> = bk.keys().chain(ok.keys()).chain(tk.keys()).collect();
    names.sort();
    names.dedup();
    let mut inserts = Vec::new();
    for key in names {
        let b = bk.get(key).map(|&i| base.signatory_values(i));
        let o = ok.get(key).map(|&i| ours.signatory_values(i));
        let t = tk.get(key).map(|&i| theirs.signatory_values(i));
        let index_in_out = |out: &Loaded| by_key(out).get(key).copied();
        match (&b, &o, &t) {
            (_, Some(o), Some(t)) => {
                let added_by_both = b.is_none();
                let b = b.clone().unwrap_or_default();
                for field in keys_of(&[&b, o, t]) {
                    // The same signer added on both sides, spelt differently: one entry, ours.
                    if added_by_both && field == "name" {
                        continue;
                    }
                    let m = merge3(&lookup(&b, &field), &lookup(o, &field), &lookup(t, &field));
                    let Some(i) = index_in_out(&out) else {
                        continue;
                    };
                    match m {
                        Merge::Keep => {}
                        Merge::Take(v) => out.set_signatory_value(i, &field, v),
                        Merge::Conflict {
                            base: bf,
                            theirs: tf,
                        } => {
                            let name = &ours.statement.signatories[ok[key]].name;
                            conflicts.push(format!("both sides changed `{field}` of \"{name}\""));
                            settle(pick, bf, tf, |v| out.set_signatory_value(i, &field, v));
                        }
                    }
                }
            }
            (Some(b), Some(o), None) => {
                let unchanged = keys_of(&[b, o]).iter().all(|f| {
                    lookup(b, f).as_ref().map(semantic) == lookup(o, f).as_ref().map(semantic)
                });
                let remove = if unchanged {
                    true
                } else {
                    let name = &ours.statement.signatories[ok[key]].name;
                    conflicts.push(format!("they removed \"{name}\", which we changed"));
                    pick == Pick::Theirs
                };
                if remove && let Some(i) = index_in_out(&out) {
                    out.remove_signatory(i);
                }
            }
            (Some(b), None, Some(t)) => {
                let unchanged = keys_of(&[b, t]).iter().all(|f| {
                    lookup(b, f).as_ref().map(semantic) == lookup(t, f).as_ref().map(semantic)
                });
                if !unchanged {
                    let name = &theirs.statement.signatories[tk[key]].name;
                    conflicts.push(format!("we removed \"{name}\", which they changed"));
                    match pick {
                        Pick::Ours => {}
                        Pick::Theirs => inserts.push(theirs.statement.signatories[tk[key]].clone()),
                        Pick::Base => inserts.push(base.statement.signatories[bk[key]].clone()),
                    }
                }
            }
            (None, None, Some(_)) => inserts.push(theirs.statement.signatories[tk[key]].clone()),
            _ => {}
        }
    }

    // Their new signers go in at their alphabetical place, once each: one
    // that is certainly the same as a signer already there is folded into it.
    let collation = collation_of(&out.statement)?;
    let mut taken = Vec::with_capacity(inserts.len());
    dedupe::match_in_turn(&out.statement.signatories, &inserts, |_, matches| {
        let new = !matches.iter().any(|m| m.1 == dedupe::Tier::Certain);
        taken.push(new);
        new
    });
    for (s, _) in inserts.iter().zip(taken).filter(|(_, t)| *t) {
        let (index, _) = collation.place_in(&out.statement.signatories, s);
        out.insert_signatory(index, s);
    }
    Ok(out)
}

fn settle(pick: Pick, base: Field, theirs: Field, mut set: impl FnMut(Field)) {
    match pick {
        Pick::Ours => {}
        Pick::Theirs => set(theirs),
        Pick::Base => set(base),
    }
}
