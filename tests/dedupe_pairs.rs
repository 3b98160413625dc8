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
#[test]
fn real_signers_pairs_certain_tier_never_merges_two_people() {
    println!("real pairs             method                     TP  FN  FP  TN     P     R");
    for with_links in [false, true] {
        let (mut certain, mut both, mut fingerprint) =
            (Score::default(), Score::default(), Score::default());
        let mut wrong = Vec::new();
        for p in real_pairs(with_links) {
            let found = compare(&p.a, &p.b);
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

/// Blocking loses none of the real pairs the verifier accepts.
#[test]
fn blocking_brings_together_every_real_pair_the_verifier_accepts() {
    for with_links in [false, true] {
        for p in real_pairs(with_links) {
            let verdict = compare(&p.a, &p.b);
            let found = find_duplicates(&[p.a.clone(), p.b.clone()]);
            assert_eq!(
                found.is_empty(),
                verdict.is_none(),
                "{} | {}: the verifier says {verdict:?}, the list's check found {found:?}",
                p.a.name,
                p.b.name
            );
        }
    }
}
