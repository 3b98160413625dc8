//! The fast reader against the full one: whenever it accepts a file it must
//! give exactly the statement and findings toml_edit and the schema give,
//! and it must accept the files the tool itself writes.

mod common;

#[path = "../examples/support/generate.rs"]
mod generate;

use proptest::prelude::*;
use undersigned::model::{IndividualsBy, Kind, SignerStatus, Status};
use undersigned::schema;

/// Both readers on one text: `Some(true)` when the fast one accepted it
/// (and agreed), `Some(false)` when it left the file to the full reader.
fn agree(text: &str) -> Result<bool, String> {
    let lean = schema::read_lean("f.toml", text);
    // Read in two parts at once, the way long files are, it gives the same.
    let parts = schema::read_lean_in_parts("f.toml", text, 0);
    match (&lean, &parts) {
        (None, None) => {}
        (Some(a), Some(b))
            if a.statement == b.statement && a.findings == b.findings && a.layout == b.layout => {}
        _ => return Err(format!("reading in two parts differs\n{text}")),
    }
    let Some(lean) = lean else {
        return Ok(false);
    };
    let doc = toml_edit::Document::parse(text)
        .map_err(|e| format!("the fast reader accepted invalid TOML: {e}\n{text}"))?;
    let full = schema::read("f.toml", text, &doc);
    if full
        .findings
        .iter()
        .any(|f| f.severity == undersigned::diagnostics::Severity::Error)
    {
        return Err(format!(
            "the fast reader accepted a file with errors: {:?}\n{text}",
            full.findings
        ));
    }
    if lean.statement != full.statement {
        return Err(format!(
            "statements differ\nfast: {:?}\nfull: {:?}\n{text}",
            lean.statement, full.statement
        ));
    }
    if lean.findings != full.findings {
        return Err(format!(
            "findings differ\nfast: {:?}\nfull: {:?}\n{text}",
            lean.findings, full.findings
        ));
    }
    Ok(true)
}

#[test]
fn the_fast_reader_reads_generated_statements_as_the_full_reader_does() {
    for (n, seed) in [(1, 1), (50, 2), (2000, 3)] {
        let text = generate::statement(n, seed);
        assert_eq!(agree(&text), Ok(true), "generated statement of {n}");
    }
}

#[test]
fn a_header_inside_a_multi_line_string_is_never_taken_for_the_cut() {
    // The first "[[signatory]]" line after the middle of the file is inside
    // a note: reading in two parts from there would make up a signer.
    // (A backslash at a line's end joins the lines, so the note holds no
    // line break and the file is valid.)
    let text = format!(
        "title = \"T\"\n\n[[signatory]]\nname = \"Tricky\"\nnote = \"\"\"\\\n{} \\\n[[signatory]] \\\nname = \"Fake\".\"\"\"\n\n[[signatory]]\nname = \"Zeta\"\n",
        "x".repeat(400)
    );
    let mid = text.len() / 2;
    let first = mid + text[mid..].find("\n[[signatory]]").unwrap();
    assert!(text[first..].starts_with("\n[[signatory]] \\"), "{text}");
    assert_eq!(agree(&text), Ok(true));
    let parts = schema::read_lean_in_parts("f.toml", &text, 0).unwrap();
    let names: Vec<&str> = parts
        .statement
        .signatories
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Tricky", "Zeta"]);
}

#[test]
fn places_in_the_second_part_count_from_the_start_of_the_file() {
    let mut text = generate::statement(40, 7);
    text.push_str("\n[[signatory]]\nname = \"Ａcme  Trust\"\n");
    assert_eq!(agree(&text), Ok(true));
    let parts = schema::read_lean_in_parts("f.toml", &text, 0).unwrap();
    let last = parts.statement.signatories.last().unwrap();
    assert_eq!(last.pos.line, text.lines().count());
    assert!(parts.findings.iter().any(|f| f.line == last.pos.line));
}

#[test]
fn the_fast_reader_reads_the_seed_and_the_commented_fixture() {
    for text in [
        include_str!("../statements/huang-wang-2023.toml"),
        include_str!("fixtures/commented.toml"),
    ] {
        assert_eq!(agree(text), Ok(true));
    }
}

#[test]
fn files_outside_the_usual_shape_go_to_the_full_reader() {
    let head = "title = \"T\"\n";
    for body in [
        // Each of these is valid TOML the full reader handles (or reports).
        "[[signatory]]\nname = \"A\"\nextra = \"x\"\n",
        "[[signatory]]\nname = \"\"\n",
        "[[signatory]]\nname = 5\n",
        "[[signatory]]\nname = \"A\"\nname2.x = 1\n",
        "signatory = [{ name = \"A\" }]\n",
        "[[signatory]]\nname = \"A\"\ncountry = \"XX\"\n",
        "[[signatory]]\nname = \"A\"\nsigned = 2023-02-30\n",
        "[[signatory]]\nname = \"A\"\nwithdrawn_on = 2023-01-01\n",
        "[[signatory]]\nacronym = \"A\"\n",
        "[meta]\nx = 1\n",
        "[[signatory]]\nname = \"A\"\naliases = [\"\"]\n",
        "[[signatory]]\nname = \"A\"\nname = \"B\"\n",
    ] {
        let text = format!("{head}{body}");
        assert_eq!(agree(&text), Ok(false), "{text}");
    }
    // No title at all.
    assert_eq!(agree("[[signatory]]\nname = \"A\"\n"), Ok(false));
}

#[test]
fn warnings_come_out_in_the_full_readers_words_and_places() {
    let text = "title = \"T\"\n\n[[signatory]]\nname = \"Ａcme  Trust\"\nkind = \"organisation\"\naffiliation = \"Uni\"\n\n[[signatory]]\nname = \"B\"\nstatus = \"withdrawn\"\n";
    assert_eq!(agree(text), Ok(true));
    let lean = schema::read_lean("f.toml", text).unwrap();
    assert!(lean.findings.len() >= 3, "{:?}", lean.findings);
}

/// A value as a person might write it, good or bad.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[ -~&&[^\"\\\\]]{0,12}".prop_map(|s| format!("\"{s}\"")),
        1 => "\\PC{0,8}".prop_map(|s| format!("'{}'", s.replace(['\'', '\n', '\r'], ""))),
        1 => "[a-zé]{1,6}".prop_map(|s| format!("\"\"\"\n{s}\"\"\"")),
        1 => Just("\"\\u00e9cole \\t x\"".to_string()),
        1 => Just("2023-09-21".to_string()),
        1 => Just("2023-09-21T18:00:00+08:00".to_string()),
        1 => Just("\"2023-09-21\"".to_string()),
        1 => Just("true".to_string()),
        1 => Just("12".to_string()),
        1 => Just("[\"a\", 'b',\n  \"c\", # note\n]".to_string()),
        1 => Just("[]".to_string()),
        1 => Just("[\"\"]".to_string()),
        1 => Just("{ a = 1 }".to_string()),
        1 => Just("\"FR\"".to_string()),
        1 => Just("\"https://example.org\"".to_string()),
        1 => Just("\"individual\"".to_string()),
        1 => Just("\"withdrawn\"".to_string()),
        1 => Just("\"confirmed\"".to_string()),
        1 => Just("\"en\"".to_string()),
        1 => Just("\"Acme\u{200D}Trust\"".to_string()),
        1 => Just("\"x\u{0007}y\"".to_string()),
    ]
}

fn key(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(keys).prop_map(str::to_string),
        1 => Just("unknown".to_string()),
        1 => prop::sample::select(keys).prop_map(|k| format!("\"{k}\"")),
        1 => Just("a.b".to_string()),
    ]
}

fn table(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            key(keys),
            value(),
            prop::sample::select(vec!["", " # c", "\t"]),
        ),
        0..6,
    )
    .prop_map(|kvs| {
        kvs.into_iter()
            .map(|(k, v, tail)| format!("{k} = {v}{tail}\n"))
            .collect()
    })
}

/// A string written in any of TOML's four ways, sometimes with something
/// the schema warns about (joiners, fullwidth letters, doubled spaces, mixed
/// scripts) or rejects (controls, emptiness).
fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => "[A-Za-z][A-Za-z ,.'-]{0,14}".prop_map(|s| format!("\"{s}\"")),
        2 => "\\PC{1,8}".prop_map(|s| format!("'{}'", s.replace(['\'', '\n', '\r'], ""))),
        1 => "[a-zé]{1,6}".prop_map(|s| format!("\"\"\"\n{s}\"\"\"")),
        1 => "[a-z]{1,6}".prop_map(|s| format!("\'\'\'{s}\'\'\'")),
        1 => Just("\"\\u00c9cole \\\"Libre\\\"\"".to_string()),
        1 => Just("\"Acme\u{200D}Trust\"".to_string()),
        1 => Just("\"\u{FF21}cme  Trust\"".to_string()),
        1 => Just("\"P\u{0430}ris Club\"".to_string()),
        1 => Just("\"=SUM(A1)\"".to_string()),
        1 => Just("\"x\\u0007y\"".to_string()),
        1 => Just("\"  \"".to_string()),
    ]
}

fn date_value() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => Just("2023-09-21".to_string()),
        1 => Just("\" 2023-09-01 \"".to_string()),
        1 => Just("2023-09-21T18:00:00+08:00".to_string()),
        1 => Just("2023-09-21 18:00:00Z".to_string()),
        1 => Just("\"soon\"".to_string()),
    ]
}

fn one_of(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        20 => prop::sample::select(names).prop_map(|n| format!("\"{n}\"")),
        1 => Just("\"Confirmed\"".to_string()),
    ]
}

/// A value of the type `key` takes, now and then of another.
fn typed_value(key: &str) -> BoxedStrategy<String> {
    let typed: BoxedStrategy<String> = match key {
        "date" | "signed" | "withdrawn_on" | "deadline" => date_value().boxed(),
        "status" => prop_oneof![one_of(Status::NAMES), one_of(SignerStatus::NAMES)].boxed(),
        "kind" => one_of(Kind::NAMES).boxed(),
        "individuals_by" => one_of(IndividualsBy::NAMES).boxed(),
        "country" => prop::sample::select(vec![
            "\"FR\"", "\"GB\"", "\"DE\"", "\"CN\"", "\"BR\"", "\"XX\"",
        ])
        .prop_map(str::to_string)
        .boxed(),
        "language" | "collation" => prop::sample::select(vec![
            "\"en\"",
            "\"sv\"",
            "\"zh-Hant\"",
            "\"fr\"",
            "\"not a tag\"",
        ])
        .prop_map(str::to_string)
        .boxed(),
        "url" | "website" => prop::sample::select(vec![
            "\"https://example.org/a\"",
            "\"http://b.example\"",
            "\"https://c.example/x?y\"",
            "\"example\"",
        ])
        .prop_map(str::to_string)
        .boxed(),
        "ignore_articles" => prop::sample::select(vec!["true", "false", "\"yes\""])
            .prop_map(str::to_string)
            .boxed(),
        "aliases" | "distinct_from" => prop::collection::vec(string(), 0..3)
            .prop_map(|v| format!("[{}]", v.join(",\n  ")))
            .boxed(),
        _ => string().boxed(),
    };
    prop_oneof![40 => typed, 1 => value()].boxed()
}

/// A table of distinct keys from `keys`, each with a value of its type.
fn typed_table(keys: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::sample::subsequence(keys.clone(), 0..keys.len().min(5))
        .prop_shuffle()
        .prop_flat_map(|ks| {
            let values: Vec<BoxedStrategy<String>> = ks.iter().map(|k| typed_value(k)).collect();
            (Just(ks), values)
        })
        .prop_map(|(ks, vs)| {
            ks.iter()
                .zip(vs)
                .map(|(k, v)| format!("{k} = {v}\n"))
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Mostly well-typed files, so the fast reader's accepting path and its
    /// warnings are exercised as much as its giving up.
    #[test]
    fn the_fast_reader_agrees_on_mostly_valid_files(
        root in typed_table(schema::STATEMENT_KEYS.iter().copied().filter(|k| !matches!(*k, "title" | "signatory")).collect()),
        entries in prop::collection::vec(
            (
                typed_table(schema::SIGNATORY_KEYS.iter().copied().filter(|k| *k != "name").collect()),
                string(),
                prop::sample::select(vec!["\n", "\n\n", "\n# comment\n"]),
            ),
            0..6,
        ),
    ) {
        let mut text = format!("title = \"T\"\n{root}");
        for (body, name, gap) in entries {
            text.push_str(&format!("{gap}[[signatory]]\nname = {name}\n{body}"));
        }
        let r = agree(&text);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    #[test]
    fn the_fast_reader_never_disagrees_with_the_full_reader(
        root in table(schema::STATEMENT_KEYS),
        title in prop::bool::weighted(0.9),
        entries in prop::collection::vec(
            (
                table(schema::SIGNATORY_KEYS),
                prop::option::weighted(0.85, "[A-Za-z ]{1,10}"),
                prop::sample::select(vec!["[[signatory]]", "[[ signatory ]]", "[[\"signatory\"]]", "[signatory]", "[[signatories]]"]),
                prop::sample::select(vec!["\n", "\n\n", "\r\n", "\n# comment\n"]),
            ),
            0..5,
        ),
    ) {
        let mut text = String::new();
        if title {
            text.push_str("title = \"T\"\n");
        }
        // One title at most: a second is a duplicate key, tried below.
        text.push_str(&root.replace("title =", "url ="));
        for (body, name, header, gap) in entries {
            text.push_str(gap);
            text.push_str(header);
            text.push('\n');
            if let Some(n) = name {
                text.push_str(&format!("name = \"{n}\"\n"));
            }
            text.push_str(&body.replace("name =", "note ="));
        }
        let r = agree(&text);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}

#[test]
fn the_fast_reader_agrees_on_every_hostile_name() {
    let mut accepted = 0;
    for (name, why) in common::hostile_names() {
        let quoted = toml_edit::Value::from(name.as_str()).to_string();
        let text = format!("title = \"T\"\n\n[[signatory]]\nname = {quoted}\nnote = {quoted}\n");
        match agree(&text) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(e) => panic!("{why}: {e}"),
        }
    }
    assert!(
        accepted > 10,
        "only {accepted} hostile names read the fast way"
    );
}

#[test]
fn the_fast_reader_agrees_on_the_fuzzers_regression_inputs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            assert!(agree(body).is_ok(), "{:?}", agree(body));
        }
    }
}
