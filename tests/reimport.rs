//! Importing the same source again: a row identical to an entry is that entry, counted, so nothing is added twice and two people of one name both stay.

mod common;

use common::{Scratch, stderr, stdout};
use std::path::{Path, PathBuf};

/// A scratch folder with an empty open statement `x`.
fn statement() -> Scratch {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
    s
}

/// Writes `input` beside the statements folder and gives its path.
fn source(s: &Scratch, file: &str, input: &str) -> PathBuf {
    let path = s.tmp.path().join(file);
    std::fs::write(&path, input).unwrap();
    path
}

/// Imports `path` into `x` and gives the report; any exit but 2 is fine here.
fn import(s: &Scratch, path: &Path, extra: &[&str]) -> String {
    let out = s
        .cmd()
        .args(["import", "x"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.code() != Some(2), "{}", stderr(&out));
    stdout(&out)
}

/// Imports `path` twice: the first run adds `first` signers, the second adds
/// none, writes no byte, and says each row is already in the list.
fn twice(s: &Scratch, path: &Path, extra: &[&str], first: usize) -> String {
    let report = import(s, path, extra);
    assert!(
        report.contains(&format!("{first} were added")),
        "first run: {report}"
    );
    let before = s.bytes("x");
    let again = import(s, path, extra);
    assert!(
        again.contains(&format!("0 were added, {first} skipped")),
        "second run: {again}"
    );
    assert_eq!(
        again.matches("already in the list (line ").count(),
        first,
        "{again}"
    );
    assert_eq!(s.bytes("x"), before, "a second run writes nothing");
    again
}

const PEOPLE: &str = "Iddan Aaronsohn\nAlejandro Abarca\nJames Abley\nDanilian Achmedzianov\n";

/// The bug: a person's name alone is only a possible duplicate, so every
/// person without a website was added again by the second run.
#[test]
fn a_pasted_list_of_people_imported_twice_adds_nobody_the_second_time() {
    let s = statement();
    let path = source(&s, "people.txt", PEOPLE);
    let again = twice(&s, &path, &["--kind", "individual"], 4);
    // The row names the entry it is: Alejandro Abarca is the list's second entry.
    let row = again
        .lines()
        .find(|l| l.contains("Alejandro Abarca"))
        .unwrap();
    let entry = s
        .read("x")
        .lines()
        .position(|l| l == "name = \"Alejandro Abarca\"")
        .unwrap()
        + 1;
    assert!(
        row.contains(&format!("already in the list (line {entry})")),
        "{row}"
    );
}

/// Pending and confirmed entries are both already there.
#[test]
fn people_imported_as_pending_are_already_there_for_an_import_without_pending() {
    let s = statement();
    let path = source(&s, "people.txt", PEOPLE);
    let first = import(&s, &path, &["--kind", "individual", "--pending"]);
    assert!(first.contains("4 were added as pending"), "{first}");
    let again = import(&s, &path, &["--kind", "individual"]);
    assert!(again.contains("0 were added, 4 skipped"), "{again}");
}

#[test]
fn a_csv_of_people_imported_twice_adds_nobody_the_second_time() {
    let s = statement();
    let csv = "Name,Affiliation,Country\nJane Doe,University of Leeds,UK\nJuan Pérez,,Spain\nAmina Diallo,Université de Dakar,\n";
    let path = source(&s, "form.csv", csv);
    twice(&s, &path, &["--kind", "individual"], 3);
}

#[test]
fn a_folder_of_people_imported_twice_adds_nobody_the_second_time() {
    let s = statement();
    let dir = s.tmp.path().join("_data").join("signed");
    std::fs::create_dir_all(&dir).unwrap();
    for (file, name) in [("a.yml", "Ada Lovelace"), ("b.yml", "Grace Hopper")] {
        std::fs::write(dir.join(file), format!("name: {name}\n")).unwrap();
    }
    std::fs::write(dir.join("c.yml"), "name: Alan Turing\norganization: NPL\n").unwrap();
    twice(&s, &dir, &["--kind", "individual"], 3);
    // Without --kind the name-only files are organisations, whose name is a
    // certain match reported as before; the third is a person.
    let s = statement();
    import(&s, &dir, &[]);
    let again = import(&s, &dir, &[]);
    assert!(again.contains("0 were added, 3 skipped"), "{again}");
    assert_eq!(again.matches("already there as \"").count(), 2, "{again}");
    assert_eq!(again.matches("already in the list").count(), 1, "{again}");
}

/// Two different people may share a name: the first import keeps both (with
/// the usual remark), the second adds neither.
#[test]
fn two_identical_rows_are_both_added_then_neither() {
    let s = statement();
    let path = source(&s, "people.txt", "John Smith\nMaria Garcia\nJohn Smith\n");
    let first = import(&s, &path, &["--kind", "individual"]);
    assert!(first.contains("3 were added"), "{first}");
    assert!(
        first.contains("possible duplicate of \"John Smith\" (line 1 of this import)"),
        "{first}"
    );
    let before = s.bytes("x");
    let again = import(&s, &path, &["--kind", "individual"]);
    assert!(again.contains("0 were added, 3 skipped"), "{again}");
    // Each row is one entry: the two John Smiths name two different lines.
    let lines: Vec<&str> = again.lines().filter(|l| l.contains("John Smith")).collect();
    assert_eq!(lines.len(), 2, "{again}");
    let at = |l: &str| {
        l.split("already in the list (line ")
            .nth(1)
            .map(String::from)
    };
    assert!(
        at(lines[0]).is_some() && at(lines[0]) != at(lines[1]),
        "{again}"
    );
    assert_eq!(s.bytes("x"), before);
}

#[test]
fn three_identical_rows_against_two_entries_add_one() {
    let s = statement();
    let two = source(&s, "two.txt", "John Smith\nJohn Smith\n");
    assert!(import(&s, &two, &["--kind", "individual"]).contains("2 were added"));
    let three = source(&s, "three.txt", "John Smith\nJohn Smith\nJohn Smith\n");
    let report = import(&s, &three, &["--kind", "individual"]);
    assert!(report.contains("1 was added, 2 skipped"), "{report}");
    assert_eq!(report.matches("already in the list").count(), 2, "{report}");
    // The row added is the third, and the usual rules remark on it.
    let third = report.lines().find(|l| l.starts_with("│ 3 ")).unwrap();
    assert!(
        third.contains("added") && third.contains("possible duplicate"),
        "{third}"
    );
    assert_eq!(s.read("x").matches("name = \"John Smith\"").count(), 3);
}

/// Same name, another affiliation: not the same entry, so the usual rules
/// judge it (a possible duplicate, added with a remark).
#[test]
fn a_changed_row_is_not_already_there() {
    let s = statement();
    let path = source(&s, "first.txt", "John Smith (Acme)\n");
    assert!(import(&s, &path, &["--kind", "individual"]).contains("1 was added"));
    let path = source(&s, "second.txt", "John Smith (Acme)\nJohn Smith (Globex)\n");
    let report = import(&s, &path, &["--kind", "individual"]);
    assert!(report.contains("1 was added, 1 skipped"), "{report}");
    let changed = report.lines().find(|l| l.contains("│ 2 ")).unwrap();
    assert!(
        changed.contains("added") && changed.contains("possible duplicate of \"John Smith\""),
        "{changed}"
    );
    let text = s.read("x");
    assert!(text.contains("affiliation = \"Globex\""), "{text}");
    assert_eq!(text.matches("name = \"John Smith\"").count(), 2, "{text}");
}

/// A person who withdrew was added again by an import of the same list,
/// their name alone being only a possible match.
#[test]
fn a_person_who_withdrew_is_not_re_added_by_the_same_list() {
    let s = statement();
    let path = source(&s, "people.txt", PEOPLE);
    import(&s, &path, &["--kind", "individual"]);
    s.cmd()
        .args(["withdraw", "x", "James Abley", "--on", "2024-01-02"])
        .assert()
        .success();
    let before = s.bytes("x");
    let again = import(&s, &path, &["--kind", "individual"]);
    assert!(again.contains("0 were added, 4 skipped"), "{again}");
    let row = again.lines().find(|l| l.contains("James Abley")).unwrap();
    assert!(
        row.contains("withdrew") && row.contains("add --reinstate"),
        "{row}"
    );
    assert_eq!(s.bytes("x"), before);
}

/// An entry completed by hand (a country added with `edit`) no longer
/// equalled its row, so the same file imported again added the person twice.
#[test]
fn an_entry_completed_by_hand_is_still_the_row_a_second_import_brings() {
    let s = statement();
    let path = source(&s, "people.txt", "Jane Doe (Acme)\nJohn Smith\n");
    assert!(import(&s, &path, &["--kind", "individual"]).contains("2 were added"));
    for (who, flag, value) in [
        ("Jane Doe", "--country", "FR"),
        ("John Smith", "--website", "https://js.example.org"),
    ] {
        s.cmd()
            .args(["edit", "x", who, flag, value])
            .assert()
            .success();
    }
    let before = s.bytes("x");
    let again = import(&s, &path, &["--kind", "individual"]);
    assert!(again.contains("0 were added, 2 skipped"), "{again}");
    assert_eq!(
        again.matches("already in the list (line ").count(),
        2,
        "{again}"
    );
    assert_eq!(s.bytes("x"), before, "a second run writes nothing");
    // A row that gives another value than the entry's is still judged as before.
    let other = source(&s, "other.txt", "Jane Doe (Globex)\n");
    let report = import(&s, &other, &["--kind", "individual"]);
    assert!(report.contains("1 was added"), "{report}");
}
