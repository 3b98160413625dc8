//! Contact details never reach a report or an error: the import report shows a row's name cell and the
//! reason only, and errors in a private file name the file, line, column and key, never the line.

mod common;

use common::{Scratch, stderr, stdout};

const EMAIL: &str = "canary-row@private.invalid";
const PHONE: &str = "+44 20 7946 0999";

fn both(out: &std::process::Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

#[test]
fn the_import_report_shows_no_email_or_phone_of_a_rejected_skipped_or_added_row() {
    let s = Scratch::with_seed();
    // One row rejected (a bell in the name), one skipped (already a signer),
    // one added, one without a name, each with contact columns.
    let csv = format!(
        "Organisation name,Email address,Phone\n\
         \"Bad\u{7} Name\",{EMAIL},{PHONE}\n\
         Covenants Watch,{EMAIL},{PHONE}\n\
         Harbour Union,{EMAIL},{PHONE}\n\
         ,{EMAIL},{PHONE}\n"
    );
    std::fs::write(s.tmp.path().join("rows.csv"), csv).unwrap();
    for dry_run in [true, false] {
        let mut cmd = s.cmd();
        cmd.args(["import", common::SEED, "rows.csv"]);
        if dry_run {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        let all = both(&out);
        assert!(
            all.contains("rejected") && all.contains("Bad␇ Name"),
            "dry run {dry_run}: {all}"
        );
        assert!(
            !all.contains("canary") && !all.contains("7946"),
            "dry run {dry_run}: the report shows a contact column: {all}"
        );
    }
    // The contact did go where it belongs.
    let private = std::fs::read_to_string(s.dir().join("huang-wang-2023.private.toml")).unwrap();
    assert!(private.contains(EMAIL), "{private}");
}

#[test]
fn a_pasted_press_contact_line_is_reported_by_its_label_only() {
    let s = Scratch::with_seed();
    let paste = format!("Signatories:\nHarbour Union\nPress contact: Jane Roe, {EMAIL}, {PHONE}\n");
    std::fs::write(s.tmp.path().join("paste.txt"), paste).unwrap();
    let out = s
        .cmd()
        .args(["import", common::SEED, "paste.txt", "--dry-run"])
        .output()
        .unwrap();
    let all = both(&out);
    assert!(all.contains("a contact line, not a signer"), "{all}");
    assert!(
        !all.contains("canary") && !all.contains("7946") && !all.contains("Jane Roe"),
        "{all}"
    );
}

/// The commands that read the private file, each run on a broken one.
fn private_readers(s: &Scratch) -> Vec<std::process::Output> {
    let runs: [&[&str]; 3] = [
        &["list", common::SEED, "--include-private"],
        &[
            "export",
            common::SEED,
            "--format",
            "csv",
            "--include-private",
        ],
        &[
            "add",
            common::SEED,
            "Harbour Union",
            "--email",
            "new@example.org",
        ],
    ];
    runs.iter()
        .map(|args| s.cmd().args(*args).output().unwrap())
        .collect()
}

#[test]
fn a_syntax_error_in_the_private_file_names_file_line_column_and_key_but_not_the_line() {
    let s = Scratch::with_seed();
    // An unterminated string: the error is on the line holding the address.
    let broken = format!(
        "[[contact]]\nsignatory = \"Covenants Watch\"\nemail = \"{EMAIL}\nphone = \"{PHONE}\"\n"
    );
    std::fs::write(s.dir().join("huang-wang-2023.private.toml"), broken).unwrap();
    for out in private_readers(&s) {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("huang-wang-2023.private.toml:3:"),
            "names file and line: {err}"
        );
        assert!(err.contains("`email`"), "names the key: {err}");
        assert!(
            !both(&out).contains("canary") && !both(&out).contains("7946"),
            "quotes the line: {err}"
        );
    }
}

#[test]
fn a_schema_error_in_the_private_file_names_the_key_but_not_the_value() {
    let s = Scratch::with_seed();
    // A phone number written as a number, and an address with a control
    // character: both schema errors on lines that hold contact details.
    let broken = format!(
        "[[contact]]\nsignatory = \"Covenants Watch\"\nphone = 442079460999\nemail = \"{}\"\n",
        EMAIL.replace('@', "\\u0007@")
    );
    std::fs::write(s.dir().join("huang-wang-2023.private.toml"), broken).unwrap();
    for out in private_readers(&s) {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("huang-wang-2023.private.toml:3:9") && err.contains("`phone`"),
            "{err}"
        );
        assert!(
            err.contains("huang-wang-2023.private.toml:4:") && err.contains("`email`"),
            "{err}"
        );
        assert!(
            !both(&out).contains("canary") && !both(&out).contains("7946"),
            "quotes the line: {err}"
        );
    }
}

/// `list statements/x.private.toml` read the contacts file as a statement,
/// and a syntax error in it printed the line holding an email address.
#[test]
fn a_contacts_file_named_as_a_statement_is_refused_without_showing_a_line() {
    let s = Scratch::new();
    s.write("p", "title = \"T\"\n");
    let private = s.tmp.path().join("statements/p.private.toml");
    std::fs::write(
        &private,
        "[[contact]]\nsignatory = \"A\"\nemail = \"SECRETMAIL@x.example\n",
    )
    .unwrap();
    for cmd in [
        &["list"][..],
        &["export", "--format", "text"],
        &["dupes"],
        &["stats"],
    ] {
        let out = s
            .cmd()
            .args(cmd)
            .arg("statements/p.private.toml")
            .output()
            .unwrap();
        let cmd = cmd[0];
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let all = stdout(&out) + &stderr(&out);
        assert!(!all.contains("SECRETMAIL"), "{cmd}: {all}");
        assert!(all.contains("private contacts file"), "{cmd}: {all}");
    }
}

/// An `email` typed into the published statement was "unknown key
/// `email`; known keys are …": it now says where contact details go.
#[test]
fn an_email_key_in_the_statement_says_contacts_go_in_the_private_file() {
    let s = Scratch::new();
    s.write(
        "m",
        "title = \"T\"\n\n[[signatory]]\nname = \"A Org\"\nemail = \"x@y.org\"\n",
    );
    let out = s.cmd().args(["check", "m"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("contact details never go in the published statement"),
        "{}",
        stdout(&out)
    );
}

/// The address of `name <address>` in `x`: in the private file, in neither
/// the statement nor any export, and `name` a signer.
fn kept_private(s: &Scratch, name: &str, address: &str) {
    let private = std::fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    assert!(
        private.contains(&format!("email = \"{address}\"")),
        "{private}"
    );
    let statement = s.read("x");
    assert!(!statement.contains(address), "{statement}");
    assert!(
        statement.contains(&format!("name = \"{name}\"")),
        "{statement}"
    );
    for format in ["markdown", "csv", "text", "json", "html"] {
        let out = s
            .cmd()
            .args(["export", "x", "--include-pending", "--format", format])
            .output()
            .unwrap();
        let all = both(&out);
        assert!(all.contains(name), "{format}: {all}");
        assert!(
            !all.contains(&address[..address.find('@').unwrap()]),
            "{format}: {all}"
        );
    }
}

/// A scratch folder with an empty open statement `x`.
fn statement() -> Scratch {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
    s
}

/// Imports `input` (a file, or a folder when it ends in `/`) and gives the report.
fn import(s: &Scratch, file: &str, input: &str) -> String {
    let path = s.tmp.path().join(file);
    std::fs::write(&path, input).unwrap();
    let out = s
        .cmd()
        .args(["import", "x", "--kind", "individual"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", both(&out));
    both(&out)
}

/// "Jane Roe <jane@…>" pasted as copied from a mail program or a page's
/// source went whole into the published name, with a warning only.
#[test]
fn an_email_after_a_pasted_name_goes_to_the_private_file_not_the_list() {
    let rows = [
        ("Jane Roe <jane@x.example>", "Jane Roe", "jane@x.example"),
        (
            "Angel Uniminin \u{2039}angel@x.example>",
            "Angel Uniminin",
            "angel@x.example",
        ),
        (
            "Delan Azabani &lt;delan@x.example>",
            "Delan Azabani",
            "delan@x.example",
        ),
        (
            "Ana Mora &lt;ana@x.example&gt;",
            "Ana Mora",
            "ana@x.example",
        ),
        ("Bo Li bo@x.example", "Bo Li", "bo@x.example"),
    ];
    for (row, name, address) in rows {
        let s = statement();
        let report = import(&s, "paste.txt", &format!("{row}\n"));
        assert!(
            report.contains("an email address in the name was moved to the private contacts file"),
            "{report}"
        );
        assert!(!report.contains(address), "{report}");
        kept_private(&s, name, address);
    }
}

#[test]
fn an_email_after_the_name_in_a_csv_name_cell_goes_to_the_private_file() {
    let s = statement();
    let report = import(
        &s,
        "form.csv",
        "Name,Country\n\"Carol Chen <carol@x.example>\",FR\n",
    );
    assert!(!report.contains("carol@"), "{report}");
    kept_private(&s, "Carol Chen", "carol@x.example");
}

#[test]
fn an_email_after_the_name_in_a_folder_file_goes_to_the_private_file() {
    let s = statement();
    let dir = s.tmp.path().join("signed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("carol.yml"),
        "name: \"Carol Chen <carol@x.example>\"\n",
    )
    .unwrap();
    let out = s
        .cmd()
        .args(["import", "x", "--kind", "individual"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", both(&out));
    assert!(!both(&out).contains("carol@"), "{}", both(&out));
    kept_private(&s, "Carol Chen", "carol@x.example");
}

/// `add "Yan Yu, yan@…"` published the address as part of the name.
#[test]
fn an_email_typed_after_the_name_in_add_goes_to_the_private_file() {
    for typed in ["Yan Yu, yan@x.example", "Yan Yu <yan@x.example>"] {
        let s = statement();
        let out = s.cmd().args(["add", "x", typed]).output().unwrap();
        assert!(out.status.success(), "{}", both(&out));
        let all = both(&out);
        assert!(
            all.contains("an email address in the name was moved to the private contacts file"),
            "{all}"
        );
        assert!(!all.contains("yan@"), "the address is never echoed: {all}");
        kept_private(&s, "Yan Yu", "yan@x.example");
    }
}
