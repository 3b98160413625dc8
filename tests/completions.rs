//! Shell completion: statement ids for STATEMENT, the signers' names for NAME, asked of the
//! program at each <Tab> (`COMPLETE=<shell>`), and the bash script that asks.

mod common;

use common::{SEED, Scratch, stderr, stdout};
use std::fs;
use std::path::Path;

const OTHER: &str = "title = \"Another letter\"\n\n[[signatory]]\nname = \"People's Watch\"\n\n[[signatory]]\nname = \"Reporters Without Borders\"\nacronym = \"RSF\"\n";

/// The values the program offers for `words[index]`, asked as bash's script
/// asks (one reply a line here; the script splits on a vertical tab); the
/// flags clap offers beside them are left out.
fn offered(s: &Scratch, cwd: &Path, words: &[&str], index: usize) -> Vec<String> {
    let out = s
        .cmd()
        .current_dir(cwd)
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(out.status.success(), "{words:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .filter(|w| !w.starts_with('-'))
        .map(str::to_string)
        .collect()
}

fn scratch() -> Scratch {
    let s = Scratch::with_seed();
    s.write("other", OTHER);
    s.cmd()
        .args([
            "add",
            "other",
            "Contact Kept Org",
            "--email",
            "a@example.org",
        ])
        .assert()
        .success();
    s
}

#[test]
fn statement_ids_are_offered_and_private_files_are_not() {
    let s = scratch();
    let here = s.tmp.path();
    let all = offered(&s, here, &["undersigned", "list", ""], 2);
    assert!(all.contains(&SEED.to_string()), "{all:?}");
    assert!(all.contains(&"other".to_string()), "{all:?}");
    assert!(!all.iter().any(|w| w.contains(".private")), "{all:?}");
    assert_eq!(
        offered(&s, here, &["undersigned", "export", "hu"], 2),
        [SEED]
    );
    assert_eq!(
        offered(&s, here, &["undersigned", "check", SEED, "ot"], 3),
        ["other"]
    );
}

#[test]
fn names_of_the_statement_given_are_offered_whole() {
    let s = scratch();
    let here = s.tmp.path();
    assert_eq!(
        offered(&s, here, &["undersigned", "confirm", SEED, "Amn"], 3),
        ["Amnesty International"]
    );
    // The display form, as `list` shows it; only the statement given.
    assert_eq!(
        offered(&s, here, &["undersigned", "withdraw", "other", "R"], 3),
        ["Reporters Without Borders (RSF)"]
    );
    // A word typed with bash's backslashes is read without them.
    assert_eq!(
        offered(
            &s,
            here,
            &["undersigned", "remove", SEED, r"Christian\ Sol"],
            3
        ),
        ["Christian Solidarity Worldwide"]
    );
    assert_eq!(
        offered(&s, here, &["undersigned", "edit", "other", "People's"], 3),
        ["People's Watch"]
    );
    // Every NAME of merge and distinct; `who` looks in every statement.
    assert_eq!(
        offered(
            &s,
            here,
            &["undersigned", "merge", SEED, "Amnesty International", "Amn"],
            4
        ),
        ["Amnesty International"]
    );
    assert_eq!(
        offered(&s, here, &["undersigned", "distinct", "other", "Peo"], 3),
        ["People's Watch"]
    );
    let who = offered(&s, here, &["undersigned", "who", ""], 2);
    assert!(who.contains(&"People's Watch".to_string()), "{who:?}");
    assert!(
        who.contains(&"Amnesty International".to_string()),
        "{who:?}"
    );
}

#[test]
fn completion_finds_the_statements_from_a_subfolder_or_dir() {
    let s = scratch();
    fs::create_dir(s.tmp.path().join(".git")).unwrap();
    let sub = s.tmp.path().join("site/sub");
    fs::create_dir_all(&sub).unwrap();
    assert_eq!(
        offered(&s, &sub, &["undersigned", "list", "ot"], 2),
        ["other"]
    );
    assert_eq!(
        offered(&s, &sub, &["undersigned", "confirm", "other", "Peo"], 3),
        ["People's Watch"]
    );
    // --dir on the line is the directory the command will read.
    let elsewhere = s.tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("third.toml"), OTHER).unwrap();
    let dir = elsewhere.to_str().unwrap();
    assert_eq!(
        offered(&s, &sub, &["undersigned", "--dir", dir, "list", ""], 4),
        ["third"]
    );
    assert_eq!(
        offered(
            &s,
            &sub,
            &["undersigned", "--dir", dir, "confirm", "third", "Rep"],
            5
        ),
        ["Reporters Without Borders (RSF)"]
    );
}

/// The bash script: sourced, its function run as bash runs it at a <Tab>.
#[test]
fn the_bash_script_offers_each_name_as_one_word() {
    let s = scratch();
    let out = s.cmd().args(["completions", "bash"]).output().unwrap();
    let script = stdout(&out);
    // readline quotes what it inserts (spaces, apostrophes) only for file names.
    assert!(script.contains("complete -o filenames"), "{script}");
    let script_file = s.tmp.path().join("undersigned.bash");
    fs::write(&script_file, &script).unwrap();
    let run = format!(
        "source '{}'\nCOMP_WORDS=(undersigned confirm other '')\nCOMP_CWORD=3\nCOMP_TYPE=9\n\
         _clap_complete_undersigned undersigned '' other\nprintf '<%s>\\n' \"${{COMPREPLY[@]}}\"\n",
        script_file.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(run)
        .current_dir(s.tmp.path())
        .env_remove("UNDERSIGNED_DIR")
        .output()
        .expect("bash");
    let replies = String::from_utf8_lossy(&out.stdout);
    assert!(replies.contains("<People's Watch>\n"), "{replies}");
    assert!(
        replies.contains("<Reporters Without Borders (RSF)>\n"),
        "{replies}"
    );
}

#[test]
fn fish_is_answered_too() {
    let s = scratch();
    let out = s
        .cmd()
        .env("COMPLETE", "fish")
        .args(["--", "undersigned", "confirm", "other", "Peo"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some("People's Watch"));
}
