//! Incremental matching: new signers against a list, one at a time or in turn.

use super::index::{Entry, Index, Keep, slice_len};
use super::keys::{STRONG, keys, tag};
use super::profile::{Profile, Want};
use super::verify::{Tier, profile, verify};
use crate::model::Signatory;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// The part of a profile that `keys` reads: without the label, exact key
/// and reviewed pairs, which only verifying a pair needs.
pub(super) fn blocking_profile(s: &Signatory) -> Profile {
    Profile::of(
        s,
        Want {
            label: false,
            exact: false,
        },
    )
}

/// The existing entries a new signer matches, best tier first, then in
/// list order: what `match_in_turn` gives a signer after the list, without
/// an index. Each entry's blocking keys are computed and looked up in
/// the new signer's few, over the available cores, and only the entries that
/// share one are kept, so one `add` to a long list holds no profile but the
/// candidates'.
pub fn match_new(signatories: &[Signatory], new: &Signatory) -> Vec<(usize, Tier, String)> {
    let p = profile(new);
    let mut ks = Vec::new();
    keys(&p, &mut ks);
    // A key the new signer holds as strong and as weak pairs as strong.
    let mut wanted: HashMap<(u64, u8), u8> = HashMap::default();
    for (h, t, role) in ks {
        let r = wanted.entry((h, t)).or_insert(role);
        *r = (*r).min(role);
    }
    // Every (entry, key, role) hit, as a block of the index would hold it.
    let slice = slice_len(signatories.len());
    let hits: Vec<(u32, (u64, u8), u8)> = signatories
        .par_chunks(slice)
        .enumerate()
        .map_init(Vec::new, |buf, (k, sigs)| {
            let mut hits = Vec::new();
            for (i, s) in sigs.iter().enumerate() {
                buf.clear();
                keys(&blocking_profile(s), buf);
                buf.sort_unstable();
                buf.dedup();
                for &(h, t, role) in buf.iter() {
                    if wanted.contains_key(&(h, t)) {
                        hits.push(((k * slice + i) as u32, (h, t), role));
                    }
                }
            }
            hits
        })
        .flatten_iter()
        .collect();
    let mut block_len: HashMap<(u64, u8), usize> = HashMap::default();
    for (_, k, _) in &hits {
        *block_len.entry(*k).or_default() += 1;
    }
    let mut candidates: Vec<u32> = hits
        .iter()
        .filter(|(_, k, role)| {
            block_len[k] <= tag::cap(k.1) && (wanted[k] == STRONG || *role == STRONG)
        })
        .map(|&(i, _, _)| i)
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out: Vec<(usize, Tier, String)> = candidates
        .into_iter()
        .filter_map(|i| {
            verify(&profile(&signatories[i as usize]), &p).map(|(t, r)| (i as usize, t, r))
        })
        .collect();
    out.sort_by_key(|a| (a.1, a.0));
    out
}

/// New signers matched one after another, as `import` takes them in: each
/// against the list and the new signers taken in before it. `take(j,
/// matches)` is told what new signer `j` matches, best tier first, then in
/// order, and says whether it is taken in. A match is a position in `list`,
/// or `list.len() + i` for new signer `i`.
///
/// One index of the list and every new signer is built at once, keeping
/// only the blocks that join a new signer to an entry before it; the
/// signers are then gone through in turn. Blocks of a capped key are kept
/// whatever their size: whether one is too big for a signer depends on
/// how many of the entries before it were taken in.
pub fn match_in_turn(
    list: &[Signatory],
    new: &[Signatory],
    mut take: impl FnMut(usize, Vec<(usize, Tier, String)>) -> bool,
) {
    let all: Vec<&Signatory> = list.iter().chain(new).collect();
    let from = list.len() as u32;
    let index = Index::new(&all, Keep::Joining(from));
    let blocks: Vec<&[Entry]> = index.blocks().collect();
    // The blocks of each new signer, in the signers' order.
    let mut joins: Vec<(u32, u32)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| {
            block
                .iter()
                .filter(|e| e.idx() >= from)
                .map(move |e| (e.idx(), b as u32))
        })
        .collect();
    joins.sort_unstable();
    joins.dedup();
    let mut joins = joins.chunk_by(|a, b| a.0 == b.0).peekable();
    let mut taken = vec![false; new.len()];
    let mut candidates: Vec<u32> = Vec::new();
    for j in 0..new.len() {
        let me = from + j as u32;
        candidates.clear();
        for &(_, b) in joins.next_if(|g| g[0].0 == me).into_iter().flatten() {
            let block = blocks[b as usize];
            let known = |e: &&Entry| e.idx() < from || taken[(e.idx() - from) as usize];
            let before = block.iter().take_while(|e| e.idx() < me).filter(known);
            // Counted as a block of the entries taken in so far would be.
            let t = block[0].tag();
            if tag::capped(t) && before.clone().nth(tag::cap(t)).is_some() {
                continue;
            }
            let strong = block.iter().any(|e| e.idx() == me && e.role() == STRONG);
            candidates.extend(
                before
                    .filter(|e| strong || e.role() == STRONG)
                    .map(Entry::idx),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        let p = &index.profiles[me as usize];
        let mut found: Vec<(usize, Tier, String)> = candidates
            .iter()
            .filter_map(|&i| {
                verify(&index.profiles[i as usize], p).map(|(t, r)| (i as usize, t, r))
            })
            .collect();
        found.sort_by_key(|a| (a.1, a.0));
        taken[j] = take(j, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::sample::sig;

    #[test]
    fn match_new_finds_existing_entries_best_first() {
        let list: Vec<Signatory> = [
            "Lantern Society Network",
            "Harbour Rights",
            "Lantern Society",
        ]
        .iter()
        .map(|n| sig(n))
        .collect();
        let m = match_new(&list, &sig("lantern society"));
        assert_eq!(
            m.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(2, Tier::Certain), (0, Tier::Possible)]
        );
    }
}
