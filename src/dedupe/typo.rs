//! The typo rules verification and blocking share: word lists, their difference, and when two words are one small typo apart.

/// A short list on the stack, spilling to the heap past `N` items: the
/// word lists of the verifier, made for every candidate pair, rarely hold
/// more than a dozen words, and allocating them cost more than comparing.
pub(super) type Few<T, const N: usize = 12> = smallvec::SmallVec<[T; N]>;

/// Word lists of one form against another's.
pub(super) type Words<'a> = Few<&'a str>;

/// Words only in one form, only in the other, and in both.
pub(super) type Diff<'a> = (Words<'a>, Words<'a>, Words<'a>);

/// Multiset difference of two word lists: (only in a, only in b, shared).
pub(super) fn diff<'a>(
    a: impl Iterator<Item = &'a str>,
    b: impl Iterator<Item = &'a str>,
) -> Diff<'a> {
    let mut rest_b: Few<Option<&str>> = b.map(Some).collect();
    let mut only_a = Few::new();
    let mut common = Few::new();
    for w in a {
        match rest_b.iter_mut().find(|x| **x == Some(w)) {
            Some(slot) => {
                *slot = None;
                common.push(w);
            }
            None => only_a.push(w),
        }
    }
    (only_a, rest_b.iter().flatten().copied().collect(), common)
}

/// How long two words must be for a typo of two edits.
pub(super) const TWO_EDITS: usize = 8;

/// Whether a word can be one side of a small typo: short words (3-letter
/// acronyms), numbers and native-script words never are. Blocking makes
/// typo keys only from such words, so this is the one place that says which.
pub(super) fn typo_eligible(w: &str) -> bool {
    w.len() >= 4 && w.bytes().all(|b| b.is_ascii() && !b.is_ascii_digit())
}

/// A small typo: OSA distance 1 between two words `typo_eligible`, or 2
/// when both have 8+ letters and the typo is `alone` in a name of three
/// words or more. Two misspelt words, or one in a name of one or two words,
/// are each one edit: the evidence is thinner, and one edit keeps a word's
/// first or last letter, which blocking relies on.
pub(super) fn typo_close(a: &str, b: &str, alone: bool) -> bool {
    let limit = if alone && a.len().min(b.len()) >= TWO_EDITS {
        2
    } else {
        1
    };
    // The cheap test first: most pairs of words differ in length.
    a.len().abs_diff(b.len()) <= limit
        && typo_eligible(a)
        && typo_eligible(b)
        && osa_within(a, b, limit)
}

/// Whether the OSA distance of two ASCII words is at most `limit`. A common
/// start and end change no distance, so only what lies between is measured:
/// for words one typo apart that is a letter or two, and the full table of
/// two long words is never built.
pub(super) fn osa_within(a: &str, b: &str, limit: usize) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let start = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let (x, y) = (&x[start..], &y[start..]);
    let end = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let (x, y) = (&x[..x.len() - end], &y[..y.len() - end]);
    // One edit (a swap at most) leaves two letters or fewer on either side,
    // the first and last of them differing.
    if limit == 1 && x.len().max(y.len()) > 2 {
        return false;
    }
    // Two edits can leave long middles (one at each end); letters one side
    // has more of than the other need an edit each, swaps keep them all.
    // Most pairs fail this count without the table being built.
    if bag_distance(x, y) > limit {
        return false;
    }
    // ASCII: every byte position is a character boundary.
    strsim::osa_distance(&a[start..a.len() - end], &b[start..b.len() - end]) <= limit
}

/// How many letters of two ASCII words are not matched by a letter of the
/// other, the larger of the two sides: a lower bound of their OSA distance.
pub(super) fn bag_distance(x: &[u8], y: &[u8]) -> usize {
    let mut counts = [0i16; 128];
    for &c in x {
        counts[usize::from(c & 0x7f)] += 1;
    }
    for &c in y {
        counts[usize::from(c & 0x7f)] -= 1;
    }
    let more: i16 = counts.iter().map(|&c| c.max(0)).sum();
    let fewer: i16 = counts.iter().map(|&c| (-c).max(0)).sum();
    usize::from(more.max(fewer).unsigned_abs())
}

/// How many words a name may have for two of them to be misspelt.
pub(super) const TWO_TYPOS: std::ops::RangeInclusive<usize> = 3..=8;

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The multiset difference of two word lists, whether they fit in
        /// their inline size or not.
        #[test]
        fn diff_splits_two_word_lists_into_only_a_only_b_and_shared(
            a in proptest::collection::vec("[a-d]", 0..30),
            b in proptest::collection::vec("[a-d]", 0..30),
        ) {
            let (only_a, only_b, common) = diff(a.iter().map(String::as_str), b.iter().map(String::as_str));
            proptest::prop_assert_eq!(only_a.len() + common.len(), a.len());
            proptest::prop_assert_eq!(only_b.len() + common.len(), b.len());
            let mut rest: Vec<&str> = b.iter().map(String::as_str).collect();
            for w in common.iter() {
                let at = rest.iter().position(|x| x == w);
                proptest::prop_assert!(at.is_some());
                rest.remove(at.unwrap_or_default());
            }
            proptest::prop_assert_eq!(&only_b[..], &rest[..]);
            proptest::prop_assert!(only_a.iter().all(|w| !only_b.contains(w)));
        }

        /// Measuring only what lies between a common start and end gives
        /// strsim's verdict on the whole words, swaps at the edges included.
        #[test]
        fn a_typo_measured_between_common_ends_is_the_whole_words_verdict(
            a in "[abc]{0,9}",
            edits in proptest::collection::vec((0u8..4, 0usize..10, "[abc]"), 0..3),
            limit in 1usize..=2,
        ) {
            // The other word is this one after a few edits, so that most
            // pairs are near the limit: substitutions, insertions,
            // deletions and swaps of neighbours, anywhere.
            let mut b: Vec<char> = a.chars().collect();
            for (op, at, c) in edits {
                let c = c.chars().next().unwrap_or('a');
                let at = at.min(b.len());
                match op {
                    0 if at < b.len() => b[at] = c,
                    1 => b.insert(at, c),
                    2 if at < b.len() => {
                        b.remove(at);
                    }
                    3 if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let b: String = b.into_iter().collect();
            proptest::prop_assert_eq!(
                osa_within(&a, &b, limit),
                strsim::osa_distance(&a, &b) <= limit,
                "{:?} / {:?}", a, b
            );
        }

        /// The letter count never says more than the distance, or it would
        /// turn typos away.
        #[test]
        fn the_letter_count_is_never_above_the_distance(a in "[a-e]{0,12}", b in "[a-e]{0,12}") {
            proptest::prop_assert!(
                bag_distance(a.as_bytes(), b.as_bytes()) <= strsim::osa_distance(&a, &b),
                "{:?} / {:?}", a, b
            );
        }
    }
}
