//! The "as of" date of an export's heading is a fact of the data, so `export --check` never fails because a day passed.

mod common;

use common::{Scratch, stderr};

const OPEN: &str = r#"title = "Open letter"
status = "open"
date = 2024-03-01

[[signatory]]
name = "Alpha Group"
signed = 2024-04-02

[[signatory]]
name = "Beta Network"
signed = 2024-04-20

[[signatory]]
name = "Gamma Pending"
status = "pending"
signed = 2024-04-25
"#;

/// Exports `st` with a heading to `file` (or checks it) on the day `today`.
fn export(s: &Scratch, st: &str, today: &str, extra: &[&str]) -> std::process::Output {
    s.cmd()
        .env("UNDERSIGNED_TEST_TODAY", today)
        .args([
            "export",
            st,
            "--format",
            "text",
            "--heading",
            "-o",
            "list.txt",
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn heading(s: &Scratch) -> String {
    let text = std::fs::read_to_string(s.tmp.path().join("list.txt")).unwrap();
    text.lines().next().unwrap_or_default().to_string()
}

#[test]
fn export_check_of_an_open_statement_passes_on_a_later_day() {
    let s = Scratch::new();
    s.write("open", OPEN);
    assert!(export(&s, "open", "2024-05-01", &[]).status.success());
    // The latest day a listed signer signed; the pending signer is not listed.
    assert_eq!(heading(&s), "2 organisations, as of 20 April 2024");
    for later in ["2024-05-02", "2025-01-15"] {
        let out = export(&s, "open", later, &["--check"]);
        assert!(out.status.success(), "{later}: {}", stderr(&out));
    }
    // Listing the pending signer lists its day too.
    assert!(
        export(&s, "open", "2024-05-01", &["--include-pending"])
            .status
            .success()
    );
    assert_eq!(heading(&s), "3 organisations, as of 25 April 2024");
    // Once closed, the statement's own date; --as-of overrides everything.
    s.write("open", OPEN.replace("\"open\"", "\"closed\""));
    assert!(export(&s, "open", "2024-05-01", &[]).status.success());
    assert_eq!(heading(&s), "2 organisations, as of 1 March 2024");
    let out = export(&s, "open", "2024-05-01", &["--as-of", "2024-06-30"]);
    assert!(out.status.success());
    assert_eq!(heading(&s), "2 organisations, as of 30 June 2024");
}

#[test]
fn a_withdrawal_is_a_change_of_the_list_and_dates_it() {
    let s = Scratch::new();
    let text = OPEN.to_string()
        + "\n[[signatory]]\nname = \"Zeta Left\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2024-04-22\n";
    s.write("open", text);
    assert!(export(&s, "open", "2024-05-01", &[]).status.success());
    assert_eq!(heading(&s), "2 organisations, as of 22 April 2024");
}

#[test]
fn the_clock_dates_a_list_only_when_the_data_holds_no_date() {
    let s = Scratch::new();
    s.write(
        "undated",
        "title = \"T\"\nstatus = \"open\"\n\n[[signatory]]\nname = \"Alpha Group\"\n",
    );
    assert!(export(&s, "undated", "2024-05-01", &[]).status.success());
    assert_eq!(heading(&s), "1 organisation, as of 1 May 2024");
    // A day later the heading changes, and the check says how to pin the date.
    let out = export(&s, "undated", "2024-05-02", &["--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("no listed signer has a `signed` date; give them one, or pass --as-of"),
        "{}",
        stderr(&out)
    );
}
