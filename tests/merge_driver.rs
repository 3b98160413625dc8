//! The git merge driver, with real git in a temporary repository.

mod common;

use common::{SEED, Scratch, stderr};
use std::path::Path;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    common::git(dir, args, None)
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// A repository with the seed statement committed and the driver configured
/// exactly as the README says.
fn repo() -> Scratch {
    let s = Scratch::with_seed();
    let d = s.tmp.path();
    git_ok(d, &["init", "-q", "-b", "main"]);
    let bin = assert_cmd::cargo::cargo_bin!("undersigned")
        .display()
        .to_string();
    git_ok(
        d,
        &[
            "config",
            "merge.undersigned.name",
            "undersigned signer lists",
        ],
    );
    git_ok(
        d,
        &[
            "config",
            "merge.undersigned.driver",
            &format!("{bin} merge-driver %O %A %B --marker-size %L"),
        ],
    );
    std::fs::write(
        d.join(".gitattributes"),
        "statements/*.toml merge=undersigned\n",
    )
    .unwrap();
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    s
}

#[test]
fn two_branches_adding_different_signers_merge_cleanly_in_order() {
    let s = repo();
    let d = s.tmp.path();
    git_ok(d, &["checkout", "-qb", "a"]);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    s.cmd()
        .args(["add", SEED, "Zimbabwe Lawyers for Human Rights"])
        .assert()
        .success();
    git_ok(d, &["commit", "-qam", "a adds"]);
    git_ok(d, &["checkout", "-q", "main"]);
    git_ok(d, &["checkout", "-qb", "b"]);
    // Right next to a's first addition: a line merge would conflict here.
    s.cmd()
        .args(["add", SEED, "Hong Kong Democracy Council"])
        .assert()
        .success();
    s.cmd().args(["add", SEED, "Access Now"]).assert().success();
    git_ok(d, &["commit", "-qam", "b adds"]);
    git_ok(d, &["merge", "-q", "--no-edit", "a"]);

    let text = s.read(SEED);
    assert!(!text.contains("<<<<<<<"), "{text}");
    for name in [
        "Hong Kong Watch",
        "Zimbabwe Lawyers for Human Rights",
        "Hong Kong Democracy Council",
        "Access Now",
    ] {
        assert_eq!(
            text.matches(&format!("name = \"{name}\"")).count(),
            1,
            "{name} once"
        );
    }
    s.cmd().args(["check", SEED]).assert().success();
    assert_eq!(text.matches("[[signatory]]").count(), 36);
}

#[test]
fn both_branches_adding_the_same_signer_keep_it_once_and_metadata_changes_merge() {
    let s = repo();
    let d = s.tmp.path();
    git_ok(d, &["checkout", "-qb", "a"]);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    let t = s
        .read(SEED)
        .replace("status = \"open\"", "status = \"closed\"");
    std::fs::write(s.path(SEED), t).unwrap();
    git_ok(d, &["commit", "-qam", "a"]);
    git_ok(d, &["checkout", "-q", "main"]);
    git_ok(d, &["checkout", "-qb", "b"]);
    s.cmd()
        .args(["add", SEED, "hong kong watch"])
        .assert()
        .success();
    let t = s.read(SEED).replace(
        "name = \"PEN Canada\"\n",
        "name = \"PEN Canada\"\ncountry = \"CA\"\n",
    );
    std::fs::write(s.path(SEED), t).unwrap();
    git_ok(d, &["commit", "-qam", "b"]);
    git_ok(d, &["merge", "-q", "--no-edit", "a"]);
    let text = s.read(SEED);
    assert_eq!(
        text.to_lowercase()
            .matches("name = \"hong kong watch\"")
            .count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("status = \"closed\""),
        "their statement change kept"
    );
    assert!(
        text.contains("name = \"PEN Canada\"\ncountry = \"CA\"\n"),
        "our signer change kept"
    );
}

#[test]
fn both_branches_changing_one_field_differently_is_a_conflict_with_markers() {
    let s = repo();
    let d = s.tmp.path();
    let set_note = |note: &str| {
        let t = s.read(SEED).replace(
            "name = \"PEN Canada\"\n",
            &format!("name = \"PEN Canada\"\nnote = \"{note}\"\n"),
        );
        std::fs::write(s.path(SEED), t).unwrap();
    };
    git_ok(d, &["checkout", "-qb", "a"]);
    set_note("for the Writers in Prison Committee");
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    git_ok(d, &["commit", "-qam", "a"]);
    git_ok(d, &["checkout", "-q", "main"]);
    git_ok(d, &["checkout", "-qb", "b"]);
    set_note("on behalf of its members");
    git_ok(d, &["commit", "-qam", "b"]);
    let out = git(d, &["merge", "--no-edit", "a"]);
    assert!(!out.status.success(), "a true conflict stops the merge");
    let text = s.read(SEED);
    assert!(text.contains("<<<<<<< ours"), "{text}");
    assert!(text.contains("note = \"on behalf of its members\""));
    assert!(text.contains("note = \"for the Writers in Prison Committee\""));
    assert!(text.contains(">>>>>>> theirs"));
    // Everything else merged: their new signer is there, outside the markers.
    assert!(text.contains("name = \"Hong Kong Watch\""));
    assert_eq!(text.matches("<<<<<<<").count(), 1, "{text}");
}

#[test]
fn the_driver_falls_back_to_a_line_merge_for_files_that_are_not_statements() {
    let s = Scratch::new();
    let w = |n: &str, t: &str| {
        let p = s.tmp.path().join(n);
        std::fs::write(&p, t).unwrap();
        p
    };
    let base = w("o", "a\nb\nc\nd\ne\nf\ng\n");
    let ours = w("a", "a\nB\nc\nd\ne\nf\ng\n");
    let theirs = w("b", "a\nb\nc\nd\ne\nF\ng\n");
    s.cmd()
        .arg("merge-driver")
        .args([&base, &ours, &theirs])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        "a\nB\nc\nd\ne\nF\ng\n"
    );
}
