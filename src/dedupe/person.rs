//! Matching people (`kind = "individual"`): a name alone never proves two entries are one person; a link does.

use super::matcher::{Tier, diff, typo_close};
use super::profile::{Form, Profile, Source};

/// One pair where either is a person: the tier and reason, or None.
///
/// Certain needs the same personal link (whatever the names: people sign
/// as a handle once and by name once) or a name given as the other's
/// alias. Links that differ count against any match on names: two people
/// of one common name are told apart by them. Otherwise the names decide,
/// and a match on names is only ever possible.
pub(super) fn verify(a: &Profile, af: &[Form], b: &Profile, bf: &[Form]) -> Option<(Tier, String)> {
    if let (Some(x), Some(y)) = (a.domain(), b.domain())
        && x == y
    {
        return Some((
            Tier::Certain,
            format!(
                "the same personal link {x} (\"{}\" / \"{}\")",
                a.label(),
                b.label()
            ),
        ));
    }
    let against = matches!((a.site(), b.site()), (Some(x), Some(y)) if x != y);
    let explicit = |f: &Form| matches!(f.source, Source::Alias | Source::LocalName);
    for fa in af {
        for fb in bf.iter().filter(|fb| fb.key == fa.key) {
            if !(explicit(fa) || explicit(fb)) {
                continue;
            }
            let (alias, of) = if explicit(fa) { (fa, b) } else { (fb, a) };
            let said = format!(
                "\"{}\" is given as another name of \"{}\"",
                alias.text,
                of.label()
            );
            if against {
                return Some((Tier::Possible, format!("{said}, but their links differ")));
            }
            return Some((Tier::Certain, said));
        }
    }
    if against {
        return None;
    }
    let why = names(a, af, b, bf)?;
    Some((
        Tier::Possible,
        format!("{why}; a person's name alone is not proof"),
    ))
}

/// Whether two people's names could be one person's, and why.
fn names(a: &Profile, af: &[Form], b: &Profile, bf: &[Form]) -> Option<String> {
    for fa in af {
        for fb in bf {
            let (da, db, common) = diff(fa.words(), fb.words());
            if da.is_empty() && db.is_empty() {
                return Some(if fa.text == fb.text || fa.key == fb.key {
                    format!("the same name (\"{}\" / \"{}\")", fa.text, fb.text)
                } else {
                    format!(
                        "the same names in another order (\"{}\" / \"{}\")",
                        fa.text, fb.text
                    )
                });
            }
            if fa.compact_len == fb.compact_len && fa.compact_bytes().eq(fb.compact_bytes()) {
                return Some(format!(
                    "the same name once spaces are ignored (\"{}\" / \"{}\")",
                    fa.text, fb.text
                ));
            }
            if shorter_form(
                &fa.words().collect::<Vec<_>>(),
                &fb.words().collect::<Vec<_>>(),
            ) {
                return Some(format!(
                    "one name may be the other written shorter (\"{}\" / \"{}\"): a given name alone, an initial, or a middle or family name left out",
                    fa.text, fb.text
                ));
            }
            if let ([x], [y]) = (&da[..], &db[..])
                && typo_close(x, y, fa.len >= 3)
                && !common.is_empty()
            {
                return Some(format!(
                    "small spelling difference {x}/{y} (\"{}\" / \"{}\")",
                    fa.text, fb.text
                ));
            }
        }
    }
    for (x, y) in [(a, b), (b, a)] {
        if let Some((base, note)) = x.annotated()
            && y.forms().any(|f| f.key == base)
        {
            return Some(format!(
                "one name adds only \"{note}\" (\"{}\" / \"{}\")",
                x.label(),
                y.label()
            ));
        }
    }
    if a.skeleton().is_some() && a.skeleton() == b.skeleton() {
        return Some(format!(
            "the names look alike letter by letter (\"{}\" / \"{}\")",
            a.label(),
            b.label()
        ));
    }
    None
}

/// Whether one name's words are all found in the other's, each as written
/// or as its initial, with one whole word of two letters or more in
/// common: "Ben" / "Ben Goldberg", "Aaron K" / "Aaron Kebede", "Markus
/// Kitsinger" / "Markus Joseph Kitsinger". Initials alone ("A.J." / "J L")
/// never are.
fn shorter_form(x: &[&str], y: &[&str]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let mut free: Vec<bool> = vec![true; long.len()];
    let mut whole = false;
    // Whole words first, so an initial never takes a word a whole word needs.
    let mut pending = Vec::new();
    for w in short {
        match (0..long.len()).find(|&i| free[i] && long[i] == *w) {
            Some(i) => {
                free[i] = false;
                whole |= w.chars().nth(1).is_some();
            }
            None => pending.push(*w),
        }
    }
    let initial = |w: &str| w.chars().nth(1).is_none();
    for w in pending {
        let first = w.chars().next();
        let Some(i) = (0..long.len()).find(|&i| {
            free[i] && (initial(w) || initial(long[i])) && long[i].chars().next() == first
        }) else {
            return false;
        };
        free[i] = false;
    }
    whole
}

/// The blocking keys of a person's name form (`words`), as hashes made by
/// `hash` of a short text, each strong or weak: every pair that
/// `shorter_form` accepts shares a strong key, or a strong and a weak one.
/// A one-word name is keyed by its word; a longer name by each whole word
/// with the first letter of each other word, and (weakly, so that two long
/// names never pair for it) by each whole word alone.
pub(super) fn name_keys(words: &[&str], mut put: impl FnMut(&str, bool)) {
    let whole = |w: &str| w.chars().nth(1).is_some();
    let mut text = String::new();
    if let [w] = words {
        if whole(w) {
            put(w, true);
        }
        return;
    }
    for (i, w) in words.iter().enumerate().filter(|(_, w)| whole(w)) {
        put(w, false);
        for (j, x) in words.iter().enumerate() {
            if let (true, Some(c)) = (i != j, x.chars().next()) {
                text.clear();
                text.push_str(w);
                text.push(' ');
                text.push(c);
                put(&text, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shorter_form_keeps_a_whole_word_and_matches_every_other_by_initial() {
        let yes = [
            (&["ben"][..], &["ben", "goldberg"][..]),
            (&["aaron", "k"], &["aaron", "kebede"]),
            (&["markus", "kitsinger"], &["markus", "joseph", "kitsinger"]),
            (&["j", "kirchartz"], &["joel", "kirch", "kirchartz"]),
            (&["zack", "d"], &["zack"]),
        ];
        for (x, y) in yes {
            assert!(shorter_form(x, y), "{x:?} / {y:?}");
            assert!(shorter_form(y, x), "{y:?} / {x:?}");
        }
        let no = [
            (&["a", "j"][..], &["j", "l"][..]),
            (&["james", "a"], &["james", "du"]),
            (&["tm"], &["tim", "meyer"]),
            (&["david", "smith"], &["david", "jones"]),
            (&["j"], &["j", "smith"]),
        ];
        for (x, y) in no {
            assert!(!shorter_form(x, y), "{x:?} / {y:?}");
        }
    }

    #[test]
    fn names_a_shorter_form_accepts_share_a_strong_key() {
        let keys = |words: &[&str]| {
            let mut out = Vec::new();
            name_keys(words, |k, strong| out.push((k.to_string(), strong)));
            out
        };
        for (x, y) in [
            (&["ben"][..], &["ben", "goldberg"][..]),
            (&["aaron", "k"], &["aaron", "kebede"]),
            (&["j", "kirchartz"], &["joel", "kirch", "kirchartz"]),
        ] {
            let (kx, ky) = (keys(x), keys(y));
            let shared = kx
                .iter()
                .any(|(k, s)| ky.iter().any(|(l, t)| k == l && (*s || *t)));
            assert!(shared, "{x:?} {kx:?} / {y:?} {ky:?}");
        }
        // Two long names sharing only a given name share only weak keys.
        let (kx, ky) = (keys(&["ben", "goldberg"]), keys(&["ben", "wiley"]));
        assert!(
            !kx.iter()
                .any(|(k, s)| ky.iter().any(|(l, t)| k == l && (*s || *t)))
        );
    }
}
