//! The look-alike key of a name (its UTS #39 skeleton, folded): what catches a name spelt with another script's letters.

use super::Fnv;
use super::normalize;
use rustc_hash::FxHashMap as HashMap;

/// FNV-1a of a skeleton and whether it has four or more characters: all a
/// profile keeps of it.
pub(super) fn skeleton_hash(name: &str) -> (u64, bool) {
    if name.is_ascii() {
        // The hash of the key `skeleton_into` would build, fed letter by
        // letter without building it.
        let table = ascii_skeletons();
        let mut fnv = Fnv::new(0);
        let mut chars = 0;
        for b in name.bytes() {
            let (key, n) = &table[b as usize];
            fnv.feed(key);
            chars += n;
        }
        return (fnv.0, chars >= 4);
    }
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        skeleton_into(name, &mut buf);
        (Fnv::new(0).feed(&buf).0, buf.chars().nth(3).is_some())
    })
}

/// Each ASCII character's look-alike key (the prototype of its lower case,
/// letters and digits only) and how many characters that key has.
fn ascii_skeletons() -> &'static [(String, usize)] {
    static ASCII: std::sync::OnceLock<Vec<(String, usize)>> = std::sync::OnceLock::new();
    ASCII.get_or_init(|| {
        (0u8..128)
            .map(|b| {
                let key: String =
                    unicode_security::skeleton(&(b.to_ascii_lowercase() as char).to_string())
                        .filter(|c| c.is_alphanumeric())
                        .collect();
                let n = key.chars().count();
                (key, n)
            })
            .collect()
    })
}

/// The look-alike key of a name: its UTS #39 skeleton, folded, letters and
/// digits only.
#[cfg(test)]
fn skeleton_key(name: &str) -> String {
    let mut out = String::new();
    skeleton_into(name, &mut out);
    out
}

/// Appends the look-alike key of `name` to `out`.
fn skeleton_into(name: &str, out: &mut String) {
    if name.is_ascii() {
        // Fast path with the same result: each ASCII character's key,
        // looked up once.
        let table = ascii_skeletons();
        for b in name.bytes() {
            out.push_str(&table[b as usize].0);
        }
        return;
    }
    // Clean-up, folding and the skeleton all work character by character,
    // and nothing composes across a space (a space is a starter that no
    // mark can reach past), so a name's key is its words' keys run
    // together. Words recur all over a long list: each word with a
    // non-ASCII letter is worked out once per thread (an ASCII word is
    // quicker to look up letter by letter than in a map). The cache is
    // emptied when full, so it stays small.
    thread_local! {
        static WORDS: std::cell::RefCell<HashMap<Box<str>, Box<str>>> =
            std::cell::RefCell::new(HashMap::default());
    }
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 1 << 12 {
            cache.clear();
        }
        for w in name.split(' ') {
            if w.is_ascii() {
                skeleton_into(w, out);
                continue;
            }
            match cache.get(w) {
                Some(k) => out.push_str(k),
                None => {
                    let k = skeleton_of(w);
                    out.push_str(&k);
                    cache.insert(w.into(), k.into());
                }
            }
        }
    })
}

/// The skeleton key of any text, the long way: clean, fold, skeleton,
/// letters and digits only.
fn skeleton_of(text: &str) -> String {
    let cleaned = normalize::clean(text);
    let folded = icu_casemap::CaseMapper::new()
        .fold_string(&cleaned)
        .into_owned();
    unicode_security::skeleton(&folded)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Keys built word by word from the cache are the keys of the whole
        /// name: marks, compatibility forms, look-alikes, controls, spaces.
        #[test]
        fn skeleton_keys_by_word_equal_the_whole_names(
            words in prop::collection::vec(
                "([a-zA-Z]|[À-ɏ]|[Α-ω]|[А-я]|[\u{300}-\u{36F}]|[ﬀ-ﬆ]|[Ａ-ｚ]|[一-龥]|\u{200B}|\u{A0}|\u{2002}|\u{7}|\u{308}|¨|ǅ){0,6}",
                1..5,
            )
        ) {
            let name = words.join(" ");
            // Twice: the second time every word comes from the cache.
            prop_assert_eq!(skeleton_key(&name), skeleton_of(&name));
            prop_assert_eq!(skeleton_key(&name), skeleton_of(&name));
        }

        /// An ASCII name's skeleton hash, fed letter by letter, is the hash
        /// of its whole key, and is long from the same length.
        #[test]
        fn ascii_skeleton_hashes_are_the_hashes_of_the_keys(name in "[ -~]{0,12}") {
            let key = skeleton_of(&name);
            let whole = (Fnv::new(0).feed(&key).0, key.chars().count() >= 4);
            prop_assert_eq!(skeleton_hash(&name), whole);
        }
    }
}
