//! A list that fails its checks is never exported unless `--force` says so; warnings never stop an export.

mod common;

use common::{Scratch, stderr, stdout};

const HEAD: &str = "title = \"T\"\nstatus = \"open\"\n";

fn entries(names: &[&str]) -> String {
    let mut text = HEAD.to_string();
    for n in names {
        text.push_str(&format!("\n[[signatory]]\nname = \"{n}\"\n"));
    }
    text
}

#[test]
fn a_list_with_a_certain_duplicate_or_out_of_order_is_not_exported() {
    for (what, names) in [
        (
            "duplicate",
            &["Amnesty International", "amnesty international"][..],
        ),
        ("order", &["Zebra Rights", "Amnesty International"][..]),
    ] {
        let s = Scratch::new();
        s.write("x", entries(names));
        let out = s
            .cmd()
            .args(["export", "x", "--format", "text"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{what}: the list was exported");
        let err = stderr(&out);
        assert!(err.contains(&format!("error[{what}]")), "{what}: {err}");
        assert!(err.contains("--force"), "{what}: {err}");

        // Nor to a file: nothing is written.
        let file = s.tmp.path().join("list.md");
        s.cmd()
            .args(["export", "x", "--format", "markdown", "-o"])
            .arg(&file)
            .assert()
            .code(1);
        assert!(!file.exists(), "{what}: the file was written");
    }
}

#[test]
fn force_exports_a_failing_list_and_says_so_on_stderr() {
    let s = Scratch::new();
    s.write(
        "x",
        entries(&["Amnesty International", "amnesty international"]),
    );
    let out = s
        .cmd()
        .args(["export", "x", "--format", "text", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(lines, ["Amnesty International", "amnesty international"]);
    let err = stderr(&out);
    assert!(err.contains("error[duplicate]"), "{err}");
    assert!(err.contains("anyway (--force)"), "{err}");
}

#[test]
fn the_drift_check_of_a_failing_list_reports_its_findings_and_exits_1() {
    let s = Scratch::new();
    s.write("x", entries(&["Zebra Rights", "Amnesty International"]));
    let file = s.tmp.path().join("list.txt");
    // The committed file is exactly what a forced export gives now.
    s.cmd()
        .args(["export", "x", "--format", "text", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    let out = s
        .cmd()
        .args(["export", "x", "--format", "text", "--check", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[order]"), "{}", stderr(&out));
}

#[test]
fn warnings_never_stop_an_export_but_an_error_beside_them_does() {
    // Signed after the deadline: a warning of `check`, not an error.
    let text = format!(
        "{HEAD}deadline = 2023-09-01\n\n[[signatory]]\nname = \"Amnesty International\"\nsigned = 2023-09-20\n"
    );
    let s = Scratch::new();
    s.write("x", &text);
    let check = s.cmd().args(["check", "x"]).output().unwrap();
    assert!(stderr(&check).contains("1 warning"), "{}", stderr(&check));
    let out = s
        .cmd()
        .args(["export", "x", "--format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Amnesty International\n");
    assert!(!stderr(&out).contains("--force"), "{}", stderr(&out));
    // The same warning beside a certain duplicate: the duplicate stops it.
    s.write(
        "x",
        text + "\n[[signatory]]\nname = \"AMNESTY INTERNATIONAL\"\n",
    );
    let out = s
        .cmd()
        .args(["export", "x", "--format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}
