//! Hostile files and paths: escape sequences in file names, symlinks out of the statements directory,
//! FIFOs and devices as statements or inputs, a lock file that is a symlink, a CSV cell of megabytes.
#![cfg(unix)]

mod common;

use common::{Scratch, stderr, stdout};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Long enough for any of these commands on a loaded machine; a FIFO hangs for ever.
const HANG: Duration = Duration::from_secs(60);

fn both(out: &std::process::Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[test]
fn a_file_name_with_an_escape_sequence_never_reaches_the_terminal() {
    let s = Scratch::with_seed();
    let evil = "red\u{1b}[31m\u{1b}]0;owned\u{7}";
    let statement = s.dir().join(format!("{evil}.toml"));
    std::fs::copy(s.path(common::SEED), &statement).unwrap();
    let shown = statement.strip_prefix(s.tmp.path()).unwrap().to_path_buf();
    let output = PathBuf::from(format!("{evil}.txt"));
    std::fs::write(
        s.tmp.path().join("rows.txt"),
        "Signatories:\nOcean Rights Network\n",
    )
    .unwrap();
    let o = |s: &'static str| std::ffi::OsStr::new(s);
    // Each command, and whether its messages name the file (in success, a
    // warning or a finding).
    let runs: Vec<(Vec<&std::ffi::OsStr>, bool)> = vec![
        (vec![o("add"), shown.as_os_str(), o("Harbour Union")], true),
        (vec![o("import"), shown.as_os_str(), o("rows.txt")], true),
        (vec![o("sort"), shown.as_os_str()], true),
        (vec![o("check"), shown.as_os_str()], false),
        (vec![o("list"), shown.as_os_str()], false),
        (
            vec![
                o("export"),
                shown.as_os_str(),
                o("--format"),
                o("text"),
                o("-o"),
                output.as_os_str(),
            ],
            true,
        ),
        (
            vec![
                o("stats"),
                shown.as_os_str(),
                o("--svg"),
                output.as_os_str(),
            ],
            true,
        ),
        (vec![o("new"), o(evil), o("--title"), o("T")], true),
        (vec![o("new"), o(evil), o("--title"), o("T")], true),
        (vec![o("add"), shown.as_os_str(), o("harbour union")], true),
        (vec![o("fmt"), o("--check")], true),
        (vec![o("check")], true),
    ];
    for (n, (args, names_it)) in runs.into_iter().enumerate() {
        if n == 10 {
            // Out of the canonical layout, and failing its checks.
            let text = std::fs::read_to_string(&statement).unwrap();
            let text = text.replace("name = ", "name  =  ");
            std::fs::write(
                &statement,
                text + "\n[[signatory]]\nname = \"harbour union\"\n",
            )
            .unwrap();
        }
        let out = s.cmd().args(&args).output().unwrap();
        let all = both(&out);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?} printed a raw escape: {all:?}"
        );
        assert_eq!(
            all.contains("red␛[31m␛]0;owned␇"),
            names_it,
            "{args:?} names the file, escaped: {all}"
        );
    }
}

#[test]
fn check_does_not_follow_a_symlink_out_of_the_directory_unless_it_is_named() {
    let s = Scratch::with_seed();
    let outside = s.tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let secret = outside.join("passwd");
    std::fs::write(&secret, "root:x:0:0:SECRET-LINE:/root:/bin/bash\n").unwrap();
    std::os::unix::fs::symlink(&secret, s.dir().join("leak.toml")).unwrap();
    // A link to another statement of the directory is read as ever.
    std::os::unix::fs::symlink("huang-wang-2023.toml", s.dir().join("alias.toml")).unwrap();
    // A link to a private contacts file is not read even inside the directory.
    std::fs::write(
        s.dir().join("huang-wang-2023.private.toml"),
        "[[contact]]\nsignatory = \"Covenants Watch\"\nemail = \"canary@private.invalid\nx\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("huang-wang-2023.private.toml", s.dir().join("peek.toml")).unwrap();

    for format in ["human", "json", "github"] {
        let out = s
            .cmd()
            .args(["check", "--format", format])
            .timeout(HANG)
            .output()
            .unwrap();
        let all = both(&out);
        assert_eq!(out.status.code(), Some(2), "{all}");
        assert!(!all.contains("SECRET") && !all.contains("canary"), "{all}");
        assert!(
            all.contains("leak.toml") && all.contains("leads out of"),
            "{all}"
        );
        assert!(
            all.contains("peek.toml") && all.contains("private contacts"),
            "{all}"
        );
        assert!(all.contains("checked 4 files"), "{all}");
        assert!(!all.contains("alias.toml"), "a good link is read: {all}");
    }
    let out = s.cmd().args(["fmt", "--check"]).output().unwrap();
    assert!(both(&out).contains("leads out of"), "{}", both(&out));
    // Named on the command line, it is read as before.
    let out = s
        .cmd()
        .args(["check", "statements/leak.toml"])
        .output()
        .unwrap();
    assert!(both(&out).contains("SECRET-LINE"), "{}", both(&out));
}

#[test]
fn a_fifo_as_a_statement_is_an_error_naming_it_not_a_hang() {
    let s = Scratch::with_seed();
    mkfifo(&s.dir().join("pipe.toml"));
    let runs: [&[&str]; 5] = [
        &["check", "pipe"],
        &["check"],
        &["add", "pipe", "Harbour Union"],
        &["import", "pipe", "-"],
        &["export", "pipe", "--format", "text"],
    ];
    for args in runs {
        let out = s
            .cmd()
            .args(args)
            .write_stdin("Signatories:\nHarbour Union\n")
            .timeout(HANG)
            .output()
            .unwrap();
        let all = both(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {all}");
        assert!(
            all.contains("pipe.toml") && all.contains("named pipe (FIFO), not a regular file"),
            "{args:?}: {all}"
        );
    }
    // Refused before the lock is taken: no lock file was made for it.
    assert!(!s.dir().join(".pipe.toml.lock").exists());
    // The directory's other statement was still checked.
    let out = s.cmd().args(["check"]).timeout(HANG).output().unwrap();
    assert!(stderr(&out).contains("checked 2 files"), "{}", stderr(&out));
}

#[test]
fn a_fifo_or_a_device_as_an_import_input_is_refused_and_stdin_still_reads() {
    let s = Scratch::with_seed();
    mkfifo(&s.tmp.path().join("rows.csv"));
    for input in ["rows.csv", "/dev/null"] {
        let out = s
            .cmd()
            .args(["import", common::SEED, input, "--dry-run"])
            .timeout(HANG)
            .output()
            .unwrap();
        let all = both(&out);
        assert_eq!(out.status.code(), Some(2), "{input}: {all}");
        assert!(
            all.contains(input) && all.contains("not a regular file"),
            "{all}"
        );
    }
    s.cmd()
        .args(["import", common::SEED, "-", "--dry-run"])
        .write_stdin("Signatories:\nHarbour Union\n")
        .timeout(HANG)
        .assert()
        .success();
}

#[test]
fn a_device_named_as_a_statement_is_refused_without_reading_it() {
    let s = Scratch::new();
    let out = s
        .cmd()
        .args(["check", "/dev/null"])
        .timeout(HANG)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        both(&out).contains("/dev/null: it is a device, not a regular file"),
        "{}",
        both(&out)
    );
}

#[test]
fn a_lock_file_that_is_a_symlink_is_refused_and_nothing_is_made_at_its_target() {
    let s = Scratch::with_seed();
    let target = s.tmp.path().join("made-by-the-lock");
    std::os::unix::fs::symlink(&target, s.dir().join(".huang-wang-2023.toml.lock")).unwrap();
    let before = s.bytes(common::SEED);
    let out = s
        .cmd()
        .args(["add", common::SEED, "Harbour Union"])
        .timeout(HANG)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(".huang-wang-2023.toml.lock") && err.contains("symbolic link"),
        "{err}"
    );
    assert!(
        !target.exists(),
        "the write created a file at the link's target"
    );
    assert_eq!(s.bytes(common::SEED), before);
}

#[test]
fn a_csv_cell_of_a_megabyte_is_rejected_for_its_length_and_kept_out_of_the_report() {
    let s = Scratch::with_seed();
    // The bell at the end would be found only by reading the whole cell.
    let cell = format!("{}\u{7}", "x".repeat(1 << 20));
    let csv = format!("Organisation name,Email\n\"{cell}\",a@example.org\nHarbour Union,\n");
    std::fs::write(s.tmp.path().join("big.csv"), csv).unwrap();
    let out = s
        .cmd()
        .args(["import", common::SEED, "big.csv", "--dry-run"])
        .timeout(HANG)
        .output()
        .unwrap();
    let report = stdout(&out);
    assert!(
        report.contains("1048577 bytes long"),
        "{}",
        report.chars().take(2000).collect::<String>()
    );
    assert!(!report.contains("U+0007"), "the whole cell was scanned");
    assert!(
        report.len() < 4096,
        "the report holds the cell: {} bytes",
        report.len()
    );
    assert!(
        report.contains("1 would be added, 0 skipped, 1 rejected"),
        "{report}"
    );
}
