//! Which entries of the three versions are one signer: the same name as written, else a certain duplicate by the rules `check` uses.

use crate::dedupe::{self, Tier};
use crate::model::Signatory;
use std::collections::HashMap;

/// One signer across the versions: its entry in each, where it has one.
#[derive(Clone, Copy, Debug)]
pub struct Triple {
    pub base: Option<usize>,
    pub ours: Option<usize>,
    pub theirs: Option<usize>,
}

/// Every signer of the three lists, each entry in exactly one triple.
pub fn triples(base: &[Signatory], ours: &[Signatory], theirs: &[Signatory]) -> Vec<Triple> {
    let all = |l: &[Signatory]| (0..l.len()).collect::<Vec<_>>();
    let bi = all(base);
    let in_ours = of_each(base.len(), &pair(base, &bi, ours, &all(ours)));
    let in_theirs = of_each(base.len(), &pair(base, &bi, theirs, &all(theirs)));
    let mut out: Vec<Triple> = (0..base.len())
        .map(|b| Triple {
            base: Some(b),
            ours: in_ours[b],
            theirs: in_theirs[b],
        })
        .collect();
    // What each side added, paired where both added the same signer.
    let added = |list: &[Signatory], found: &[Option<usize>]| {
        let mut seen = vec![false; list.len()];
        found.iter().flatten().for_each(|&i| seen[i] = true);
        (0..list.len()).filter(|&i| !seen[i]).collect::<Vec<_>>()
    };
    let (ours_new, theirs_new) = (added(ours, &in_ours), added(theirs, &in_theirs));
    let both = pair(ours, &ours_new, theirs, &theirs_new);
    let mut paired = vec![false; theirs.len()];
    let mut ours_paired = vec![false; ours.len()];
    for &(o, t) in &both {
        paired[t] = true;
        ours_paired[o] = true;
        out.push(Triple {
            base: None,
            ours: Some(o),
            theirs: Some(t),
        });
    }
    out.extend(
        ours_new
            .iter()
            .filter(|&&o| !ours_paired[o])
            .map(|&o| Triple {
                base: None,
                ours: Some(o),
                theirs: None,
            }),
    );
    out.extend(theirs_new.iter().filter(|&&t| !paired[t]).map(|&t| Triple {
        base: None,
        ours: None,
        theirs: Some(t),
    }));
    out
}

/// For each entry of the first list, its partner in the second.
fn of_each(len: usize, pairs: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut v = vec![None; len];
    for &(a, b) in pairs {
        v[a] = Some(b);
    }
    v
}

/// Pairs (entry of `a`, entry of `b`) among the entries `ai` and `bi`, each
/// entry in one pair at most: first the same name as written (so two
/// entries told apart by `distinct_from` keep apart even when they differ
/// only in case), then, among those left, a certain duplicate, which a
/// respelling or a rename that keeps the old name as an alias is.
fn pair(a: &[Signatory], ai: &[usize], b: &[Signatory], bi: &[usize]) -> Vec<(usize, usize)> {
    // Several entries of one name pair in their order.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::with_capacity(bi.len());
    for &j in bi.iter().rev() {
        by_name.entry(b[j].name.as_str()).or_default().push(j);
    }
    let mut pairs = Vec::with_capacity(ai.len());
    let mut a_left = Vec::new();
    for &i in ai {
        match by_name.get_mut(a[i].name.as_str()).and_then(Vec::pop) {
            Some(j) => pairs.push((i, j)),
            None => a_left.push(i),
        }
    }
    let b_left: Vec<usize> = by_name.into_values().flatten().collect();
    if a_left.is_empty() || b_left.is_empty() {
        return pairs;
    }
    let mut b_left = b_left;
    b_left.sort_unstable();
    let list: Vec<Signatory> = a_left.iter().map(|&i| a[i].clone()).collect();
    let new: Vec<Signatory> = b_left.iter().map(|&j| b[j].clone()).collect();
    let mut used = vec![false; list.len()];
    dedupe::match_in_turn(&list, &new, |j, matches| {
        let first = matches
            .iter()
            .find(|(k, tier, _)| *tier == Tier::Certain && *k < used.len() && !used[*k]);
        if let Some(&(k, _, _)) = first {
            used[k] = true;
            pairs.push((a_left[k], b_left[j]));
        }
        // New entries are never matched with each other.
        false
    });
    pairs
}
