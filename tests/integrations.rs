//! The ready-made integrations and CI-facing output: pre-commit hooks, docs/ci.md commands,
//! check formats, fmt, export --check, completions, man page and colour.

mod common;

use common::{SEED, Scratch, manifest_dir, stderr, stdout};

/// The `undersigned ...` command lines a document or hook file tells people to run.
fn commands_in(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| {
            let l = l
                .trim()
                .trim_start_matches("- run: ")
                .trim_start_matches("- ");
            let l = l.strip_prefix("entry: ").unwrap_or(l);
            l.strip_prefix("undersigned ")
                .map(|rest| rest.split_whitespace().map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn pre_commit_hooks_declare_check_and_sort_and_their_entries_run() {
    let text = std::fs::read_to_string(manifest_dir().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(text.contains("- id: undersigned-check"));
    assert!(text.contains("- id: undersigned-sort"));
    let cmds = commands_in(&text);
    assert_eq!(cmds.len(), 2, "{cmds:?}");
    let s = Scratch::with_seed();
    let file = s.path(SEED);
    for c in cmds {
        // pre-commit passes the staged statement files as arguments.
        s.cmd().args(&c).arg(&file).assert().success();
    }
}

#[test]
fn the_ci_document_commands_run_on_the_example() {
    let text = std::fs::read_to_string(manifest_dir().join("docs/ci.md")).unwrap();
    let s = Scratch::with_seed();
    // As in a pull request's job: the base branch committed and fetched
    // (`origin/main`), the pull request adding a signer on top of it.
    let d = s.tmp.path();
    let git = |args: &[&str]| {
        let out = common::git(d, args, None);
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        stdout(&out).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "base"]);
    git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let base_sha = git(&["rev-parse", "HEAD"]);
    git(&["checkout", "-qb", "pull-request"]);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    // The variables the CI systems fill in.
    let pr_lines = ["${{ github.base_ref }}", "$CI_MERGE_REQUEST_DIFF_BASE_SHA"];
    for v in pr_lines {
        assert!(
            text.contains(&format!("--since origin/{v}")) || text.contains(&format!("--since {v}")),
            "{v}"
        );
    }
    let text = text
        .replace(pr_lines[0], "main")
        .replace(pr_lines[1], &base_sha);
    // Contact details put a private file beside the statement: the glob
    // `statements/*.toml` names it too, as the shell would.
    s.cmd()
        .args(["add", SEED, "Glob Test Org", "--email", "a@example.org"])
        .assert()
        .success();
    std::fs::create_dir(s.tmp.path().join("site")).unwrap();
    s.cmd()
        .args([
            "export",
            SEED,
            "--format",
            "markdown",
            "-o",
            "site/signers.md",
        ])
        .assert()
        .success();
    let cmds: Vec<_> = commands_in(&text)
        .into_iter()
        .filter(|c| c[0] != "merge-driver")
        .collect();
    assert!(cmds.len() >= 4, "{cmds:?}");
    let since = cmds
        .iter()
        .filter(|c| c.contains(&"--since".to_string()))
        .count();
    assert_eq!(since, 2, "{cmds:?}");
    let mut glob: Vec<String> = std::fs::read_dir(s.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("statements/{n}"))
        .collect();
    glob.sort();
    assert_eq!(glob.len(), 2, "{glob:?}");
    for c in cmds {
        let args: Vec<String> = c
            .iter()
            .flat_map(|a| {
                if a == "statements/*.toml" {
                    glob.clone()
                } else {
                    vec![a.trim_matches('"').to_string()]
                }
            })
            .collect();
        s.cmd().args(&args).assert().success();
    }
}

#[test]
fn check_github_format_emits_workflow_commands() {
    let s = Scratch::new();
    s.write("g", "title = \"T\"\n[[signatory]]\nname = \"B\"\n[[signatory]]\nname = \"A\"\nnote = \"50% off, yes\"\n");
    let out = s
        .cmd()
        .args(["check", "g", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("::error file=statements/g.toml,line=3,col=8,title=undersigned order::\"B\" is out of alphabetical order"),
        "{text}"
    );
}

#[test]
fn check_strict_fails_on_warnings() {
    let s = Scratch::new();
    s.write(
        "w",
        "title = \"T\"\n[[signatory]]\nname = \"Amnesty  International\"\n",
    );
    s.cmd().args(["check", "w"]).assert().success();
    s.cmd().args(["check", "w", "--strict"]).assert().code(1);
}

#[test]
fn a_file_that_is_not_a_statement_is_exit_2() {
    let s = Scratch::new();
    s.write("cargo", "[package]\nname = \"x\"\n");
    let out = s.cmd().args(["check", "cargo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("is not a statement file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fmt_puts_a_file_in_the_canonical_layout_keeping_data_and_comments() {
    let s = Scratch::new();
    let messy = "# head\nstatus='open'\ntitle   =   'T'   # the title\n\n# the list\n\nsignatory = [ {country=\"FR\", name=\"A\"},\n  # about B\n  {name='B'} ]\n";
    s.write("f", messy);
    s.cmd().args(["fmt", "--check", "f"]).assert().code(1);
    let out = s.cmd().args(["fmt", "--diff", "f"]).output().unwrap();
    assert!(stdout(&out).contains("+[[signatory]]"), "{}", stdout(&out));
    assert_eq!(s.read("f"), messy, "--diff writes nothing");
    s.cmd().args(["fmt", "f"]).assert().success();
    assert_eq!(
        s.read("f"),
        "# head\ntitle = \"T\" # the title\nstatus = \"open\"\n\n# the list\n\n[[signatory]]\nname = \"A\"\ncountry = \"FR\"\n\n# about B\n[[signatory]]\nname = \"B\"\n"
    );
    s.cmd().args(["fmt", "--check", "f"]).assert().success();
    s.cmd().args(["check", "f"]).assert().success();
}

#[test]
fn the_shipped_example_is_in_the_canonical_layout() {
    let s = Scratch::with_seed();
    s.cmd().args(["fmt", "--check"]).assert().success();
}

#[test]
fn export_check_fails_when_the_committed_export_drifts() {
    let s = Scratch::with_seed();
    let out_file = s.tmp.path().join("signers.md");
    let export = |check: bool| {
        let mut c = s.cmd();
        c.args(["export", SEED, "--format", "markdown", "-o"])
            .arg(&out_file);
        if check {
            c.arg("--check");
        }
        c.output().unwrap()
    };
    assert_eq!(export(true).status.code(), Some(1), "missing file");
    assert!(export(false).status.success());
    assert!(export(true).status.success(), "up to date");
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    let out = export(true);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("+- Hong Kong Watch"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("differs"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let s = Scratch::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = s.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        // The script calls back into the program, which answers from the command line's definition.
        assert!(stdout(&out).contains("COMPLETE"), "{shell}");
        assert!(stdout(&out).contains("undersigned"), "{shell}");
    }
    let out = s.cmd().arg("man").output().unwrap();
    assert!(stdout(&out).contains(".TH undersigned 1"));
}

#[test]
fn every_subcommand_help_shows_an_example() {
    let s = Scratch::new();
    for sub in [
        "new",
        "add",
        "list",
        "sort",
        "check",
        "export",
        "fmt",
        "completions",
        "man",
        "merge-driver",
    ] {
        let out = s.cmd().args([sub, "--help"]).output().unwrap();
        let text = stdout(&out);
        assert!(text.contains("undersigned "), "{sub}");
        assert!(
            text.contains("Example") || text.contains("Set-up"),
            "{sub}: {text}"
        );
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let s = Scratch::new();
    s.write(
        "c",
        "title = \"T\"\n[[signatory]]\nname = \"B\"\n[[signatory]]\nname = \"A\"\n",
    );
    let plain = s.cmd().args(["check", "c"]).output().unwrap();
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let forced = s
        .cmd()
        .args(["--color", "always", "check", "c"])
        .output()
        .unwrap();
    assert!(stdout(&forced).contains("\u{1b}["), "--color always");
    let mut auto = s.cmd();
    auto.env("NO_COLOR", "1")
        .args(["--color", "auto", "check", "c"]);
    assert!(!stdout(&auto.output().unwrap()).contains('\u{1b}'));
}

#[test]
fn auto_colour_follows_clicolor_force_as_clap_does_but_no_color_and_never_win() {
    let s = Scratch::new();
    s.write(
        "c",
        "title = \"T\"\n[[signatory]]\nname = \"B\"\n[[signatory]]\nname = \"A\"\n",
    );
    let run = |no_color: Option<&str>, choice: &str| {
        let mut c = s.cmd();
        c.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        stdout(&c.args(["--color", choice, "check", "c"]).output().unwrap())
    };
    assert!(
        run(None, "auto").contains("\u{1b}["),
        "forced, not a terminal"
    );
    assert!(
        run(Some(""), "auto").contains("\u{1b}["),
        "an empty NO_COLOR"
    );
    assert!(!run(Some("1"), "auto").contains('\u{1b}'), "NO_COLOR wins");
    assert!(!run(None, "never").contains('\u{1b}'), "--color never wins");
}
