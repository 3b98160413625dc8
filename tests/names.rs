//! NAME arguments found by any form (display form, acronym, other names, certain duplicates, NAME@LINE), the closest names when none, and several names at once.

mod common;

use common::{Scratch, stderr, stdout};

const LIST: &str = r#"title = "Names"
status = "open"

[[signatory]]
name = "Amnesty International"
acronym = "AI"

[[signatory]]
name = "Covenants Watch"
local_name = "人權公約施行監督聯盟"
status = "pending"

[[signatory]]
name = "Jane Doe"
kind = "individual"
status = "pending"

[[signatory]]
name = "Harbour Union"

[[signatory]]
name = "Harbour Union"
country = "KE"

[[signatory]]
name = "Human Rights Watch"
status = "pending"

[[signatory]]
name = "Lantern Network"
aliases = ["Lanterns for Justice Network"]
status = "pending"

[[signatory]]
name = "The Rights Practice"
"#;

fn scratch() -> Scratch {
    let s = Scratch::new();
    s.write("s", LIST);
    s
}

/// The line of the `n`th (from 1) `name = "NAME"` in the list.
fn line_of(name: &str, n: usize) -> usize {
    let key = format!("name = \"{name}\"");
    LIST.lines()
        .enumerate()
        .filter(|(_, l)| *l == key)
        .nth(n - 1)
        .map(|(i, _)| i + 1)
        .expect("name in the list")
}

/// Runs the binary; its exit code and standard error.
fn run(s: &Scratch, args: &[&str]) -> (i32, String) {
    let out = s.cmd().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), stderr(&out))
}

/// The entry of `name` (its first line to the next entry) as the file now holds it.
fn entry(s: &Scratch, name: &str) -> String {
    let text = s.read("s");
    let start = text.find(&format!("name = \"{name}\"")).expect("entry");
    let end = text[start..]
        .find("[[signatory]]")
        .map_or(text.len(), |e| start + e);
    text[start..end].to_string()
}

#[test]
fn withdraw_finds_by_acronym_a_signer_add_refuses_as_already_there() {
    let s = scratch();
    let (code, err) = run(&s, &["add", "s", "HRW"]);
    assert_eq!(code, 1, "add refuses HRW as already there: {err}");
    let (code, err) = run(&s, &["withdraw", "s", "HRW", "--on", "2024-01-02"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Withdrew \"Human Rights Watch\""), "{err}");
    assert!(entry(&s, "Human Rights Watch").contains("status = \"withdrawn\""));
}

#[test]
fn withdraw_finds_a_signer_by_the_display_form_list_prints() {
    let s = scratch();
    let (code, err) = run(&s, &["withdraw", "s", "Amnesty International (AI)"]);
    assert_eq!(code, 0, "{err}");
    assert!(entry(&s, "Amnesty International").contains("withdrawn_on"));
    // The acronym alone names it too.
    let (code, err) = run(&s, &["withdraw", "s", "ai"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("has already withdrawn"), "{err}");
}

#[test]
fn confirm_finds_a_signer_by_local_name_and_by_alias() {
    let s = scratch();
    let (code, err) = run(&s, &["confirm", "s", "人權公約施行監督聯盟"]);
    assert_eq!(code, 0, "{err}");
    assert!(!entry(&s, "Covenants Watch").contains("pending"));
    let (code, err) = run(&s, &["confirm", "s", "Lanterns for Justice Network"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Confirmed \"Lantern Network\""), "{err}");
    assert!(!entry(&s, "Lantern Network").contains("pending"));
}

#[test]
fn confirm_finds_a_certain_duplicate_of_a_signer() {
    let s = scratch();
    let (code, err) = run(&s, &["add", "s", "Rights Practice"]);
    assert_eq!(code, 1, "add refuses it as already there: {err}");
    let (code, err) = run(&s, &["confirm", "s", "Rights Practice"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("\"The Rights Practice\" is already confirmed"),
        "{err}"
    );
}

#[test]
fn a_name_of_several_entries_lists_their_lines_and_name_at_line_picks_one() {
    let s = scratch();
    let before = s.bytes("s");
    let (first, second) = (line_of("Harbour Union", 1), line_of("Harbour Union", 2));
    let (code, err) = run(&s, &["withdraw", "s", "harbour union"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("names 2 entries"), "{err}");
    assert!(
        err.contains(&format!("s.toml:{first}  Harbour Union\n")),
        "{err}"
    );
    assert!(
        err.contains(&format!("s.toml:{second}  Harbour Union\n")),
        "{err}"
    );
    assert!(err.contains(&format!("\"harbour union@{first}\"")), "{err}");
    assert_eq!(s.bytes("s"), before, "nothing written");

    let pick = format!("Harbour Union@{second}");
    let (code, err) = run(&s, &["withdraw", "s", &pick, "--on", "2024-01-02"]);
    assert_eq!(code, 0, "{err}");
    let text = s.read("s");
    assert!(
        text.contains("name = \"Harbour Union\"\ncountry = \"KE\"\nstatus = \"withdrawn\""),
        "the second one withdrew: {text}"
    );
    // A line that is not the name's is refused, naming the lines that are.
    let wrong = format!("Harbour Union@{}", second + 1);
    let (code, err) = run(&s, &["confirm", "s", &wrong]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("s.toml:{first}  Harbour Union")),
        "{err}"
    );
}

#[test]
fn a_name_found_nowhere_offers_the_closest_names() {
    let s = scratch();
    let (code, err) = run(&s, &["confirm", "s", "Human Rights Wach"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean"), "{err}");
    let line = line_of("Human Rights Watch", 1);
    assert!(
        err.contains(&format!("s.toml:{line}  Human Rights Watch (pending)")),
        "{err}"
    );
    assert!(!err.contains("Harbour"), "only close names: {err}");
    // A word of the name is enough to be offered it.
    let (code, err) = run(&s, &["withdraw", "s", "Lantern"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Lantern Network"), "{err}");
}

#[test]
fn merge_folds_two_identical_entries_the_later_into_the_earlier() {
    let s = scratch();
    let (code, err) = run(&s, &["merge", "s", "Harbour Union", "Harbour Union"]);
    assert_eq!(code, 0, "{err}");
    let text = s.read("s");
    assert_eq!(
        text.matches("name = \"Harbour Union\"").count(),
        1,
        "{text}"
    );
    let kept = entry(&s, "Harbour Union");
    assert!(
        kept.contains("country = \"KE\""),
        "filled from the dropped: {kept}"
    );
    assert!(
        !kept.contains("aliases"),
        "its own name is no alias: {kept}"
    );
    let (code, out) = run(&s, &["check", "s"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn merge_takes_identical_entries_by_name_at_line() {
    let s = scratch();
    let (first, second) = (line_of("Harbour Union", 1), line_of("Harbour Union", 2));
    let keep = format!("Harbour Union@{second}");
    let drop = format!("Harbour Union@{first}");
    let (code, err) = run(&s, &["merge", "s", &keep, &drop]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("(line {first}) into")), "{err}");
    assert_eq!(s.read("s").matches("name = \"Harbour Union\"").count(), 1);
}

#[test]
fn confirm_takes_several_names_and_saves_once() {
    let s = scratch();
    let (code, err) = run(&s, &["confirm", "s", "HRW", "Jane Doe", "Covenants Watch"]);
    assert_eq!(code, 0, "{err}");
    for name in ["Human Rights Watch", "Jane Doe", "Covenants Watch"] {
        assert!(err.contains(&format!("Confirmed \"{name}\"")), "{err}");
        assert!(!entry(&s, name).contains("pending"), "{name}");
    }
    assert!(
        entry(&s, "Lantern Network").contains("pending"),
        "not named"
    );
}

#[test]
fn one_unknown_name_among_several_changes_nothing() {
    let s = scratch();
    let before = s.bytes("s");
    let (code, err) = run(&s, &["confirm", "s", "HRW", "Nobody Here", "Jane Doe"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("\"Nobody Here\""), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(s.bytes("s"), before);
}

#[test]
fn withdraw_from_a_file_skips_blank_lines_and_comments() {
    let s = scratch();
    let file = s.tmp.path().join("gone.txt");
    std::fs::write(
        &file,
        "# asked by email\nJane Doe\n\n  Lantern Network  \r\n",
    )
    .unwrap();
    let (code, err) = run(
        &s,
        &["withdraw", "s", "--from", "gone.txt", "--on", "2024-03-04"],
    );
    assert_eq!(code, 0, "{err}");
    for name in ["Jane Doe", "Lantern Network"] {
        assert!(
            entry(&s, name).contains("withdrawn_on = 2024-03-04"),
            "{name}"
        );
    }
    // A name the file gets wrong is named with its line, and nothing is written.
    std::fs::write(&file, "HRW\nAmnesty Internatonal\n").unwrap();
    let before = s.bytes("s");
    let (code, err) = run(&s, &["confirm", "s", "--from", "gone.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("gone.txt:2: "), "{err}");
    assert!(err.contains("did you mean"), "{err}");
    assert_eq!(s.bytes("s"), before);
}

#[test]
fn confirm_reads_names_from_standard_input() {
    let s = scratch();
    let out = s
        .cmd()
        .args(["confirm", "s", "--from", "-"])
        .write_stdin("Jane Doe\nHuman Rights Watch\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!entry(&s, "Jane Doe").contains("pending"));
    assert!(!entry(&s, "Human Rights Watch").contains("pending"));
}

#[test]
fn list_shows_only_the_status_and_kind_asked_for() {
    let s = scratch();
    let out = s
        .cmd()
        .args(["list", "s", "--status", "pending"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for name in [
        "Covenants Watch",
        "Human Rights Watch",
        "Lantern Network",
        "Jane Doe",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    assert!(!text.contains("Amnesty"), "{text}");
    assert!(
        text.contains("4 of 8 entries shown (pending entries)"),
        "{text}"
    );

    let out = s
        .cmd()
        .args(["list", "s", "--status", "pending", "--kind", "individual"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("Jane Doe"), "{text}");
    assert!(!text.contains("Lantern"), "{text}");
    assert!(
        text.contains("1 of 8 entries shown (pending individuals)"),
        "{text}"
    );
}

#[test]
fn who_finds_a_signer_by_the_display_form_and_offers_close_names() {
    let s = scratch();
    let out = s
        .cmd()
        .args(["who", "Amnesty International (AI)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Amnesty International (AI)"));
    let out = s.cmd().args(["who", "Covenant Watch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean:\n  Covenants Watch"),
        "{}",
        stderr(&out)
    );
}
