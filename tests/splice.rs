//! Adding one signer to a file read the fast way writes the entry into the
//! text instead of building a toml_edit document: the bytes must be exactly
//! the ones the document would give, wherever the entry goes and whatever
//! comments and blank lines the file has.

use proptest::prelude::*;
use std::path::Path;
use undersigned::model::{Kind, Signatory};
use undersigned::store;

/// The file after inserting `s` at `index`, by splicing (`fast`) or through
/// toml_edit (a document built first, as any other edit does), and whether
/// the fast way did splice.
fn both_ways(text: &str, index: usize, s: &Signatory) -> (String, String, bool) {
    let path = Path::new("s.toml");
    let mut fast = store::parse(path, text.as_bytes().to_vec()).expect("valid statement");
    let mut full = fast.clone();
    // Building the document turns splicing off.
    let _ = full.statement_values();
    assert!(full.document_built());
    fast.insert_signatory(index, s);
    full.insert_signatory(index, s);
    (fast.render(), full.render(), !fast.document_built())
}

#[test]
fn the_entry_is_written_where_and_as_toml_edit_writes_it() {
    let text = "# Joint statement\ntitle = \"T\" # the title\nstatus = \"open\"\n\n# the list\n\n# first\n[[signatory]]\nname = \"Alpha\"\n\n[[signatory]]\nname = \"Beta\" # late\ncountry = \"FR\"\n\n# about Gamma\n[[signatory]]\nname = \"Gamma\"\naliases = [\n  \"G\",\n]\n\n# end of list\n";
    let mut s = Signatory::new("Delta \"D\" Trust");
    s.acronym = Some("DT".into());
    s.rare.aliases = vec!["Delta".into()];
    for index in 0..=3 {
        let (fast, full, spliced) = both_ways(text, index, &s);
        assert!(spliced, "a plain file is added to without a document");
        assert_eq!(fast, full, "at {index}");
        assert!(fast.contains("name = 'Delta \"D\" Trust'"), "{fast}");
    }
}

fn signer() -> impl Strategy<Value = Signatory> {
    (
        "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,3}",
        prop::option::of("[A-Z]{2,5}"),
        prop::option::of(prop::sample::select(vec!["FR", "GB", "KE"])),
        any::<bool>(),
        prop::option::of("[a-z ]{1,12}"),
        prop::collection::vec("[A-Za-z]{1,8}", 0..2),
    )
        .prop_map(|(name, acronym, country, individual, note, aliases)| {
            let mut s = Signatory::new(name);
            s.acronym = acronym.map(Into::into);
            s.country = country.map(Into::into);
            if individual {
                s.kind = Kind::Individual;
            }
            s.rare.note = note.filter(|n| !n.trim().is_empty()).map(Into::into);
            s.rare.aliases = aliases;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn splicing_writes_what_toml_edit_writes(
        gaps in prop::collection::vec(
            prop::sample::select(vec![
                "\n", "\n\n", "", "\n# note\n", "\n\n# about the next\n", "# c\n\n", "\n\n\n",
            ]),
            1..7,
        ),
        root_tail in prop::sample::select(vec!["", "\n", "# list below\n", "\n# x\n\n"]),
        file_tail in prop::sample::select(vec!["", "\n", "# end\n", "\n# end\n\n"]),
        line_comment in any::<bool>(),
        headers in prop::collection::vec(
            prop::sample::select(vec![
                "[[signatory]]", "[[signatory]]", "[[signatory]]", "[[signatory]]",
                "[[ signatory ]]", "[[\"signatory\"]]", "  [[signatory]]", "[[signatory]] # h",
            ]),
            7,
        ),
        s in signer(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut text = String::from("title = \"T\"\nstatus = \"open\"\n");
        text.push_str(root_tail);
        for (i, gap) in gaps.iter().enumerate() {
            text.push_str(gap);
            let comment = if line_comment && i % 2 == 0 { " # same line" } else { "" };
            text.push_str(&format!("{}\nname = \"Entry {i}\"{comment}\n", headers[i]));
            if i % 3 == 1 {
                text.push_str("country = \"DE\"\n");
            }
        }
        text.push_str(file_tail);
        let index = at.index(gaps.len() + 1);
        let (fast, full, spliced) = both_ways(&text, index, &s);
        prop_assert_eq!(fast, full, "inserting at {} into\n{}", index, text);
        // Indentation and a comment after the header do not count.
        let plain = headers[..gaps.len()]
            .iter()
            .all(|h| h.trim_start().starts_with("[[signatory]]"));
        prop_assert_eq!(spliced, plain, "splicing is used exactly for plain headers");
    }
}
