//! `check --since`: a pull request's check, in a real git repository, reports what the branch brings and never the base's old problems.

mod common;

use common::{Scratch, stderr, stdout};
use std::path::Path;

fn git_ok(dir: &Path, args: &[&str]) {
    let out = common::git(dir, args, None);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// The base: an old duplicate pair (lines 13 and 16) and an entry out of
/// order (`Zebra Collective`, line 7).
const BASE: &str = "title = \"Open letter\"\n\n[[signatory]]\nname = \"Amnesty International\"\n\n[[signatory]]\nname = \"Zebra Collective\"\n\n[[signatory]]\nname = \"Greenpeace\"\n\n[[signatory]]\nname = \"Human Rights Watch\"\n\n[[signatory]]\nname = \"human rights watch\"\n\n[[signatory]]\nname = \"Reporters Without Borders\"\n";

/// A repository whose `base` branch holds `letter` as `BASE`, checked out on a new branch `pr`.
fn repo() -> Scratch {
    let s = Scratch::new();
    let d = s.tmp.path();
    git_ok(d, &["init", "-q", "-b", "base"]);
    s.write("letter", BASE);
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    git_ok(d, &["checkout", "-qb", "pr"]);
    s
}

/// `BASE` with `entry` inserted just before the entry named `before` (at the end when `None`).
fn with_entry(text: &str, entry: &str, before: Option<&str>) -> String {
    match before {
        Some(name) => {
            let at = text
                .find(&format!("[[signatory]]\nname = \"{name}\""))
                .expect("entry to insert before");
            format!("{}{entry}\n\n{}", &text[..at], &text[at..])
        }
        None => format!("{text}\n{entry}\n"),
    }
}

/// The branch: one clean entry, one duplicating an old entry, one out of
/// order, one with an invisible character in a field above its name.
fn branch_text() -> String {
    let t = with_entry(
        BASE,
        "[[signatory]]\nname = \"Article 19\"",
        Some("Zebra Collective"),
    );
    let t = with_entry(
        &t,
        "[[signatory]]\nnote = \"Front\u{200B}Line\"\nname = \"Front Line Defenders\"",
        Some("Greenpeace"),
    );
    let t = with_entry(
        &t,
        "[[signatory]]\nname = \"REPORTERS WITHOUT BORDERS\"",
        None,
    );
    with_entry(&t, "[[signatory]]\nname = \"Access Now\"", None)
}

fn check(s: &Scratch, args: &[&str]) -> std::process::Output {
    s.cmd().arg("check").args(args).output().unwrap()
}

#[test]
fn since_reports_only_what_the_branch_brings() {
    let s = repo();
    s.write("letter", branch_text());
    // Without --since, the base's old problems are there too.
    let all = check(&s, &[]);
    assert!(stdout(&all).contains("\"Zebra Collective\" is out of alphabetical order"));
    assert!(stdout(&all).contains("\"human rights watch\" is the same signer"));

    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!("since_branch", stdout(&out));
    assert_eq!(
        stderr(&out),
        "checked 1 file since base: 3 errors, 0 warnings\n"
    );
}

#[test]
fn since_in_json_gives_the_branchs_findings_only() {
    let s = repo();
    s.write("letter", branch_text());
    let out = check(&s, &["--since", "base", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(u64, &str)> = v
        .as_array()
        .expect("an array of findings")
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(13, "unicode"), (29, "duplicate"), (32, "order")],
        "{v:#}"
    );
}

#[test]
fn since_in_github_format_annotates_the_branchs_lines_only() {
    let s = repo();
    s.write("letter", branch_text());
    let out = check(&s, &["--since", "base", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=statements/letter.toml,line=13,col=8,title=undersigned unicode::"
        ),
        "{text}"
    );
    assert!(lines[1].starts_with("::error file=statements/letter.toml,line=29,col=8,title=undersigned duplicate::\"REPORTERS WITHOUT BORDERS\" is the same signer as \"Reporters Without Borders\" (line 26)"), "{text}");
    assert!(lines[2].starts_with("::error file=statements/letter.toml,line=32,col=8,title=undersigned order::\"Access Now\" is out of alphabetical order"), "{text}");
}

#[test]
fn a_branch_adding_clean_entries_passes_though_the_base_had_problems() {
    let s = repo();
    let t = with_entry(
        BASE,
        "[[signatory]]\nname = \"Article 19\"",
        Some("Zebra Collective"),
    );
    s.write(
        "letter",
        with_entry(&t, "[[signatory]]\nname = \"Witness\"", None),
    );
    assert_eq!(check(&s, &[]).status.code(), Some(1));
    for format in ["human", "json", "github"] {
        let out = check(&s, &["--since", "base", "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stdout(&out));
        assert_eq!(
            stderr(&out),
            "checked 1 file since base: 0 errors, 0 warnings\n"
        );
        let shown = stdout(&out);
        assert!(
            shown.trim().is_empty() || shown.trim() == "[]",
            "{format}: {shown}"
        );
    }
    // Warnings too: --strict fails on none of the base's.
    let out = check(&s, &["--since", "base", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_new_entry_duplicating_an_old_one_above_it_is_reported() {
    // The finding stands at the old entry, the later of the pair.
    let s = repo();
    s.write(
        "letter",
        with_entry(
            BASE,
            "[[signatory]]\nname = \"GREENPEACE\"",
            Some("Greenpeace"),
        ),
    );
    let out = check(&s, &["--since", "base", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found = v.as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["code"], "duplicate");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("\"Greenpeace\" is the same signer as \"GREENPEACE\""),
        "{v:#}"
    );
}

#[test]
fn an_old_entry_moved_out_of_order_is_reported() {
    let s = repo();
    // Greenpeace moved to the end: its fields are unchanged, its place is not.
    let entry = "[[signatory]]\nname = \"Greenpeace\"\n\n";
    let t = BASE.replacen(entry, "", 1);
    s.write("letter", format!("{t}\n{}", entry.trim_end()));
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"Greenpeace\" is out of alphabetical order"),
        "{text}"
    );
    assert!(!text.contains("Zebra"), "{text}");
}

#[test]
fn an_entry_whose_fields_changed_is_checked_again() {
    let s = repo();
    // The old duplicate's second entry gets a country: it is changed, so the pair is reported.
    s.write(
        "letter",
        BASE.replace(
            "name = \"human rights watch\"\n",
            "name = \"human rights watch\"\ncountry = \"US\"\n",
        ),
    );
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"human rights watch\" is the same signer"),
        "{text}"
    );
    assert!(!text.contains("Zebra"), "{text}");
}

#[test]
fn a_statement_new_since_the_revision_is_checked_whole() {
    let s = repo();
    s.write(
        "fresh",
        "title = \"T\"\n\n[[signatory]]\nname = \"B\"\n\n[[signatory]]\nname = \"A\"\n",
    );
    let out = check(&s, &["--since", "base", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found = v.as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["file"], "statements/fresh.toml");
    assert_eq!(found[0]["code"], "order");
    assert_eq!(
        stderr(&out),
        "checked 2 files since base: 1 error, 0 warnings\n"
    );
}

#[test]
fn a_problem_with_the_statement_keys_is_reported_only_when_new() {
    let s = repo();
    let d = s.tmp.path();
    let old = BASE.replace(
        "title = \"Open letter\"\n",
        "title = \"Open letter\"\ncolour = \"red\"\n",
    );
    s.write("letter", &old);
    git_ok(d, &["commit", "-qam", "an unknown key"]);
    let base = String::from_utf8(common::git(d, &["rev-parse", "HEAD"], None).stdout).unwrap();
    let base = base.trim();
    assert_eq!(check(&s, &[]).status.code(), Some(1));
    let clean = with_entry(&old, "[[signatory]]\nname = \"Witness\"", None);
    s.write("letter", &clean);
    let out = check(&s, &["--since", base]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    s.write(
        "letter",
        clean.replace(
            "colour = \"red\"\n",
            "colour = \"red\"\nflavour = \"mint\"\n",
        ),
    );
    let out = check(&s, &["--since", base, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found = v.as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["line"], 3, "{v:#}");
}

#[test]
fn a_file_that_cannot_be_read_is_reported_whatever_the_base() {
    let s = repo();
    s.write("letter", format!("{BASE}[[signatory\n"));
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[syntax]"), "{}", stdout(&out));
}

#[test]
fn an_unknown_revision_is_exit_2_with_a_clear_message() {
    let s = repo();
    let out = check(&s, &["--since", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("\"no-such-branch\" is neither a date (YYYY-MM-DD) nor a git revision of the repository holding statements/letter.toml"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn since_outside_a_git_repository_is_exit_2_with_a_clear_message() {
    let s = Scratch::new();
    s.write("letter", BASE);
    let out = check(&s, &["--since", "main"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("statements/letter.toml is not in a git repository"),
        "{err}"
    );
}

#[test]
fn an_old_entry_put_out_of_order_by_an_insertion_is_reported() {
    let s = repo();
    let d = s.tmp.path();
    s.write(
        "short",
        "title = \"T\"\n\n[[signatory]]\nname = \"Mercy Corps\"\n\n[[signatory]]\nname = \"Oxfam\"\n",
    );
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "short"]);
    // Inserted below Mercy Corps: the order rule names the old entry, which
    // was in order before the insertion.
    s.write(
        "short",
        "title = \"T\"\n\n[[signatory]]\nname = \"Mercy Corps\"\n\n[[signatory]]\nname = \"Aaa Union\"\n\n[[signatory]]\nname = \"Oxfam\"\n",
    );
    let out = check(&s, &["short", "--since", "HEAD"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"Mercy Corps\" is out of alphabetical order: move it after \"Aaa Union\""),
        "{text}"
    );
}

/// A letter that starts requiring evidence keeps its old signers' gaps to
/// itself: a pull request is held to it only for the signers it brings.
#[test]
fn missing_evidence_is_reported_only_for_the_entries_a_branch_brings() {
    let s = Scratch::new();
    let d = s.tmp.path();
    git_ok(d, &["init", "-q", "-b", "base"]);
    let base = "title = \"Open letter\"\nrequire_evidence = true\n\n[[signatory]]\nname = \"Amnesty International\"\n\n[[signatory]]\nname = \"Greenpeace\"\n";
    s.write("letter", base);
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    git_ok(d, &["checkout", "-qb", "pr"]);
    s.write(
        "letter",
        format!("{base}\n[[signatory]]\nname = \"Human Rights Watch\"\n"),
    );
    let all = check(&s, &[]);
    assert_eq!(stdout(&all).matches("error[evidence]").count(), 3);
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    assert_eq!(report.matches("error[evidence]").count(), 1, "{report}");
    assert!(report.contains("Human Rights Watch"), "{report}");
}

/// A new entry that gives an old entry's website is reported, though the
/// finding points at the old entry, the later of the two in the list.
#[test]
fn a_new_entry_sharing_an_old_entrys_website_above_it_is_reported() {
    let s = Scratch::new();
    let d = s.tmp.path();
    git_ok(d, &["init", "-q", "-b", "base"]);
    let base = "title = \"Open letter\"\n\n[[signatory]]\nname = \"Human Rights Watch\"\nwebsite = \"https://hrw.org\"\n";
    s.write("letter", base);
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    git_ok(d, &["checkout", "-qb", "pr"]);
    s.write(
        "letter",
        base.replace(
            "\n[[signatory]]\nname = \"Human",
            "\n[[signatory]]\nname = \"Amnesty International\"\nwebsite = \"https://www.hrw.org/\"\n\n[[signatory]]\nname = \"Human",
        ),
    );
    let out = check(&s, &["--since", "base"]);
    let report = stdout(&out);
    assert!(report.contains("warning[shared-website]"), "{report}");
    assert!(report.contains("Amnesty International"), "{report}");
    assert_eq!(out.status.code(), Some(0), "a warning only");
}

/// A repository whose `base` branch holds `letter` as `text`, checked out on a new branch `pr`.
fn repo_with(text: &str) -> Scratch {
    let s = Scratch::new();
    let d = s.tmp.path();
    git_ok(d, &["init", "-q", "-b", "base"]);
    s.write("letter", text);
    git_ok(d, &["add", "-A"]);
    git_ok(d, &["commit", "-qm", "base"]);
    git_ok(d, &["checkout", "-qb", "pr"]);
    s
}

/// The parser leaves out a key it does not know, so the entry's fields are
/// as before: its text is not, and an email pushed into the public file is
/// the worst thing a pull request can bring.
#[test]
fn a_bad_key_added_to_an_old_entry_is_reported() {
    let s = repo();
    s.write(
        "letter",
        BASE.replace(
            "name = \"Greenpeace\"\n",
            "name = \"Greenpeace\"\nemail = \"director@zeta.example\"\n",
        ),
    );
    assert_eq!(check(&s, &[]).status.code(), Some(1));
    let out = check(&s, &["--since", "base", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(u64, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    // The base's old problems (Zebra, the duplicate pair) stay out.
    assert_eq!(found, [(11, "schema")], "{v:#}");
    assert!(v[0]["message"].as_str().unwrap().contains("email"), "{v:#}");
}

#[test]
fn an_invalid_value_given_to_an_old_entry_is_reported() {
    for (line, code) in [
        ("country = \"XX\"", "country"),
        ("status = \"maybe\"", "status"),
    ] {
        let s = repo();
        s.write(
            "letter",
            BASE.replace(
                "name = \"Greenpeace\"\n",
                &format!("name = \"Greenpeace\"\n{line}\n"),
            ),
        );
        let all = check(&s, &["--format", "json"]);
        assert_eq!(all.status.code(), Some(1), "{line}");
        let out = check(&s, &["--since", "base", "--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{line}: {}", stdout(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let found = v.as_array().unwrap();
        assert!(!found.is_empty(), "{line}: {v:#}");
        for f in found {
            assert_eq!(f["line"], 11, "{line}: {v:#}");
            assert!(
                f["message"].as_str().unwrap().contains(code),
                "{line}: {v:#}"
            );
        }
    }
}

/// The same text at the same fields is the same entry, wherever it stands:
/// an old problem of an entry left as written stays out of the report.
#[test]
fn an_old_entry_left_as_written_keeps_its_old_problem_out() {
    let base = "title = \"T\"\n\n[[signatory]]\nname = \"Greenpeace\"\ncolour = \"green\"\n";
    let s = repo_with(base);
    s.write(
        "letter",
        base.replace(
            "\n[[signatory]]\nname = \"Greenpeace\"",
            "\n[[signatory]]\nname = \"Amnesty International\"\n\n[[signatory]]\nname = \"Greenpeace\"",
        ),
    );
    assert_eq!(check(&s, &[]).status.code(), Some(1));
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// `Ångström` files before `Zeta` in the root order, after it in Swedish:
/// the new collation puts an old pair out of order.
#[test]
fn order_broken_by_a_new_collation_is_reported() {
    let base = "title = \"T\"\n\n[[signatory]]\nname = \"Ångström Lab\"\n\n[[signatory]]\nname = \"Zeta Org\"\n";
    let s = repo_with(base);
    assert_eq!(check(&s, &[]).status.code(), Some(0));
    s.write(
        "letter",
        base.replace("title = \"T\"\n", "title = \"T\"\ncollation = \"sv\"\n"),
    );
    let all = check(&s, &[]);
    assert_eq!(all.status.code(), Some(1), "{}", stdout(&all));
    let out = check(&s, &["--since", "base"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(stdout(&out), stdout(&all));
}
