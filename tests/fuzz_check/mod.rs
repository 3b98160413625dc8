//! The code path the fuzz targets and `tests/fuzz_regressions.rs` share: parse any bytes, then edit, render, collate, and check the invariants.
#![allow(dead_code)]

use std::path::Path;
use undersigned::collate::Collation;
use undersigned::diagnostics::Finding;
use undersigned::model::{Signatory, Statement};
use undersigned::schema;
use undersigned::store::{self, Loaded};

/// The name the fuzz targets insert; a plain organisation name.
pub const INSERTED: &str = "Fuzz Org";

/// Lines in `bytes` as findings count them: line breaks plus one.
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

fn check_lines(findings: &[Finding], lines: usize, what: &str) {
    for f in findings {
        assert!(
            f.line == 0 || f.line <= lines,
            "{what}: finding on line {} of a {lines}-line input: {f:?}",
            f.line
        );
    }
}

/// The statement without source positions, which an edit or a new layout moves.
fn without_positions(st: &Statement) -> Statement {
    let mut st = st.clone();
    for s in &mut st.signatories {
        s.pos = Default::default();
    }
    st
}

fn has_errors(loaded: &Loaded) -> bool {
    loaded.errors().next().is_some()
}

/// Parses `text` that the tool produced itself; it must parse cleanly.
fn reparse(text: &str, what: &str) -> Loaded {
    match store::parse(Path::new("fuzz.toml"), text.as_bytes().to_vec()) {
        Ok(l) => {
            let errors: Vec<&Finding> = l.errors().collect();
            assert!(errors.is_empty(), "{what} has errors: {errors:?}\n{text}");
            l
        }
        Err(f) => panic!("{what} does not parse: {f:?}\n{text}"),
    }
}

/// Everything the fuzz targets exercise on one input. Panics (fails) on a
/// broken invariant; returns quietly for any input the tool handles.
pub fn check(bytes: &[u8]) {
    let lines = line_count(bytes);
    lean_agrees(bytes);
    let loaded = match store::parse(Path::new("fuzz.toml"), bytes.to_vec()) {
        Ok(l) => l,
        Err(f) => {
            check_lines(std::slice::from_ref(&f), lines, "parse error");
            return;
        }
    };
    check_lines(&loaded.findings, lines, "schema finding");
    let valid = !has_errors(&loaded);

    // A load and save that changes nothing changes no byte.
    let rendered = loaded.render();
    if valid {
        assert!(
            rendered.as_bytes() == bytes,
            "a no-op save changed the file:\ninput:  {:?}\noutput: {:?}",
            String::from_utf8_lossy(bytes),
            rendered
        );
    }

    // The tool's own layout holds the same statement.
    let canonical = loaded.canonical();
    if valid {
        let again = reparse(&canonical, "the canonical layout");
        assert_eq!(
            without_positions(&again.statement),
            without_positions(&loaded.statement),
            "the canonical layout changed the statement:\n{canonical}"
        );
    }

    // Adding a signatory by writing it into the text gives what the
    // document gives, at the top and at the end.
    for index in [0, loaded.statement.signatories.len()] {
        let mut spliced = loaded.clone();
        let mut full = loaded.clone();
        // Building the document turns splicing off.
        let _ = full.statement_values();
        spliced.insert_signatory(index, &Signatory::new(INSERTED));
        full.insert_signatory(index, &Signatory::new(INSERTED));
        assert_eq!(
            spliced.render(),
            full.render(),
            "inserting at {index} by splicing differs from toml_edit"
        );
    }

    // Adding a signatory at the end.
    let mut edited = loaded.clone();
    let count = edited.statement.signatories.len();
    edited.insert_signatory(count, &Signatory::new(INSERTED));
    let after = edited.render();
    if valid {
        let again = reparse(&after, "the file after an insert");
        assert_eq!(
            without_positions(&again.statement),
            without_positions(&edited.statement),
            "the insert did not add exactly one signatory:\n{after}"
        );
    }

    if let Ok(collation) = Collation::for_statement(&loaded.statement) {
        let keys = collation.keys(&loaded.statement.signatories);
        assert_eq!(keys.len(), loaded.statement.signatories.len());
        let _ = collation.describe();
    }

    dedupe_agrees(&loaded.statement.signatories);
}

/// Duplicate detection on any list: groups of two or more distinct entries
/// in range, and the last entry matched against the others the same way by
/// the scan `add` uses and by the index `import` uses.
fn dedupe_agrees(sigs: &[Signatory]) {
    for f in undersigned::dedupe::find_duplicates(sigs) {
        assert!(f.members.len() >= 2, "a group of one: {f:?}");
        assert!(f.members.windows(2).all(|w| w[0] < w[1]), "{f:?}");
        assert!(f.members.iter().all(|&m| m < sigs.len()), "{f:?}");
        assert!(!f.reason.is_empty(), "{f:?}");
    }
    if let Some((last, rest)) = sigs.split_last() {
        let mut in_turn = Vec::new();
        undersigned::dedupe::match_in_turn(rest, std::slice::from_ref(last), |_, m| {
            in_turn = m;
            true
        });
        assert_eq!(
            undersigned::dedupe::match_new(rest, last),
            in_turn,
            "the scan and the index disagree on {:?}",
            last.name
        );
    }
}

/// Whenever the fast reader accepts a text, toml_edit parses it and the
/// full reader finds the same statement and findings.
fn lean_agrees(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Read in two parts at once, as long files are, it gives the same.
    let parts = schema::read_lean_in_parts("fuzz.toml", body, 0);
    let lean = schema::read_lean("fuzz.toml", body);
    assert_eq!(
        lean.as_ref()
            .map(|p| (&p.statement, &p.findings, &p.layout)),
        parts
            .as_ref()
            .map(|p| (&p.statement, &p.findings, &p.layout)),
        "reading in two parts differs on {body:?}"
    );
    let Some(lean) = lean else {
        return;
    };
    let doc = match toml_edit::Document::parse(body) {
        Ok(d) => d,
        Err(e) => panic!("the fast reader accepted what toml_edit rejects: {e}\n{body:?}"),
    };
    let full = schema::read("fuzz.toml", body, &doc);
    assert_eq!(
        lean.statement, full.statement,
        "the readers disagree on {body:?}"
    );
    assert_eq!(
        lean.findings, full.findings,
        "the readers disagree on {body:?}"
    );
}

/// A TOML basic string holding `text`, with every character that needs it escaped.
pub fn basic_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A statement file for the `named_statement` target: the first NUL-separated
/// field of `data` is the collation tag (none when empty), the others are the
/// signatories' names. Invalid UTF-8 is replaced, so every name is some text.
pub fn statement_from_fields(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.split('\0');
    let mut out = String::from("title = \"Fuzz\"\n");
    if let Some(tag) = fields.next().filter(|t| !t.is_empty()) {
        out.push_str(&format!("collation = {}\n", basic_string(tag)));
    }
    for name in fields {
        out.push_str(&format!("\n[[signatory]]\nname = {}\n", basic_string(name)));
    }
    out
}
