//! One count everywhere: every command that prints a total counts the confirmed signers and tells the pending and withdrawn apart, singular and plural right.

mod common;

use common::{SEED, Scratch, stderr, stdout};

/// The seed's 32 confirmed organisations, one pending and one withdrawn:
/// the shape where `add` once said 34 while `list` and `export` said 32.
fn seed_with_pending_and_withdrawn() -> Scratch {
    let s = Scratch::with_seed();
    let text = s.read(SEED)
        + "\n[[signatory]]\nname = \"Zz Pending Group\"\nstatus = \"pending\"\n\n\
           [[signatory]]\nname = \"Zz Withdrawn Group\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2023-09-20\n";
    s.write(SEED, text);
    s
}

fn run(s: &Scratch, args: &[&str]) -> (String, String) {
    let out = s.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    (stdout(&out), stderr(&out))
}

#[test]
fn add_list_export_stats_and_import_tell_the_same_count() {
    let s = seed_with_pending_and_withdrawn();
    let apart = "not counting 1 pending and 1 withdrawn";

    let (_, err) = run(&s, &["add", SEED, "Aaa New Coalition"]);
    assert!(
        err.contains(&format!("(33 signatories, {apart})")),
        "add: {err}"
    );

    let (out, _) = run(&s, &["list", SEED]);
    assert!(
        out.contains(&format!(
            "33 signatories (33 organisations, 0 individuals), {apart}"
        )),
        "list: {out}"
    );

    let (out, _) = run(&s, &["stats", SEED]);
    assert!(
        out.contains(&format!("Signers:      33 signatories, {apart}\n")),
        "stats: {out}"
    );

    let (_, err) = run(
        &s,
        &[
            "export",
            SEED,
            "--format",
            "markdown",
            "--heading",
            "-o",
            "list.md",
        ],
    );
    assert!(
        err.contains(&format!("Wrote list.md: 33 signatories, {apart}")),
        "export: {err}"
    );
    let list = std::fs::read_to_string(s.tmp.path().join("list.md")).unwrap();
    assert!(list.starts_with("33 organisations, as of"), "{list}");

    // With the pending exported, they are told as part of what was written.
    let (_, err) = run(
        &s,
        &[
            "export",
            SEED,
            "--format",
            "text",
            "--include-pending",
            "-o",
            "all.txt",
        ],
    );
    assert!(
        err.contains("Wrote all.txt: 33 signatories and 1 pending, not counting 1 withdrawn"),
        "{err}"
    );

    std::fs::write(s.tmp.path().join("one.txt"), "Bbb Another Network\n").unwrap();
    let (out, _) = run(&s, &["import", SEED, "one.txt", "--format", "text"]);
    assert!(
        out.contains(&format!(
            "1 was added, 0 skipped, 0 rejected; statements/{SEED}.toml now has 34 signatories, {apart}"
        )),
        "import: {out}"
    );
}

#[test]
fn one_signer_is_one_signatory_in_every_report() {
    let s = Scratch::new();
    s.write("x", "title = \"T\"\n");
    let mut said = String::new();
    let (_, err) = run(&s, &["add", "x", "Solo Org"]);
    assert!(err.contains("at the top (1 signatory)"), "{err}");
    said += &err;
    let (out, _) = run(&s, &["list", "x"]);
    assert!(
        out.contains("1 signatory (1 organisation, 0 individuals)"),
        "{out}"
    );
    said += &out;
    let (out, _) = run(&s, &["stats", "x"]);
    assert!(out.contains("Signers:      1 signatory\n"), "{out}");
    said += &out;
    let (_, err) = run(
        &s,
        &[
            "export",
            "x",
            "--format",
            "text",
            "--heading",
            "-o",
            "x.txt",
        ],
    );
    assert!(err.contains("Wrote x.txt: 1 signatory"), "{err}");
    said += &err;
    let heading = std::fs::read_to_string(s.tmp.path().join("x.txt")).unwrap();
    assert!(heading.starts_with("1 organisation, as of"), "{heading}");

    s.write("y", "title = \"T\"\n");
    std::fs::write(s.tmp.path().join("one.txt"), "Solo Org\n").unwrap();
    let (out, _) = run(&s, &["import", "y", "one.txt", "--format", "text"]);
    assert!(out.contains("1 was added"), "{out}");
    assert!(out.contains("now has 1 signatory"), "{out}");
    said += &out;
    for wrong in [
        "1 signatories",
        "1 were",
        "1 organisations",
        "1 individuals",
    ] {
        assert!(!said.contains(wrong), "{wrong:?} in:\n{said}");
    }
}

#[test]
fn confirm_withdraw_remove_merge_and_sort_report_the_count() {
    let s = seed_with_pending_and_withdrawn();
    let (_, err) = run(&s, &["confirm", SEED, "Zz Pending Group"]);
    assert!(
        err.contains("now has 33 signatories, not counting 1 withdrawn"),
        "confirm: {err}"
    );
    let (_, err) = run(&s, &["withdraw", SEED, "PEN Canada", "--on", "2023-10-01"]);
    assert!(
        err.contains("now has 32 signatories, not counting 2 withdrawn"),
        "withdraw: {err}"
    );
    let (_, err) = run(&s, &["remove", SEED, "Zz Withdrawn Group"]);
    assert!(
        err.contains("now has 32 signatories, not counting 1 withdrawn"),
        "remove: {err}"
    );
    run(&s, &["add", SEED, "Amnesty Intl", "--force"]);
    let (_, err) = run(
        &s,
        &["merge", SEED, "Amnesty International", "Amnesty Intl"],
    );
    assert!(
        err.contains("now has 32 signatories, not counting 1 withdrawn"),
        "merge: {err}"
    );
    let text = s.read(SEED) + "\n[[signatory]]\nname = \"Aaa Last\"\n";
    s.write(SEED, text);
    let (_, err) = run(&s, &["sort", SEED]);
    assert!(
        err.contains("(33 signatories, not counting 1 withdrawn)"),
        "sort: {err}"
    );
}
