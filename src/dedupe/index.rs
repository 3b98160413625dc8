//! The blocking index: every entry's keys sorted into blocks, built over the available cores.

use super::keys::{STRONG, block_key, gated_keys, keys, tag};
use super::profile::{Profile, Want};
use super::seen::Seen;
use crate::model::Signatory;
use rayon::prelude::*;
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
        let parts = sorted_entries(&profiles, seen.as_ref());
        drop(seen);
        let segments = merged_segments(parts, keep);
        Self { profiles, segments }
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
    // Profiles and keys are independent per entry: big lists are cut into
    // slices that the cores share (the normalisation is most of the cost).
    // Many small slices rather than one part per core: a sorted list puts
    // the costlier non-Latin names together at its end, and a core that
    // finishes early takes slices from one still busy.
    // The exact key serves only `distinct_from`: a list with no
    // reviewed pair needs none.
    let exact = signatories
        .iter()
        .any(|s| !s.borrow().rare.distinct_from.is_empty());
    let build = |s: &S| Profile::of(s.borrow(), Want { label: true, exact });
    let marking = seen.map(Seen::marking);
    let slices: Vec<Vec<Profile>> = signatories
        .par_chunks(slice_len(signatories.len()))
        .map_init(
            // Each worker marks through a marker of its own; marks still
            // pending are made when it is dropped.
            || (Vec::new(), marking.as_ref().map(|m| m.marker())),
            |(buf, marker), sigs| {
                let profiles: Vec<Profile> = sigs.iter().map(build).collect();
                if let Some(marker) = marker {
                    // Only the gates are marked: no key is made.
                    for p in &profiles {
                        gated_keys(p, buf, &mut |g| {
                            marker.mark(g);
                            false
                        });
                    }
                }
                profiles
            },
        )
        .collect();
    let profiles = Profiles::new(slices);
    drop(marking);
    profiles
}

/// How many entries a slice of a list shared over the cores holds: small enough that every core
/// gets several, so a costly stretch of the list is shared; a short list is
/// one slice, since sharing costs more than a few hundred names.
pub(super) fn slice_len(n: usize) -> usize {
    let threads = rayon::current_num_threads();
    if n < 512 || threads == 1 {
        return n.max(1);
    }
    (n / (threads * 8)).clamp(64, 1024)
}

/// Pass 2 of `Index::build`: the entries in `BUCKETS` sorted lists per
/// worker; with `seen`, only the keys whose gate it marked twice.
fn sorted_entries(profiles: &Profiles, seen: Option<&Seen>) -> Vec<Vec<Vec<Entry>>> {
    let slice = profiles.slice;
    // Entries go to one of `BUCKETS` lists by the top bits of their block
    // key, each sorted apart: the same order as one sort of them all, at a
    // fraction of the comparisons, in lists small enough to stay in cache.
    // One piece per worker (left to itself, rayon cuts a list into dozens
    // of pieces, and the merge reads every piece's run of every list).
    let empty = || -> Vec<Vec<Entry>> { (0..BUCKETS).map(|_| Vec::new()).collect() };
    profiles
        .slices
        .par_iter()
        .enumerate()
        .with_min_len(profiles.slices.len().div_ceil(rayon::current_num_threads()))
        .fold(
            || (empty(), Vec::new()),
            |(mut buckets, mut buf), (k, ps)| {
                for (i, p) in ps.iter().enumerate() {
                    // Repeats of one entry's key are dropped once all are
                    // sorted, which costs less than sorting each entry's keys.
                    buf.clear();
                    match seen {
                        Some(seen) => gated_keys(p, &mut buf, &mut |g| seen.twice(g)),
                        None => keys(p, &mut buf),
                    }
                    let idx = (k * slice + i) as u32;
                    for &(hash, tag, role) in &buf {
                        let e = Entry::new(hash, tag, idx, role);
                        buckets[e.bucket()].push(e);
                    }
                }
                (buckets, buf)
            },
        )
        .map(|(mut buckets, _)| {
            for b in &mut buckets {
                sort_entries(b);
            }
            buckets
        })
        .collect()
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
    // A short list's few entries take one core: sharing them would cost
    // more.
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
/// it is read. Buckets are independent: with `parallel`, a piece of them per
/// worker, each piece's blocks one segment of the index.
pub(super) fn shared_segments(
    by_bucket: &[std::sync::Mutex<Vec<Vec<Entry>>>],
    keep: Keep,
    parallel: bool,
) -> Vec<Vec<Entry>> {
    let piece = |buckets: std::ops::Range<usize>| {
        let mut entries = Vec::new();
        for b in buckets {
            let runs = std::mem::take(&mut *by_bucket[b].lock().unwrap_or_else(|e| e.into_inner()));
            shared_blocks(runs, keep, &mut entries);
        }
        entries.shrink_to_fit();
        entries
    };
    let n = by_bucket.len();
    let pieces = if parallel {
        rayon::current_num_threads().min(n)
    } else {
        1
    };
    if pieces <= 1 {
        return vec![piece(0..n)];
    }
    (0..pieces)
        .into_par_iter()
        .map(|p| piece(p * n / pieces..(p + 1) * n / pieces))
        .collect()
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
        assert_eq!(several.len(), rayon::current_num_threads().min(BUCKETS));
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

    #[test]
    fn the_groups_and_a_new_signers_matches_are_the_same_on_any_number_of_workers() {
        // Long enough to be cut into slices, with copies far from their
        // originals, so a slice's entries numbered wrongly would show.
        let mut list = generated(6000);
        for i in (0..list.len()).step_by(13) {
            list.push(Signatory::new(list[i].name.to_uppercase()));
        }
        let probe = Signatory::new(list[4321].name.replacen('e', "", 1));
        let on = |workers: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(workers);
            pool.build().unwrap().install(|| {
                let groups = analyse_index(Index::new(&list, Keep::Shared)).0;
                (groups, crate::dedupe::incremental::match_new(&list, &probe))
            })
        };
        let one = on(1);
        assert!(!one.0.is_empty());
        assert!(one.1.iter().any(|m| m.0 == 4321), "{:?}", one.1);
        for workers in [2, 3, 8] {
            assert!(on(workers) == one, "{workers} workers");
        }
    }
}
