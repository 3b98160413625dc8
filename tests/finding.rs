//! Which files a command works on: the statements directory found from a subfolder, `id.toml`,
//! and private contacts files named by a glob.

mod common;

use common::{SEED, Scratch, stderr, stdout};
use std::fs;
use std::path::PathBuf;

const OTHER: &str =
    "title = \"Another letter\"\n\n[[signatory]]\nname = \"Front Line Defenders\"\n";

/// A scratch repository (a `.git` at its top) with the seed statement and
/// an empty `site/sub` folder to run commands from.
fn repository() -> (Scratch, PathBuf) {
    let s = Scratch::with_seed();
    fs::create_dir(s.tmp.path().join(".git")).unwrap();
    let sub = s.tmp.path().join("site/sub");
    fs::create_dir_all(&sub).unwrap();
    (s, sub)
}

#[test]
fn commands_run_from_a_subfolder_of_the_repository_find_its_statements() {
    let (s, sub) = repository();
    let out = s
        .cmd()
        .current_dir(&sub)
        .args(["list", SEED])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Amnesty International"));

    let out = s.cmd().current_dir(&sub).arg("check").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("checked 1 file"), "{}", stderr(&out));

    let out = s
        .cmd()
        .current_dir(&sub)
        .args(["add", SEED, "Sub Folder Coalition", "--country", "FR"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The path printed is the file's path from where the user stands.
    assert!(
        stderr(&out).contains(&format!("../../statements/{SEED}.toml")),
        "{}",
        stderr(&out)
    );
    assert!(s.read(SEED).contains("name = \"Sub Folder Coalition\""));
    assert!(
        !sub.join("statements").exists(),
        "nothing created in the subfolder"
    );
}

#[test]
fn the_search_stops_at_the_repository_root() {
    // statements/ above the repository belongs to another project.
    let s = Scratch::with_seed();
    let repo = s.tmp.path().join("repo");
    fs::create_dir_all(repo.join("sub")).unwrap();
    fs::write(repo.join(".git"), "gitdir: ../elsewhere\n").unwrap();
    let out = s
        .cmd()
        .current_dir(repo.join("sub"))
        .args(["list", SEED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(&format!("statements/{SEED}.toml")),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("../"), "{}", stderr(&out));

    // The repository's own statements/ is found from below it, and only it.
    fs::create_dir(repo.join("statements")).unwrap();
    fs::write(repo.join("statements/other.toml"), OTHER).unwrap();
    let out = s
        .cmd()
        .current_dir(repo.join("sub"))
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("checked 1 file"), "{}", stderr(&out));
    s.cmd()
        .current_dir(repo.join("sub"))
        .args(["list", SEED])
        .assert()
        .code(2);
}

#[test]
fn dir_flag_and_environment_win_over_the_search() {
    let (s, sub) = repository();
    let elsewhere = s.tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("other.toml"), OTHER).unwrap();
    s.cmd()
        .current_dir(&sub)
        .args(["list", SEED])
        .assert()
        .success();

    let out = s
        .cmd()
        .current_dir(&sub)
        .args(["list", "other", "--dir"])
        .arg(&elsewhere)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Front Line Defenders"));

    let out = s
        .cmd()
        .current_dir(&sub)
        .env("UNDERSIGNED_DIR", &elsewhere)
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("checked 1 file"), "{}", stderr(&out));
    s.cmd()
        .current_dir(&sub)
        .env("UNDERSIGNED_DIR", &elsewhere)
        .args(["list", SEED])
        .assert()
        .code(2);

    // An explicit `--dir statements` is the folder of that name here, not the one found above.
    s.cmd()
        .current_dir(&sub)
        .args(["--dir", "statements", "list", SEED])
        .assert()
        .code(2);
}

#[test]
fn an_id_with_its_toml_extension_is_found_in_the_statements_dir() {
    let s = Scratch::with_seed();
    let out = s
        .cmd()
        .args(["list", &format!("{SEED}.toml")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Amnesty International"));

    // A file of that name in the working directory is that file, as the
    // shell completed it.
    fs::write(s.tmp.path().join(format!("{SEED}.toml")), OTHER).unwrap();
    let out = s
        .cmd()
        .args(["list", &format!("{SEED}.toml")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Front Line Defenders"),
        "{}",
        stdout(&out)
    );
    // The id alone is always the statements directory's file.
    let out = s.cmd().args(["list", SEED]).output().unwrap();
    assert!(stdout(&out).contains("Amnesty International"));
}

/// Adds a signer with an email, so the statement gets its private file.
fn with_private_file() -> Scratch {
    let s = Scratch::with_seed();
    s.cmd()
        .args([
            "add",
            SEED,
            "Private Contact Org",
            "--email",
            "x@example.org",
        ])
        .assert()
        .success();
    assert!(s.dir().join(format!("{SEED}.private.toml")).exists());
    s
}

#[test]
fn private_files_named_by_a_glob_are_skipped_with_a_note() {
    let s = with_private_file();
    let public = format!("statements/{SEED}.toml");
    let private = format!("statements/{SEED}.private.toml");
    for cmd in [
        vec!["sort", "--check"],
        vec!["check"],
        vec!["fmt", "--check"],
    ] {
        let out = s
            .cmd()
            .args(&cmd)
            .args([&private, &public])
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("skipped {private}: a private contacts file")),
            "{cmd:?}: {err}"
        );
    }
}

#[test]
fn a_private_file_named_alone_is_skipped_and_nothing_fails() {
    let s = with_private_file();
    let private = format!("statements/{SEED}.private.toml");
    for cmd in ["sort", "check", "fmt"] {
        let out = s.cmd().args([cmd, &private]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        assert!(stderr(&out).contains("skipped"), "{cmd}: {}", stderr(&out));
    }
    assert!(
        s.read(SEED).contains("Private Contact Org"),
        "the statement is untouched"
    );
}
