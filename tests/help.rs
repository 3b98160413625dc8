//! What `--help` and `undersigned man` tell: every example runs, the merge driver's set-up is the README's, the manual page names no page that does not exist and describes every key of the files.

mod common;

use clap::CommandFactory;
use common::{Scratch, git, manifest_dir, stderr, stdout};
use std::path::Path;
use undersigned::cli::Cli;

/// Every subcommand's name but `help`.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

fn help(sub: &str) -> String {
    let s = Scratch::new();
    let out = s.cmd().args([sub, "--help"]).output().unwrap();
    assert!(out.status.success(), "{sub} --help");
    stdout(&out)
}

/// The lines of the "Example:", "Examples:" or "Set-up" paragraph of a help text.
fn examples(help: &str) -> Vec<String> {
    let starts = |l: &str| l.starts_with("Example") || l.starts_with("Set-up");
    let mut lines = help.lines().skip_while(|l| !starts(l));
    lines.next();
    lines
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

/// A scratch repository as the examples expect one: the shipped example,
/// reopened for signatures, with the entries `merge` and `distinct` work on
/// (for `merge` a second "PEN Canada" and "Amnesty Intl", for `distinct`
/// "PEN Català"), committed four times (the first on 2023-09-10,
/// for `diff --since DATE` and `--since HEAD~3`), and the input files the
/// examples name.
fn example_repo(sub: &str) -> Scratch {
    let s = Scratch::with_seed();
    let root = s.tmp.path();
    let added: &[&str] = match sub {
        "merge" => &["Amnesty Intl", "PEN Canada"],
        "distinct" => &["PEN Català"],
        _ => &[],
    };
    for name in added {
        let out = s
            .cmd()
            .args(["add", common::SEED, name, "--force"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    git(root, &["init", "-q"], None);
    for (i, date) in ["2023-09-10", "2023-09-12", "2023-09-14", "2023-09-16"]
        .iter()
        .enumerate()
    {
        let text = s.read(common::SEED) + &format!("\n# revision {i}\n");
        s.write(common::SEED, text);
        git(root, &["add", "-A"], None);
        let when = format!("{date}T12:00:00+00:00");
        git(root, &["commit", "-q", "-m", date], Some(&when));
    }
    let files: [(&str, &str); 4] = [
        (
            "form-responses.csv",
            "Timestamp,Organisation,Country\n2023/09/20 10:00,Freedom House,United States\n",
        ),
        ("sheet.csv", "Org,Contact,Where\nFreedom House,Ana,US\n"),
        (
            "form.csv",
            "Organisation,Do you sign?,Date\nFreedom House,Yes,20/09/2023\n",
        ),
        ("confirmed.txt", "Amnesty International\n"),
    ];
    for (name, text) in files {
        std::fs::write(root.join(name), text).unwrap();
    }
    std::fs::create_dir_all(root.join("site")).unwrap();
    // An open letter's folder of one file per signer.
    let signed = root.join("_data/signed");
    std::fs::create_dir_all(&signed).unwrap();
    std::fs::write(
        signed.join("ada.yaml"),
        "name: Ada Lovelace\nlink: https://example.net/ada\n",
    )
    .unwrap();
    s
}

/// Runs one example line with `sh` in `dir`, `undersigned` first on PATH.
/// Tools that are not ours are stood in for: `pbpaste` prints a name,
/// `man` checks that it was given a page.
fn run_example(dir: &Path, line: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin!("undersigned");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let stubs = "pbpaste() { printf 'Front Line Defenders\\n'; }\nman() { test -s \"$1\"; }\n";
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{stubs}{line}"))
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .env_remove("UNDERSIGNED_DIR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The rule: every example line of every `--help` runs on a fresh copy of
/// the shipped example and never exits 2 (a usage error, or a command that
/// could not run: a name not found, a missing file) nor 126/127 (no such
/// command). Exit 1 is allowed: an example may show a refusal or a check
/// that finds problems. `new`'s examples start without the statement they
/// create.
#[test]
fn every_help_example_runs() {
    let (mut ran, mut failed) = (0, Vec::new());
    for sub in subcommands() {
        let lines = examples(&help(&sub));
        assert!(!lines.is_empty(), "`{sub} --help` shows no example");
        for line in lines {
            let s = example_repo(&sub);
            if sub == "new" {
                // `new` creates the example: it starts where there is none.
                std::fs::remove_file(s.path(common::SEED)).unwrap();
            }
            // Where the completion examples install their scripts.
            for d in [
                ".local/share/bash-completion/completions",
                ".config/fish/completions",
            ] {
                std::fs::create_dir_all(s.tmp.path().join(d)).unwrap();
            }
            let out = run_example(s.tmp.path(), &line);
            let code = out.status.code();
            if !matches!(code, Some(0 | 1)) {
                failed.push(format!(
                    "`{line}` (from `{sub} --help`) exited {code:?}:\n{}{}",
                    stdout(&out),
                    stderr(&out)
                ));
            }
            ran += 1;
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(ran >= 30, "only {ran} examples found");
}

#[test]
fn merge_driver_help_sets_the_marker_size_as_the_readme_does() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let set_up = (readme.lines())
        .find(|l| l.starts_with("git config merge.undersigned.driver"))
        .expect("README sets up the driver");
    assert!(set_up.contains("--marker-size %L"), "{set_up}");
    let help = help("merge-driver");
    assert!(help.contains(&format!("  {set_up}\n")), "{help}");
}

fn man() -> String {
    let s = Scratch::new();
    let out = s.cmd().arg("man").output().unwrap();
    assert!(out.status.success());
    stdout(&out)
}

#[test]
fn man_page_names_no_manual_page_that_does_not_exist() {
    let page = man();
    // clap_mangen's own list named `undersigned-add(1)` and the like.
    assert!(!page.contains("undersigned\\-new"), "{page}");
    let refs = regex_lite_refs(&page);
    for r in &refs {
        assert!(
            ["git(1)", "gitattributes(5)"].contains(&r.as_str()),
            "the page refers to {r}"
        );
    }
    assert!(!refs.is_empty(), "SEE ALSO names git's pages");
    // Every command is a section of the one page, with its examples.
    for sub in subcommands() {
        assert!(
            page.contains(&format!(".SS \"undersigned {sub}\"\n")),
            "no section for {sub}"
        );
    }
    assert!(page.contains("undersigned export huang\\-wang\\-2023 \\-\\-format markdown"));
    // The guides it names are in the source.
    let see_also = page.split(".SH \"SEE ALSO\"").nth(1).unwrap();
    let see_also = see_also.split(".SH").next().unwrap();
    for word in see_also.split([' ', ',', '\n']) {
        if let Some(stem) = word.trim_end_matches('.').strip_suffix(".md") {
            let doc = manifest_dir().join("docs").join(format!("{stem}.md"));
            assert!(doc.exists(), "SEE ALSO names {word}, not in docs/");
        }
    }
}

/// Every `name(N)` reference to a manual page, roff fonts taken off.
fn regex_lite_refs(page: &str) -> Vec<String> {
    let plain = page
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\fI", "");
    let mut refs = Vec::new();
    for (i, _) in plain.match_indices('(') {
        let digit = plain[i + 1..].chars().next();
        let close = plain[i + 1..].chars().nth(1);
        if !(digit.is_some_and(|c| c.is_ascii_digit()) && close == Some(')')) {
            continue;
        }
        let name: String = plain[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\\' | '.'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            refs.push(format!("{name}{}", &plain[i..i + 3]));
        }
    }
    refs
}

#[test]
fn man_page_file_format_describes_every_key_from_the_field_table() {
    use undersigned::model::fields::{SIGNER_KEYS, STATEMENT_KEYS};
    use undersigned::schema::CONTACT_KEYS;
    let page = man();
    let format = page
        .split(".SH \"FILE FORMAT\"")
        .nth(1)
        .expect("FILE FORMAT");
    let format = format.split("\n.SH ").next().unwrap();
    let part = |title: &str| {
        let from = format.split(&format!(".SS \"{title}\"")).nth(1).unwrap();
        from.split(".SS").next().unwrap().to_string()
    };
    let data = std::fs::read_to_string(manifest_dir().join("data/file-format.toml")).unwrap();
    let data: toml_edit::DocumentMut = data.parse().unwrap();
    for (title, table, keys) in [
        ("Statement keys", "statement", STATEMENT_KEYS),
        ("Signatory keys", "signatory", SIGNER_KEYS),
        ("The private file", "contact", CONTACT_KEYS),
    ] {
        let text = part(title);
        for key in keys {
            let roff_key = key.replace('-', "\\-");
            let at = text
                .find(&format!(".TP\n\\fB{roff_key}\\fR ("))
                .unwrap_or_else(|| panic!("{title}: no entry for {key}"));
            let meaning = text[at..].lines().nth(2).unwrap_or_default();
            assert!(
                !meaning.is_empty() && !meaning.starts_with('.'),
                "{title}: {key} has no meaning in data/file-format.toml"
            );
        }
        // No line for a key that is gone.
        for (key, _) in data[table].as_table().unwrap().iter() {
            assert!(
                keys.contains(&key),
                "data/file-format.toml [{table}] {key}: no such key"
            );
        }
    }
}
