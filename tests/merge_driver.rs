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
/// exactly as the README and docs/ci.md say.
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
    // Merged line by line, but not a statement: it cannot pass `check`, so
    // the driver never calls it clean (exit 1 leaves it to the person).
    let out = s
        .cmd()
        .arg("merge-driver")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        "a\nB\nc\nd\ne\nF\ng\n"
    );
}

/// A statement file with the given `[[signatory]]` entries (each the lines
/// after its header).
fn statement(entries: &[&str]) -> String {
    let mut t = String::from("title = \"T\"\nstatus = \"open\"\nlanguage = \"en\"\n");
    for e in entries {
        t.push_str(&format!("\n[[signatory]]\n{e}\n"));
    }
    t
}

/// The driver run by hand on three versions, as git runs it: the result is
/// left in `ours`.
fn drive(base: &str, ours: &str, theirs: impl AsRef<[u8]>) -> (Scratch, std::process::Output) {
    let s = Scratch::new();
    s.write("base", base);
    s.write("ours", ours);
    s.write("theirs", theirs);
    let out = s
        .cmd()
        .arg("merge-driver")
        .args([s.path("base"), s.path("ours"), s.path("theirs")])
        .args(["--marker-size", "7"])
        .output()
        .unwrap();
    (s, out)
}

/// `drive`, with each version first held to `check`: these are three valid lists.
fn drive_valid(base: &str, ours: &str, theirs: &str) -> (Scratch, std::process::Output) {
    let s = Scratch::new();
    for (id, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        s.write(id, text);
        s.cmd().args(["check", id]).assert().success();
    }
    drive(base, ours, theirs)
}

fn passes_check(s: &Scratch, id: &str) -> bool {
    s.cmd()
        .args(["check", id])
        .output()
        .unwrap()
        .status
        .success()
}

/// Issue item 2, identity: two signers recorded as different that differ
/// only in case were keyed as one, and their version was dropped (exit 0).
#[test]
fn signers_recorded_distinct_that_differ_only_in_case_stay_two() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let theirs = statement(&[
        "name = \"Acme Trust\"",
        "name = \"ACME Trust\"\ndistinct_from = [\"Acme Trust\"]\nnote = \"the Manchester trust\"",
        "name = \"Lantern Society\"",
    ]);
    let ours = statement(&[
        "name = \"Acme Trust\"\ncountry = \"GB\"",
        "name = \"Lantern Society\"",
    ]);
    let (s, out) = drive_valid(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = s.read("ours");
    assert!(
        text.contains("name = \"Acme Trust\"\ncountry = \"GB\""),
        "{text}"
    );
    assert!(text.contains("name = \"ACME Trust\""), "{text}");
    assert!(text.contains("note = \"the Manchester trust\""), "{text}");
    assert_eq!(text.matches("[[signatory]]").count(), 3, "{text}");
    assert!(passes_check(&s, "ours"), "{text}");
}

/// Issue item 2, failure: a binary "theirs" made `git merge-file` fail and
/// the driver wrote an empty file over ours.
#[test]
fn a_binary_theirs_leaves_ours_untouched_and_the_file_in_conflict() {
    let s = repo();
    let d = s.tmp.path();
    git_ok(d, &["checkout", "-qb", "a"]);
    std::fs::write(s.path(SEED), b"\x00\x01binary\x00\xff\xfe").unwrap();
    git_ok(d, &["commit", "-qam", "a makes it binary"]);
    git_ok(d, &["checkout", "-q", "main"]);
    git_ok(d, &["checkout", "-qb", "b"]);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    git_ok(d, &["commit", "-qam", "b adds"]);
    let ours = s.bytes(SEED);
    let out = git(d, &["merge", "--no-edit", "a"]);
    assert!(!out.status.success(), "the merge stops");
    assert_eq!(s.bytes(SEED), ours, "ours is left as it was");
    let unmerged = git(d, &["diff", "--name-only", "--diff-filter=U"]);
    assert!(
        common::stdout(&unmerged).contains(&format!("statements/{SEED}.toml")),
        "git shows the file in conflict"
    );
    assert!(
        stderr(&out).contains("undersigned merge-driver"),
        "{}",
        stderr(&out)
    );
}

/// Issue item 2, failure: a "theirs" that is not UTF-8 text is never merged
/// into ours; ours stays as it was and the exit says the driver failed.
#[test]
fn a_theirs_that_is_not_utf8_leaves_ours_untouched() {
    let base = statement(&["name = \"Lantern Society\""]);
    let ours = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let mut theirs = statement(&["name = \"Lantern Society\""]).into_bytes();
    theirs.extend_from_slice(b"\n[[signatory]]\nname = \"Caf\xe9 Europa\"\n");
    let (s, out) = drive(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(s.read("ours"), ours);
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
}

/// Issue item 2, verification: their alias and our new entry make a
/// certain duplicate; the driver called that clean (exit 0).
#[test]
fn a_certain_duplicate_formed_by_the_union_is_a_conflict_git_shows() {
    let s = repo();
    let d = s.tmp.path();
    git_ok(d, &["checkout", "-qb", "a"]);
    let t = s.read(SEED).replace(
        "name = \"Human Rights Now\"\n",
        "name = \"Human Rights Now\"\naliases = [\"Lantern Society\"]\n",
    );
    std::fs::write(s.path(SEED), t).unwrap();
    s.cmd().args(["check", SEED]).assert().success();
    git_ok(d, &["commit", "-qam", "a records an alias"]);
    git_ok(d, &["checkout", "-q", "main"]);
    git_ok(d, &["checkout", "-qb", "b"]);
    s.cmd()
        .args(["add", SEED, "Lantern Society"])
        .assert()
        .success();
    git_ok(d, &["commit", "-qam", "b adds"]);
    let out = git(d, &["merge", "--no-edit", "a"]);
    assert!(!out.status.success(), "not a clean merge");
    let unmerged = git(d, &["diff", "--name-only", "--diff-filter=U"]);
    assert!(
        common::stdout(&unmerged).contains(&format!("statements/{SEED}.toml")),
        "git shows the file in conflict"
    );
    assert!(stderr(&out).contains("same signer"), "{}", stderr(&out));
    // Nothing of either side is lost.
    let text = s.read(SEED);
    assert!(text.contains("aliases = [\"Lantern Society\"]"), "{text}");
    assert!(text.contains("name = \"Lantern Society\""), "{text}");
}

/// Issue item 2, verification: an invalid "theirs" was line-merged and the
/// invalid result called clean.
#[test]
fn an_invalid_theirs_is_never_merged_cleanly() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let ours = statement(&[
        "name = \"Acme Trust\"\ncountry = \"GB\"",
        "name = \"Lantern Society\"",
    ]);
    let theirs = statement(&[
        "name = \"Acme Trust\"",
        "name = \"Lantern Society\"\nsigned = \"last week\"",
    ]);
    let (s, out) = drive(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!passes_check(&s, "ours"));
    assert!(stderr(&out).contains("theirs"), "{}", stderr(&out));
}

/// Issue item 2, verification: conflict markers committed in "theirs" were
/// line-merged into a clean result.
#[test]
fn conflict_markers_committed_in_theirs_are_never_merged_cleanly() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let ours = statement(&[
        "name = \"Acme Trust\"\ncountry = \"GB\"",
        "name = \"Lantern Society\"",
    ]);
    let theirs = statement(&[
        "name = \"Acme Trust\"",
        "name = \"Lantern Society\"\n<<<<<<< HEAD\nnote = \"a\"\n=======\nnote = \"b\"\n>>>>>>> other",
    ]);
    let (s, out) = drive(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!passes_check(&s, "ours"));
    assert!(stderr(&out).contains("conflict marker"), "{}", stderr(&out));
}

/// Issue item 2, folding: the same organisation added on both sides,
/// spelt differently, lost their website, note and country.
#[test]
fn the_same_signer_added_on_both_sides_spelt_differently_is_folded_keeping_both_sides_fields() {
    let base = statement(&["name = \"Lantern Society\""]);
    let ours = statement(&[
        "name = \"Front Line Defenders\"\nwebsite = \"https://www.frontlinedefenders.org\"",
        "name = \"Lantern Society\"",
    ]);
    let theirs = statement(&[
        "name = \"Frontline Defenders\"\ncountry = \"IE\"\nnote = \"Dublin office\"",
        "name = \"Lantern Society\"",
    ]);
    let (s, out) = drive_valid(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = s.read("ours");
    assert_eq!(text.matches("[[signatory]]").count(), 2, "{text}");
    assert!(text.contains("name = \"Front Line Defenders\""), "{text}");
    for kept in [
        "website = \"https://www.frontlinedefenders.org\"",
        "country = \"IE\"",
        "note = \"Dublin office\"",
        "aliases = [\"Frontline Defenders\"]",
    ] {
        assert!(text.contains(kept), "{kept} in {text}");
    }
    let err = stderr(&out);
    assert!(
        err.contains("Frontline Defenders") && err.contains("folded"),
        "{err}"
    );
    assert!(passes_check(&s, "ours"), "{text}");
}

/// Issue item 2, folding: both sides added one signer with different
/// notes; theirs was dropped silently instead of a conflict.
#[test]
fn the_same_signer_added_on_both_sides_with_different_notes_is_a_conflict() {
    let base = statement(&["name = \"Lantern Society\""]);
    let ours = statement(&[
        "name = \"Front Line Defenders\"\nnote = \"Dublin office\"",
        "name = \"Lantern Society\"",
    ]);
    let theirs = statement(&[
        "name = \"Frontline Defenders\"\nnote = \"Brussels office\"",
        "name = \"Lantern Society\"",
    ]);
    let (s, out) = drive_valid(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = s.read("ours");
    assert!(text.contains("<<<<<<< ours"), "{text}");
    assert!(text.contains("note = \"Dublin office\""), "{text}");
    assert!(text.contains("note = \"Brussels office\""), "{text}");
    assert!(stderr(&out).contains("note"), "{}", stderr(&out));
}

/// Issue item 2, tombstones: a withdrawal on one side and a deletion on the
/// other exited 1 with no markers and the withdrawal gone.
#[test]
fn a_withdrawal_is_never_lost_to_a_deletion() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let withdrawn = statement(&[
        "name = \"Acme Trust\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2023-10-02\nwithdrawal_reason = \"asked by email\"",
        "name = \"Lantern Society\"",
    ]);
    let deleted = statement(&["name = \"Lantern Society\""]);
    for (ours, theirs) in [(&withdrawn, &deleted), (&deleted, &withdrawn)] {
        let (s, out) = drive_valid(&base, ours, theirs);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = s.read("ours");
        assert!(text.contains("name = \"Acme Trust\""), "{text}");
        assert!(text.contains("status = \"withdrawn\""), "{text}");
        assert!(
            text.contains("withdrawal_reason = \"asked by email\""),
            "{text}"
        );
        assert!(stderr(&out).contains("Acme Trust"), "{}", stderr(&out));
        assert!(passes_check(&s, "ours"), "{text}");
    }
}

/// Issue item 2, renames: a rename on one side and an edit on the other
/// exited 1 with no markers and the edit lost.
#[test]
fn a_rename_on_one_side_and_an_edit_on_the_other_keeps_the_edit_in_a_conflict() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let renamed = statement(&["name = \"Acme Trust\"", "name = \"Lantern Union\""]);
    let edited = statement(&[
        "name = \"Acme Trust\"",
        "name = \"Lantern Society\"\nnote = \"signed by its chair\"",
    ]);
    for (ours, theirs) in [(&renamed, &edited), (&edited, &renamed)] {
        let (s, out) = drive_valid(&base, ours, theirs);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = s.read("ours");
        assert!(text.contains("<<<<<<< ours"), "{text}");
        assert!(text.contains("note = \"signed by its chair\""), "{text}");
        assert!(text.contains("name = \"Lantern Union\""), "{text}");
    }
}

/// A rename the duplicate rules recognise (the old name kept as an alias)
/// takes the other side's edit cleanly.
#[test]
fn a_rename_that_keeps_the_old_name_as_an_alias_takes_the_other_sides_edit() {
    let base = statement(&["name = \"Acme Trust\"", "name = \"Lantern Society\""]);
    let ours = statement(&[
        "name = \"Acme Trust\"",
        "name = \"Lantern Union\"\naliases = [\"Lantern Society\"]",
    ]);
    let theirs = statement(&[
        "name = \"Acme Trust\"",
        "name = \"Lantern Society\"\nnote = \"signed by its chair\"",
    ]);
    let (s, out) = drive_valid(&base, &ours, &theirs);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = s.read("ours");
    assert!(
        text.contains("name = \"Lantern Union\"\naliases = [\"Lantern Society\"]\nnote = \"signed by its chair\""),
        "{text}"
    );
    assert!(passes_check(&s, "ours"), "{text}");
}

#[path = "../examples/support/generate.rs"]
mod generate;

/// Issue item 2, cost: every field looked up rebuilt the name index, so a
/// merge of a long list took minutes. Now it costs about what a `check` of
/// the file costs (the benchmark measures 20,000 signers in a release build).
#[test]
fn a_merge_of_a_long_list_costs_about_what_a_check_costs() {
    let s = Scratch::new();
    s.write("full", generate::distinct_statement(3_000, 11));
    s.cmd().args(["sort", "full"]).assert().success();
    let full = s.read("full");
    let mut parts = full.split("\n[[signatory]]\n");
    let head = parts.next().unwrap().to_string();
    let entries: Vec<&str> = parts.collect();
    // Every 60th entry is one only we add, the 30th after it one only they add.
    let only = |skip: usize| -> String {
        let mut t = head.clone();
        for (i, e) in entries.iter().enumerate() {
            if i % 60 != skip {
                t.push_str("\n[[signatory]]\n");
                t.push_str(e);
            }
        }
        t
    };
    let (ours, theirs) = (only(30), only(0));
    let base: String = {
        let mut t = head.clone();
        for (i, e) in entries.iter().enumerate() {
            if i % 30 != 0 {
                t.push_str("\n[[signatory]]\n");
                t.push_str(e);
            }
        }
        t
    };
    s.write("base", &base);
    s.write("ours", &ours);
    s.write("theirs", &theirs);
    let timed = |args: &[&std::ffi::OsStr]| {
        let t = std::time::Instant::now();
        let out = s.cmd().args(args).output().unwrap();
        (t.elapsed(), out)
    };
    let (check, out) = timed(&["check".as_ref(), s.path("ours").as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (merge, out) = timed(&[
        "merge-driver".as_ref(),
        s.path("base").as_os_str(),
        s.path("ours").as_os_str(),
        s.path("theirs").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.read("ours"), full, "the union, in order");
    // Generous for a shared machine and a debug build; the quadratic
    // driver took over a hundred times a check here.
    let ratio = merge.as_secs_f64() / check.as_secs_f64();
    assert!(
        ratio < 10.0,
        "merge {merge:?} is {ratio:.1}× check {check:?}"
    );
}
