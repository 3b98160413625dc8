//! Precision and recall of duplicate detection on the labelled pairs, against OpenRefine's fingerprint.

use std::path::PathBuf;
use undersigned::dedupe::{Tier, compare, find_duplicates, openrefine_fingerprint};
use undersigned::model::{Kind, Signatory};

/// The shared copy beside the repository when there is one (CI), else the
/// copy shipped with the tests.
fn pairs_file() -> String {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/data/dedup-pairs.tsv");
    let path = if shared.exists() {
        shared
    } else {
        manifest.join("tests/fixtures/dedup-pairs.tsv")
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A name as the CLI stores it: a trailing all-caps "(ACR)" goes to `acronym`
/// (the rule of `add`), everything else stays in `name`.
fn signatory(raw: &str) -> Signatory {
    let mut s = Signatory::new(raw.trim());
    if let Some((head, acr)) = raw
        .trim()
        .strip_suffix(')')
        .and_then(|x| x.rsplit_once(" ("))
    {
        let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
        let looks = (2..=15).contains(&acr.chars().count())
            && acr
                .chars()
                .all(|c| c.is_alphanumeric() || "&-.".contains(c))
            && acr.chars().filter(|c| c.is_uppercase()).count() * 2 > letters;
        if looks && !head.trim().is_empty() {
            s.name = head.trim_end().to_string();
            s.acronym = Some(acr.into());
        }
    }
    s
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Score {
    fn add(&mut self, said: bool, truth: bool) {
        match (said, truth) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// The labelled pairs: (name, name, same signer), the header skipped.
fn labelled_pairs() -> Vec<(String, String, bool)> {
    pairs_file()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 3, "bad line: {line}");
            (
                cols[0].to_string(),
                cols[1].to_string(),
                cols[2].trim() == "1",
            )
        })
        .collect()
}

#[test]
fn labelled_pairs_meet_the_bar() {
    let mut certain = Score::default();
    let mut both = Score::default();
    let mut fingerprint = Score::default();
    let mut misses = Vec::new();
    for (a, b, truth) in labelled_pairs() {
        let (a, b) = (a.as_str(), b.as_str());
        let found = compare(&signatory(a), &signatory(b));
        certain.add(matches!(found, Some((Tier::Certain, _))), truth);
        both.add(found.is_some(), truth);
        fingerprint.add(
            openrefine_fingerprint(a) == openrefine_fingerprint(b),
            truth,
        );
        let ok = found.is_some() == truth;
        let shown = match &found {
            Some((t, r)) => format!("{t:?}: {r}"),
            None => "distinct".to_string(),
        };
        if !ok {
            misses.push(format!("  WRONG {a} | {b} (same={truth}) -> {shown}"));
        }
    }
    println!("method                     TP  FN  FP  TN     P     R");
    for (name, s) in [
        ("certain tier", &certain),
        ("certain + possible", &both),
        ("OpenRefine fingerprint", &fingerprint),
    ] {
        println!(
            "{name:<24} {:>4} {:>3} {:>3} {:>3} {:>5.2} {:>5.2}",
            s.tp,
            s.fn_,
            s.fp,
            s.tn,
            s.precision(),
            s.recall()
        );
    }
    for m in &misses {
        println!("{m}");
    }
    assert_eq!(
        certain.fp, 0,
        "a certain match merged two different signers"
    );
    assert!(both.recall() >= 0.90, "recall {:.2}", both.recall());
    assert!(
        both.precision() >= 0.90,
        "precision {:.2}",
        both.precision()
    );
}

/// Blocking only narrows which pairs are verified: a pair the verifier
/// accepts must share a block, or a list holding the two would never show it.
#[test]
fn blocking_brings_together_every_labelled_pair_the_verifier_accepts() {
    let mut accepted = 0;
    for (a, b, _) in labelled_pairs() {
        let verdict = compare(&signatory(&a), &signatory(&b));
        accepted += usize::from(verdict.is_some());
        let found = find_duplicates(&[signatory(&a), signatory(&b)]);
        assert_eq!(
            found.is_empty(),
            verdict.is_none(),
            "{a} | {b}: the verifier says {verdict:?}, the list's check found {found:?}"
        );
    }
    assert!(accepted > 20, "only {accepted} pairs accepted");
}

/// The labelled pairs of real signers (tests/fixtures/real-pairs.tsv, a copy
/// of the shared data's labelled-pairs.tsv): names, same signer, kind, and
/// each side's link as the source gave it.
struct RealPair {
    a: Signatory,
    b: Signatory,
    same: bool,
}

fn real_pairs(with_links: bool) -> Vec<RealPair> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-pairs.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 6, "bad line: {line}");
            let kind = match cols[3] {
                "individual" => Kind::Individual,
                "organisation" => Kind::Organisation,
                k => panic!("unknown kind {k}: {line}"),
            };
            let side = |name: &str, link: &str| {
                let mut s = signatory(name);
                s.kind = kind;
                if with_links && !link.is_empty() {
                    s.website = Some(link.into());
                }
                s
            };
            RealPair {
                a: side(cols[0], cols[4]),
                b: side(cols[1], cols[5]),
                same: cols[2].trim() == "1",
            }
        })
        .collect()
}

/// Measured on pairs of real signers from public letters, whose truth comes
/// from each signer's own link: names alone, then names with links. The
/// certain tier must never merge two people, even where only a link could
/// tell them apart; with links, what the tiers find is held to a floor.
/// A list holding a pair finds what comparing the two finds.
#[test]
fn real_signers_pairs_certain_tier_never_merges_two_people() {
    println!("real pairs             method                     TP  FN  FP  TN     P     R");
    for with_links in [false, true] {
        let (mut certain, mut both, mut fingerprint) =
            (Score::default(), Score::default(), Score::default());
        let mut wrong = Vec::new();
        for p in real_pairs(with_links) {
            let found = compare(&p.a, &p.b);
            // Blocking loses none of the pairs the verifier accepts.
            let listed = find_duplicates(&[p.a.clone(), p.b.clone()]);
            assert_eq!(
                listed.is_empty(),
                found.is_none(),
                "{} | {}: the verifier says {found:?}, the list's check found {listed:?}",
                p.a.name,
                p.b.name
            );
            let is_certain = matches!(found, Some((Tier::Certain, _)));
            certain.add(is_certain, p.same);
            both.add(found.is_some(), p.same);
            fingerprint.add(
                openrefine_fingerprint(&p.a.name) == openrefine_fingerprint(&p.b.name),
                p.same,
            );
            if is_certain && !p.same {
                wrong.push(format!("{} | {}: {found:?}", p.a.name, p.b.name));
            }
        }
        let how = if with_links {
            "names and links"
        } else {
            "names alone"
        };
        for (name, s) in [
            ("certain tier", &certain),
            ("certain + possible", &both),
            ("OpenRefine fingerprint", &fingerprint),
        ] {
            println!(
                "{how:<22} {name:<24} {:>4} {:>3} {:>3} {:>3} {:>5.2} {:>5.2}",
                s.tp,
                s.fn_,
                s.fp,
                s.tn,
                s.precision(),
                s.recall()
            );
        }
        assert!(
            wrong.is_empty(),
            "{how}: certain on different people: {wrong:#?}"
        );
        if with_links {
            assert!(
                certain.recall() >= 0.80,
                "certain recall {:.2}",
                certain.recall()
            );
            assert!(
                both.precision() >= 0.95,
                "precision {:.2}",
                both.precision()
            );
            assert!(both.recall() >= 0.95, "recall {:.2}", both.recall());
        } else {
            assert!(both.recall() >= 0.80, "recall {:.2}", both.recall());
        }
    }
}

fn person(name: &str, link: Option<&str>) -> Signatory {
    let mut s = Signatory::new(name);
    s.kind = Kind::Individual;
    s.website = link.map(Into::into);
    s
}

fn tier(a: &Signatory, b: &Signatory) -> Option<Tier> {
    compare(a, b).map(|(t, _)| t)
}

/// A word of one or two letters that alone tells two names apart (a last
/// initial, "Du", a single letter) is never dropped into a certain match,
/// whatever kind the entries are.
#[test]
fn a_short_word_that_alone_differs_never_makes_a_certain_match() {
    for (a, b) in [
        ("Zack D", "Zack"),
        ("James A", "James Du"),
        ("A.J.", "J L"),
        ("Radio L", "Radio"),
        ("David D. Smith", "David Smith"),
        ("Florian De Sà", "Florian L."),
    ] {
        for kind in [Kind::Organisation, Kind::Individual] {
            let (mut x, mut y) = (Signatory::new(a), Signatory::new(b));
            (x.kind, y.kind) = (kind, kind);
            assert_ne!(tier(&x, &y), Some(Tier::Certain), "{a} | {b} ({kind:?})");
        }
    }
    // Longer dropped words still fold: articles, prepositions, legal forms.
    for (a, b) in [
        ("Wheldrake Women's Institute", "Wheldrake Womens Institute"),
        ("Friends of the Earth", "Friends of Earth"),
        ("Bearstech GmbH", "Bearstech"),
    ] {
        let found = tier(&Signatory::new(a), &Signatory::new(b));
        assert_eq!(found, Some(Tier::Certain), "{a} | {b}");
    }
}

/// "Name: tagline" makes "Name" an alias only when the tagline is not a
/// place, chapter or section: two chapters are never one signer.
#[test]
fn a_tagline_naming_a_place_or_chapter_is_no_alias() {
    let scotland = Signatory::new("Friends of the Earth: Scotland");
    let cymru = Signatory::new("Friends of the Earth: Cymru");
    assert_eq!(tier(&scotland, &cymru), None);
    let branch = Signatory::new("Campaign Against Arms Trade: Leeds Branch");
    let other = Signatory::new("Campaign Against Arms Trade: Bristol Branch");
    assert_eq!(tier(&branch, &other), None);
    // A tagline that says what the signer does still gives the alias.
    let tagged = Signatory::new("Access Now: defending digital rights of users at risk");
    let bare = Signatory::new("Access Now");
    assert_eq!(tier(&tagged, &bare), Some(Tier::Certain));
}

/// A name that only adds where the signer is ("X (Argentina)", "X, Córdoba")
/// is a possible duplicate of the name without it; two different places
/// are two signers.
#[test]
fn a_name_adding_only_a_place_annotation_is_a_possible_duplicate() {
    let plain = Signatory::new("Cooperativa de Trabajo Los Molles");
    for annotated in [
        "Cooperativa de Trabajo Los Molles (Argentina)",
        "Cooperativa de Trabajo Los Molles, Córdoba",
    ] {
        let found = compare(&plain, &Signatory::new(annotated));
        assert!(
            matches!(&found, Some((Tier::Possible, r)) if r.contains("annotation")),
            "{annotated}: {found:?}"
        );
    }
    let (ar, cl) = (
        Signatory::new("Red de Huertas Urbanas (Argentina)"),
        Signatory::new("Red de Huertas Urbanas (Chile)"),
    );
    assert_eq!(tier(&ar, &cl), None);
}

/// People are matched as people: a name alone is possible at most, the
/// same link is certain, a different link counts against a match, and
/// initials never stand for a person's name.
#[test]
fn people_are_certain_only_on_a_link_or_an_alias() {
    let p = |n: &str| person(n, None);
    // Identical names: homonyms are frequent in letters of thousands.
    assert_eq!(
        tier(&p("Jared Smith"), &p("Jared Smith")),
        Some(Tier::Possible)
    );
    assert_eq!(
        tier(&p("Smith, John"), &p("John Smith")),
        Some(Tier::Possible)
    );
    assert_eq!(
        tier(&p("Markus Joseph Kitsinger"), &p("Markus Kitsinger")),
        Some(Tier::Possible)
    );
    assert_eq!(
        tier(&p("Aaron K"), &p("Aaron Kebede")),
        Some(Tier::Possible)
    );
    assert_eq!(tier(&p("Ben"), &p("Ben Goldberg")), Some(Tier::Possible));
    assert_eq!(tier(&p("Zack D"), &p("Zack")), Some(Tier::Possible));
    // Initials are no acronym of a person, and two sets of initials with
    // no whole word in common are two people.
    assert_eq!(tier(&p("TM"), &p("Tim Meyer")), None);
    assert_eq!(tier(&p("A.J."), &p("J L")), None);
    assert_eq!(tier(&p("James A"), &p("James Du")), None);
    // The family name is kept whole or as its initial.
    assert_eq!(tier(&p("Anthony Maki"), &p("Anthony M. Cook")), None);
    // The same link, whatever the names; different links count against.
    let same = (
        person("Teo Schulze", Some("https://github.com/7h3730B")),
        person("7h3730b", Some("github.com/7h3730b/")),
    );
    assert_eq!(tier(&same.0, &same.1), Some(Tier::Certain));
    let homonyms = (
        person("Jared Smith", Some("https://github.com/sublimecoder")),
        person("Jared Smith", Some("https://github.com/jaredsmithse")),
    );
    assert_eq!(tier(&homonyms.0, &homonyms.1), None);
    let named = (
        person("Jared Smith", Some("https://jaredsmith.net/")),
        person("Jared Smith", Some("http://www.JaredSmith.net")),
    );
    assert_eq!(tier(&named.0, &named.1), Some(Tier::Certain));
    // An explicit alias is certain.
    let mut known = p("Jo Kirchartz");
    known.rare.aliases = vec!["Joel Kirchartz".into()];
    assert_eq!(tier(&known, &p("Joel Kirchartz")), Some(Tier::Certain));
}

/// A placeholder link identifies nobody, and an organisation's site is
/// shared by its chapters: neither makes a certain match.
#[test]
fn placeholder_links_match_nothing_and_a_shared_site_is_only_possible_for_organisations() {
    for (x, y) in [
        ("https://github.com/ghost", "https://github.com/ghost"),
        ("https://github.com", "https://github.com/"),
        ("https://gitlab.com/", "https://gitlab.com"),
        ("https://twitter.com", "twitter.com"),
        ("https://example.org", "https://example.org/"),
    ] {
        let (a, b) = (person("Ana Ruiz", Some(x)), person("Lee Chan", Some(y)));
        assert_eq!(tier(&a, &b), None, "{x} / {y}");
    }
    let mut a = Signatory::new("Amnesty International Leeds Group");
    a.website = Some("https://www.amnesty.org.uk/groups/leeds".into());
    let mut b = Signatory::new("Amnesty International Bristol Group");
    b.website = Some("https://amnesty.org.uk/groups/bristol".into());
    assert_eq!(tier(&a, &b), Some(Tier::Possible));
}

/// An organisation's bare site is no person's page: a staff member who gave
/// the employer's site was called a certain duplicate of the organisation
/// (and of a colleague who gave the same site), so import skipped them.
#[test]
fn a_shared_bare_site_never_makes_a_person_a_certain_duplicate() {
    let mut eff = Signatory::new("Electronic Frontier Foundation");
    eff.website = Some("https://www.eff.org".into());
    let jane = person("Jane Doe", Some("https://eff.org"));
    let john = person("John Roe", Some("eff.org/"));
    assert_eq!(tier(&eff, &jane), Some(Tier::Possible));
    // Two colleagues giving their employer's site were called possible
    // duplicates: 70 of the 162 warnings on a letter of 10,000 people.
    // The site says nothing either way; their names decide.
    assert_eq!(tier(&jane, &john), None);
    let jane_again = person("JANE DOE", Some("https://www.eff.org/"));
    assert_eq!(tier(&jane, &jane_again), Some(Tier::Certain));
    let jane_turned = person("Doe Jane", Some("eff.org"));
    assert_eq!(tier(&jane, &jane_turned), Some(Tier::Possible));
    // A page of one person still proves one person, whatever the names.
    let handle = person("jdoe", Some("https://github.com/jdoe"));
    let named = person("Jane Doe", Some("github.com/JDoe/"));
    assert_eq!(tier(&handle, &named), Some(Tier::Certain));
}
