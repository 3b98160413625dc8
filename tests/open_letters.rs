//! docs/open-letters.md run end to end: every command line of its `sh` blocks (and the `undersigned` steps of its workflows), in order, in a clone of an open-letter repository with one YAML file per signer.

mod common;

use common::manifest_dir;
use std::path::Path;
use std::process::{Command, Output};

/// One command line of the document and the exit code the document gives it.
struct Step {
    line: String,
    code: i32,
}

/// The steps of a document: each line of its `sh` blocks (a here-document
/// taken whole), and the `- run: undersigned …` lines of its `yaml` blocks,
/// where a pull request's base branch is `main`. A line that ends in
/// `# exits 1` is expected to exit 1; every other, 0.
fn steps(doc: &str) -> Vec<Step> {
    let mut out = Vec::new();
    let mut block = "";
    let mut lines = doc.lines();
    while let Some(l) = lines.next() {
        if let Some(lang) = l.strip_prefix("```") {
            block = if block.is_empty() { lang } else { "" };
            continue;
        }
        let line = match block {
            "sh" if !l.trim().is_empty() && !l.starts_with('#') => {
                let mut line = l.to_string();
                if l.contains("<<'EOF'") {
                    for body in lines.by_ref() {
                        line.push('\n');
                        line.push_str(body);
                        if body == "EOF" {
                            break;
                        }
                    }
                }
                line
            }
            "yaml" => match l.trim().strip_prefix("- run: ") {
                Some(run) if run.starts_with("undersigned ") => {
                    run.replace("${{ github.base_ref }}", "main")
                }
                _ => continue,
            },
            _ => continue,
        };
        let code = if line.contains("# exits 1") { 1 } else { 0 };
        out.push(Step { line, code });
    }
    out
}

/// The signer files of the letter, in the rms-support-letter layout: one
/// `_data/signed/<account>.yaml` each, with `name` and `link`.
const SIGNED: &[(&str, &str, &str)] = &[
    ("aturing", "Alan Turing", "https://github.com/aturing"),
    ("ghopper", "Grace Hopper", "https://github.com/ghopper"),
    // The same person again, under the same account: a duplicate.
    (
        "grace-hopper",
        "Grace M. Hopper",
        "https://github.com/GHopper/",
    ),
    // A template left as it was: a placeholder.
    ("yourname", "Your Name", "https://github.com/yourname"),
    // The account GitHub shows for deleted users: a link to nobody.
    ("minji", "Kim Minji", "https://github.com/ghost"),
    (
        "nguyenmai",
        "Nguyễn Thị Mai",
        "https://codeberg.org/nguyenmai",
    ),
    (
        "adewale",
        "Adéwálé Oyèláràn (University of Lagos)",
        "https://github.com/adewale",
    ),
    (
        "jmueller",
        "Jürgen Müller (Universität Bonn)",
        "https://www.uni-bonn.de",
    ),
    (
        "aschmidt",
        "Anna Schmidt (Universität Bonn)",
        "https://www.uni-bonn.de",
    ),
    (
        "jgarcia",
        "José García Márquez",
        "https://gitlab.com/jgarciam",
    ),
    // Without its extension, as a few files of real letters are.
    ("hlamarr", "Hedy Lamarr", "https://github.com/hlamarr"),
];

fn git(dir: &Path, args: &[&str]) {
    let out = common::git(dir, args, None);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        common::stderr(&out)
    );
}

/// A clone of the letter's repository, its `origin` a bare repository
/// beside it holding the signer files on `main`.
fn letter_repository(root: &Path) -> std::path::PathBuf {
    let origin = root.join("origin.git");
    git(root, &["init", "-q", "--bare", "-b", "main", "origin.git"]);
    git(root, &["clone", "-q", &origin.to_string_lossy(), "letter"]);
    let repo = root.join("letter");
    let signed = repo.join("_data/signed");
    std::fs::create_dir_all(&signed).unwrap();
    for (file, name, link) in SIGNED {
        let yaml = format!("name: {name}\nlink: {link}\n");
        let file = match *file {
            "hlamarr" => file.to_string(),
            _ => format!("{file}.yaml"),
        };
        std::fs::write(signed.join(file), yaml).unwrap();
    }
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "Signatures"]);
    git(&repo, &["push", "-q", "origin", "main"]);
    repo
}

/// Runs one step through the shell, with the binary under test first on
/// PATH (the merge driver git starts included).
fn run(repo: &Path, line: &str) -> Output {
    let bin = Path::new(assert_cmd::cargo::cargo_bin!("undersigned"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    Command::new("sh")
        .args(["-c", line])
        .current_dir(repo)
        .env("PATH", path)
        .env_remove("UNDERSIGNED_DIR")
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("sh runs")
}

/// The output of the first step whose line starts with `prefix`.
fn output_of<'a>(ran: &'a [(String, Output)], prefix: &str) -> &'a Output {
    &ran.iter()
        .find(|(l, _)| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no step {prefix:?}"))
        .1
}

fn names(statement: &str) -> Vec<&str> {
    statement
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .collect()
}

#[test]
fn the_open_letters_document_runs_on_a_folder_of_signer_files() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/open-letters.md")).unwrap();
    let steps = steps(&doc);
    let tool: Vec<&Step> = steps
        .iter()
        .filter(|s| s.line.starts_with("undersigned "))
        .collect();
    // The adoption path: create, import, check, settle the findings, the PR
    // check, a signer's add, sort, the export and its check.
    for needed in [
        "undersigned new letter",
        "undersigned import letter _data/signed --kind individual",
        "undersigned check --since origin/main --format github",
        "undersigned add letter",
        "undersigned export letter -o signers.md --links --check",
    ] {
        assert!(tool.iter().any(|s| s.line.starts_with(needed)), "{needed}");
    }
    assert!(tool.len() >= 12, "{} undersigned steps", tool.len());

    let tmp = tempfile::tempdir().unwrap();
    let repo = letter_repository(tmp.path());
    let mut ran: Vec<(String, Output)> = Vec::new();
    for step in &steps {
        let out = run(&repo, &step.line);
        assert_eq!(
            out.status.code(),
            Some(step.code),
            "{}\nstdout: {}\nstderr: {}",
            step.line,
            common::stdout(&out),
            common::stderr(&out)
        );
        if step.line.starts_with("undersigned import") && step.line.contains("--dry-run") {
            let report = common::stdout(&out) + &common::stderr(&out);
            // A file without its extension is read, not left out.
            assert!(!report.contains("not read"), "{report}");
            assert!(report.contains("│ hlamarr "), "{report}");
        } else if step.line.starts_with("undersigned import") {
            // The duplicate skipped, the placeholder rejected, the rest in.
            let statement = std::fs::read_to_string(repo.join("statements/letter.toml")).unwrap();
            let mut got = names(&statement);
            got.sort();
            assert_eq!(got.len(), 9, "{got:?}");
            assert!(got.contains(&"Hedy Lamarr"), "{got:?}");
            assert!(!got.contains(&"Your Name") && !got.contains(&"Grace M. Hopper"));
            let report = common::stdout(&out);
            assert!(report.contains("a placeholder, not a name"), "{report}");
            assert!(report.contains("same signer as ghopper.yaml"), "{report}");
        }
        ran.push((step.line.clone(), out));
    }

    let first_check = common::stderr(output_of(&ran, "undersigned check"));
    let first_check = first_check + &common::stdout(output_of(&ran, "undersigned check"));
    assert!(
        first_check.contains("https://github.com/ghost"),
        "{first_check}"
    );
    // Two colleagues giving their university's site are not taken for one.
    assert!(!first_check.contains("possible-duplicate"), "{first_check}");
    let hand_added = ran
        .iter()
        .find(|(l, o)| l.contains("--since") && o.status.code() == Some(1))
        .map(|(_, o)| common::stdout(o))
        .expect("the check of the hand-added entry");
    assert!(
        hand_added.contains("title=undersigned order"),
        "{hand_added}"
    );

    // Merged: both signers in, the folder gone, the list in order, the page
    // in step with it.
    assert!(!repo.join("_data/signed").exists());
    let statement = std::fs::read_to_string(repo.join("statements/letter.toml")).unwrap();
    assert_eq!(
        names(&statement),
        [
            "Grace Hopper",
            "Kim Minji",
            "Hedy Lamarr",
            "Ada Lovelace",
            "Nguyễn Thị Mai",
            "José García Márquez",
            "Jürgen Müller",
            "Adéwálé Oyèláràn",
            "Anna Schmidt",
            "Tanaka Hiroshi",
            "Alan Turing",
        ]
    );
    let page = std::fs::read_to_string(repo.join("signers.md")).unwrap();
    assert!(
        page.contains("- [Ada Lovelace](https://github.com/ada)\n"),
        "{page}"
    );
    assert!(page.contains("- Kim Minji\n"), "{page}");
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "statements/*.toml merge=undersigned\n");
}
