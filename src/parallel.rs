//! Ordered work over the cores: a list cut into contiguous pieces, one per core, the results in the list's order.

use std::ops::Range;

/// How many cores this process may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` on contiguous pieces of `0..len`, one per core, the results in
/// order. Below `min_len` (or on one core) it is one piece on this thread:
/// starting threads would cost more than the work.
pub fn in_pieces<R: Send>(
    len: usize,
    min_len: usize,
    work: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let cores = cores();
    if len < min_len || cores == 1 || len < 2 {
        return vec![work(0..len)];
    }
    let piece = len.div_ceil(cores);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..len)
            .step_by(piece)
            .map(|start| scope.spawn(move || work(start..(start + piece).min(len))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}

/// The pieces' results in one vector, each moved once. `concat` would
/// clone them: a long list's findings or sort keys own strings.
pub fn joined<T>(pieces: Vec<Vec<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for mut piece in pieces {
        out.append(&mut piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_list_once_in_order() {
        for (len, min_len) in [(0, 0), (1, 0), (7, 0), (10_001, 0), (100, 1000)] {
            let pieces = in_pieces(len, min_len, |r| r);
            assert!(pieces.len() <= cores().max(1));
            let joined: Vec<usize> = pieces.into_iter().flatten().collect();
            assert_eq!(joined, (0..len).collect::<Vec<_>>(), "{len}");
        }
    }

    #[test]
    fn joined_pieces_keep_their_order_and_fill_their_vector_exactly() {
        let pieces = vec![vec!["a".to_string()], vec![], vec!["b".into(), "c".into()]];
        let all = super::joined(pieces);
        assert_eq!(all, ["a", "b", "c"]);
        assert_eq!(all.capacity(), 3);
    }
}
