//! Duplicate detection: matching keys for signer names and the groups they form.

mod groups;
mod incremental;
mod index;
mod keys;
mod links;
pub mod normalize;
mod person;
mod profile;
pub mod registry;
#[cfg(test)]
mod sample;
mod seen;
mod skeleton;
mod typo;
mod verify;
mod word_tables;

pub use groups::{DuplicateGroup, Stats, candidate_pairs, find_duplicates};
pub use incremental::{match_in_turn, match_new};
pub use links::{is_placeholder_link, link_key};
pub use verify::{Tier, compare};

use crate::model::Signatory;
use icu_casemap::CaseMapper;

/// FNV-1a fed piece by piece: feeding pieces equals feeding their
/// concatenation, so a key made of parts needs no joined string.
pub(crate) struct Fnv(pub u64);

impl Fnv {
    /// The offset basis, varied by `seed` (a key family's tag).
    pub fn new(seed: u8) -> Self {
        Self(0xcbf2_9ce4_8422_2325 ^ u64::from(seed))
    }

    pub fn feed(&mut self, s: &str) -> &mut Self {
        self.feed_bytes(s.bytes())
    }

    pub fn feed_bytes(&mut self, bytes: impl Iterator<Item = u8>) -> &mut Self {
        for b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
}

/// Two names with the same exact key are the same signer written twice:
/// NFC, full Unicode case folding (ß = ss, not just lower case), whitespace folded.
pub fn exact_key(name: &str) -> String {
    if name.is_ascii() {
        // Same result, faster: ASCII is NFC and folds to lower case.
        // One string, no word vector.
        let mut out = String::with_capacity(name.len());
        for w in name.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.make_ascii_lowercase();
        return out;
    }
    // Most names are NFC already: `nfc` borrows them then.
    let nfc = crate::text::nfc(name);
    let folded = CaseMapper::new().fold_string(&nfc);
    let spaced = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    // Folding can leave decomposed text (e.g. İ); compose again so keys compare.
    match crate::text::nfc(&spaced) {
        std::borrow::Cow::Borrowed(_) => spaced,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

/// The first entry whose name is an exact duplicate of `name`.
pub fn find_exact(signatories: &[Signatory], name: &str) -> Option<usize> {
    let key = exact_key(name);
    signatories.iter().position(|s| exact_key(&s.name) == key)
}

/// Entries that are the same signer as `probe`: the same name, or a name
/// equal to one of the entry's aliases or acronym.
pub fn same_signer(signatories: &[Signatory], probe: &Signatory) -> Vec<usize> {
    let key = exact_key(&probe.name);
    signatories
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            std::iter::once(s.name.as_str())
                .chain(s.rare.aliases.iter().map(String::as_str))
                .chain(s.acronym.as_deref())
                .any(|n| exact_key(n) == key)
        })
        .map(|(i, _)| i)
        .collect()
}

/// OpenRefine's fingerprint key, for comparison figures only: trim, lower
/// case, NFKD with marks stripped (ASCII folding), ASCII punctuation and
/// controls *deleted* (so "Women,Law" becomes "womenlaw"), then the sorted,
/// de-duplicated words joined by one space.
pub fn openrefine_fingerprint(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let folded: String = crate::text::nfkd(&lower)
        .filter(|c| !crate::text::is_mark(*c))
        .filter(|c| !(c.is_ascii_punctuation() || (c.is_control() && *c != '\t')))
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_key_folds_case_spaces_and_normal_form() {
        assert_eq!(
            exact_key("Amnesty  International"),
            exact_key("amnesty international")
        );
        assert_eq!(exact_key("Me\u{301}decins"), exact_key("MÉDECINS"));
        assert_eq!(exact_key("Straße"), exact_key("STRASSE"));
        assert_ne!(exact_key("PEN Canada"), exact_key("PEN International"));
    }

    #[test]
    fn find_exact_folds_spaces_and_case() {
        let sigs: Vec<Signatory> = ["A", "b", "a", "B", "c"]
            .iter()
            .map(|n| Signatory::new(*n))
            .collect();
        assert_eq!(find_exact(&sigs, " C "), Some(4));
        assert_eq!(find_exact(&sigs, "B"), Some(1), "the first of several");
    }
}
