//! Export options: the format from `-o`'s extension, country names in the list's language, `--links`,
//! and Markdown that escapes only what would change the rendering.

mod common;

use common::{SEED, Scratch, stderr, stdout};

/// `export ARGS…` in the scratch directory.
fn export(s: &Scratch, args: &[&str]) -> std::process::Output {
    s.cmd().arg("export").args(args).output().unwrap()
}

#[test]
fn the_format_comes_from_the_output_extension_when_format_is_absent() {
    let s = Scratch::with_seed();
    for (file, format) in [
        ("l.md", "markdown"),
        ("l.markdown", "markdown"),
        ("l.csv", "csv"),
        ("L.CSV", "csv"),
        ("l.txt", "text"),
        ("l.json", "json"),
        ("l.html", "html"),
        ("l.htm", "html"),
    ] {
        let inferred = s.tmp.path().join(file);
        let out = export(&s, &[SEED, "-o", inferred.to_str().unwrap()]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let asked = export(&s, &[SEED, "--format", format]);
        assert_eq!(
            std::fs::read(&inferred).unwrap(),
            asked.stdout,
            "{file} is written as {format}"
        );
    }
    // An explicit --format wins over the extension.
    let target = s.tmp.path().join("list.txt");
    let out = export(
        &s,
        &[SEED, "--format", "csv", "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("\"name\"")
    );
}

#[test]
fn an_unknown_extension_without_format_exits_2_naming_the_known_ones() {
    let s = Scratch::with_seed();
    for file in ["list.xlsx", "list"] {
        let target = s.tmp.path().join(file);
        let out = export(&s, &[SEED, "-o", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.contains(file), "names the file: {err}");
        for ext in [".md", ".markdown", ".csv", ".txt", ".json", ".html", ".htm"] {
            assert!(err.contains(ext), "{ext} in {err}");
        }
        assert!(!target.exists(), "nothing written");
    }
}

#[test]
fn standard_output_without_format_still_exits_2_asking_for_format() {
    let s = Scratch::with_seed();
    let out = export(&s, &[SEED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("--format") && err.contains(".csv"), "{err}");
}
