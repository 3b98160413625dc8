//! The blocking index: every entry's keys sorted into blocks, built over the available cores.

use super::keys::{STRONG, block_key, gated_keys, keys, tag};
use super::profile::{Profile, Want};
use super::seen::Seen;
use super::slices::{in_parallel, in_slices, slicing};
use crate::model::Signatory;
use std::borrow::Borrow;

/// One key of one entry, in twelve bytes: a long list's index holds
/// hundreds of thousands. The block key is the key's hash with its tag in
/// the low four bits (sixty bits of hash are plenty when every candidate is
/// verified); the entry's index carries its role in the low bit.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Entry {
    key: [u32; 2],
    who: u32,
}

impl Entry {
    pub(super) fn new(hash: u64, tag: u8, idx: u32, role: u8) -> Self {
        let key = block_key(hash, tag);
        Self {
            key: [(key >> 32) as u32, key as u32],
            who: (idx << 1) | u32::from(role & 1),
        }
    }

    /// Equal for two entries of one block.
    pub(super) fn key(&self) -> u64 {
        (u64::from(self.key[0]) << 32) | u64::from(self.key[1])
    }

    pub(super) fn tag(&self) -> u8 {
        (self.key[1] & 0xF) as u8
    }

    pub(super) fn idx(&self) -> u32 {
        self.who >> 1
    }

    pub(super) fn role(&self) -> u8 {
        (self.who & 1) as u8
    }

    /// Which of the `BUCKETS` lists the entry is sorted in: the top bits of
    /// its block key, so the lists follow the order of their keys.
    pub(super) fn bucket(&self) -> usize {
        (self.key[0] >> 24) as usize
    }

    /// Block, then entry, then role, in one integer: one comparison when
    /// sorting and merging.
    pub(super) fn packed(&self) -> u128 {
        (u128::from(self.key()) << 32) | u128::from(self.who)
    }
}

/// How many lists entries are sorted in (see `Index::new`).
pub(super) const BUCKETS: usize = 256;

/// The profiles of a list and its blocking entries, sorted so that each
/// block is one run.
pub(super) struct Index {
    pub(super) profiles: Profiles,
    /// The entries in order, in pieces made on different cores; no block
    /// spans two.
    segments: Vec<Vec<Entry>>,
}

/// The profiles of a list in the slices they were built in, in list order:
/// all slices but the last have one length, so entry `i` is found without
/// copying the slices into one vector.
pub(super) struct Profiles {
    slices: Vec<Vec<Profile>>,
    slice: usize,
}

impl Profiles {
    pub(super) fn new(slices: Vec<Vec<Profile>>) -> Self {
        let slice = slices.first().map_or(1, |s| s.len().max(1));
        debug_assert!(slices.iter().rev().skip(1).all(|s| s.len() == slice));
        Self { slices, slice }
    }

    pub(super) fn len(&self) -> usize {
        self.slices.iter().map(Vec::len).sum()
    }
}

impl std::ops::Index<usize> for Profiles {
    type Output = Profile;

    fn index(&self, i: usize) -> &Profile {
        &self.slices[i / self.slice][i % self.slice]
    }
}

/// Gates an entry marks, for sizing `Seen`: about 17 for a generated name,
/// so that few gates seen once read as seen twice.
pub(super) const KEYS_PER_ENTRY: usize = 32;

/// Which blocks an index keeps: only blocks of two or more entries, as most
/// keys are held by one entry alone, and the index is the biggest thing a
/// long list's check holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Those comparing a list with itself reads (see `shared_blocks`).
    Shared,
    /// Those joining an entry from this position on to an entry before it,
    /// whatever their size: when entries are taken in one at a time,
    /// whether a capped block is too big depends on which were taken.
    Joining(u32),
}

impl Keep {
    /// Whether a block (entries sorted, repeats dropped) is kept.
    fn keeps(self, block: &[Entry]) -> bool {
        let (Some(first), Some(last)) = (block.first(), block.last()) else {
            return false;
        };
        if !block.iter().any(|e| e.role() == STRONG) {
            return false;
        }
        match self {
            Keep::Shared => block.len() >= 2 && block.len() <= tag::cap(first.tag()),
            Keep::Joining(from) => last.idx() >= from && first.idx() < last.idx(),
        }
    }
}

impl Index {
    pub(super) fn new<S: Borrow<Signatory> + Sync>(signatories: &[S], keep: Keep) -> Self {
        Self::build(signatories, keep, true)
    }

    /// `new`, with the `Seen` filter on or off (tests hold the two equal).
    fn build<S: Borrow<Signatory> + Sync>(signatories: &[S], keep: Keep, filter: bool) -> Self {
        // Pass 1: the profiles, and (with the filter) every gate marked in
        // `seen`.
        let mut seen = filter.then(|| Seen::new(signatories.len() * KEYS_PER_ENTRY));
        let profiles = profiles_marking(signatories, seen.as_mut());
        // Pass 2: the keys again (cheap next to the profiles), each core's
        // entries sorted; with the filter, only those whose gate `seen`
        // marked twice.
        let parts = sorted_entries(&profiles, signatories.len(), seen.as_ref());
        drop(seen);
        let segments = merged_segments(parts, keep);
        Self { profiles, segments }
    }

    /// Drops the profiles over the available cores: freeing a long list's
    /// profiles is a noticeable serial tail.
    pub(super) fn drop_in_parallel(self) {
        let Self { profiles, segments } = self;
        drop(segments);
        let threads = crate::parallel::cores();
        let mut slices = profiles.slices;
        if slices.len() < 4 || threads == 1 {
            return;
        }
        let tail = slices.split_off(slices.len() / 2);
        std::thread::scope(|scope| {
            scope.spawn(move || drop(tail));
            drop(slices);
        });
    }

    /// The blocks, each a run of entries with one key.
    pub(super) fn blocks(&self) -> impl Iterator<Item = &[Entry]> {
        self.segments
            .iter()
            .flat_map(|s| s.chunk_by(|a, b| a.key() == b.key()))
    }
}

/// Pass 1 of `Index::build`: every entry's profile, and with `seen` the
/// gates of its keys marked, no key made.
fn profiles_marking<S: Borrow<Signatory> + Sync>(
    signatories: &[S],
    seen: Option<&mut Seen>,
) -> Profiles {
    // Profiles and keys are independent per entry: split big lists over
    // the available cores (the normalisation is most of the cost). Each
    // core takes every n-th slice rather than one contiguous part: a
    // sorted list puts the costlier non-Latin names together at its end.
    // The exact key serves only `distinct_from`: a list with no
    // reviewed pair needs none.
    let exact = signatories
        .iter()
        .any(|s| !s.borrow().rare.distinct_from.is_empty());
    let build = |s: &S| Profile::of(s.borrow(), Want { label: true, exact });
    let marking = seen.map(Seen::marking);
    let parts = in_parallel(signatories, |slices| {
        let mut buf = Vec::new();
        // Marks still pending are made when the marker is dropped, as
        // this core finishes.
        let mut marker = marking.as_ref().map(|m| m.marker());
        slices
            .map(|(offset, sigs)| {
                let profiles: Vec<Profile> = sigs.iter().map(build).collect();
                if let Some(marker) = &mut marker {
                    // Only the gates are marked: no key is made.
                    for p in &profiles {
                        gated_keys(p, &mut buf, &mut |g| {
                            marker.mark(g);
                            false
                        });
                    }
                }
                (offset, profiles)
            })
            .collect::<Vec<_>>()
    });
    // The slices back in list order, by where each starts.
    let mut slices: Vec<(usize, Vec<Profile>)> = parts.into_iter().flatten().collect();
    slices.sort_unstable_by_key(|(offset, _)| *offset);
    let profiles = Profiles::new(slices.into_iter().map(|(_, p)| p).collect());
    drop(marking);
    profiles
}

/// Pass 2 of `Index::build`: each core's entries in `BUCKETS` sorted
/// lists; with `seen`, only the keys whose gate it marked twice.
fn sorted_entries(profiles: &Profiles, n: usize, seen: Option<&Seen>) -> Vec<Vec<Vec<Entry>>> {
    // One built slice at a time, dealt out to as many cores as pass 1 used.
    let slice = profiles.slice;
    let (threads, _) = slicing(n);
    in_slices(&profiles.slices, threads, 1, |groups| {
        // Entries go to one of `BUCKETS` lists by the top bits of their
        // block key, each sorted apart: the same order as one sort of
        // them all, at a fraction of the comparisons, in lists small
        // enough to stay in cache.
        let mut buckets: Vec<Vec<Entry>> = (0..BUCKETS).map(|_| Vec::new()).collect();
        let mut buf = Vec::new();
        let slices = groups.flat_map(|(first, group)| {
            group
                .iter()
                .enumerate()
                .map(move |(k, ps)| ((first + k) * slice, ps))
        });
        for (offset, ps) in slices {
            for (i, p) in ps.iter().enumerate() {
                // Repeats of one entry's key are dropped once all are
                // sorted, which costs less than sorting each entry's keys.
                buf.clear();
                match seen {
                    Some(seen) => gated_keys(p, &mut buf, &mut |g| seen.twice(g)),
                    None => keys(p, &mut buf),
                }
                let idx = (offset + i) as u32;
                for &(hash, tag, role) in &buf {
                    let e = Entry::new(hash, tag, idx, role);
                    buckets[e.bucket()].push(e);
                }
            }
        }
        for b in &mut buckets {
            sort_entries(b);
        }
        buckets
    })
}

/// Each core's sorted buckets merged into the index's segments, keeping
/// the blocks `keep` keeps.
fn merged_segments(parts: Vec<Vec<Vec<Entry>>>, keep: Keep) -> Vec<Vec<Entry>> {
    // A block lies in one bucket, and buckets follow the order of their
    // keys: bucket by bucket, each worker's sorted entries are merged
    // and the merged bucket kept, freeing each as it goes.
    let mut parts: Vec<std::vec::IntoIter<Vec<Entry>>> =
        parts.into_iter().map(Vec::into_iter).collect();
    let by_bucket: Vec<std::sync::Mutex<Vec<Vec<Entry>>>> = (0..BUCKETS)
        .map(|_| std::sync::Mutex::new(parts.iter_mut().filter_map(Iterator::next).collect()))
        .collect();
    // A short list's few entries take one core: starting threads would
    // cost more.
    let total: usize = by_bucket
        .iter()
        .map(|m| m.lock().map_or(0, |runs| runs.iter().map(Vec::len).sum()))
        .sum();
    shared_segments(&by_bucket, keep, total >= 1 << 15)
}

/// Merges two sorted vectors into one sorted vector.
/// Sorts entries by (hash, tag, idx, role). Sorting on the hash alone
/// compares one integer instead of building a 128-bit key per comparison;
/// entries that share a hash (a block, or rarely a collision) are few and
/// are then put in full order among themselves.
pub(super) fn sort_entries(entries: &mut [Entry]) {
    entries.sort_unstable_by_key(Entry::key);
    for run in entries.chunk_by_mut(|a, b| a.key() == b.key()) {
        if run.len() > 1 {
            run.sort_unstable_by_key(Entry::packed);
        }
    }
}

/// `shared_blocks` of every bucket, each bucket's runs taken (and freed) as
/// it is read. Buckets are independent: with `parallel`, a piece of them on
/// each core, each piece's blocks one segment of the index.
pub(super) fn shared_segments(
    by_bucket: &[std::sync::Mutex<Vec<Vec<Entry>>>],
    keep: Keep,
    parallel: bool,
) -> Vec<Vec<Entry>> {
    let min_buckets = if parallel { 0 } else { usize::MAX };
    crate::parallel::in_pieces(by_bucket.len(), min_buckets, |range| {
        let mut entries = Vec::new();
        for b in range {
            let runs = std::mem::take(&mut *by_bucket[b].lock().unwrap_or_else(|e| e.into_inner()));
            shared_blocks(runs, keep, &mut entries);
        }
        entries.shrink_to_fit();
        entries
    })
}

/// The sorted runs merged, and the blocks `keep` keeps appended to `out`.
/// One pass, no copy of the rest.
pub(super) fn shared_blocks(runs: Vec<Vec<Entry>>, keep: Keep, out: &mut Vec<Entry>) {
    let mut pos = vec![0usize; runs.len()];
    let mut block: Vec<Entry> = Vec::new();
    loop {
        // The run whose head sorts first (runs are few: one per core).
        let mut next: Option<(usize, Entry)> = None;
        for (r, run) in runs.iter().enumerate() {
            if let Some(&e) = run.get(pos[r])
                && next.is_none_or(|(_, n)| e.packed() < n.packed())
            {
                next = Some((r, e));
            }
        }
        let same_block = |a: &Entry, b: &Entry| a.key() == b.key();
        let ends_block = match (&next, block.first()) {
            (Some((_, e)), Some(first)) => !same_block(e, first),
            (None, _) => true,
            (Some(_), None) => false,
        };
        if ends_block {
            if keep.keeps(&block) {
                out.extend_from_slice(&block);
            }
            block.clear();
        }
        let Some((r, e)) = next else { break };
        // One entry's repeated key counts once.
        if block.last() != Some(&e) {
            block.push(e);
        }
        pos[r] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::groups::analyse_index;
    use crate::dedupe::keys::mix;
    use crate::dedupe::sample::generated;

    #[test]
    fn shared_blocks_found_bucket_by_bucket_on_several_cores_are_those_found_on_one() {
        // Two cores' sorted runs per bucket, of keys shared by a few
        // entries, some of them weak only, some held by one entry alone.
        let runs = || -> Vec<std::sync::Mutex<Vec<Vec<Entry>>>> {
            let mut by_bucket: Vec<Vec<Vec<Entry>>> = vec![vec![Vec::new(), Vec::new()]; BUCKETS];
            for k in 0..20_000u64 {
                let hash = mix(k / 3);
                let e = Entry::new(hash, tag::SORTED, k as u32, (k % 5 == 0) as u8);
                by_bucket[e.bucket()][(k % 2) as usize].push(e);
            }
            by_bucket
                .into_iter()
                .map(|mut r| {
                    r.iter_mut().for_each(|run| sort_entries(run));
                    std::sync::Mutex::new(r)
                })
                .collect()
        };
        let one = shared_segments(&runs(), Keep::Shared, false);
        let several = shared_segments(&runs(), Keep::Shared, true);
        assert_eq!(one.len(), 1);
        assert_eq!(several.len(), crate::parallel::cores().min(BUCKETS));
        assert!(!one[0].is_empty());
        assert!(several.concat() == one[0]);
    }

    #[test]
    fn filtering_single_keys_out_changes_no_finding() {
        // Generated names, and near copies of some: reordered, shouted,
        // misspelt once and in two words. The typo keys pass the filter
        // through a gate of their own.
        let mut list = generated(3000);
        for i in (0..list.len()).step_by(7) {
            let name = list[i].name.clone();
            let mut words: Vec<&str> = name.split(' ').collect();
            words.rotate_left(1);
            list.push(Signatory::new(words.join(" ")));
            list.push(Signatory::new(name.to_uppercase()));
            list.push(Signatory::new(name.replacen('e', "", 1)));
            // The second letter of the first two long Latin words replaced.
            let mut misspelt = 0;
            let twice: Vec<String> = name
                .split(' ')
                .map(|w| {
                    if misspelt == 2 || w.len() < 6 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return w.to_string();
                    }
                    misspelt += 1;
                    format!("{}x{}", &w[..1], &w[2..])
                })
                .collect();
            list.push(Signatory::new(twice.join(" ")));
            // One word that can be misspelt: only the keys on all words
            // but one bring these together.
            list.push(Signatory::new(format!("Meadows Bay {i}")));
            list.push(Signatory::new(format!("Meadwos Bay {i}")));
        }
        let filtered = analyse_index(Index::build(&list, Keep::Shared, true));
        let unfiltered = analyse_index(Index::build(&list, Keep::Shared, false));
        assert!(!filtered.0.is_empty());
        assert_eq!(filtered, unfiltered);
    }
}
