//! The README's tour: its session runs as written, and its table of commands is the one `--help` lists.

mod common;

use common::{Scratch, manifest_dir, stderr, stdout};
use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(manifest_dir().join("README.md")).unwrap()
}

/// One line of the README's shell, run with `sh` in `dir`, this build first on PATH.
fn run_line(dir: &Path, line: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin!("undersigned");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("UNDERSIGNED_DIR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The `sh` block that follows "A session" in the tour.
fn session(text: &str) -> Vec<String> {
    let from = text.find("A session").expect("the tour's session");
    let block = &text[from..];
    let start = block.find("```sh\n").expect("its shell block") + "```sh\n".len();
    let end = start + block[start..].find("```").expect("its end");
    block[start..end].lines().map(str::to_string).collect()
}

/// Every line exits as its comment says (`exit 1` where it says so, else 0),
/// and the session ends with a published list written without opening the file.
#[test]
fn the_readme_session_runs_as_written() {
    let s = Scratch::new();
    let lines = session(&readme());
    assert!(lines.len() >= 10, "{lines:?}");
    for line in &lines {
        let out = run_line(s.tmp.path(), line);
        let want = if line.contains("exit 1") { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(want),
            "`{line}`:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    let list = std::fs::read_to_string(s.tmp.path().join("list.md")).unwrap();
    assert!(list.contains("Amnesty International (AI)"), "{list}");
    assert!(list.contains("Rivers Watch"), "{list}");
    let file = s.read("water-2025");
    assert!(file.contains("status = \"published\""), "{file}");
    assert!(
        file.contains("website = \"https://www.amnesty.org\""),
        "{file}"
    );
}

/// The subcommands `undersigned --help` lists.
fn subcommands() -> Vec<String> {
    let out = Scratch::new().cmd().arg("--help").output().unwrap();
    let help = stdout(&out);
    let from = help.find("Commands:").unwrap();
    let to = help[from..].find("Options:").unwrap() + from;
    help[from..to]
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

/// Every command of `--help` has its row in the README's table, and the
/// table names no command that `--help` does not know.
#[test]
fn the_readme_table_names_every_command_and_only_those() {
    let text = readme();
    let from = text.find("| command | what it does |").unwrap();
    let rows: Vec<&str> = text[from..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let commands = subcommands();
    assert!(commands.len() >= 20, "{commands:?}");
    // The first cell of each row: the commands it names, each in backticks.
    let named: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            let cell = r.split(" | ").next().unwrap_or("");
            cell.split('`')
                .skip(1)
                .step_by(2)
                .filter_map(|c| c.split_whitespace().next().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    for c in &commands {
        assert!(
            named.contains(c),
            "`{c}` has no row in the README: {named:?}"
        );
    }
    for n in &named {
        assert!(
            commands.contains(n),
            "the README names `{n}`, which --help does not list"
        );
    }
}
