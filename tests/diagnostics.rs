//! One fixture and one snapshot per finding code: `tests/fixtures/diagnostics/<code>.toml` (with any companion
//! file named `<code>.…`), checked with `undersigned check`, the human report kept in `tests/snapshots`.

mod common;

use common::{Scratch, manifest_dir, stderr, stdout};
use std::fs;
use std::path::PathBuf;
use undersigned::diagnostics::Code;

fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures/diagnostics")
}

/// Codes no file can give: `io` is a statement that cannot be read, here
/// one that is missing (its setup is to copy nothing).
const MADE_IN_SETUP: [Code; 1] = [Code::Io];

/// The fixture of `code` and its companions, copied into a scratch
/// `statements/` directory.
fn scratch_for(code: Code) -> Scratch {
    let s = Scratch::new();
    let prefix = format!("{code}.");
    for entry in fs::read_dir(fixtures()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) {
            fs::copy(entry.path(), s.dir().join(&name)).unwrap();
        }
    }
    s
}

/// Runs `check` on the fixture of `code`, asserts it reports that code with
/// its usual severity, and snapshots the exit code and the report.
fn check_fixture(code: Code) {
    let s = scratch_for(code);
    let out = s.cmd().args(["check", code.as_str()]).output().unwrap();
    let report = stdout(&out);
    let wanted = format!("{}[{code}]", code.severity().as_str());
    assert!(
        report.contains(&wanted),
        "no `{wanted}` in:\n{report}{}",
        stderr(&out)
    );
    let exit = out.status.code().unwrap_or(-1);
    insta::assert_snapshot!(code.as_str(), format!("exit code {exit}\n{report}"));
}

#[test]
fn every_code_has_a_fixture_or_a_setup() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !MADE_IN_SETUP.contains(c))
        .filter(|c| !fixtures().join(format!("{c}.toml")).is_file())
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "no tests/fixtures/diagnostics/<code>.toml for {missing:?}"
    );
    for c in MADE_IN_SETUP {
        assert!(!fixtures().join(format!("{c}.toml")).exists(), "{c}");
    }
}

#[test]
fn every_code_reports_as_its_snapshot() {
    for code in Code::ALL {
        check_fixture(code);
    }
}

#[test]
fn the_readme_lists_every_code_as_the_enum_does() {
    let readme = fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let (open, close) = ("<!-- codes -->\n", "<!-- /codes -->");
    let block = readme
        .split_once(open)
        .and_then(|(_, rest)| rest.split_once(close))
        .map(|(block, _)| block);
    let expected = undersigned::diagnostics::markdown_table();
    assert!(
        block == Some(expected.as_str()),
        "README.md's codes, between `{}` and `{close}`, should read:\n\n{open}{expected}{close}\n",
        open.trim_end()
    );
}
