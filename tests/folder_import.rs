//! Import of a folder of one file per signer, as open-letter repositories keep them (YAML, JSON, Markdown front matter).

mod common;

use common::{Scratch, stderr, stdout};
use std::fs;
use std::path::PathBuf;

/// A statement `x` and a folder `_data/signed` holding `files`, in the shape
/// of a letter signed by pull request.
fn letter(files: &[(&str, &[u8])]) -> (Scratch, PathBuf) {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
    let dir = s.tmp.path().join("_data").join("signed");
    fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        let p = dir.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    (s, dir)
}

const MIXED: &[(&str, &[u8])] = &[
    ("aplazas.yml", b"name: Adrien Plazas\ngithub: aplazas\norganization: GNOME\ntitle: Developer\ncountry: France\ndate: 2021-03-24\n"),
    ("bob.md", b"---\nlayout: signer\nname: Bob Roe\nurl: https://bob.example\n---\nI sign because.\n"),
    ("broken.yaml", b"name: Broken\n  link: : x\n"),
    ("jane.yaml", b"name: Jane Doe\nlink: https://github.com/jdoe\n"),
    ("later/jane-again.yml", b"name: Jane Doe\nlink: https://github.com/jdoe/\n"),
    ("template.yml", b"name: Your Name\nlink: https://github.com/ghost\n"),
    ("zoe.json", "{\"name\": \"Zoë Kooyman\", \"mastodon\": \"@zoe@fosstodon.org\", \"affiliation\": \"FSF\"}\n".as_bytes()),
    ("README.md", b"# Signers\n\nAdd a file here.\n"),
    (".gitkeep", b""),
    ("logo.png", b"\x89PNG\r\n"),
];

#[test]
fn a_folder_of_yml_yaml_json_and_front_matter_files_imports_each_file_as_one_signer() {
    let (s, dir) = letter(MIXED);
    let out = s.cmd().args(["import", "x"]).arg(&dir).output().unwrap();
    // A broken file and a placeholder are rejected rows: exit 1, never a crash.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("│ File "), "{report}");
    assert!(
        report.contains("broken.yaml")
            && report.contains("line 2, column 7: mapping values are not allowed"),
        "{report}"
    );
    assert!(
        report.contains("template.yml") && report.contains("a placeholder"),
        "{report}"
    );
    assert!(
        report.contains("later/jane-again.yml")
            && report.contains("same signer as jane.yaml of this import"),
        "{report}"
    );
    assert!(
        report.contains("3 files not read") && report.contains(".gitkeep, README.md, logo.png"),
        "{report}"
    );
    assert!(
        report.contains("4 were added, 1 skipped, 2 rejected"),
        "{report}"
    );
    let toml = s.read("x");
    for want in [
        "name = \"Adrien Plazas\"\ncountry = \"FR\"\nkind = \"individual\"\naffiliation = \"Developer, GNOME\"\nwebsite = \"https://github.com/aplazas\"\nsigned = 2021-03-24",
        "name = \"Zoë Kooyman\"\nkind = \"individual\"\naffiliation = \"FSF\"\nwebsite = \"https://fosstodon.org/@zoe\"",
        "name = \"Bob Roe\"\nwebsite = \"https://bob.example\"",
        "name = \"Jane Doe\"\nwebsite = \"https://github.com/jdoe\"",
    ] {
        assert!(toml.contains(want), "{want}\n---\n{toml}");
    }
    assert_eq!(toml.matches("[[signatory]]").count(), 4, "{toml}");
    assert!(
        !toml.contains("Your Name") && !toml.contains("Broken"),
        "{toml}"
    );
    // Bob and both Janes said nothing of being people: the report says how to fix it.
    assert!(
        report.contains("3 files said nothing of being a person"),
        "{report}"
    );
}

#[test]
fn a_dry_run_of_a_folder_writes_nothing() {
    let (s, dir) = letter(MIXED);
    let before = s.bytes("x");
    let out = s
        .cmd()
        .args(["import", "x", "--dry-run"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("4 would be added"),
        "{}",
        stdout(&out)
    );
    assert_eq!(s.bytes("x"), before);
    assert!(!s.dir().join("x.private.toml").exists());
}

#[test]
fn kind_individual_makes_every_file_a_person_and_a_mailto_link_stays_private() {
    let (s, dir) = letter(&[
        ("a.yaml", b"name: Jane Doe\nlink: https://jane.example\n"),
        (
            "b.yaml",
            b"name: Mail Person\nlink: mailto:mp@example.org\n",
        ),
        (
            "c.yml",
            b"sortName: Keith\ndisplayName: Jeremy Keith\nurl: https://adactio.com\n",
        ),
    ]);
    s.cmd()
        .args(["import", "x", "--kind", "individual"])
        .arg(&dir)
        .assert()
        .success();
    let toml = s.read("x");
    assert_eq!(toml.matches("kind = \"individual\"").count(), 3, "{toml}");
    assert!(toml.contains("sort_as = \"Keith, Jeremy\""), "{toml}");
    assert!(!toml.contains("mp@example.org"), "{toml}");
    let private = fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    assert!(private.contains("email = \"mp@example.org\""), "{private}");
}

#[test]
fn a_front_matter_error_names_the_line_in_the_whole_file_and_an_empty_folder_is_refused() {
    let (s, dir) = letter(&[("a.md", b"---\nname: A\n  bad: : x\n---\n")]);
    let out = s.cmd().args(["import", "x"]).arg(&dir).output().unwrap();
    let report = stdout(&out);
    assert!(
        report.contains("a.md") && report.contains("line 3, column"),
        "{report}"
    );
    let (s, dir) = letter(&[("README.md", b"# Nothing here\n")]);
    let out = s.cmd().args(["import", "x"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no signer files"), "{}", stderr(&out));
}

/// rms-support-letter names some signers' files after their account alone
/// (`_data/signed/0x00dec0de`): they were left unread with exit 0, so those
/// signers dropped out. A file without an extension is read as YAML; one
/// of plain text (a LICENSE) is listed as not read.
#[test]
fn a_signer_file_without_an_extension_is_read_and_plain_text_is_listed() {
    let (s, dir) = letter(&[
        (
            "0x00dec0de",
            b"name: Dee Coder\nlink: https://github.com/0x00dec0de\n",
        ),
        ("ada.yaml", b"name: Ada Lovelace\n"),
        ("LICENSE", b"Permission is hereby granted to anyone\n"),
    ]);
    let out = s.cmd().args(["import", "x"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("2 were added"), "{report}");
    assert!(
        report.contains("1 file not read") && report.contains("LICENSE"),
        "{report}"
    );
    let toml = s.read("x");
    assert!(
        toml.contains("name = \"Dee Coder\"\nwebsite = \"https://github.com/0x00dec0de\""),
        "{toml}"
    );
}

/// A tagged value the parser refused was quoted in the report: a contact
/// detail in a signer's file was printed. Only the kind of error is kept.
#[test]
fn a_refused_value_in_a_signer_file_is_not_quoted_in_the_report() {
    let (s, dir) = letter(&[(
        "fay.yaml",
        b"name: Fay Doe\nemail: !!int fay-secret@x.example\n",
    )]);
    let out = s.cmd().args(["import", "x"]).arg(&dir).output().unwrap();
    let all = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("fay.yaml") && all.contains("invalid value"),
        "{all}"
    );
    assert!(!all.contains("fay-secret"), "{all}");
}
