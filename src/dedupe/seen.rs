//! Which blocking keys a long list holds more than once, found by every core at once without holding the keys.

use std::sync::Mutex;

/// The filter is cut into shards by the top bits of a key's hash. A core
/// gathers the keys of each shard and marks them a batch at a time under
/// that shard's lock: one lock per batch instead of one atomic step per key
/// (an atomic step on a word that is not in cache stalls the core until it
/// is), and a batch lands in a region small enough to stay in cache.
const SHARD_BITS: u32 = 6;
const SHARDS: usize = 1 << SHARD_BITS;
const BATCH: usize = 256;

/// The two slots of a key, each two bits (seen, seen again) of one 64-bit
/// word, from separate bits of its hash: the "seen" bits' mask.
fn slots(h: u64) -> u64 {
    let (a, b) = ((h >> 40) % 32, (h >> 48) % 32);
    (1 << (2 * a)) | (1 << (2 * b))
}

fn shard(h: u64) -> usize {
    (h >> (64 - SHARD_BITS)) as usize
}

/// Which keys were seen more than once, about: a key held twice always
/// shows as such; a key held once may too, when other keys share both its
/// slots, which only lets through an entry that the exact count then drops.
/// With about four slots per key, a tenth of single keys get through, and a
/// long list never holds the millions of keys that no other entry has. Two
/// slots let the filter be half the size one slot would need for the same
/// share. Keys are given as well-mixed 64-bit hashes.
pub(super) struct Seen {
    /// One allocation, shard after shard: one block the allocator gives
    /// back whole, not dozens that linger in its heap.
    words: Box<[u64]>,
    /// Words per shard, less one (a power of two).
    mask: u64,
}

/// A `Seen` being marked: each core marks through a `Marker` of its own.
pub(super) struct Marking<'a> {
    shards: Vec<Mutex<&'a mut [u64]>>,
    mask: u64,
}

/// One core's keys not yet marked, by shard.
pub(super) struct Marker<'m, 'a> {
    marking: &'m Marking<'a>,
    pending: Vec<Vec<u64>>,
}

impl Seen {
    /// An empty filter for about `keys` keys.
    pub fn new(keys: usize) -> Self {
        let slots = (keys.max(1) * 4).next_power_of_two().max(1 << 12);
        let per_shard = (slots / 32 / SHARDS).max(1);
        Self {
            words: vec![0u64; per_shard * SHARDS].into_boxed_slice(),
            mask: per_shard as u64 - 1,
        }
    }

    /// Marking the filter, shard by shard; the marks are made when every
    /// marker is gone (each marks what it holds when dropped).
    pub fn marking(&mut self) -> Marking<'_> {
        let per_shard = self.mask as usize + 1;
        Marking {
            shards: self.words.chunks_mut(per_shard).map(Mutex::new).collect(),
            mask: self.mask,
        }
    }

    /// Where a key's word lies.
    fn at(&self, h: u64) -> usize {
        (shard(h) << self.mask.count_ones()) | (h & self.mask) as usize
    }

    /// Whether a key was seen twice.
    pub fn twice(&self, h: u64) -> bool {
        let again = slots(h) << 1;
        self.words[self.at(h)] & again == again
    }
}

impl<'a> Marking<'a> {
    pub fn marker(&self) -> Marker<'_, 'a> {
        Marker {
            marking: self,
            pending: (0..SHARDS).map(|_| Vec::new()).collect(),
        }
    }
}

impl Marker<'_, '_> {
    pub fn mark(&mut self, h: u64) {
        let s = shard(h);
        self.pending[s].push(h);
        if self.pending[s].len() >= BATCH {
            self.flush(s);
        }
    }

    fn flush(&mut self, s: usize) {
        let pending = &mut self.pending[s];
        if pending.is_empty() {
            return;
        }
        // A panicking marker cannot leave a word half-marked (each mark is
        // one store), so a poisoned lock's words are still good.
        let mut words = self.marking.shards[s]
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        for h in pending.drain(..) {
            let word = &mut words[(h & self.marking.mask) as usize];
            let seen = slots(h);
            // Each slot already seen is seen again.
            let before = *word & seen;
            *word |= seen | (before << 1);
        }
    }
}

impl Drop for Marker<'_, '_> {
    fn drop(&mut self) {
        for s in 0..SHARDS {
            self.flush(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// splitmix64's finaliser: distinct inputs, well-mixed outputs.
    fn mixed(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn a_key_marked_twice_reads_twice_whichever_cores_mark_it() {
        let keys: Vec<u64> = (0..20_000u64).map(mixed).collect();
        // Twice by two cores at once, and twice by one core.
        let mut seen = Seen::new(2 * keys.len());
        let marking = seen.marking();
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    let mut m = marking.marker();
                    keys[..10_000].iter().for_each(|&k| m.mark(k));
                });
            }
            s.spawn(|| {
                let mut m = marking.marker();
                keys[10_000..].iter().for_each(|&k| m.mark(k));
                keys[10_000..].iter().for_each(|&k| m.mark(k));
            });
        });
        drop(marking);
        assert!(keys.iter().all(|&k| seen.twice(k)));
        // Marked once, a key reads twice only when another shares its slots.
        let mut once = Seen::new(keys.len());
        {
            let marking = once.marking();
            let mut m = marking.marker();
            keys.iter().for_each(|&k| m.mark(k));
        }
        let through = keys.iter().filter(|&&k| once.twice(k)).count();
        assert!(through > 0);
        assert!(
            through < keys.len() / 10,
            "{through} single keys read as twice"
        );
    }

    #[test]
    fn marks_still_pending_when_a_marker_is_dropped_are_kept() {
        // Fewer keys than a batch: nothing is marked until the drop.
        let mut seen = Seen::new(16);
        {
            let marking = seen.marking();
            let mut m = marking.marker();
            for k in [mixed(1), mixed(2), mixed(1)] {
                m.mark(k);
            }
        }
        assert!(seen.twice(mixed(1)));
    }
}
