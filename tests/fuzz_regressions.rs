//! Replays every input in tests/fuzz_regressions/ through the fuzz targets' code path: no panic, every invariant kept.

mod fuzz_check;

use std::fs;
use std::panic;
use std::path::PathBuf;

#[test]
fn every_fuzz_regression_input_is_handled() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no inputs in {}", dir.display());
    let mut failed = Vec::new();
    for path in &paths {
        let bytes = fs::read(path).expect("readable input");
        if panic::catch_unwind(|| fuzz_check::check(&bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "inputs that fail: {failed:#?}");
}

#[test]
fn named_statement_inputs_build_valid_statements() {
    let text = fuzz_check::statement_from_fields(b"fr\0\xC3\x89lan\0Eau \"x\\\x1b");
    assert_eq!(
        text,
        "title = \"Fuzz\"\ncollation = \"fr\"\n\n[[signatory]]\nname = \"Élan\"\n\n[[signatory]]\nname = \"Eau \\\"x\\\\\\u001B\"\n"
    );
    fuzz_check::check(text.as_bytes());
}
