//! One exit code per kind of ending, whatever the command: 1 when it ran and
//! refused (the list would be wrong) or found problems, `--force` going on
//! where offered; 2 when it could not run. Nothing is written on a refusal.

mod common;

use common::{SEED, Scratch, stderr};

/// The seed statement with its status set to `status`.
fn seed_with_status(status: &str) -> Scratch {
    let s = Scratch::with_published_seed();
    let text = s
        .read(SEED)
        .replace("status = \"published\"", &format!("status = \"{status}\""));
    s.write(SEED, text);
    s
}

/// Runs the command, asserts its exit code and that the statement is unchanged; gives stderr.
fn refused(s: &Scratch, args: &[&str], stdin: &str, code: i32) -> String {
    let before = s.bytes(SEED);
    let out = s.cmd().args(args).write_stdin(stdin).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    assert_eq!(s.bytes(SEED), before, "{args:?} changed the statement");
    stderr(&out)
}

#[test]
fn add_and_import_on_a_closed_or_published_statement_both_exit_1() {
    for status in ["closed", "published"] {
        let s = seed_with_status(status);
        let err = refused(&s, &["add", SEED, "Hong Kong Watch"], "", 1);
        assert!(
            err.contains(&format!(
                "is {status}: it takes no more signers; nothing was added"
            )),
            "{err}"
        );
        let import = ["import", SEED, "-", "--format", "text"];
        let err = refused(&s, &import, "Hong Kong Watch\n", 1);
        assert_eq!(
            err,
            format!(
                "error: statements/{SEED}.toml is {status}: it takes no more signers; nothing was imported (use --force if these must go in)\n"
            )
        );
        // --force overrides both.
        s.cmd()
            .args(["import", SEED, "-", "--format", "text", "--force"])
            .write_stdin("Hong Kong Watch\n")
            .assert()
            .success();
        s.cmd()
            .args(["add", SEED, "Zeta Rights Watch", "--force"])
            .assert()
            .success();
    }
}

#[test]
fn add_refuses_a_duplicate_and_a_withdrawn_signer_with_exit_1() {
    let s = Scratch::with_seed();
    let err = refused(&s, &["add", SEED, "amnesty international"], "", 1);
    assert!(err.contains("is already a signatory"), "{err}");
    s.cmd()
        .args(["withdraw", SEED, "PEN Canada", "--on", "2023-10-01"])
        .assert()
        .success();
    let err = refused(&s, &["add", SEED, "PEN Canada"], "", 1);
    assert!(err.contains("withdrew from"), "{err}");
}

#[test]
fn confirm_refuses_a_withdrawn_signer_with_exit_1() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["withdraw", SEED, "PEN Canada", "--on", "2023-10-01"])
        .assert()
        .success();
    let err = refused(&s, &["confirm", SEED, "PEN Canada"], "", 1);
    assert_eq!(
        err,
        format!(
            "error: \"PEN Canada\" has withdrawn; to put them back use `undersigned add {SEED} \"PEN Canada\" --reinstate`\n"
        )
    );
}

#[test]
fn export_refuses_a_failing_list_with_exit_1_after_its_findings() {
    let s = Scratch::with_seed();
    let text = s.read(SEED).replacen(
        "name = \"PEN Canada\"",
        "name = \"PEN Canada\"\n\n[[signatory]]\nname = \"pen canada\"",
        1,
    );
    s.write(SEED, text);
    let err = refused(&s, &["export", SEED, "--format", "text"], "", 1);
    // The findings come first; the last line says what was refused, with no "error:" of its own.
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("statements/{SEED}.toml:"))
            && first.contains(": error[duplicate]: "),
        "{err}"
    );
    assert!(
        err.ends_with(&format!(
            "\nstatements/{SEED}.toml fails its checks (1 error): nothing was exported; fix the list, or pass --force to export it anyway\n"
        )),
        "{err}"
    );
}

#[test]
fn a_command_that_cannot_run_exits_2() {
    let s = Scratch::with_seed();
    // Bad usage.
    refused(&s, &["import", SEED, "-", "--map", "name"], "A\n", 2);
    refused(&s, &["merge", SEED, "PEN Canada", "pen canada"], "", 2);
    // An input that cannot be read.
    refused(&s, &["import", SEED, "-", "--format", "csv"], "\u{0}", 2);
    refused(&s, &["add", "nosuch", "X"], "", 2);
    s.write(SEED, "title = 3\n");
    refused(&s, &["add", SEED, "X"], "", 2);
    refused(&s, &["export", SEED, "--format", "text"], "", 2);
}
