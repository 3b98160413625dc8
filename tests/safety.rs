//! Hostile names, private contacts and concurrent or interrupted edits: nothing leaks, nothing is lost.

mod common;

use common::{Scratch, hostile_names, stderr, stdout};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

/// Every list item of a Markdown document as the text a reader sees; fails on
/// anything but plain text inside an item (links, HTML, emphasis, breaks…).
fn rendered_items(markdown: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current: Option<String> = None;
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Start(Tag::Item) => current = Some(String::new()),
            Event::End(TagEnd::Item) => items.push(current.take().expect("in an item")),
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => {}
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => current.as_mut().expect("text inside an item").push_str(&t),
            other => panic!("markdown rendered more than text: {other:?}\n{markdown}"),
        }
    }
    items
}

#[test]
fn every_hostile_name_is_rejected_clearly_or_round_trips_through_every_export() {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "h", "--title", "Hostile"])
        .assert()
        .success();
    let mut accepted = Vec::new();
    for (name, why) in hostile_names() {
        let out = s
            .cmd()
            .args(["add", "h", "--"])
            .arg(&name)
            .output()
            .unwrap();
        let err = stderr(&out);
        match out.status.code() {
            Some(0) => accepted.push(name.clone()),
            // The same name once cleaned up (e.g. a doubled space) is refused as a duplicate.
            Some(1) => assert!(err.contains("already a signatory"), "{name:?}: {err}"),
            Some(2) => assert!(
                err.contains("U+") || err.contains("empty"),
                "{name:?} ({why}) rejected without naming the problem: {err}"
            ),
            code => panic!("{name:?} ({why}): exit {code:?}: {err}"),
        }
        // Nothing raw ever reaches the terminal.
        for bad in ['\u{1b}', '\u{202E}', '\u{2067}', '\u{7}', '\u{85}'] {
            assert!(
                !err.contains(bad),
                "{name:?}: raw U+{:04X} in stderr",
                bad as u32
            );
        }
    }
    assert!(
        accepted.len() > 40,
        "most hostile names are legitimate text: {}",
        accepted.len()
    );
    s.cmd().args(["check", "h"]).assert().success();

    let export = |format: &str| {
        let out = s
            .cmd()
            .args(["export", "h", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        stdout(&out)
    };
    // JSON gives the stored names and acronyms.
    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), accepted.len());
    let line = |r: &serde_json::Value| match r["acronym"].as_str() {
        Some(a) => format!("{} ({a})", r["name"].as_str().unwrap()),
        None => r["name"].as_str().unwrap().to_string(),
    };
    let lines: Vec<String> = rows.iter().map(line).collect();
    let stored: BTreeSet<String> = lines.iter().cloned().collect();
    // An email address after a name goes to the private file, not the list.
    let typed: BTreeSet<String> = accepted
        .iter()
        .map(|n| undersigned::text::clean_name(n))
        .map(|n| undersigned::import::split_email(&n).map_or(n, |(name, _)| name))
        .collect();
    assert_eq!(
        stored, typed,
        "every accepted name is stored as typed (trimmed, NFC, an address after it kept private)"
    );

    // Text: one line per signer, exactly the names.
    assert_eq!(
        export("text")
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>(),
        lines
    );
    // Markdown: a CommonMark/GFM renderer shows exactly the names and nothing else.
    assert_eq!(rendered_items(&export("markdown")), lines);
    // CSV: a CSV parser reads back each name, modulo the formula guard.
    let csv_text = export("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    for (cell, r) in names.iter().zip(rows) {
        let name = r["name"].as_str().unwrap();
        assert_eq!(cell, &undersigned::export::guard_cell(name));
        let unguarded = if cell != name {
            &cell[1..]
        } else {
            cell.as_str()
        };
        assert_eq!(unguarded, name);
    }
}

#[test]
fn formula_cells_are_guarded_and_excel_gets_a_bom() {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "f", "--title", "T"])
        .assert()
        .success();
    for n in ["=HYPERLINK(\"x\")", "＝1+1", "'=1+1", "Safe Org"] {
        // '=1+1 and ＝1+1 normalise alike, so the second needs --force.
        s.cmd()
            .args(["add", "f", "--force", "--"])
            .arg(n)
            .assert()
            .success();
    }
    let out = s
        .cmd()
        // The list holds that certain duplicate on purpose: exported with --force.
        .args(["export", "f", "--format", "csv", "--excel", "--force"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with("\u{feff}\"name\"".as_bytes()));
    let text = stdout(&out);
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    assert!(text.contains("\"'＝1+1\""));
    assert!(
        text.contains("\"'=1+1\""),
        "an apostrophe already there is kept, not doubled"
    );
    assert!(text.contains("\"Safe Org\""));
    s.cmd()
        .args(["export", "f", "--format", "text", "--excel", "--force"])
        .assert()
        .code(2);
}

#[test]
fn warnings_for_lookalikes_formulas_and_contacts_do_not_stop_an_add() {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "w", "--title", "T"])
        .assert()
        .success();
    for (name, says) in [
        ("Оxfam", "mixes letters of different scripts"),
        // A name that is nothing but an address is kept, with a warning.
        ("ana.lopez@example.org", "email address"),
        ("CafÃ© Coop", "did you mean \"Café Coop\""),
        ("@channel", "formula"),
    ] {
        let out = s.cmd().args(["add", "w", "--"]).arg(name).output().unwrap();
        assert!(out.status.success());
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    let out = s.cmd().args(["check", "w"]).output().unwrap();
    assert!(out.status.success(), "warnings only");
    assert_eq!(
        stdout(&out).matches("warning[").count(),
        4,
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_hand_edited_file_is_checked_on_every_load_not_only_on_add() {
    let s = Scratch::new();
    s.write("e", "title = \"T\"\n[[signatory]]\nname = \"Evil\\u202Egnp.exe\"\n[[signatory]]\nname = \"Ring\\u0007\"\n");
    let out = s.cmd().args(["check", "e"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("e.toml:3:8: error[unicode]: `name` contains U+202E (a bidi control)"),
        "{text}"
    );
    assert!(
        text.contains("e.toml:5:8: error[unicode]: `name` contains U+0007 (a control character)"),
        "{text}"
    );
    for cmd in [
        &["export", "e", "--format", "text"][..],
        &["list", "e"],
        &["sort", "e"],
    ] {
        let out = s.cmd().args(cmd).output().unwrap();
        assert!(!stdout(&out).contains('\u{202E}'), "{cmd:?}");
        assert!(!stderr(&out).contains('\u{202E}'), "{cmd:?}");
    }
    s.cmd()
        .args(["export", "e", "--format", "text"])
        .assert()
        .code(2);
}

const CANARY: &str = "canary-7f3a@private.invalid";

#[test]
fn contact_details_live_in_the_private_file_and_never_leak() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["add", common::SEED, "Hong Kong Watch", "--email", CANARY])
        .args([
            "--contact-person",
            "Canary Person",
            "--phone",
            "+44 20 0000 0000",
            "--private-note",
            "canary note",
        ])
        .assert()
        .success();
    let public = s.read(common::SEED);
    assert!(
        !public.contains("canary") && !public.contains("Canary"),
        "{public}"
    );
    let private = std::fs::read_to_string(s.dir().join("huang-wang-2023.private.toml")).unwrap();
    assert!(private.contains(CANARY));
    let ignore = std::fs::read_to_string(s.dir().join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*.private.toml"), "{ignore}");

    let outputs: Vec<Vec<&str>> = vec![
        vec!["list", common::SEED],
        vec!["export", common::SEED, "--format", "text"],
        vec!["export", common::SEED, "--format", "markdown"],
        vec!["export", common::SEED, "--format", "csv"],
        vec!["export", common::SEED, "--format", "json"],
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["sort", "--check", "--diff", common::SEED],
        vec!["fmt", "--check", "--diff"],
        vec!["add", common::SEED, "hong kong watch"],
    ];
    for args in outputs {
        let out = s.cmd().args(&args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out)).to_lowercase();
        assert!(!all.contains("canary"), "{args:?} leaked: {all}");
    }
    // Only on explicit request, and only in the coordinator's structured formats.
    let out = s
        .cmd()
        .args([
            "export",
            common::SEED,
            "--format",
            "csv",
            "--include-private",
        ])
        .output()
        .unwrap();
    assert!(stdout(&out).contains(CANARY));
    let out = s
        .cmd()
        .args(["list", common::SEED, "--include-private"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains(CANARY));
    s.cmd()
        .args([
            "export",
            common::SEED,
            "--format",
            "markdown",
            "--include-private",
        ])
        .assert()
        .code(2);
}

#[test]
fn twenty_adds_at_once_all_land() {
    let s = Scratch::with_seed();
    let children: Vec<_> = (0..20)
        .map(|i| {
            s.process()
                .args(["add", common::SEED, &format!("Concurrent Coalition {i:02}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let text = s.read(common::SEED);
    for i in 0..20 {
        assert!(
            text.contains(&format!("name = \"Concurrent Coalition {i:02}\"")),
            "{i} lost"
        );
    }
    s.cmd().args(["check", common::SEED]).assert().success();
}

#[test]
fn a_write_that_fails_before_the_rename_leaves_the_original_intact() {
    let s = Scratch::with_seed();
    let path = s.path(common::SEED);
    let before = s.bytes(common::SEED);
    let err = undersigned::store::write_atomic_with(&path, |w| {
        w.write_all(b"title = \"half")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("disk full"));
    assert_eq!(s.bytes(common::SEED), before);
    let files: Vec<_> = std::fs::read_dir(s.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "no stray temporary file: {files:?}");
}

#[cfg(unix)]
#[test]
fn a_writer_killed_while_waiting_for_the_lock_changes_nothing() {
    let s = Scratch::with_seed();
    let before = s.bytes(common::SEED);
    // Hold the lock as another coordinator's add would.
    let held = undersigned::store::lock(&s.path(common::SEED)).unwrap();
    let mut child = s
        .process()
        .args(["add", common::SEED, "Killed Org"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the add waits for the lock"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    drop(held);
    assert_eq!(s.bytes(common::SEED), before);
    s.cmd()
        .args(["add", common::SEED, "Next Org"])
        .assert()
        .success();
}
