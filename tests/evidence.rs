//! Evidence of authorisation: `confirm --evidence`, `list --without-evidence`, `require_evidence` and
//! the `evidence` check; a public address in the statement, anything else only in the private file.

mod common;

use common::{Scratch, stderr, stdout};
use std::fs;

const LETTER: &str = "\
title = \"Open letter\"

# Signed by pull request.
[[signatory]]
name = \"Amnesty International\"
status = \"pending\"

[[signatory]]
name = \"Human Rights Watch\"
acronym = \"HRW\"
status = \"pending\"

[[signatory]]
name = \"PEN Canada\"
country = \"CA\"
";

/// Text that must stay in the private file.
const SECRET: &str = "email from Jane Canary <jane.canary@example.invalid>, 3 Dec";
const WHO: &str = "Jane Canary, Director";

fn letter() -> Scratch {
    let s = Scratch::new();
    s.write("letter", LETTER);
    s
}

fn private(s: &Scratch) -> String {
    fs::read_to_string(s.dir().join("letter.private.toml")).unwrap_or_default()
}

fn run(s: &Scratch, args: &[&str]) -> std::process::Output {
    s.cmd().args(args).output().unwrap()
}

#[test]
fn confirm_with_an_address_writes_it_and_its_day_and_nothing_else() {
    let s = letter();
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "Amnesty International",
            "--evidence",
            "https://www.amnesty.org/en/latest/news/letter/",
            "--on",
            "2026-12-01",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = LETTER.replace(
        "name = \"Amnesty International\"\nstatus = \"pending\"\n",
        "name = \"Amnesty International\"\nevidence = \"https://www.amnesty.org/en/latest/news/letter/\"\nevidence_on = 2026-12-01\n",
    );
    assert_eq!(s.read("letter"), expected);
    // A public address needs no private file.
    assert!(!s.dir().join("letter.private.toml").exists());
    assert!(
        stderr(&out).contains("Confirmed \"Amnesty International\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn confirm_with_text_keeps_it_in_the_private_file_only() {
    let s = letter();
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "HRW",
            "--evidence",
            SECRET,
            "--by",
            WHO,
            "--on",
            "2026-12-03",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = LETTER.replace(
        "acronym = \"HRW\"\nstatus = \"pending\"\n",
        "acronym = \"HRW\"\n",
    );
    assert_eq!(s.read("letter"), expected, "only the status changes");
    let p = private(&s);
    assert!(
        p.contains(&format!(
            "signatory = \"Human Rights Watch\"\nevidence = \"{SECRET}\"\nevidence_by = \"{WHO}\"\nevidence_on = 2026-12-03\n"
        )),
        "{p}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(s.dir().join("letter.private.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!said.contains("Canary"), "{said}");
}

#[test]
fn an_address_with_by_keeps_who_authorised_private() {
    let s = letter();
    let url = "https://hrw.org/news/2026/12/01/letter";
    let out = run(
        &s,
        &["confirm", "letter", "HRW", "--evidence", url, "--by", WHO],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = s.read("letter");
    assert!(text.contains(&format!("evidence = \"{url}\"\n")), "{text}");
    assert!(!text.contains("Canary"), "{text}");
    let p = private(&s);
    assert!(p.contains(&format!("evidence_by = \"{WHO}\"")), "{p}");
    assert!(!p.contains(url), "the address is public, kept once: {p}");
}

#[test]
fn several_names_and_a_file_of_names_each_get_the_evidence() {
    let s = letter();
    let names = s.tmp.path().join("names.txt");
    fs::write(&names, "# confirmed on the call\nPEN Canada\n").unwrap();
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "Amnesty International",
            "HRW",
            "--from",
            names.to_str().unwrap(),
            "--evidence",
            "call with the coalition, 3 Dec",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let p = private(&s);
    for name in ["Amnesty International", "Human Rights Watch", "PEN Canada"] {
        assert!(
            p.contains(&format!(
                "signatory = \"{name}\"\nevidence = \"call with the coalition, 3 Dec\"\n"
            )),
            "{name}: {p}"
        );
    }
    assert!(!s.read("letter").contains("pending"));
}

#[test]
fn confirming_a_confirmed_signer_with_evidence_records_it() {
    let s = letter();
    let before = s.read("letter");
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "PEN Canada",
            "--evidence",
            "https://pencanada.ca/news/letter",
            "--on",
            "2026-11-30",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already confirmed"),
        "{}",
        stderr(&out)
    );
    let expected = before.replace(
        "country = \"CA\"\n",
        "country = \"CA\"\nevidence = \"https://pencanada.ca/news/letter\"\nevidence_on = 2026-11-30\n",
    );
    assert_eq!(s.read("letter"), expected);
    // Without evidence, it is still only a note.
    let out = run(&s, &["confirm", "letter", "PEN Canada"]);
    assert!(out.status.success());
    assert_eq!(s.read("letter"), expected);
}

#[test]
fn a_bad_address_or_by_alone_is_refused_and_nothing_is_written() {
    let s = letter();
    for args in [
        &["confirm", "letter", "HRW", "--evidence", "https://hrw"][..],
        &[
            "confirm",
            "letter",
            "HRW",
            "--evidence",
            "https://hrw.org/a b",
        ],
        &["confirm", "letter", "HRW", "--by", WHO],
        &[
            "confirm",
            "letter",
            "HRW",
            "--evidence",
            "x",
            "--on",
            "3 Dec",
        ],
    ] {
        let out = run(&s, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(s.read("letter"), LETTER, "{args:?}");
        assert!(!s.dir().join("letter.private.toml").exists(), "{args:?}");
    }
    let out = run(
        &s,
        &["confirm", "letter", "HRW", "--evidence", "https://hrw"],
    );
    assert!(
        stderr(&out).contains("--evidence is not a web address"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn list_without_evidence_shows_the_confirmed_signers_lacking_it() {
    let s = letter();
    run(&s, &["confirm", "letter", "HRW", "--evidence", SECRET]);
    let out = run(&s, &["list", "letter", "--without-evidence"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("PEN Canada"), "{text}");
    assert!(
        !text.contains("Human Rights Watch"),
        "private evidence counts: {text}"
    );
    assert!(
        !text.contains("Amnesty"),
        "pending is not confirmed: {text}"
    );
    assert!(
        text.contains("1 of 3 entries shown (confirmed entries without evidence)"),
        "{text}"
    );
    assert!(!text.contains("Canary"), "{text}");
}

#[test]
fn require_evidence_makes_a_confirmed_signer_without_it_an_error() {
    let s = letter();
    s.write(
        "letter",
        LETTER.replace(
            "title = \"Open letter\"\n",
            "title = \"Open letter\"\nrequire_evidence = true\n",
        ),
    );
    let out = run(&s, &["check", "letter"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("error[evidence]"), "{report}");
    assert!(report.contains("\"PEN Canada\""), "{report}");
    assert!(
        !report.contains("Amnesty"),
        "a pending signer needs none yet: {report}"
    );

    // Private evidence is enough; the check says nothing of what it is.
    run(
        &s,
        &["confirm", "letter", "PEN Canada", "--evidence", SECRET],
    );
    let out = run(&s, &["check", "letter", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("Canary"));

    // Confirming without evidence brings the error back for that signer.
    run(&s, &["confirm", "letter", "HRW"]);
    let out = run(&s, &["check", "letter"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("\"Human Rights Watch (HRW)\""),
        "{}",
        stdout(&out)
    );
    let url = "https://hrw.org/news/letter";
    run(&s, &["confirm", "letter", "HRW", "--evidence", url]);
    let out = run(&s, &["check", "letter"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn set_turns_require_evidence_on_and_fmt_keeps_it() {
    let s = letter();
    let out = run(&s, &["set", "letter", "require_evidence=true"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.read("letter").contains("require_evidence = true\n"));
    let out = run(&s, &["fmt", "letter"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        s.read("letter").contains("require_evidence = true\n"),
        "{}",
        s.read("letter")
    );
    assert_eq!(run(&s, &["check", "letter"]).status.code(), Some(1));
}

#[test]
fn evidence_text_never_leaves_the_private_file_without_include_private() {
    let s = letter();
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "Amnesty International",
            "HRW",
            "--evidence",
            SECRET,
            "--by",
            WHO,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut said = format!("{}{}", stdout(&out), stderr(&out));
    for args in [
        &["list", "letter"][..],
        &["list", "letter", "--without-evidence"],
        &["check", "letter"],
        &["check", "letter", "--format", "json"],
        &["check", "letter", "--format", "github"],
        &["export", "letter", "--format", "text"],
        &["export", "letter", "--format", "markdown"],
        &["export", "letter", "--format", "csv"],
        &["export", "letter", "--format", "json"],
        &["export", "letter", "--format", "html"],
        &["stats", "letter"],
        &["dupes", "letter"],
    ] {
        let out = run(&s, args);
        said.push_str(&stdout(&out));
        said.push_str(&stderr(&out));
    }
    assert!(!said.contains("Canary"), "{said}");
    // Asked for, it is shown.
    let out = run(&s, &["list", "letter", "--include-private"]);
    assert!(stdout(&out).contains("Jane Canary"), "{}", stdout(&out));
}

#[test]
fn the_address_stays_in_the_statement_and_no_export_changes() {
    let s = letter();
    run(&s, &["confirm", "letter", "Amnesty International", "HRW"]);
    let press = |s: &Scratch| {
        ["text", "markdown", "html", "csv", "json"]
            .map(|f| stdout(&run(s, &["export", "letter", "--format", f])))
    };
    let before = press(&s);
    let url = "https://www.amnesty.org/en/latest/news/letter/";
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "Amnesty International",
            "--evidence",
            url,
            "--on",
            "2026-12-01",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The press list, the spreadsheet and the JSON are the same as before.
    assert_eq!(press(&s), before);
    let file = s.read("letter");
    assert!(file.contains(&format!("evidence = \"{url}\"")), "{file}");
}

#[test]
fn evidence_round_trips_through_fmt() {
    let s = Scratch::new();
    // Keys out of order: fmt puts them in the table's order and keeps every value.
    s.write(
        "letter",
        "title = \"Open letter\"\n\n[[signatory]]\nevidence_on = 2026-12-01\nname = \"PEN Canada\"\nevidence = \"https://pencanada.ca/news/letter\"\n",
    );
    let out = run(&s, &["fmt", "letter"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        s.read("letter"),
        "title = \"Open letter\"\nstatus = \"draft\"\n\n[[signatory]]\nname = \"PEN Canada\"\nevidence = \"https://pencanada.ca/news/letter\"\nevidence_on = 2026-12-01\n"
    );
    assert!(run(&s, &["fmt", "--check", "letter"]).status.success());
    assert!(run(&s, &["check", "letter"]).status.success());
}

#[test]
fn a_bad_evidence_address_in_the_file_is_a_schema_error() {
    let s = Scratch::new();
    s.write(
        "letter",
        "title = \"Open letter\"\n\n[[signatory]]\nname = \"PEN Canada\"\nevidence = \"pencanada.ca\"\n",
    );
    let out = run(&s, &["check", "letter"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[schema]"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("`evidence` must start with https://"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_merge_driver_keeps_evidence_added_on_one_side() {
    let s = letter();
    run(&s, &["confirm", "letter", "Amnesty International", "HRW"]);
    let base = s.read("letter");
    let url = "https://pencanada.ca/news/letter";
    run(
        &s,
        &[
            "confirm",
            "letter",
            "PEN Canada",
            "--evidence",
            url,
            "--on",
            "2026-12-01",
        ],
    );
    let theirs = s.read("letter");
    s.write("letter", &base);
    run(&s, &["add", "letter", "Front Line Defenders"]);
    let ours = s.read("letter");
    let d = s.tmp.path();
    for (name, text) in [
        ("base.toml", &base),
        ("ours.toml", &ours),
        ("theirs.toml", &theirs),
    ] {
        fs::write(d.join(name), text).unwrap();
    }
    let out = run(
        &s,
        &["merge-driver", "base.toml", "ours.toml", "theirs.toml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let merged = fs::read_to_string(d.join("ours.toml")).unwrap();
    assert!(
        merged.contains("name = \"Front Line Defenders\""),
        "{merged}"
    );
    assert!(
        merged.contains(&format!(
            "name = \"PEN Canada\"\ncountry = \"CA\"\nevidence = \"{url}\"\nevidence_on = 2026-12-01\n"
        )),
        "{merged}"
    );
}

/// `--evidence https://user:pass@host/…` was accepted and published.
#[test]
fn an_address_with_credentials_is_refused_without_repeating_them() {
    let s = letter();
    let out = run(
        &s,
        &[
            "confirm",
            "letter",
            "HRW",
            "--evidence",
            "https://jane:hunter2@intranet.hrw.org/approval",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("user name or password"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("hunter2"), "{}", stderr(&out));
    assert!(!s.read("letter").contains("hunter2"));
}
