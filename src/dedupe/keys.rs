//! Blocking keys: the hashed keys of a profile, grouped in families, that bring together the pairs worth verifying.

use super::Fnv;
use super::normalize::{WordKind, tables};
use super::profile::{Form, Profile};
use super::typo::{Few, TWO_EDITS, TWO_TYPOS, typo_eligible};

/// Key families. Certain keys feed union-find; capped ones are skipped when a
/// block is huge (one common word), which keeps the work near-linear.
/// Each fits in four bits (see `Entry`).
pub(super) mod tag {
    pub const KEY: u8 = 0;
    pub const COMPACT: u8 = 1;
    pub const REGISTRY: u8 = 2;
    pub const SORTED: u8 = 3;
    pub const NONGENERIC: u8 = 4;
    pub const MINUS_ONE: u8 = 5;
    pub const MINUS_TWO: u8 = 6;
    pub const TYPO: u8 = 7;
    pub const ACRONYM: u8 = 8;
    pub const WEBSITE: u8 = 9;
    pub const SKELETON: u8 = 10;
    pub const TRANSLIT: u8 = 11;
    /// A person's whole words and initials (see `person::name_keys`).
    pub const PERSON: u8 = 12;
    /// A person's given name: a one-word name meets the longer names
    /// starting with it.
    pub const GIVEN: u8 = 13;

    pub fn capped(t: u8) -> bool {
        matches!(
            t,
            MINUS_ONE | MINUS_TWO | TYPO | NONGENERIC | PERSON | GIVEN
        )
    }

    /// How many entries a block of this family may hold and still be
    /// expanded into pairs. A given name alone shared by more than a few
    /// people ("Romain" among thirty Romains) tells a reader nothing.
    pub fn cap(t: u8) -> usize {
        match t {
            GIVEN => 8,
            t if capped(t) => super::BLOCK_CAP,
            _ => usize::MAX,
        }
    }
}

/// Blocks larger than this on a capped key are not expanded into pairs.
pub(super) const BLOCK_CAP: usize = 32;

/// Strong members pair with everyone in a block; weak ones (derived
/// initials) only with strong ones, so two names with equal initials are
/// never compared for that reason.
pub(super) const STRONG: u8 = 0;
pub(super) const WEAK: u8 = 1;

/// The block a key of some tag belongs to (see `Entry`).
pub(super) fn block_key(hash: u64, tag: u8) -> u64 {
    (hash & !0xF) | u64::from(tag & 0xF)
}

/// A key as the `Seen` filter takes it: the block key decides, so two keys
/// of one block share their slots.
pub(super) fn seen_key(hash: u64, tag: u8) -> u64 {
    mix(block_key(hash, tag))
}

/// FNV-1a: fast and good enough; every candidate is verified anyway.
pub(super) fn hash(tag: u8, s: &str) -> u64 {
    Fnv::new(tag).feed(s).0
}

/// A strong 64-bit finaliser (splitmix64). Keys on a multiset of words are
/// sums of their words' mixed hashes: equal multisets give equal sums
/// whatever the order, and "all words but one" is the sum less that word,
/// so a name's dozens of such keys cost an addition each, not a string each.
/// Raw FNV values would not do: their sums collide on related words.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A sum of word hashes (or any value) as the key of one family.
pub(super) fn family(tag: u8, sum: u64) -> u64 {
    mix(sum ^ u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// One word of a form for the multiset keys: its hash, its kind, and for
/// the typo keys whether it can be misspelt and where it lies in the key.
pub(super) struct WordHash {
    h: u64,
    kind: WordKind,
    /// Whether the word can be misspelt, and can be by two edits.
    typo: bool,
    long: bool,
    at: std::ops::Range<usize>,
}

impl WordHash {
    /// `word_ends` of the word, made only for the few words whose typo keys
    /// pass their gate.
    fn ends(&self, key: &str) -> ([u64; 4], u8) {
        word_ends(&key.as_bytes()[self.at.clone()])
    }
}

/// The ends of a word that can be misspelt (ASCII, four letters or more),
/// of which any one edit leaves one whole: its first and its last `k`
/// letters, for the longest `k` (up to three) with `2k + 1` letters or
/// fewer in the word, since a transposition in a shorter word's middle
/// can change both. Each end is salted apart from words and marked by
/// which end and how long. A word also has the ends of a word one letter
/// shorter, so a word and a variant one letter longer always share a
/// kind. Longer ends make smaller blocks where many names share all their
/// other words ("Comité de vigilance citoyenne X" for hundreds of X).
pub(super) fn word_ends(w: &[u8]) -> ([u64; 4], u8) {
    let longest = |len: usize| (len.saturating_sub(1) / 2).clamp(1, 3);
    let (mut out, mut n) = ([0; 4], 0);
    let l = w.len();
    for k in [longest(l), longest(l - 1)] {
        if n > 0 && k == longest(l) {
            break;
        }
        for (last, letters) in [(0, &w[..k]), (1, &w[l - k..])] {
            let letters = letters.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
            out[n] = salted(SALT_LETTERS, (letters << 8) | ((k as u64) << 1) | last);
            n += 1;
        }
    }
    (out, n as u8)
}

/// A value in a space of its own, added to a sum of word hashes: a
/// misspelt word's variant must not equal a word ("rest A, variant B" is
/// not "rest B, variant A"), nor a pair of letters a word.
pub(super) fn salted(salt: u64, x: u64) -> u64 {
    mix(x ^ salt)
}

pub(super) const SALT_VARIANT: u64 = 0x5851_f42d_4c95_7f2d;
pub(super) const SALT_LETTERS: u64 = 0x1405_7b7e_f767_814f;

/// Every blocking key of a profile: (hash, tag, role). Keys may repeat;
/// callers that count block sizes drop repeats first.
pub(super) fn keys(p: &Profile, out: &mut Vec<(u64, u8, u8)>) {
    gated_keys(p, out, &mut |_| true);
}

/// The keys of a profile that `gate` lets through. Each key has a gate, a
/// 64-bit value `gate` is asked about once per entry: most keys are their
/// own gate (`seen_key`), but the many typo keys on all words but one or
/// two share the gate of those words' sum (see `keys_with`). Two entries
/// that share a key share its gate, so refusing the gates seen only once
/// drops no shared key. `gate` may refuse all and only count what it is
/// asked.
pub(super) fn gated_keys(
    p: &Profile,
    out: &mut Vec<(u64, u8, u8)>,
    gate: &mut dyn FnMut(u64) -> bool,
) {
    // The word list is kept from call to call: keys are made twice for
    // every entry of a long list.
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<WordHash>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    WORDS.with(|words| keys_with(p, out, &mut words.borrow_mut(), gate));
}

/// Keys as `keys_with` makes them: (hash, tag, role).
type Out = Vec<(u64, u8, u8)>;

/// Asked once per gate whether its keys are made (see `gated_keys`).
type Gate<'g> = dyn FnMut(u64) -> bool + 'g;

pub(super) fn keys_with(p: &Profile, out: &mut Out, words: &mut Vec<WordHash>, gate: &mut Gate) {
    for f in p.forms() {
        name_keys(&f, out, gate);
        word_hashes(&f, words);
        let sum = words.iter().fold(0u64, |s, w| s.wrapping_add(w.h));
        multiset_keys(words, sum, out, gate);
        // The keys on all words but one or two serve only typos (the
        // verifier's one other rule for words that differ, a place or
        // section language added, leaves one side with none): a word that
        // cannot be misspelt is never left out. That spares the blocks of
        // names differing in a number or a short or native-script word,
        // whose pairs the verifier would all reject.
        let n = words.len();
        if n >= 3 {
            all_but_one_keys(&f, words, sum, out, gate);
        }
        if TWO_TYPOS.contains(&n) {
            all_but_two_keys(&f, words, sum, out, gate);
        }
        if n <= 2 {
            deletion_keys(&f, words, sum, out, gate);
        }
        initials_and_person_keys(p, &f, out, gate);
    }
    entry_keys(p, out, gate);
}

/// A key that is its own gate.
fn put(gate: &mut Gate, out: &mut Out, h: u64, t: u8, r: u8) {
    if gate(seen_key(h, t)) {
        out.push((h, t, r));
    }
}

/// The form's key, and its key with the words run together.
fn name_keys(f: &Form, out: &mut Out, gate: &mut Gate) {
    put(gate, out, hash(tag::KEY, f.key), tag::KEY, STRONG);
    // The key's bytes less its spaces: the words run together.
    let compact = Fnv::new(tag::COMPACT)
        .feed_bytes(f.key.bytes().filter(|&b| b != b' '))
        .0;
    put(gate, out, compact, tag::COMPACT, STRONG);
}

/// The form's words as the multiset keys read them, in `words`.
fn word_hashes(f: &Form, words: &mut Vec<WordHash>) {
    let t = tables();
    words.clear();
    words.extend(f.words().map(|w| {
        let typo = typo_eligible(w);
        // Words are slices of the key.
        let start = w.as_ptr() as usize - f.key.as_ptr() as usize;
        WordHash {
            h: mix(Fnv::new(0).feed(w).0),
            kind: t.kind(w),
            typo,
            long: typo && w.len() >= TWO_EDITS,
            at: start..start + w.len(),
        }
    }));
}

/// The words in any order, and the words a name cannot gain or lose.
fn multiset_keys(words: &[WordHash], sum: u64, out: &mut Out, gate: &mut Gate) {
    put(gate, out, family(tag::SORTED, sum), tag::SORTED, STRONG);
    // The words a name cannot gain or lose: the verifier lets one name
    // add generic words, or add section languages to a name with a
    // place, so this key leaves those out.
    let placed = words.iter().any(|w| w.kind == WordKind::Place);
    let core = |w: &&WordHash| match w.kind {
        WordKind::Generic => false,
        WordKind::Language => !placed,
        WordKind::Plain | WordKind::Place => true,
    };
    if words.iter().any(|w| core(&w)) {
        let ng = words
            .iter()
            .filter(core)
            .fold(0u64, |s, w| s.wrapping_add(w.h));
        put(
            gate,
            out,
            family(tag::NONGENERIC, ng),
            tag::NONGENERIC,
            STRONG,
        );
    }
}

/// One misspelt word in a name of three words or more.
fn all_but_one_keys(f: &Form, words: &[WordHash], sum: u64, out: &mut Out, gate: &mut Gate) {
    // One edit leaves one end of a word whole (`word_ends`), so a
    // key is the rest and one end of the word left out. Blocks on
    // the rest alone are hundreds of times bigger, and a common
    // shape of name ("Committee for ... X") fills them past the
    // cap. Only a long word's two edits can change both ends: it
    // has that key too.
    // The keys of one word share the gate of the rest alone, which
    // a long list's names seldom share: their keys are then never
    // made.
    for w in words.iter().filter(|w| w.typo) {
        let rest = sum.wrapping_sub(w.h);
        let plain = family(tag::MINUS_ONE, rest);
        if !gate(seen_key(plain, tag::MINUS_ONE)) {
            continue;
        }
        let (ends, n) = w.ends(f.key);
        for &e in &ends[..usize::from(n)] {
            let k = rest.wrapping_add(e);
            out.push((family(tag::MINUS_ONE, k), tag::MINUS_ONE, STRONG));
        }
        if w.long {
            out.push((plain, tag::MINUS_ONE, STRONG));
        }
    }
}

/// Two misspelt words in a name of `TWO_TYPOS` words.
fn all_but_two_keys(f: &Form, words: &[WordHash], sum: u64, out: &mut Out, gate: &mut Gate) {
    // Two misspelt words: the rest is equal, and each word keeps
    // one end whole, so a key is the rest with one end of each word
    // left out: four keys a pair of words (more with a five-letter
    // word). That keeps blocks small when many names share three
    // words. Ends are added, so a pair's order does not matter.
    // A pair's keys share the gate of the rest.
    let typos: Few<&WordHash, 8> = words.iter().filter(|w| w.typo).collect();
    for (i, wi) in typos.iter().enumerate() {
        for wj in &typos[i + 1..] {
            let rest = sum.wrapping_sub(wi.h).wrapping_sub(wj.h);
            if !gate(seen_key(family(tag::MINUS_TWO, rest), tag::MINUS_TWO)) {
                continue;
            }
            let ((ei, ni), (ej, nj)) = (wi.ends(f.key), wj.ends(f.key));
            for a in &ei[..usize::from(ni)] {
                for b in &ej[..usize::from(nj)] {
                    let k = rest.wrapping_add(a.wrapping_add(*b));
                    out.push((family(tag::MINUS_TWO, k), tag::MINUS_TWO, STRONG));
                }
            }
        }
    }
}

/// A misspelt word in a name of one or two words.
fn deletion_keys(f: &Form, words: &[WordHash], sum: u64, out: &mut Out, gate: &mut Gate) {
    // SymSpell-style: the other word plus each one-letter deletion of
    // this word; two words within OSA 1 share one of these keys.
    for (i, w) in f.words().enumerate() {
        if !words[i].typo {
            continue;
        }
        let rest = sum.wrapping_sub(words[i].h);
        let mut variant = |out: &mut Out, h: u64| {
            let k = rest.wrapping_add(salted(SALT_VARIANT, h));
            put(gate, out, family(tag::TYPO, k), tag::TYPO, STRONG);
        };
        variant(out, Fnv::new(0).feed(w).0);
        for d in 0..w.len() {
            variant(out, Fnv::new(0).feed(&w[..d]).feed(&w[d + 1..]).0);
        }
    }
}

/// The form's derived initials, its transliteration, and a person's
/// name keys.
fn initials_and_person_keys(p: &Profile, f: &Form, out: &mut Out, gate: &mut Gate) {
    for ini in f.initials() {
        put(gate, out, hash(tag::ACRONYM, ini), tag::ACRONYM, WEAK);
    }
    if let Some(tr) = f.translit {
        put(gate, out, hash(tag::TRANSLIT, tr), tag::TRANSLIT, STRONG);
    }
    if p.individual() {
        let ws: Few<&str> = f.words().collect();
        super::person::name_keys(&ws, |k, strong, given| {
            let role = if strong { STRONG } else { WEAK };
            let t = if given { tag::GIVEN } else { tag::PERSON };
            put(gate, out, hash(t, k), t, role);
        });
    }
}

/// The keys of the entry rather than of one of its names.
fn entry_keys(p: &Profile, out: &mut Out, gate: &mut Gate) {
    // A name with a trailing annotation meets the name without it.
    if let Some((base, _)) = p.annotated() {
        put(gate, out, hash(tag::KEY, base), tag::KEY, STRONG);
    }
    for a in p
        .bare()
        .into_iter()
        .chain(p.explicit().iter().map(String::as_str))
    {
        put(gate, out, hash(tag::ACRONYM, a), tag::ACRONYM, STRONG);
    }
    for id in p.registry_ids() {
        let h = family(tag::REGISTRY, u64::from(id));
        put(gate, out, h, tag::REGISTRY, STRONG);
    }
    if let Some(d) = p.domain() {
        put(gate, out, hash(tag::WEBSITE, d), tag::WEBSITE, STRONG);
    }
    if let Some(h) = p.skeleton() {
        put(gate, out, family(tag::SKELETON, h), tag::SKELETON, STRONG);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::sample::{generated, sig};
    use crate::dedupe::{candidate_pairs, compare, find_duplicates};
    use crate::model::{Kind, Signatory};

    proptest::proptest! {
        // Few random pairs are ones the verifier accepts: many cases.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Blocking only narrows which pairs are verified: two names the
        /// verifier calls duplicates must share a block, or a list holding
        /// both would never show them. The second name is the first after
        /// a few edits, of letters and of words of every kind blocking
        /// treats apart.
        #[test]
        fn blocking_brings_together_every_pair_the_verifier_accepts(
            first in proptest::collection::vec(0..EDIT_WORDS.len(), 1..9),
            edits in proptest::collection::vec((0u8..9, 0usize..64, 0..EDIT_WORDS.len(), "[a-z]"), 1..4),
            person in proptest::bool::ANY,
        ) {
            let mut words: Vec<String> = first.iter().map(|&w| EDIT_WORDS[w].to_string()).collect();
            let a = words.join(" ");
            for (op, at, w, c) in edits {
                let k = at % words.len();
                let mut letters: Vec<char> = words[k].chars().collect();
                let l = at % (letters.len() + 1);
                let c = c.chars().next().unwrap_or('a');
                match op {
                    0 if l < letters.len() => letters[l] = c,
                    1 if l < letters.len() && letters.len() > 1 => {
                        letters.remove(l);
                    }
                    2 => letters.insert(l, c),
                    3 if l + 1 < letters.len() => letters.swap(l, l + 1),
                    4 => letters = EDIT_WORDS[w].chars().collect(),
                    5 => words.insert(k, EDIT_WORDS[w].to_string()),
                    6 if words.len() > 1 => {
                        words.remove(k);
                        continue;
                    }
                    7 => {
                        let next = (k + 1) % words.len();
                        words.swap(k, next);
                        continue;
                    }
                    // A trailing annotation: "(Kenya)", ", Nepal", ": Zürich".
                    8 => {
                        let sep = ["(", ", ", ": "][at % 3];
                        let close = if sep == "(" { ")" } else { "" };
                        let last = words.len() - 1;
                        words[last] = format!("{}{sep}{}{close}", words[last], EDIT_WORDS[w]);
                        continue;
                    }
                    _ => {}
                }
                if op < 5 {
                    words[k] = letters.into_iter().collect();
                }
            }
            let b = words.join(" ");
            let kind = if person { Kind::Individual } else { Kind::Organisation };
            let sig = |n: &str| Signatory { kind, ..sig(n) };
            let verdict = compare(&sig(&a), &sig(&b));
            let found = find_duplicates(&[sig(&a), sig(&b)]);
            proptest::prop_assert_eq!(
                found.is_empty(),
                verdict.is_none(),
                "{:?} / {:?}: the verifier says {:?}, the list's check found {:?}",
                a, b, verdict, found
            );
        }
    }

    /// Words of every kind blocking treats apart: plain words long and
    /// short, numbers, places, section languages, generic and stop words,
    /// words in other scripts.
    const EDIT_WORDS: &[&str] = &[
        "Harbour",
        "Lantern",
        "Justice",
        "Forest",
        "River",
        "Women",
        "Land",
        "Farm",
        "Bird",
        "Press",
        "Writers",
        "Art",
        "Law",
        "Sea",
        "Aid",
        "19",
        "77",
        "2024",
        "Kenya",
        "Ireland",
        "Iceland",
        "Canada",
        "Nepal",
        "English",
        "French",
        "Francophone",
        "Network",
        "International",
        "Foundation",
        "Coalition",
        "for",
        "the",
        "of",
        "Центр",
        "свободы",
        "حقوق",
        "Zürich",
        // Initials and particles of people's names.
        "D",
        "J.",
        "Du",
        "Le",
        "Jared",
        "Smith",
    ];

    #[test]
    fn one_edit_leaves_a_word_and_its_variant_an_end_in_common() {
        // Every substitution, deletion, insertion and transposition of words
        // of four to thirteen letters, where the variant can be misspelt too.
        let ends = |w: &str| {
            let (e, n) = word_ends(w.as_bytes());
            e[..usize::from(n)].to_vec()
        };
        let mut checked = 0;
        for word in [
            "Land",
            "River",
            "Forest",
            "Lantern",
            "Harbours",
            "Solidarity",
            "Independent",
            "Accountability",
            "abcd",
            "abcde",
            "abcdef",
        ] {
            let w: Vec<u8> = word.bytes().collect();
            let mut variants: Vec<Vec<u8>> = Vec::new();
            for p in 0..=w.len() {
                for c in [b'x', w[p.min(w.len() - 1)]] {
                    let mut v = w.clone();
                    v.insert(p, c);
                    variants.push(v);
                    if p < w.len() {
                        let mut v = w.clone();
                        v[p] = c;
                        variants.push(v);
                    }
                }
                if p < w.len() {
                    let mut v = w.clone();
                    v.remove(p);
                    variants.push(v);
                }
                if p + 1 < w.len() {
                    let mut v = w.clone();
                    v.swap(p, p + 1);
                    variants.push(v);
                }
            }
            for v in variants {
                let v = String::from_utf8(v).unwrap();
                if !typo_eligible(&v) || v == word {
                    continue;
                }
                let (a, b) = (ends(word), ends(&v));
                assert!(a.iter().any(|e| b.contains(e)), "{word} / {v}");
                checked += 1;
            }
        }
        assert!(checked > 300, "{checked}");
        // Ends are not letters alone: they tell first from last and one
        // length from another.
        assert_eq!(ends("abca").len(), 2);
        assert_ne!(ends("abca")[0], ends("abca")[1]);
        assert!(ends("abcdefgh").iter().all(|e| !ends("abcd").contains(e)));
    }

    #[test]
    fn names_differing_only_in_a_number_or_short_word_are_never_compared() {
        // The verifier rejects every such pair (a number or a word of three
        // letters is never a typo), so blocking must not hand them over:
        // a long list numbered like this once cost 300,000 verifications.
        let mut list: Vec<Signatory> = (1..=20)
            .map(|i| sig(&format!("Centre for Human Rights in Kenya {i}")))
            .collect();
        for w in ["Art", "Law", "Sea", "Aid", "Тор"] {
            list.push(sig(&format!("Justice Project for Women {w} Kenya")));
        }
        assert_eq!(candidate_pairs(&list), 0);
        // A word that can be misspelt still is.
        list.push(sig("Justice Project for Women Arts Kenya"));
        list.push(sig("Justice Project for Women Artz Kenya"));
        assert_eq!(candidate_pairs(&list), 1);
    }

    #[test]
    fn a_typo_is_found_among_more_names_of_one_shape_than_a_block_holds() {
        // Seventy names differ only in their last word, the one word of
        // theirs that can be misspelt (the others are in another script):
        // blocks on all words but one would hold them all and be passed
        // over as too big.
        let letters: Vec<char> = ('a'..='z').collect();
        let shape = "Комитет гражданских инициатив";
        let mut list: Vec<Signatory> = (0..70)
            .map(|i| {
                let (first, last) = (letters[i % 26], letters[(i * 7 + 3) % 26]);
                sig(&format!("{shape} {first}orvan{last}"))
            })
            .collect();
        list.push(sig(&format!("{shape} Kestrelon")));
        list.push(sig(&format!("{shape} Kestrelin")));
        let found = find_duplicates(&list);
        assert!(found.iter().any(|f| f.members == [70, 71]), "{found:?}");
    }

    #[test]
    fn blocking_examines_far_fewer_pairs_than_all_pairs() {
        let list = generated(20_000);
        let pairs = candidate_pairs(&list);
        let all = 20_000usize * 19_999 / 2;
        assert!(pairs * 100 < all, "{pairs} candidate pairs of {all}");
    }
}
