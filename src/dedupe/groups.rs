//! Groups of one list: certain groups by union-find, possible pairs verified in batches.

use super::index::{Entry, Index, Keep, Profiles};
use super::keys::{STRONG, WEAK, block_key, hash, tag};
use super::verify::{Tier, verify};
use crate::model::Signatory;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

/// A certain group (two or more entries) or a possible pair, with the rule
/// that produced it in plain language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// Indices into the slice given, ascending.
    pub members: Vec<usize>,
    pub tier: Tier,
    pub reason: String,
}

/// Candidate pairs: (entries, their groups).
pub(super) type Candidate = ((u32, u32), (u32, u32));

/// `verify` on each candidate pair, shared over the cores: the pairs that
/// match, as (position in `candidates`, tier, reason), in order. Most
/// candidates do not match, and a long list has hundreds of thousands.
pub(super) fn verify_all(ps: &Profiles, candidates: &[Candidate]) -> Vec<(usize, Tier, String)> {
    candidates
        .par_iter()
        .enumerate()
        .with_min_len(VERIFY_SLICE)
        .filter_map(|(k, &((i, j), _))| {
            verify(&ps[i as usize], &ps[j as usize]).map(|(t, r)| (k, t, r))
        })
        .collect()
}

/// Candidate pairs verified as one piece of work: a pair costs about a
/// microsecond, so a piece is worth handing to another core.
const VERIFY_SLICE: usize = 256;

pub(super) struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n as u32).collect(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so a group's root is its first entry.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// Candidates gathered before they are verified together.
pub(super) const BATCH: usize = 1 << 15;

/// The possible pairs found so far.
#[derive(Default)]
pub(super) struct Possible {
    findings: Vec<DuplicateGroup>,
    /// Pairs of groups already reported.
    reported: HashSet<(u32, u32)>,
    stats: Stats,
}

impl Possible {
    /// Takes a batch of candidates in order, with the verdicts `verify_all`
    /// gave them. Verifying is pure, so a batch is verified before it is
    /// taken: a pair of groups already reported is skipped exactly as if it
    /// had been checked before verifying (groups no longer change, so where
    /// a pair is first seen is all that counts).
    fn take(&mut self, candidates: &[Candidate], verdicts: Vec<(usize, Tier, String)>) {
        let mut verdicts = verdicts.into_iter().peekable();
        for (k, &(pair, groups)) in candidates.iter().enumerate() {
            let verdict = verdicts
                .next_if(|v| v.0 == k)
                .map(|(_, tier, reason)| (tier, reason));
            if self.reported.contains(&groups) {
                continue;
            }
            self.stats.candidate_pairs += 1;
            if let Some((tier, reason)) = verdict {
                let reason = if tier == Tier::Certain {
                    format!(
                        "{reason}; not merged automatically because other entries state the same acronym"
                    )
                } else {
                    reason
                };
                self.reported.insert(groups);
                self.findings.push(DuplicateGroup {
                    members: vec![pair.0 as usize, pair.1 as usize],
                    tier: Tier::Possible,
                    reason,
                });
            }
        }
    }
}

/// Counts from one run, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct pairs handed to the verifier for the possible tier.
    pub candidate_pairs: usize,
}

pub(super) fn analyse(signatories: &[Signatory]) -> (Vec<DuplicateGroup>, Stats) {
    analyse_index(Index::new(signatories, Keep::Shared))
}

/// `analyse` on an index built already.
pub(super) fn analyse_index(index: Index) -> (Vec<DuplicateGroup>, Stats) {
    analyse_in_batches(index, BATCH)
}

/// `analyse_index`, with candidates verified `batch` at a time (tests hold
/// every size equal).
pub(super) fn analyse_in_batches(index: Index, batch: usize) -> (Vec<DuplicateGroup>, Stats) {
    let ps = &index.profiles;
    let n = ps.len();
    let mut uf = UnionFind::new(n);
    let mut edges: Vec<(u32, String)> = Vec::new();
    certain_by_shared_key(&index, &mut uf, &mut edges);
    certain_by_acronym(&index, &mut uf, &mut edges);
    let Possible {
        mut findings,
        stats,
        ..
    } = possible_pairs(&index, &mut uf, batch);
    findings.extend(certain_groups(&mut uf, edges, n));
    findings.sort_by(|a, b| (a.tier, &a.members).cmp(&(b.tier, &b.members)));
    (findings, stats)
}

/// Certain pass 1: entries sharing a name key, compact key or registry
/// entry. Each joins the block's first entry it verifies against, so the
/// work is linear in the block size.
fn certain_by_shared_key(index: &Index, uf: &mut UnionFind, edges: &mut Vec<(u32, String)>) {
    let ps = &index.profiles;
    for block in index.blocks() {
        let t = block[0].tag();
        if !matches!(t, tag::KEY | tag::COMPACT | tag::REGISTRY | tag::WEBSITE) || block.len() < 2 {
            continue;
        }
        for (k, e) in block.iter().enumerate().skip(1) {
            for other in block[..k].iter().take(4) {
                if uf.find(other.idx()) == uf.find(e.idx()) {
                    break;
                }
                if let Some((Tier::Certain, r)) =
                    verify(&ps[other.idx() as usize], &ps[e.idx() as usize])
                {
                    uf.union(other.idx(), e.idx());
                    edges.push((e.idx(), r));
                    break;
                }
            }
        }
    }
}

/// Certain pass 2: a bare acronym joins the entry that states it, but only
/// when every entry stating it is already one group (two bodies sharing
/// "ICJ" must not be chained together through a bare "ICJ").
fn certain_by_acronym(index: &Index, uf: &mut UnionFind, edges: &mut Vec<(u32, String)>) {
    let ps = &index.profiles;
    for block in index.blocks() {
        if block[0].tag() != tag::ACRONYM || block.len() < 2 {
            continue;
        }
        let strong: Vec<u32> = block
            .iter()
            .filter(|e| e.role() == STRONG)
            .map(Entry::idx)
            .collect();
        let Some(&first) = strong.first() else {
            continue;
        };
        let first = &ps[first as usize];
        let acr = first
            .bare()
            .into_iter()
            .chain(first.explicit().iter().map(String::as_str))
            .find(|a| block_key(hash(tag::ACRONYM, a), tag::ACRONYM) == block[0].key())
            .map(str::to_string);
        let Some(acr) = acr else { continue };
        let holders: Vec<u32> = strong
            .iter()
            .copied()
            .filter(|&i| ps[i as usize].explicit().contains(&acr))
            .collect();
        let Some(&h0) = holders.first() else { continue };
        let root = uf.find(h0);
        if holders.iter().any(|&h| uf.find(h) != root) {
            continue;
        }
        for &b in strong
            .iter()
            .filter(|&&i| ps[i as usize].bare() == Some(acr.as_str()))
        {
            if uf.find(b) == root {
                continue;
            }
            if let Some((Tier::Certain, r)) = verify(&ps[h0 as usize], &ps[b as usize]) {
                uf.union(h0, b);
                edges.push((b, r));
            }
        }
    }
}

/// Possible pass: candidate pairs from every block, never within a
/// certain group, each pair of groups reported once and never chained.
/// Gathered a batch at a time (a long list has hundreds of thousands of
/// candidates, and few of them match), each batch verified while the next
/// is gathered: gathering is serial, and would leave the other cores idle.
fn possible_pairs(index: &Index, uf: &mut UnionFind, batch: usize) -> Possible {
    let ps = &index.profiles;
    let mut seen: HashSet<(u32, u32)> = HashSet::default();
    let mut members: Vec<(u32, u32, u8)> = Vec::new();
    let mut blocks = index.blocks();
    let mut batches = std::iter::from_fn(|| {
        let mut candidates: Vec<Candidate> = Vec::new();
        for block in blocks.by_ref() {
            block_candidates(block, uf, &mut members, &mut seen, &mut candidates);
            if candidates.len() >= batch {
                return Some(candidates);
            }
        }
        (!candidates.is_empty()).then_some(candidates)
    });
    let mut possible = Possible::default();
    let mut next = batches.next();
    while let Some(candidates) = next {
        // A short batch is the last: nothing to gather beside it.
        let (verdicts, after) = if candidates.len() < batch {
            (verify_all(ps, &candidates), None)
        } else {
            rayon::join(|| verify_all(ps, &candidates), || batches.next())
        };
        possible.take(&candidates, verdicts);
        next = after;
    }
    possible
}

/// The candidate pairs of one block not `seen` before, appended to
/// `candidates`; `members` is room for the block's members.
fn block_candidates(
    block: &[Entry],
    uf: &mut UnionFind,
    members: &mut Vec<(u32, u32, u8)>,
    seen: &mut HashSet<(u32, u32)>,
    candidates: &mut Vec<Candidate>,
) {
    if block.len() < 2 || block.len() > tag::cap(block[0].tag()) {
        return;
    }
    if !block.iter().any(|e| e.role() == STRONG) {
        return;
    }
    // One member per group and role: copies of one signer add no
    // pairs. Strong members first, so weak-with-weak pairs are
    // never visited.
    members.clear();
    for role in [STRONG, WEAK] {
        for e in block.iter().filter(|e| e.role() == role) {
            let r = uf.find(e.idx());
            if !members.iter().any(|&(_, mr, ro)| mr == r && ro == role) {
                members.push((e.idx(), r, role));
            }
        }
    }
    let strong = members.iter().take_while(|m| m.2 == STRONG).count();
    for x in 0..strong {
        for y in x + 1..members.len() {
            let (i, ri, _) = members[x];
            let (j, rj, _) = members[y];
            if ri == rj {
                continue;
            }
            let pair = (i.min(j), i.max(j));
            let groups = (ri.min(rj), ri.max(rj));
            if seen.insert(pair) {
                candidates.push((pair, groups));
            }
        }
    }
}

/// Certain groups with the reasons of the links that formed them.
fn certain_groups(uf: &mut UnionFind, edges: Vec<(u32, String)>, n: usize) -> Vec<DuplicateGroup> {
    let mut groups: HashMap<u32, Vec<usize>> = HashMap::default();
    for i in 0..n as u32 {
        let r = uf.find(i);
        if r != i || groups.contains_key(&r) {
            groups.entry(r).or_default().push(i as usize);
        }
    }
    let mut reasons: HashMap<u32, Vec<String>> = HashMap::default();
    for (i, r) in edges {
        let root = uf.find(i);
        let list = reasons.entry(root).or_default();
        if !list.contains(&r) {
            list.push(r);
        }
    }
    let mut findings = Vec::new();
    for (root, mut rest) in groups {
        rest.insert(0, root as usize);
        rest.sort_unstable();
        rest.dedup();
        let mut why = reasons.remove(&root).unwrap_or_default();
        let more = why.len().saturating_sub(3);
        why.truncate(3);
        let mut reason = why.join("; ");
        if more > 0 {
            reason.push_str(&format!("; and {more} more link(s)"));
        }
        findings.push(DuplicateGroup {
            members: rest,
            tier: Tier::Certain,
            reason,
        });
    }
    findings
}

/// Every certain group and possible pair in one statement's list.
pub fn find_duplicates(signatories: &[Signatory]) -> Vec<DuplicateGroup> {
    analyse(signatories).0
}

/// How many pairs the blocking index hands to the verifier: far below
/// n²/2 for any realistic list. For tests and benchmarks.
pub fn candidate_pairs(signatories: &[Signatory]) -> usize {
    analyse(signatories).1.candidate_pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::sample::{generated, sig};
    use crate::dedupe::verify::profile;

    #[test]
    fn verdicts_come_back_in_the_candidates_order() {
        let mut list = generated(600);
        for i in (0..600).step_by(3) {
            let name = list[i].name.to_uppercase();
            list.push(Signatory::new(name));
        }
        let ps = Profiles::new(vec![list.iter().map(profile).collect()]);
        let n = list.len() as u32;
        let candidates: Vec<Candidate> = (0..n)
            .flat_map(|i| (i + 1..n).step_by(7).map(move |j| ((i, j), (i, j))))
            .collect();
        let serial: Vec<(usize, Tier, String)> = candidates
            .iter()
            .enumerate()
            .filter_map(|(k, &((i, j), _))| {
                verify(&ps[i as usize], &ps[j as usize]).map(|(t, r)| (k, t, r))
            })
            .collect();
        assert!(serial.len() > 10);
        assert_eq!(verify_all(&ps, &candidates), serial);
    }

    #[test]
    fn verifying_in_batches_beside_the_gathering_changes_no_finding() {
        let mut list = generated(2000);
        for i in (0..list.len()).step_by(5) {
            let name = list[i].name.clone();
            list.push(Signatory::new(name.to_uppercase()));
            list.push(Signatory::new(name.replacen('e', "", 1)));
        }
        let whole = analyse_in_batches(Index::new(&list, Keep::Shared), usize::MAX);
        assert!(whole.1.candidate_pairs > 200, "{:?}", whole.1);
        assert!(!whole.0.is_empty());
        // Batches of every size, the last one short or full.
        for batch in [1, 7, 64, whole.1.candidate_pairs] {
            let batched = analyse_in_batches(Index::new(&list, Keep::Shared), batch);
            assert_eq!(batched, whole, "batches of {batch}");
        }
    }

    #[test]
    fn find_duplicates_groups_certain_and_pairs_possible_without_chaining() {
        let list: Vec<Signatory> = [
            "Lantern Society",                 // 0
            "Lantern Society Ltd",             // 1 certain with 0
            "LANTERN  SOCIETY.",               // 2 certain with 0
            "Lantern Society Network",         // 3 possible with the group
            "Lantern Society Network Ireland", // 4 a chapter: nothing
            "Lantern Societies Network",       // 5 typo of 3, possible with 3 only
        ]
        .iter()
        .map(|n| sig(n))
        .collect();
        let f = find_duplicates(&list);
        let certain: Vec<_> = f.iter().filter(|x| x.tier == Tier::Certain).collect();
        assert_eq!(certain.len(), 1);
        assert_eq!(certain[0].members, vec![0, 1, 2]);
        let possible: Vec<Vec<usize>> = f
            .iter()
            .filter(|x| x.tier == Tier::Possible)
            .map(|x| x.members.clone())
            .collect();
        assert!(
            possible
                .iter()
                .any(|m| m.contains(&3) && m.iter().any(|i| [0, 1, 2].contains(i)))
        );
        assert!(possible.iter().all(|m| !m.contains(&4)), "{possible:?}");
        assert!(possible.iter().all(|m| m.len() == 2));
        for x in &f {
            assert!(!x.reason.is_empty());
            assert!(x.members.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn clashing_stated_acronyms_do_not_chain_through_a_bare_one() {
        let mut a = sig("Court Watchers");
        a.acronym = Some("CWX".into());
        let mut b = sig("Canal Workers Exchange");
        b.acronym = Some("CWX".into());
        let list = vec![a, b, sig("CWX")];
        let f = find_duplicates(&list);
        assert!(f.iter().all(|x| x.tier == Tier::Possible), "{f:?}");
        assert!(!f.is_empty());
    }

    /// Timing, not run by default: `cargo test --release --lib -- --ignored --nocapture timing`.
    #[test]
    #[ignore]
    fn timing() {
        for n in [10_000, 100_000] {
            let list = generated(n);
            let t = std::time::Instant::now();
            let (f, stats) = analyse(&list);
            println!(
                "{n} signers: {:?}, {} findings, {} candidate pairs",
                t.elapsed(),
                f.len(),
                stats.candidate_pairs
            );
        }
    }
}
