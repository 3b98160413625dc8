//! Verification: whether two profiles name one signer, with the tier and the reason in plain language.

use super::normalize::{WordKind, tables};
use super::profile::{Form, Profile, Source, Want};
use super::registry::registry;
use super::typo::{Diff, Few, TWO_TYPOS, diff, typo_close};
use crate::model::Signatory;
use serde::Serialize;

/// How sure a finding is. `Certain` findings may be merged without asking;
/// `Possible` ones are only ever shown to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Certain,
    Possible,
}

/// The profile `verify` needs: with the label for reasons, and the exact
/// key for reviewed pairs.
pub(super) fn profile(s: &Signatory) -> Profile {
    Profile::of(
        s,
        Want {
            label: true,
            exact: true,
        },
    )
}

pub(super) fn is_qualifier(w: &str) -> bool {
    matches!(tables().kind(w), WordKind::Place | WordKind::Language)
}

/// Whether two forms differ by a place or section language (`qualified`:
/// a word only one of them has is one): then they name two sections,
/// whatever else matches.
pub(super) fn place_conflict(fa: &Form, fb: &Form, qualified: bool) -> bool {
    // A bare acronym names no place, so it conflicts with nothing.
    fa.len >= 2 && fb.len >= 2 && qualified
}

/// The verifier (docs/duplicates.md §4) on two forms' words: a reason to suggest
/// the pair, or None for distinct.
pub(super) fn verify_words(fa: &Form, fb: &Form, d: &Diff, qualified: bool) -> Option<String> {
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

pub(super) fn same_key_reason(
    a: &Profile,
    fa: &Form,
    b: &Profile,
    fb: &Form,
    compact: bool,
) -> String {
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
pub(super) fn verify(a: &Profile, b: &Profile) -> Option<(Tier, String)> {
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
    let mut short = None;
    if let Some(r) = same_key(a, &af, b, &bf, &mut short) {
        return Some((Tier::Certain, r));
    }
    if let Some(r) = registry_or_acronym_given(a, b) {
        return Some((Tier::Certain, r));
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
    possible(a, &af, b, &bf).map(|r| (Tier::Possible, r))
}

/// The certain rule on names: two forms share their key, or their key
/// without spaces. `short` is given the first pair that would, but for a
/// dropped word of one or two letters.
fn same_key<'a>(
    a: &Profile,
    af: &[Form<'a>],
    b: &Profile,
    bf: &[Form<'a>],
    short: &mut Option<(Form<'a>, Form<'a>)>,
) -> Option<String> {
    // Certain: exact keys only, and only when no word of one or two
    // letters was dropped from one name and not the other: "Zack D" /
    // "Zack" and "Radio L" / "Radio" share a key, but that letter may be
    // all that tells them apart.
    for &fa in af.iter() {
        for &fb in bf.iter() {
            if fa.key == fb.key {
                if fa.short_drops != fb.short_drops {
                    short.get_or_insert((fa, fb));
                    continue;
                }
                return Some(same_key_reason(a, &fa, b, &fb, false));
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
                return Some(same_key_reason(a, &fa, b, &fb, true));
            }
        }
    }
    None
}

/// The certain rules beyond names: one registry organisation, or a bare
/// acronym that the other entry gives as its own.
fn registry_or_acronym_given(a: &Profile, b: &Profile) -> Option<String> {
    let reg = registry();
    if let Some(id) = a
        .registry_ids()
        .find(|id| b.registry_ids().any(|x| x == *id))
    {
        return Some(format!(
            "both are names of {} in the registry of well-known organisations (\"{}\" / \"{}\")",
            reg.name(id),
            a.label(),
            b.label()
        ));
    }
    for (x, y) in [(a, b), (b, a)] {
        if let Some(bare) = x.bare()
            && y.explicit().iter().any(|e| e == bare)
        {
            return Some(format!(
                "\"{}\" is the acronym given for \"{}\"",
                x.label(),
                y.label()
            ));
        }
    }
    None
}

/// The possible tier, once no certain rule holds: words that differ a
/// little, initials, a shared acronym, website, look-alike letters or
/// transliteration, in that order.
fn possible(a: &Profile, af: &[Form], b: &Profile, bf: &[Form]) -> Option<String> {
    let primary_conflict = match differing_words(af, bf) {
        Ok(r) => return Some(r),
        Err(conflict) => conflict,
    };
    if !primary_conflict && let Some(r) = initials_or_shared_acronym(a, b) {
        return Some(r);
    }
    if let (Some(da), Some(db)) = (a.domain(), b.domain())
        && da == db
    {
        return Some(format!(
            "same website {da} (\"{}\" / \"{}\")",
            a.label(),
            b.label()
        ));
    }
    if !primary_conflict && a.skeleton().is_some() && a.skeleton() == b.skeleton() {
        return Some(format!(
            "the names look alike letter by letter (\"{}\" / \"{}\"): check for a spoof",
            a.label(),
            b.label()
        ));
    }
    same_transliteration(af, bf)
}

/// The word rules (`verify_words`) on every pair of forms: the first
/// reason, or else whether the first forms name two sections (a place or
/// section language apart), which turns the initials and look-alike rules
/// off.
fn differing_words(af: &[Form], bf: &[Form]) -> Result<String, bool> {
    // The first forms' difference serves the place rule too.
    let mut primary = None;
    for (i, fa) in af.iter().enumerate() {
        for (j, fb) in bf.iter().enumerate() {
            let d = diff(fa.words(), fb.words());
            // Whether a word only one form has is a place or language: both
            // rules below ask, and it costs a table lookup per word.
            let qualified = d.0.iter().chain(d.1.iter()).any(|w| is_qualifier(w));
            if let Some(r) = verify_words(fa, fb, &d, qualified) {
                return Ok(r);
            }
            if i == 0 && j == 0 {
                primary = Some(place_conflict(fa, fb, qualified));
            }
        }
    }
    Err(primary.unwrap_or(false))
}

/// A bare acronym that could be the other name's initials, or an acronym
/// both entries give.
fn initials_or_shared_acronym(a: &Profile, b: &Profile) -> Option<String> {
    for (x, y) in [(a, b), (b, a)] {
        if let Some(bare) = x.bare()
            && let Some(f) = y.forms().find(|f| f.initials().any(|i| i == bare))
        {
            return Some(format!(
                "\"{}\" could be the initials of \"{}\" (initials alone are not proof)",
                x.label(),
                f.text
            ));
        }
    }
    let acr = a.explicit().iter().find(|x| b.explicit().contains(x))?;
    Some(format!(
        "both give the acronym \"{}\" (\"{}\" / \"{}\"): a translation, or two bodies sharing an acronym",
        acr.to_uppercase(),
        a.label(),
        b.label()
    ))
}

/// Two forms of one length written the same once transliterated: the
/// same name in two scripts, e.g. Traditional and Simplified Chinese.
fn same_transliteration(af: &[Form], bf: &[Form]) -> Option<String> {
    for fa in af {
        for fb in bf {
            if let (Some(ta), Some(tb)) = (fa.translit, fb.translit)
                && ta.len() >= 4
                && ta == tb
                && fa.len == fb.len
            {
                return Some(format!(
                    "same transliteration \"{ta}\" (\"{}\" / \"{}\"), e.g. Traditional and Simplified Chinese",
                    fa.text, fb.text
                ));
            }
        }
    }
    None
}

/// One pair of signers: the tier and the reason, or None when distinct.
pub fn compare(a: &Signatory, b: &Signatory) -> Option<(Tier, String)> {
    verify(&profile(a), &profile(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::sample::sig;
    use crate::dedupe::{find_duplicates, match_new};

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
}
