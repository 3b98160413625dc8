//! Matching signers: what each entry is called, the blocking index, the two tiers and their reasons.

use super::Fnv;
use super::normalize::{WordKind, tables};
use super::profile::{Form, Profile, Source, Want};
use super::registry::registry;
use super::seen::Seen;
use crate::model::Signatory;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::borrow::Borrow;

/// How sure a finding is. `Certain` findings may be merged without asking;
/// `Possible` ones are only ever shown to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Certain,
    Possible,
}

/// A certain group (two or more entries) or a possible pair, with the rule
/// that produced it in plain language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Indices into the slice given, ascending.
    pub members: Vec<usize>,
    pub tier: Tier,
    pub reason: String,
}

/// The profile `verify` needs: with the label for reasons, and the exact
/// key for reviewed pairs.
fn profile(s: &Signatory) -> Profile {
    Profile::of(
        s,
        Want {
            label: true,
            exact: true,
        },
    )
}

/// The part of a profile that `keys` reads: without the label, exact key
/// and reviewed pairs, which only verifying a pair needs.
fn blocking_profile(s: &Signatory) -> Profile {
    Profile::of(
        s,
        Want {
            label: false,
            exact: false,
        },
    )
}

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
const TWO_EDITS: usize = 8;

/// Whether a word can be one side of a small typo: short words (3-letter
/// acronyms), numbers and native-script words never are. Blocking makes
/// typo keys only from such words, so this is the one place that says which.
fn typo_eligible(w: &str) -> bool {
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
fn osa_within(a: &str, b: &str, limit: usize) -> bool {
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
fn bag_distance(x: &[u8], y: &[u8]) -> usize {
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

fn is_qualifier(w: &str) -> bool {
    matches!(tables().kind(w), WordKind::Place | WordKind::Language)
}

/// Whether two forms differ by a place or section language (`qualified`:
/// a word only one of them has is one): then they name two sections,
/// whatever else matches.
fn place_conflict(fa: &Form, fb: &Form, qualified: bool) -> bool {
    // A bare acronym names no place, so it conflicts with nothing.
    fa.len >= 2 && fb.len >= 2 && qualified
}

/// The verifier (design notes §4) on two forms' words: a reason to suggest
/// the pair, or None for distinct.
fn verify_words(fa: &Form, fb: &Form, d: &Diff, qualified: bool) -> Option<String> {
    let t = tables();
    let (da, db, common) = d;
    if da.is_empty() && db.is_empty() {
        return Some(format!(
            "same words in a different order (\"{}\" / \"{}\")",
            fa.text, fb.text
        ));
    }
    if qualified {
        // A place against a misspelling of it ("Irleand") is a typo, but two
        // places (Ireland / Iceland) are two sections.
        if let ([x], [y]) = (&da[..], &db[..])
            && is_qualifier(x) != is_qualifier(y)
            && typo_close(x, y, fa.len >= 3)
        {
            let (place, typo) = if is_qualifier(x) { (x, y) } else { (y, x) };
            return Some(format!(
                "\"{typo}\" may be a misspelling of the place \"{place}\" (\"{}\" / \"{}\")",
                fa.text, fb.text
            ));
        }
        // "X Canada (English Section)" / "X Canada": the same country, one
        // name adds only the section language, which is often left out.
        let extra = match (da.is_empty(), db.is_empty()) {
            (true, false) => &db,
            (false, true) => &da,
            _ => return None,
        };
        if extra.iter().all(|w| t.kind(w) == WordKind::Language)
            && common.iter().any(|w| t.kind(w) == WordKind::Place)
        {
            return Some(format!(
                "one name adds only the section language \"{}\" (\"{}\" / \"{}\")",
                extra.join(" "),
                fa.text,
                fb.text
            ));
        }
        return None;
    }
    if da.is_empty() || db.is_empty() {
        let extra = if da.is_empty() { &db } else { &da };
        if extra.iter().all(|w| t.kind(w) == WordKind::Generic)
            && common.iter().any(|w| t.kind(w) != WordKind::Generic)
        {
            return Some(format!(
                "one name adds only the generic word{} \"{}\" (\"{}\" / \"{}\")",
                if extra.len() > 1 { "s" } else { "" },
                extra.join(" "),
                fa.text,
                fb.text
            ));
        }
        return None;
    }
    let typo_pairs = match (&da[..], &db[..]) {
        ([a], [b]) => typo_close(a, b, fa.len >= 3).then(|| vec![(*a, *b)]),
        // Two misspelt words need a word in common, and more than eight
        // words would give a long name too many keys.
        ([a1, a2], [b1, b2]) if TWO_TYPOS.contains(&fa.len) => {
            if typo_close(a1, b1, false) && typo_close(a2, b2, false) {
                Some(vec![(*a1, *b1), (*a2, *b2)])
            } else if typo_close(a1, b2, false) && typo_close(a2, b1, false) {
                Some(vec![(*a1, *b2), (*a2, *b1)])
            } else {
                None
            }
        }
        _ => None,
    }?;
    let shown: Vec<String> = typo_pairs.iter().map(|(a, b)| format!("{a}/{b}")).collect();
    Some(format!(
        "small spelling difference {} (\"{}\" / \"{}\")",
        shown.join(", "),
        fa.text,
        fb.text
    ))
}

fn same_key_reason(a: &Profile, fa: &Form, b: &Profile, fb: &Form, compact: bool) -> String {
    let how = if compact {
        "the same name once spaces are ignored"
    } else if fa.text == fb.text {
        "the same name"
    } else {
        "the same name once case, accents, punctuation, abbreviations and legal forms are normalised"
    };
    let look_alike = if fa.repaired || fb.repaired {
        "; look-alike letters from another script were read as Latin"
    } else {
        ""
    };
    match (fa.source, fb.source) {
        (Source::Name, Source::Name) => {
            format!("{how} (\"{}\" / \"{}\"){look_alike}", fa.text, fb.text)
        }
        (Source::Name, _) => format!(
            "\"{}\" is given as another name of \"{}\" ({how}){look_alike}",
            fb.text,
            b.label()
        ),
        _ => format!(
            "\"{}\" is given as another name of \"{}\" ({how}){look_alike}",
            fa.text,
            a.label()
        ),
    }
}

/// Whether one name is the other plus only a trailing place or annotation
/// ("X (Argentina)" / "X"), and why.
pub(super) fn annotated(a: &Profile, b: &Profile) -> Option<String> {
    [(a, b), (b, a)].into_iter().find_map(|(x, y)| {
        let (base, note) = x.annotated()?;
        y.forms().any(|f| f.key == base).then(|| {
            format!(
                "one name adds only the place or annotation \"{note}\" (\"{}\" / \"{}\")",
                x.label(),
                y.label()
            )
        })
    })
}

/// One pair of profiles: the tier and reason, or None for distinct.
fn verify(a: &Profile, b: &Profile) -> Option<(Tier, String)> {
    // Guard: an entry with no comparable name matches nothing.
    if !a.has_forms() || !b.has_forms() {
        return None;
    }
    // Each form's view is made once per pair, not once per comparison.
    // Most entries have one or two names.
    let af: Few<Form, 2> = a.forms().collect();
    let bf: Few<Form, 2> = b.forms().collect();
    let reviewed = |x: &Profile, y: &Profile| x.distinct().iter().any(|d| **d == *y.exact());
    if reviewed(a, b) || reviewed(b, a) {
        return None;
    }
    if a.individual() || b.individual() {
        return super::person::verify(a, &af, b, &bf);
    }
    // Certain: exact keys only, and only when no word of one or two
    // letters was dropped from one name and not the other: "Zack D" /
    // "Zack" and "Radio L" / "Radio" share a key, but that letter may be
    // all that tells them apart.
    let mut short = None;
    for &fa in af.iter() {
        for &fb in bf.iter() {
            if fa.key == fb.key {
                if fa.short_drops != fb.short_drops {
                    short.get_or_insert((fa, fb));
                    continue;
                }
                return Some((Tier::Certain, same_key_reason(a, &fa, b, &fb, false)));
            }
        }
    }
    for &fa in af.iter() {
        for &fb in bf.iter() {
            if fa.compact_len == fb.compact_len && fa.compact_bytes().eq(fb.compact_bytes()) {
                if fa.short_drops != fb.short_drops {
                    short.get_or_insert((fa, fb));
                    continue;
                }
                return Some((Tier::Certain, same_key_reason(a, &fa, b, &fb, true)));
            }
        }
    }
    let reg = registry();
    if let Some(id) = a
        .registry_ids()
        .find(|id| b.registry_ids().any(|x| x == *id))
    {
        return Some((
            Tier::Certain,
            format!(
                "both are names of {} in the registry of well-known organisations (\"{}\" / \"{}\")",
                reg.name(id),
                a.label(),
                b.label()
            ),
        ));
    }
    for (x, y) in [(a, b), (b, a)] {
        if let Some(bare) = x.bare()
            && y.explicit().iter().any(|e| e == bare)
        {
            return Some((
                Tier::Certain,
                format!(
                    "\"{}\" is the acronym given for \"{}\"",
                    x.label(),
                    y.label()
                ),
            ));
        }
    }
    // Two different organisations of the registry are never suggested as one.
    if a.registry_ids().next().is_some() && b.registry_ids().next().is_some() {
        return None;
    }
    if let Some((fa, fb)) = short {
        return Some((
            Tier::Possible,
            format!(
                "the names differ only in a word of one or two letters (\"{}\" / \"{}\"), which may be all that tells them apart",
                fa.text, fb.text
            ),
        ));
    }
    if let Some(r) = annotated(a, b) {
        return Some((Tier::Possible, r));
    }

    // Possible.
    // The first forms' difference serves the place rule below too.
    let mut primary = None;
    for (i, &fa) in af.iter().enumerate() {
        for (j, &fb) in bf.iter().enumerate() {
            let d = diff(fa.words(), fb.words());
            // Whether a word only one form has is a place or language: both
            // rules below ask, and it costs a table lookup per word.
            let qualified = d.0.iter().chain(d.1.iter()).any(|w| is_qualifier(w));
            if let Some(r) = verify_words(&fa, &fb, &d, qualified) {
                return Some((Tier::Possible, r));
            }
            if i == 0 && j == 0 {
                primary = Some(place_conflict(&fa, &fb, qualified));
            }
        }
    }
    let primary_conflict = primary.unwrap_or(false);
    if !primary_conflict {
        for (x, y) in [(a, b), (b, a)] {
            if let Some(bare) = x.bare()
                && let Some(f) = y.forms().find(|f| f.initials().any(|i| i == bare))
            {
                return Some((
                    Tier::Possible,
                    format!(
                        "\"{}\" could be the initials of \"{}\" (initials alone are not proof)",
                        x.label(),
                        f.text
                    ),
                ));
            }
        }
        if let Some(acr) = a.explicit().iter().find(|x| b.explicit().contains(x)) {
            return Some((
                Tier::Possible,
                format!(
                    "both give the acronym \"{}\" (\"{}\" / \"{}\"): a translation, or two bodies sharing an acronym",
                    acr.to_uppercase(),
                    a.label(),
                    b.label()
                ),
            ));
        }
    }
    if let (Some(da), Some(db)) = (a.domain(), b.domain())
        && da == db
    {
        return Some((
            Tier::Possible,
            format!("same website {da} (\"{}\" / \"{}\")", a.label(), b.label()),
        ));
    }
    if !primary_conflict && a.skeleton().is_some() && a.skeleton() == b.skeleton() {
        return Some((
            Tier::Possible,
            format!(
                "the names look alike letter by letter (\"{}\" / \"{}\"): check for a spoof",
                a.label(),
                b.label()
            ),
        ));
    }
    for &fa in af.iter() {
        for &fb in bf.iter() {
            if let (Some(ta), Some(tb)) = (fa.translit, fb.translit)
                && ta.len() >= 4
                && ta == tb
                && fa.len == fb.len
            {
                return Some((
                    Tier::Possible,
                    format!(
                        "same transliteration \"{ta}\" (\"{}\" / \"{}\"), e.g. Traditional and Simplified Chinese",
                        fa.text, fb.text
                    ),
                ));
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Blocking index

/// Key families. Certain keys feed union-find; capped ones are skipped when a
/// block is huge (one common word), which keeps the work near-linear.
/// Each fits in four bits (see `Entry`).
mod tag {
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

/// How many words a name may have for two of them to be misspelt.
const TWO_TYPOS: std::ops::RangeInclusive<usize> = 3..=8;

/// Blocks larger than this on a capped key are not expanded into pairs.
const BLOCK_CAP: usize = 32;

/// Strong members pair with everyone in a block; weak ones (derived
/// initials) only with strong ones, so two names with equal initials are
/// never compared for that reason.
const STRONG: u8 = 0;
const WEAK: u8 = 1;

/// One key of one entry, in twelve bytes: a long list's index holds
/// hundreds of thousands. The block key is the key's hash with its tag in
/// the low four bits (sixty bits of hash are plenty when every candidate is
/// verified); the entry's index carries its role in the low bit.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Entry {
    key: [u32; 2],
    who: u32,
}

impl Entry {
    fn new(hash: u64, tag: u8, idx: u32, role: u8) -> Self {
        let key = block_key(hash, tag);
        Self {
            key: [(key >> 32) as u32, key as u32],
            who: (idx << 1) | u32::from(role & 1),
        }
    }

    /// Equal for two entries of one block.
    fn key(&self) -> u64 {
        (u64::from(self.key[0]) << 32) | u64::from(self.key[1])
    }

    fn tag(&self) -> u8 {
        (self.key[1] & 0xF) as u8
    }

    fn idx(&self) -> u32 {
        self.who >> 1
    }

    fn role(&self) -> u8 {
        (self.who & 1) as u8
    }

    /// Which of the `BUCKETS` lists the entry is sorted in: the top bits of
    /// its block key, so the lists follow the order of their keys.
    fn bucket(&self) -> usize {
        (self.key[0] >> 24) as usize
    }

    /// Block, then entry, then role, in one integer: one comparison when
    /// sorting and merging.
    fn packed(&self) -> u128 {
        (u128::from(self.key()) << 32) | u128::from(self.who)
    }
}

/// How many lists entries are sorted in (see `Index::new`).
const BUCKETS: usize = 256;

/// The block a key of some tag belongs to (see `Entry`).
fn block_key(hash: u64, tag: u8) -> u64 {
    (hash & !0xF) | u64::from(tag & 0xF)
}

/// A key as the `Seen` filter takes it: the block key decides, so two keys
/// of one block share their slots.
fn seen_key(hash: u64, tag: u8) -> u64 {
    mix(block_key(hash, tag))
}

/// FNV-1a: fast and good enough; every candidate is verified anyway.
fn hash(tag: u8, s: &str) -> u64 {
    Fnv::new(tag).feed(s).0
}

/// A strong 64-bit finaliser (splitmix64). Keys on a multiset of words are
/// sums of their words' mixed hashes: equal multisets give equal sums
/// whatever the order, and "all words but one" is the sum less that word,
/// so a name's dozens of such keys cost an addition each, not a string each.
/// Raw FNV values would not do: their sums collide on related words.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A sum of word hashes (or any value) as the key of one family.
fn family(tag: u8, sum: u64) -> u64 {
    mix(sum ^ u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// One word of a form for the multiset keys: its hash, its kind, and for
/// the typo keys whether it can be misspelt and where it lies in the key.
struct WordHash {
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
fn word_ends(w: &[u8]) -> ([u64; 4], u8) {
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
fn salted(salt: u64, x: u64) -> u64 {
    mix(x ^ salt)
}

const SALT_VARIANT: u64 = 0x5851_f42d_4c95_7f2d;
const SALT_LETTERS: u64 = 0x1405_7b7e_f767_814f;

/// Every blocking key of a profile: (hash, tag, role). Keys may repeat;
/// callers that count block sizes drop repeats first.
fn keys(p: &Profile, out: &mut Vec<(u64, u8, u8)>) {
    gated_keys(p, out, &mut |_| true);
}

/// The keys of a profile that `gate` lets through. Each key has a gate, a
/// 64-bit value `gate` is asked about once per entry: most keys are their
/// own gate (`seen_key`), but the many typo keys on all words but one or
/// two share the gate of those words' sum (see `keys_with`). Two entries
/// that share a key share its gate, so refusing the gates seen only once
/// drops no shared key. `gate` may refuse all and only count what it is
/// asked.
fn gated_keys(p: &Profile, out: &mut Vec<(u64, u8, u8)>, gate: &mut dyn FnMut(u64) -> bool) {
    // The word list is kept from call to call: keys are made twice for
    // every entry of a long list.
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<WordHash>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    WORDS.with(|words| keys_with(p, out, &mut words.borrow_mut(), gate));
}

fn keys_with(
    p: &Profile,
    out: &mut Vec<(u64, u8, u8)>,
    words: &mut Vec<WordHash>,
    gate: &mut dyn FnMut(u64) -> bool,
) {
    /// A key that is its own gate.
    fn put(gate: &mut dyn FnMut(u64) -> bool, out: &mut Vec<(u64, u8, u8)>, h: u64, t: u8, r: u8) {
        if gate(seen_key(h, t)) {
            out.push((h, t, r));
        }
    }
    let t = tables();
    for f in p.forms() {
        put(gate, out, hash(tag::KEY, f.key), tag::KEY, STRONG);
        // The key's bytes less its spaces: the words run together.
        let compact = Fnv::new(tag::COMPACT)
            .feed_bytes(f.key.bytes().filter(|&b| b != b' '))
            .0;
        put(gate, out, compact, tag::COMPACT, STRONG);
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
        let sum = words.iter().fold(0u64, |s, w| s.wrapping_add(w.h));
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
        // The keys on all words but one or two serve only typos (the
        // verifier's one other rule for words that differ, a place or
        // section language added, leaves one side with none): a word that
        // cannot be misspelt is never left out. That spares the blocks of
        // names differing in a number or a short or native-script word,
        // whose pairs the verifier would all reject.
        let n = words.len();
        if n >= 3 {
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
        if TWO_TYPOS.contains(&n) {
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
        if n <= 2 {
            // SymSpell-style: the other word plus each one-letter deletion of
            // this word; two words within OSA 1 share one of these keys.
            for (i, w) in f.words().enumerate() {
                if !words[i].typo {
                    continue;
                }
                let rest = sum.wrapping_sub(words[i].h);
                let mut variant = |out: &mut Vec<(u64, u8, u8)>, h: u64| {
                    let k = rest.wrapping_add(salted(SALT_VARIANT, h));
                    put(gate, out, family(tag::TYPO, k), tag::TYPO, STRONG);
                };
                variant(out, Fnv::new(0).feed(w).0);
                for d in 0..w.len() {
                    variant(out, Fnv::new(0).feed(&w[..d]).feed(&w[d + 1..]).0);
                }
            }
        }
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

/// The profiles of a list and its blocking entries, sorted so that each
/// block is one run.
struct Index {
    profiles: Profiles,
    /// The entries in order, in pieces made on different cores; no block
    /// spans two.
    segments: Vec<Vec<Entry>>,
}

/// The profiles of a list in the slices they were built in, in list order:
/// all slices but the last have one length, so entry `i` is found without
/// copying the slices into one vector.
struct Profiles {
    slices: Vec<Vec<Profile>>,
    slice: usize,
}

impl Profiles {
    fn new(slices: Vec<Vec<Profile>>) -> Self {
        let slice = slices.first().map_or(1, |s| s.len().max(1));
        debug_assert!(slices.iter().rev().skip(1).all(|s| s.len() == slice));
        Self { slices, slice }
    }

    fn len(&self) -> usize {
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
const KEYS_PER_ENTRY: usize = 32;

/// Which blocks an index keeps: only blocks of two or more entries, as most
/// keys are held by one entry alone, and the index is the biggest thing a
/// long list's check holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
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
    fn new<S: Borrow<Signatory> + Sync>(signatories: &[S], keep: Keep) -> Self {
        Self::build(signatories, keep, true)
    }

    /// `new`, with the `Seen` filter on or off (tests hold the two equal).
    fn build<S: Borrow<Signatory> + Sync>(signatories: &[S], keep: Keep, filter: bool) -> Self {
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
        // Pass 1: the profiles, and (with the filter) every gate marked in
        // `seen`.
        let mut seen = filter.then(|| Seen::new(signatories.len() * KEYS_PER_ENTRY));
        let marking = seen.as_mut().map(Seen::marking);
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
        // Pass 2: the keys again (cheap next to the profiles), each core's
        // entries sorted; with the filter, only those whose gate `seen`
        // marked twice.
        // One built slice at a time, dealt out to as many cores as pass 1 used.
        let slice = profiles.slice;
        let (threads, _) = slicing(signatories.len());
        let parts = in_slices(&profiles.slices, threads, 1, |groups| {
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
                    match &seen {
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
        });
        drop(seen);
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
        let segments = shared_segments(&by_bucket, keep, total >= 1 << 15);
        Self { profiles, segments }
    }

    /// Drops the profiles over the available cores: freeing a long list's
    /// profiles is a noticeable serial tail.
    fn drop_in_parallel(self) {
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
    fn blocks(&self) -> impl Iterator<Item = &[Entry]> {
        self.segments
            .iter()
            .flat_map(|s| s.chunk_by(|a, b| a.key() == b.key()))
    }
}

/// Candidate pairs: (entries, their groups).
type Candidate = ((u32, u32), (u32, u32));

/// `verify` on each candidate pair, split over the available cores: the
/// pairs that match, as (position in `candidates`, tier, reason), in order.
/// Most candidates do not match, and a long list has hundreds of thousands.
fn verify_all(ps: &Profiles, candidates: &[Candidate]) -> Vec<(usize, Tier, String)> {
    let mut verdicts = crate::parallel::joined(in_parallel(candidates, |slices| {
        slices
            .flat_map(|(from, c)| {
                c.iter().enumerate().filter_map(move |(k, &((i, j), _))| {
                    verify(&ps[i as usize], &ps[j as usize]).map(|(t, r)| (from + k, t, r))
                })
            })
            .collect::<Vec<_>>()
    }));
    // The cores took slices as they came free: back in the candidates' order.
    verdicts.sort_unstable_by_key(|v| v.0);
    verdicts
}

/// Merges two sorted vectors into one sorted vector.
/// Sorts entries by (hash, tag, idx, role). Sorting on the hash alone
/// compares one integer instead of building a 128-bit key per comparison;
/// entries that share a hash (a block, or rarely a collision) are few and
/// are then put in full order among themselves.
fn sort_entries(entries: &mut [Entry]) {
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
fn shared_segments(
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
fn shared_blocks(runs: Vec<Vec<Entry>>, keep: Keep, out: &mut Vec<Entry>) {
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

struct UnionFind {
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
const BATCH: usize = 1 << 15;

/// The possible pairs found so far.
#[derive(Default)]
struct Possible {
    findings: Vec<Finding>,
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
                self.findings.push(Finding {
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

fn analyse(signatories: &[Signatory]) -> (Vec<Finding>, Stats) {
    analyse_index(Index::new(signatories, Keep::Shared))
}

/// `analyse` on an index built already.
fn analyse_index(index: Index) -> (Vec<Finding>, Stats) {
    analyse_in_batches(index, BATCH)
}

/// `analyse_index`, with candidates verified `batch` at a time (tests hold
/// every size equal).
fn analyse_in_batches(index: Index, batch: usize) -> (Vec<Finding>, Stats) {
    let ps = &index.profiles;
    let n = ps.len();
    let mut uf = UnionFind::new(n);
    let mut edges: Vec<(u32, String)> = Vec::new();

    // Certain pass 1: entries sharing a name key, compact key or registry
    // entry. Each joins the block's first entry it verifies against, so the
    // work is linear in the block size.
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
    // Certain pass 2: a bare acronym joins the entry that states it, but only
    // when every entry stating it is already one group (two bodies sharing
    // "ICJ" must not be chained together through a bare "ICJ").
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

    // Possible pass: candidate pairs from every block, never within a
    // certain group, each pair of groups reported once and never chained.
    // Gathered a batch at a time (a long list has hundreds of thousands of
    // candidates, and few of them match), each batch verified on the other
    // cores while this one gathers the next: gathering is serial, and
    // would leave them idle.
    let possible = {
        let mut seen: HashSet<(u32, u32)> = HashSet::default();
        let mut members: Vec<(u32, u32, u8)> = Vec::new();
        let mut blocks = index.blocks();
        let mut batches = std::iter::from_fn(|| {
            let mut candidates: Vec<Candidate> = Vec::new();
            for block in blocks.by_ref() {
                if block.len() < 2 || block.len() > tag::cap(block[0].tag()) {
                    continue;
                }
                if !block.iter().any(|e| e.role() == STRONG) {
                    continue;
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
                std::thread::scope(|scope| {
                    let verifying = scope.spawn(|| verify_all(ps, &candidates));
                    let after = batches.next();
                    (verifying.join().expect("verifier panicked"), after)
                })
            };
            possible.take(&candidates, verdicts);
            next = after;
        }
        possible
    };
    let Possible {
        mut findings,
        stats,
        ..
    } = possible;

    // Certain groups with the reasons of the links that formed them.
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
        findings.push(Finding {
            members: rest,
            tier: Tier::Certain,
            reason,
        });
    }
    findings.sort_by(|a, b| (a.tier, &a.members).cmp(&(b.tier, &b.members)));
    index.drop_in_parallel();
    (findings, stats)
}

/// Every certain group and possible pair in one statement's list.
pub fn find_duplicates(signatories: &[Signatory]) -> Vec<Finding> {
    analyse(signatories).0
}

/// How many pairs the blocking index hands to the verifier: far below
/// n²/2 for any realistic list. For tests and benchmarks.
pub fn candidate_pairs(signatories: &[Signatory]) -> usize {
    analyse(signatories).1.candidate_pairs
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
    let scan =
        |slices: &mut dyn Iterator<Item = (usize, &[Signatory])>| -> Vec<(u32, (u64, u8), u8)> {
            let mut hits = Vec::new();
            let mut buf = Vec::new();
            for (offset, sigs) in slices {
                for (i, s) in sigs.iter().enumerate() {
                    buf.clear();
                    keys(&blocking_profile(s), &mut buf);
                    buf.sort_unstable();
                    buf.dedup();
                    for &(h, t, role) in &buf {
                        if wanted.contains_key(&(h, t)) {
                            hits.push(((offset + i) as u32, (h, t), role));
                        }
                    }
                }
            }
            hits
        };
    let hits: Vec<(u32, (u64, u8), u8)> = in_parallel(signatories, scan)
        .into_iter()
        .flatten()
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

/// How a list of `n` entries is shared out: (cores, entries per slice).
/// Slices are small enough that every core gets several, so a costly stretch
/// of the list is shared; a short list takes one core, since starting a
/// thread costs more than a few hundred names.
fn slicing(n: usize) -> (usize, usize) {
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
fn in_parallel<'a, S: Sync, T: Send>(
    items: &'a [S],
    work: impl Fn(&mut dyn Iterator<Item = (usize, &'a [S])>) -> T + Sync,
) -> Vec<T> {
    let (threads, slice) = slicing(items.len());
    in_slices(items, threads, slice, work)
}

/// `in_parallel` with the cores and the slice length given.
fn in_slices<'a, S: Sync, T: Send>(
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
    drop(blocks);
    index.drop_in_parallel();
}

/// One pair of signers: the tier and the reason, or None when distinct.
pub fn compare(a: &Signatory, b: &Signatory) -> Option<(Tier, String)> {
    verify(&profile(a), &profile(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

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

    fn sig(name: &str) -> Signatory {
        Signatory::new(name)
    }

    fn tier(a: &str, b: &str) -> Option<Tier> {
        compare(&sig(a), &sig(b)).map(|(t, _)| t)
    }

    #[test]
    fn normalised_and_compact_keys_are_certain() {
        assert_eq!(
            tier("Harbour Watch Centre", "harbour-watch center"),
            Some(Tier::Certain)
        );
        assert_eq!(tier("River Guard", "RiverGuard"), Some(Tier::Certain));
        assert_eq!(tier("Clause 7", "CLAUSE7"), Some(Tier::Certain));
    }

    #[test]
    fn reordered_words_are_possible() {
        assert_eq!(
            tier("Media Defence International", "International Media Defence"),
            Some(Tier::Possible)
        );
    }

    #[test]
    fn a_name_plus_a_non_generic_word_is_distinct() {
        assert_eq!(tier("Students for a Green Delta", "Green Delta"), None);
        assert_eq!(tier("Green Delta Watch", "Green Delta"), None);
        // Generic words only: a suggestion.
        assert_eq!(
            tier("Green Delta Network", "Green Delta"),
            Some(Tier::Possible)
        );
        // Foundation and Fund are two words, not one organisation.
        assert_eq!(tier("Green Delta Foundation", "Green Delta Fund"), None);
    }

    #[test]
    fn places_and_section_languages_separate_chapters() {
        assert_eq!(
            tier(
                "Coalition for Clean Rivers Ireland",
                "Coalition for Clean Rivers Iceland"
            ),
            None
        );
        assert_eq!(
            tier(
                "Coalition for Clean Rivers",
                "Coalition for Clean Rivers Austria"
            ),
            None
        );
        assert_eq!(
            tier("Poets Union Norway", "Poets Union International"),
            None
        );
        assert_eq!(tier("Poets Union Catalunya", "Poets Union Canada"), None);
        assert_eq!(tier("Poets Union Deutschland", "Poets Union"), None);
        assert_eq!(
            tier("Poets Union - Kenya Chapter", "Poets Union Kenya"),
            Some(Tier::Certain)
        );
        assert_eq!(
            tier("Poets Union USA", "Poets Union United States"),
            Some(Tier::Certain)
        );
        // A misspelt place is a typo, not a second chapter.
        assert_eq!(
            tier("Poets Union Ireland", "Poets Union Irleand"),
            Some(Tier::Possible)
        );
    }

    #[test]
    fn small_typos_on_long_words_are_possible_but_short_words_never() {
        assert_eq!(
            tier("Coalition for Clean Rivers", "Coaltion for Clean Rivers"),
            Some(Tier::Possible)
        );
        assert_eq!(
            tier("Harbour Defenders", "Harbour Defendres"),
            Some(Tier::Possible)
        );
        assert_eq!(tier("ABC Rights", "ABD Rights"), None);
        assert_eq!(tier("Rivers Now", "Rivers Watch"), None);
    }

    #[test]
    fn acronyms_explicit_bare_and_initials() {
        let mut named = sig("Coalition Against Forced Evictions");
        named.acronym = Some("CAFE".into());
        assert_eq!(
            compare(&named, &sig("CAFE")).map(|x| x.0),
            Some(Tier::Certain)
        );
        // "(ACR)" left in the name works the same.
        assert_eq!(
            tier("Coalition Against Forced Evictions (CAFE)", "CAFE"),
            Some(Tier::Certain)
        );
        // Derived initials only suggest.
        assert_eq!(
            tier("Coalition Against Forced Evictions", "CAFE"),
            Some(Tier::Possible)
        );
        // With and without stop words.
        assert_eq!(
            tier("Coalition for Forced Evictions Relief", "CFER"),
            Some(Tier::Possible)
        );
        assert_eq!(
            tier("Coalition for Forced Evictions Relief", "CFFER"),
            Some(Tier::Possible)
        );
        assert_eq!(tier("Coalition Against Forced Evictions", "CAFX"), None);
        // "(UK)" is a place, not an acronym.
        assert_eq!(
            tier("Poets Union (UK)", "Poets Union United Kingdom"),
            Some(Tier::Certain)
        );
    }

    #[test]
    fn aliases_local_names_and_bilingual_names_link_entries() {
        let mut a = sig("Lantern Society");
        a.rare.aliases = vec!["Société de la Lanterne".into()];
        assert_eq!(
            compare(&a, &sig("Societe de la lanterne")).map(|x| x.0),
            Some(Tier::Certain)
        );
        let mut l = sig("Harbour Rights");
        l.rare.local_name = Some("港口權利".into());
        assert_eq!(
            compare(&l, &sig("港口權利")).map(|x| x.0),
            Some(Tier::Certain)
        );
        assert_eq!(
            tier("Harbour Rights / 港口權利", "港口權利"),
            Some(Tier::Certain)
        );
        assert_eq!(
            tier("Harbour Rights | Droits du Port", "Droits du Port"),
            Some(Tier::Certain)
        );
        assert_eq!(
            tier("Lantern: Light for Every Village", "Lantern"),
            Some(Tier::Certain)
        );
        // A slash inside a Latin name is not two names.
        assert_eq!(tier("Lesbian/Gay Lantern Network", "Lesbian"), None);
    }

    #[test]
    fn registry_names_are_aliases_of_each_other() {
        assert_eq!(
            tier("Ärzte ohne Grenzen", "Doctors Without Borders"),
            Some(Tier::Certain)
        );
        assert_eq!(tier("MSF", "Médicos Sin Fronteras"), Some(Tier::Certain));
        // Two different registry organisations are never suggested.
        assert_eq!(tier("Human Rights Watch", "Human Rights First"), None);
        // An acronym two entries share is not enough on its own.
        assert_ne!(tier("HRF", "Human Rights First"), Some(Tier::Certain));
    }

    #[test]
    fn distinct_from_suppresses_a_pair() {
        let mut a = sig("Lantern Society");
        let b = sig("Lantern Society Network");
        assert_eq!(compare(&a, &b).map(|x| x.0), Some(Tier::Possible));
        a.rare.distinct_from = vec!["lantern society network".into()];
        assert_eq!(compare(&a, &b), None);
        assert_eq!(compare(&b, &a), None);
    }

    #[test]
    fn website_and_lookalike_rules() {
        let mut a = sig("Lantern Society");
        a.website = Some("https://www.lanternsociety.org/en".into());
        let mut b = sig("Friends of Lamps");
        b.website = Some("http://lanternsociety.org".into());
        assert_eq!(compare(&a, &b).map(|x| x.0), Some(Tier::Possible));
        // Two accounts on one platform are two sites.
        a.website = Some("https://facebook.com/lanterns".into());
        b.website = Some("https://facebook.com/lamps".into());
        assert_eq!(compare(&a, &b), None);
    }

    #[test]
    fn a_name_that_normalises_to_nothing_matches_nothing() {
        let empty = [sig("–"), sig("\u{200B}"), sig(" . "), sig("Lantern")];
        assert!(find_duplicates(&empty).is_empty());
        assert!(match_new(&empty, &sig("...")).is_empty());
        assert_eq!(compare(&sig("-"), &sig("–")), None);
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

    /// Names from a small vocabulary, so many share words: a hard case for blocking.
    pub(crate) fn generated(n: usize) -> Vec<Signatory> {
        const A: &[&str] = &[
            "Human", "Rights", "Green", "Lantern", "Harbour", "River", "Justice", "Labour",
            "Women", "Youth", "Press", "Freedom", "Media", "Legal", "Peace", "Health", "Land",
            "Water", "Forest", "Climate", "Workers", "Students", "Teachers", "Farmers", "Writers",
            "Lawyers", "Doctors", "Artists", "Refugees", "Children", "Elders", "Miners", "Fishers",
            "Nurses", "Citizens", "Voters", "Readers",
        ];
        const B: &[&str] = &[
            "Network",
            "Watch",
            "Alliance",
            "Coalition",
            "Foundation",
            "Fund",
            "Centre",
            "Institute",
            "Union",
            "Council",
            "Forum",
            "Project",
            "Initiative",
            "Trust",
            "League",
            "Collective",
            "Action",
            "Voice",
        ];
        const C: &[&str] = &[
            "Kenya", "Canada", "Ireland", "Iceland", "Peru", "Nepal", "UK", "Brazil", "Ghana",
            "Chile", "", "", "", "", "", "",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m as u64) as usize
        };
        (0..n)
            .map(|i| {
                let (a1, a2, b, c) = (
                    A[next(A.len())],
                    A[next(A.len())],
                    B[next(B.len())],
                    C[next(C.len())],
                );
                // A serial word keeps most names distinct, as in a real list.
                let serial = ["Alpha", "Bravo", "Delta", "Omega", "Sierra"][next(5)];
                let name = format!("{a1} {a2} {b} {c} {serial}{}", i / 7);
                sig(name.trim())
            })
            .collect()
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
