//! Property tests: escaping, CSV guarding, TOML edits and privacy hold for arbitrary text.

mod common;

use common::{SEED, Scratch};
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use undersigned::diagnostics::rules::text as validate;
use undersigned::export::{self, Format, ListDoc, Row, escape_markdown, guard_cell};
use undersigned::model::{Kind, Signatory};
use undersigned::{store, text};

/// Names as the tool would store them, from arbitrary text that passes validation.
fn stored_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{1,30}",                                       // ASCII, punctuation-heavy
        "\\PC{1,30}",                                        // any printable Unicode
        "[-=+@|%#*_`<>\\[\\]()!&\\\\ 0-9a-z.~^$:{};]{1,20}", // Markdown and spreadsheet syntax
    ]
    .prop_map(|s| text::clean_name(&s))
    .prop_filter("valid and non-empty", |s| {
        !s.is_empty() && validate::check_text(s).is_ok()
    })
}

/// The text a renderer shows, with every extension pulldown-cmark has except
/// smart punctuation: that one is typography (curly quotes, dashes) applied to
/// any text, not markup the export could or should escape.
fn markdown_text(md: &str) -> Option<String> {
    let mut out = String::new();
    let opts = pulldown_cmark::Options::all()
        .difference(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION);
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Text(t) => out.push_str(&t),
            Event::Start(Tag::List(_) | Tag::Item | Tag::Paragraph)
            | Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::Paragraph) => {}
            _ => return None,
        }
    }
    Some(out)
}

proptest! {
    #[test]
    fn markdown_escaping_renders_every_name_as_itself(name in stored_name()) {
        let md = format!("- {}\n", escape_markdown(&name));
        prop_assert_eq!(markdown_text(&md), Some(name));
    }

    #[test]
    fn csv_round_trips_to_the_guarded_name_and_guarding_is_idempotent(name in stored_name()) {
        let signer = Signatory::new(name.clone());
        let bytes = export::exporter(Format::Csv).render(&ListDoc::plain(vec![Row::from(&signer)]));
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let cell = r.records().next().unwrap().unwrap()[0].to_string();
        prop_assert_eq!(&cell, &guard_cell(&name));
        prop_assert_eq!(guard_cell(&cell), cell.clone());
        let first = cell.trim_start().chars().next();
        prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '|' | '%')), "{cell:?}");
    }

    #[test]
    fn json_and_text_exports_carry_the_name_unchanged(name in stored_name()) {
        let signer = Signatory::new(name.clone());
        let rows = vec![Row::from(&signer)];
        let json: serde_json::Value = serde_json::from_slice(&export::exporter(Format::Json).render(&ListDoc::plain(rows.clone()))).unwrap();
        prop_assert_eq!(json[0]["name"].as_str(), Some(name.as_str()));
        let text = String::from_utf8(export::exporter(Format::Text).render(&ListDoc::plain(rows))).unwrap();
        prop_assert_eq!(text, format!("{name}\n"));
    }

    #[test]
    fn an_added_name_reads_back_and_only_its_entry_changes(name in stored_name(), at in 0usize..=32) {
        let path = common::manifest_dir().join("statements").join(format!("{SEED}.toml"));
        let before = std::fs::read(&path).unwrap();
        let mut loaded = store::parse(&path, before.clone()).unwrap();
        let mut s = Signatory::new(name.clone());
        s.rare.note = Some(format!("note for {name}").into());
        loaded.insert_signatory(at, &s);
        let after = loaded.render().into_bytes();
        // Every byte of the old file is still there, in one piece before and one after the new entry.
        let prefix = before.iter().zip(&after).take_while(|(a, b)| a == b).count();
        let suffix = before.iter().rev().zip(after.iter().rev()).take_while(|(a, b)| a == b).count();
        prop_assert!(prefix + suffix >= before.len(), "bytes outside the new entry changed");
        let again = store::parse(&path, after).unwrap();
        prop_assert!(again.errors().next().is_none());
        prop_assert_eq!(&again.statement.signatories[at].name, &name);
        prop_assert_eq!(again.statement.signatories[at].rare.note.as_deref(), s.rare.note.as_deref());
        prop_assert_eq!(again.statement.signatories.len(), 33);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn no_private_field_appears_in_any_public_output(
        user in "[a-z]{3,10}",
        person in "[A-Z][a-z]{2,8} [A-Z][a-z]{2,8}",
        phone in "\\+[0-9]{6,12}",
    ) {
        let s = Scratch::with_seed();
        let email = format!("{user}@private.invalid");
        s.cmd()
            .args(["add", SEED, "Hong Kong Watch", "--email", &email, "--contact-person", &person, "--phone", &phone])
            .assert()
            .success();
        for format in ["text", "markdown", "csv", "json"] {
            let out = s.cmd().args(["export", SEED, "--format", format]).output().unwrap();
            let all = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            for secret in [&email, &person, &phone] {
                prop_assert!(!all.contains(secret.as_str()), "{format} leaked {secret}");
            }
        }
        let out = s.cmd().args(["list", SEED]).output().unwrap();
        prop_assert!(!String::from_utf8_lossy(&out.stdout).contains(&email));
        prop_assert!(!s.read(SEED).contains(&email), "the public file holds no contact");
    }
}

/// Names that tie and differ in every way collation cares about: case,
/// accents, spacing, numbers, articles, other scripts.
fn collating_name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("amnesty"),
            Just("Amnesty"),
            Just("AMNESTY"),
            Just("Åland"),
            Just("Aland"),
            Just("the"),
            Just("The"),
            Just("pen"),
            Just("PEN"),
            Just("9"),
            Just("10"),
            Just("Ωmega"),
            Just("中国"),
            Just("e\u{301}cole"),
            Just("école"),
            Just("van"),
            Just("Van"),
            Just("al-Amin"),
            Just("Smith,"),
            Just("\"Quoted\""),
            Just("(aside)"),
            Just("Jr."),
        ],
        1..4,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `check`, `sort --check` and `add` decide from neighbouring pairs and a
    /// binary search instead of a key per entry: the answers must be the
    /// ones the keys give.
    #[test]
    fn comparison_fast_paths_agree_with_sort_keys(
        names in prop::collection::vec(collating_name(), 0..12),
        new in collating_name(),
        sorted in any::<bool>(),
        articles in any::<bool>(),
        people in any::<u16>(),
    ) {
        use undersigned::collate::{Collation, insertion_index, moves, sorted_order};
        let c = Collation::new(None, articles).unwrap();
        // Bit i of `people` makes entry i an individual, filed by family name.
        let kind = |i: usize| if people >> (i % 16) & 1 == 1 { Kind::Individual } else { Kind::Organisation };
        let mut sigs: Vec<Signatory> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Signatory { kind: kind(i), ..Signatory::new(n.as_str()) })
            .collect();
        if sorted {
            let keys = c.keys(&sigs);
            sigs = sorted_order(&keys).into_iter().map(|i| sigs[i].clone()).collect();
        }
        let keys = c.keys(&sigs);
        let primary: Vec<&[u8]> = keys.iter().map(|k| k.primary.as_slice()).collect();
        let in_order = moves(&primary).is_empty();
        prop_assert_eq!(c.in_order(&sigs), in_order);
        let totals: Vec<_> = keys.iter().map(|k| k.total.clone()).collect();
        let unchanged = sorted_order(&totals).into_iter().enumerate().all(|(i, j)| i == j);
        prop_assert_eq!(c.is_sorted(&sigs), unchanged);
        let new = Signatory { kind: kind(15), ..Signatory::new(new.as_str()) };
        let expected = if in_order {
            (insertion_index(&keys, &c.key(&new)), true)
        } else {
            (sigs.len(), false)
        };
        prop_assert_eq!(c.place_in(&sigs, &new), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The quick single-script test gives the UTS #39 answer on words drawn
    /// from the blocks it reads directly, their neighbours, and anything else.
    #[test]
    fn quick_single_script_test_agrees_with_uts39(
        word in prop_oneof![
            "[a-zA-Z0-9À-ɏḀ-ỿ'\\-]{1,8}",
            "[a-zΑ-Ωα-ω΄-Ͽ0-9]{1,6}",
            "[a-zА-я\u{400}-\u{52F}0-9]{1,6}",
            "[a-z\u{600}-\u{6FF}0-9]{1,6}",
            "[a-z一-龥ぁ-んァ-ン々ー0-9]{1,6}",
            "\\PC{1,6}",
        ]
    ) {
        prop_assert_eq!(
            undersigned::text::is_single_script(&word),
            unicode_security::MixedScript::is_single_script(word.as_str()),
            "{:?}", word
        );
    }
}
