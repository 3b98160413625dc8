//! Matching people (`kind = "individual"`): a name alone never proves two entries are one person; a link does.

use super::profile::{Form, Profile, Source};
use super::typo::{diff, typo_close};
use super::verify::{Tier, annotated};

/// One pair where either is a person: the tier and reason, or None.
///
/// Certain needs the same personal link (whatever the names: people sign
/// as a handle once and by name once), the same name on the same site, or
/// a name given as the other's alias. Links that differ count against any match on names: two people
/// of one common name are told apart by them. Otherwise the names decide,
/// and a match on names is only ever possible.
pub(super) fn verify(a: &Profile, af: &[Form], b: &Profile, bf: &[Form]) -> Option<(Tier, String)> {
    if let (Some(x), Some(y)) = (a.domain(), b.domain())
        && x == y
    {
        // Only a page of one person (a profile, an account, a path on a
        // site) proves one person: a bare site is an employer's or a
        // university's, which a colleague or the organisation itself gives too.
        if a.personal_page() && b.personal_page() {
            return Some((
                Tier::Certain,
                format!(
                    "the same personal link {x} (\"{}\" / \"{}\")",
                    a.label(),
                    b.label()
                ),
            ));
        }
        let same_name = af.iter().any(|fa| bf.iter().any(|fb| fb.key == fa.key));
        if a.individual() && b.individual() && same_name {
            return Some((
                Tier::Certain,
                format!(
                    "the same name and the same website {x} (\"{}\" / \"{}\")",
                    a.label(),
                    b.label()
                ),
            ));
        }
        // Two people of other names giving one employer's or university's
        // site are colleagues: the site says nothing either way, and their
        // names decide below. With an organisation, it may be one signer.
        if !(a.individual() && b.individual()) {
            return Some((
                Tier::Possible,
                format!(
                    "the same website {x} (\"{}\" / \"{}\"), which is no one person's page",
                    a.label(),
                    b.label()
                ),
            ));
        }
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
    if let Some(r) = annotated(a, b) {
        return Some(r);
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

/// Whether one name could be the other written shorter: a given name alone
/// ("Ben" / "Ben Goldberg"), or the same first and last words, each whole
/// or as its initial, with the shorter name's other words among the
/// longer's middle ones ("Aaron K" / "Aaron Kebede", "Markus Kitsinger" /
/// "Markus Joseph Kitsinger"). One whole word of two letters or more must
/// be the same: initials alone ("A.J." / "J L") never are.
fn shorter_form(x: &[&str], y: &[&str]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let whole = |w: &str| w.chars().nth(1).is_some();
    let fits = |a: &str, b: &str| {
        a == b || ((!whole(a) || !whole(b)) && a.chars().next() == b.chars().next())
    };
    match (short, long) {
        ([w], [first, _, ..]) => whole(w) && w == first,
        ([sf, s_mid @ .., sl], [lf, l_mid @ .., ll]) => {
            if !(fits(sf, lf) && fits(sl, ll))
                || !((whole(sf) && sf == lf) || (whole(sl) && sl == ll))
            {
                return false;
            }
            // The shorter name's middle words, in order, among the longer's.
            let mut rest = l_mid.iter();
            s_mid.iter().all(|w| rest.any(|m| fits(w, m)))
        }
        _ => false,
    }
}

/// The blocking keys of a person's name form (`words`), as hashes made by
/// `hash` of a short text, each strong or weak, and whether it is a given
/// name's (a family of keys of its own, capped lower): every pair that
/// `shorter_form` accepts shares a strong key, or a strong and a weak one.
/// A one-word name is keyed by its word; a longer name (weakly, so that
/// two long names never pair for it) by its first word, and by its first
/// word with the initial of its last and its last word with the initial of
/// its first: the shorter form keeps one of them whole and the other's
/// initial.
pub(super) fn name_keys(words: &[&str], mut put: impl FnMut(&str, bool, bool)) {
    let whole = |w: &str| w.chars().nth(1).is_some();
    let initial = |w: &str| w.chars().next().map_or(0, |c| c.len_utf8());
    let mut text = String::new();
    match words {
        [w] if whole(w) => put(w, true, true),
        [first, .., last] => {
            if whole(first) {
                put(first, false, true);
            }
            for (w, other, at) in [(first, last, '>'), (last, first, '<')] {
                if whole(w) {
                    text.clear();
                    text.push_str(w);
                    text.push(at);
                    text.push_str(&other[..initial(other)]);
                    put(&text, true, false);
                }
            }
        }
        _ => {}
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
            (&["daniel", "richard", "g"], &["daniel", "gryniewicz"]),
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
            // The family name is kept whole or as its initial.
            (&["anthony", "maki"], &["anthony", "m", "cook"]),
            (&["stephen", "a", "goss"], &["stephen", "augustus"]),
            (&["bailey"], &["douglas", "bailey"]),
        ];
        for (x, y) in no {
            assert!(!shorter_form(x, y), "{x:?} / {y:?}");
        }
    }

    #[test]
    fn names_a_shorter_form_accepts_share_a_strong_key() {
        let keys = |words: &[&str]| {
            let mut out = Vec::new();
            name_keys(words, |k, strong, given| {
                out.push((format!("{given}{k}"), strong))
            });
            out
        };
        for (x, y) in [
            (&["ben"][..], &["ben", "goldberg"][..]),
            (&["aaron", "k"], &["aaron", "kebede"]),
            (&["j", "kirchartz"], &["joel", "kirch", "kirchartz"]),
            (&["markus", "kitsinger"], &["markus", "joseph", "kitsinger"]),
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
