//! Sharing a list out over the available cores, slice by slice, for profiles, keys and verdicts.

/// How a list of `n` entries is shared out: (cores, entries per slice).
/// Slices are small enough that every core gets several, so a costly stretch
/// of the list is shared; a short list takes one core, since starting a
/// thread costs more than a few hundred names.
pub(super) fn slicing(n: usize) -> (usize, usize) {
    let threads = crate::parallel::cores();
    if n < 512 || threads == 1 {
        return (1, n.max(1));
    }
    (threads, (n / (threads * 8)).clamp(64, 1024))
}

/// Runs `work` over slices of the list (each with its offset) on the
/// available cores, one result per core. Each core takes the next slice
/// not yet taken whenever it is free, so a core slowed by other work (the
/// machine is shared, or a stretch of names costs more) takes fewer: which
/// slices a core gets varies from run to run, and callers put results in
/// order by offset. Small lists take one core: starting threads would cost
/// more.
pub(super) fn in_parallel<'a, S: Sync, T: Send>(
    items: &'a [S],
    work: impl Fn(&mut dyn Iterator<Item = (usize, &'a [S])>) -> T + Sync,
) -> Vec<T> {
    let (threads, slice) = slicing(items.len());
    in_slices(items, threads, slice, work)
}

/// `in_parallel` with the cores and the slice length given.
pub(super) fn in_slices<'a, S: Sync, T: Send>(
    items: &'a [S],
    threads: usize,
    slice: usize,
    work: impl Fn(&mut dyn Iterator<Item = (usize, &'a [S])>) -> T + Sync,
) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let slice = slice.max(1);
    let next = AtomicUsize::new(0);
    let claims = || {
        std::iter::from_fn(|| {
            let start = next.fetch_add(1, Relaxed).checked_mul(slice)?;
            let end = start.checked_add(slice)?.min(items.len());
            (start < items.len()).then(|| (start, &items[start..end]))
        })
    };
    if threads == 1 {
        return vec![work(&mut claims())];
    }
    let (work, claims) = (&work, &claims);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| scope.spawn(move || work(&mut claims())))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("dedupe worker panicked"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slice_is_taken_once_whichever_core_takes_it() {
        let items: Vec<u32> = (0..10_000).collect();
        let parts = in_slices(&items, 3, 64, |slices| {
            slices.map(|(o, s)| (o, s.to_vec())).collect::<Vec<_>>()
        });
        assert_eq!(parts.len(), 3);
        let mut all: Vec<(usize, Vec<u32>)> = parts.into_iter().flatten().collect();
        all.sort_by_key(|p| p.0);
        assert!(all.iter().all(|(o, s)| s[0] as usize == *o));
        let joined: Vec<u32> = all.into_iter().flat_map(|p| p.1).collect();
        assert_eq!(joined, items);
    }
}
