//! Everyday editing without opening the file: `remove`, `edit`, `set` and the flags of `new`.

mod common;

use common::{SEED, Scratch, stderr, stdout};
use std::fs;

/// A small open statement: a comment block set apart above the list, a
/// comment attached to one entry, a trailing comment on a value.
const LIST: &str = "\
title = \"Free the defenders\"
status = \"open\"

# Signatories, in alphabetical order.

[[signatory]]
name = \"Amnesty International\"
acronym = \"AI\"

# Joined by phone on 3 May.
[[signatory]]
name = \"Changsha Funeng\"
country = \"CN\" # mainland office

[[signatory]]
name = \"Human Rights Watch\"
country = \"US\"

[[signatory]]
name = \"PEN Canada\"
country = \"CA\"
";

const CONTACTS: &str = "\
# Private contact details of signers. Never commit or publish this file:
# undersigned keeps it out of git and out of every export.

[[contact]]
signatory = \"Changsha Funeng\"
email = \"cf@example.org\"

[[contact]]
signatory = \"PEN Canada\"
email = \"pen@example.org\"
";

fn scratch() -> Scratch {
    let s = Scratch::new();
    s.write("s", LIST);
    fs::write(s.dir().join("s.private.toml"), CONTACTS).unwrap();
    s
}

fn private(s: &Scratch) -> String {
    fs::read_to_string(s.dir().join("s.private.toml")).unwrap()
}

fn run(s: &Scratch, args: &[&str]) -> std::process::Output {
    s.cmd().args(args).output().unwrap()
}

#[test]
fn remove_deletes_the_entry_with_its_comment_and_its_contacts_and_nothing_else() {
    let s = scratch();
    let out = run(&s, &["remove", "s", "Changsha Funeng"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = LIST.replace(
        "# Joined by phone on 3 May.\n[[signatory]]\nname = \"Changsha Funeng\"\ncountry = \"CN\" # mainland office\n\n",
        "",
    );
    assert_eq!(s.read("s"), expected);
    let contacts = private(&s);
    assert!(!contacts.contains("cf@example.org"), "{contacts}");
    assert!(!contacts.contains("Changsha"), "{contacts}");
    assert!(contacts.contains("pen@example.org"), "{contacts}");
    assert!(
        contacts.starts_with("# Private contact details"),
        "{contacts}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("Removed \"Changsha Funeng\" (line 12)"),
        "{err}"
    );
    assert!(err.contains("Removed 1 contact entry"), "{err}");
    assert!(
        err.contains("git history") && err.contains("docs/editing.md"),
        "{err}"
    );
    // No tombstone: the name can be added again as new.
    let again = run(&s, &["add", "s", "Changsha Funeng"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn remove_takes_several_names_and_removes_none_when_one_is_unknown() {
    let s = scratch();
    let out = run(&s, &["remove", "s", "PEN Canada", "Nobody Here"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(s.read("s"), LIST);
    assert_eq!(private(&s), CONTACTS);

    let out = run(&s, &["remove", "s", "PEN Canada", "human rights watch"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = s.read("s");
    assert!(
        text.ends_with("country = \"CN\" # mainland office\n"),
        "{text}"
    );
    assert!(!private(&s).contains("pen@example.org"));
}

#[test]
fn remove_and_edit_refuse_a_closed_or_published_statement_without_force() {
    for status in ["closed", "published"] {
        let s = scratch();
        let closed = LIST.replace("status = \"open\"", &format!("status = \"{status}\""));
        s.write("s", &closed);
        for args in [
            &["remove", "s", "PEN Canada"][..],
            &["edit", "s", "PEN Canada", "--country", "FR"][..],
        ] {
            let out = run(&s, args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
            assert_eq!(s.read("s"), closed, "nothing written");
            assert_eq!(private(&s), CONTACTS);
        }
        let forced = run(&s, &["remove", "s", "PEN Canada", "--force"]);
        assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
        assert!(!s.read("s").contains("PEN Canada"));
    }
}

#[test]
fn edit_changes_fields_in_place_and_leaves_every_other_byte() {
    let s = scratch();
    let out = run(
        &s,
        &[
            "edit",
            "s",
            "Changsha Funeng",
            "--country",
            "hk",
            "--website",
            "https://funeng.example.org",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = LIST.replace(
        "country = \"CN\" # mainland office\n",
        "country = \"HK\" # mainland office\nwebsite = \"https://funeng.example.org\"\n",
    );
    assert_eq!(s.read("s"), expected);
    let err = stderr(&out);
    assert!(err.contains("country: \"CN\" -> \"HK\""), "{err}");

    let out = run(
        &s,
        &["edit", "s", "Human Rights Watch", "--unset", "country"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        s.read("s"),
        expected.replace(
            "name = \"Human Rights Watch\"\ncountry = \"US\"\n",
            "name = \"Human Rights Watch\"\n"
        )
    );
}

#[test]
fn edit_with_nothing_to_change_writes_no_byte_and_says_so() {
    let s = Scratch::new();
    // Quoting and spacing toml_edit would not write itself.
    let odd = "title = 'T'\n\n[[signatory]]\nname   =   'PEN Canada'\ncountry='CA'\n";
    s.write("s", odd);
    let out = run(&s, &["edit", "s", "PEN Canada", "--country", "ca"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Nothing to change"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.read("s"), odd);
}

#[test]
fn edit_name_keeps_the_old_name_as_an_alias_and_moves_the_entry_and_its_contacts() {
    let s = scratch();
    let out = run(
        &s,
        &["edit", "s", "Changsha Funeng", "--name", "Rights Practice"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = "\
title = \"Free the defenders\"
status = \"open\"

# Signatories, in alphabetical order.

[[signatory]]
name = \"Amnesty International\"
acronym = \"AI\"

[[signatory]]
name = \"Human Rights Watch\"
country = \"US\"

[[signatory]]
name = \"PEN Canada\"
country = \"CA\"

# Joined by phone on 3 May.
[[signatory]]
name = \"Rights Practice\"
country = \"CN\" # mainland office
aliases = [\"Changsha Funeng\"]
";
    assert_eq!(s.read("s"), expected);
    let err = stderr(&out);
    assert!(
        err.contains("moved to its alphabetical place, after \"PEN Canada\""),
        "{err}"
    );
    // The contact details follow the entry to its new name.
    let contacts = private(&s);
    assert!(
        contacts.contains("signatory = \"Rights Practice\"\nemail = \"cf@example.org\""),
        "{contacts}"
    );
    // The old name is recognised next time.
    let add = run(&s, &["add", "s", "Changsha Funeng"]);
    assert_eq!(add.status.code(), Some(1), "{}", stderr(&add));
    assert!(stderr(&add).contains("Rights Practice"), "{}", stderr(&add));
}

#[test]
fn edit_name_refuses_a_name_that_is_already_another_entry() {
    let s = scratch();
    let out = run(
        &s,
        &[
            "edit",
            "s",
            "Changsha Funeng",
            "--name",
            "human rights  watch",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("\"Human Rights Watch\" at line 16"),
        "names the other entry: {err}"
    );
    assert_eq!(s.read("s"), LIST);
    assert_eq!(private(&s), CONTACTS);
}

/// `edit --name "Your Name"` renamed a signer to a placeholder `add` and
/// `check` refuse.
#[test]
fn edit_name_refuses_a_placeholder_as_add_does() {
    let s = scratch();
    let out = run(&s, &["edit", "s", "Changsha Funeng", "--name", "Your Name"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a placeholder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.read("s"), LIST);
}

/// `edit --name "Yan Yu <yan@x.org>"` would publish the address.
#[test]
fn edit_name_refuses_a_name_ending_in_an_email_address() {
    let s = scratch();
    let out = run(
        &s,
        &[
            "edit",
            "s",
            "Changsha Funeng",
            "--name",
            "Yan Yu <yan@x.example>",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("yan@"), "{}", stderr(&out));
    assert_eq!(s.read("s"), LIST);
}

#[test]
fn edit_holds_values_to_the_rules_of_add_and_of_a_file_on_load() {
    let s = scratch();
    let cases: [(&[&str], &str); 7] = [
        (&["--country", "Narnia"], "--country"),
        (&["--website", "funeng.org"], "--website"),
        (&["--signed", "3 May"], "--signed"),
        (&["--note", "a\u{7}b"], "--note"),
        (&["--unset", "contry"], "did you mean `country`"),
        (&["--unset", "name"], "a signer must have a name"),
        (&["--affiliation", "University"], "is for individuals"),
    ];
    for (flags, says) in cases {
        let mut args = vec!["edit", "s", "Changsha Funeng"];
        args.extend(flags);
        let out = run(&s, &args);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{flags:?}: {}", stderr(&out));
        assert_eq!(s.read("s"), LIST, "{flags:?}: nothing written");
    }
    // A change that leaves the entry invalid as a whole is refused by the load rules.
    let withdrawn = LIST.replace(
        "name = \"PEN Canada\"\n",
        "name = \"PEN Canada\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2023-10-02\n",
    );
    s.write("s", &withdrawn);
    let out = run(&s, &["edit", "s", "PEN Canada", "--unset", "status"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`withdrawn_on`"), "{}", stderr(&out));
    assert_eq!(s.read("s"), withdrawn);
    // An individual may have an affiliation.
    let out = run(
        &s,
        &[
            "edit",
            "s",
            "Changsha Funeng",
            "--kind",
            "individual",
            "--affiliation",
            "University",
            "--signed",
            "2023-05-03",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(s.read("s").contains(
        "country = \"CN\" # mainland office\nkind = \"individual\"\naffiliation = \"University\"\nsigned = 2023-05-03\n"
    ));
}

#[test]
fn set_changes_statement_keys_and_removes_optional_ones() {
    let s = scratch();
    let out = run(
        &s,
        &[
            "set",
            "s",
            "status=published",
            "date=2023-09-21",
            "language=fr",
            "ignore_articles=true",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = LIST.replace(
        "status = \"open\"\n",
        "status = \"published\"\ndate = 2023-09-21\nlanguage = \"fr\"\nignore_articles = true\n",
    );
    assert_eq!(s.read("s"), expected);
    assert!(
        stderr(&out).contains("Set status = \"published\""),
        "{}",
        stderr(&out)
    );

    let out = run(&s, &["set", "s", "language=", "date=2023-09-21"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(s.read("s"), expected.replace("language = \"fr\"\n", ""));

    let before = s.read("s");
    let out = run(&s, &["set", "s", "date=2023-09-21"]);
    assert!(
        stderr(&out).contains("Nothing to change"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.read("s"), before);
}

#[test]
fn set_refuses_a_bad_value_naming_the_key_and_writes_nothing() {
    let s = scratch();
    let cases = [
        ("date=21/09/2023", "`date` must be a date"),
        ("status=clsed", "did you mean \"closed\""),
        ("deadline=2023-10-01T18:00:00", "time zone"),
        ("language=not a tag", "`language` must be a language tag"),
        ("deadline=soon", "`deadline` must be a date"),
        ("url=example.org", "`url`"),
        (
            "ignore_articles=yes",
            "`ignore_articles` must be true or false",
        ),
        ("individuals_by=surname", "`individuals_by` must be one of"),
        ("title=", "`title` is required"),
        ("titel=x", "did you mean `title`"),
        ("signatory=x", "use `undersigned add`"),
        ("status", "is not KEY=VALUE"),
    ];
    for (pair, says) in cases {
        let out = run(&s, &["set", "s", "url=https://example.org/s", pair]);
        assert_eq!(out.status.code(), Some(2), "{pair}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{pair}: {}", stderr(&out));
        assert_eq!(s.read("s"), LIST, "{pair}: nothing written");
    }
}

#[test]
fn new_takes_language_status_url_and_deadline_checked_as_on_load() {
    let s = Scratch::new();
    let out = run(
        &s,
        &[
            "new",
            "mine",
            "--title",
            "Stop the mine",
            "--language",
            "fr",
            "--status",
            "open",
            "--url",
            "https://example.org/mine",
            "--deadline",
            "2024-05-01",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        s.read("mine"),
        "title = \"Stop the mine\"\nstatus = \"open\"\ndeadline = 2024-05-01\nlanguage = \"fr\"\nurl = \"https://example.org/mine\"\n"
    );
    for (flag, value, says) in [
        (
            "--language",
            "not a tag",
            "--language: `language` must be a language tag",
        ),
        ("--url", "example.org", "--url: `url`"),
        ("--status", "finished", "possible values"),
    ] {
        let out = run(&s, &["new", "other", "--title", "T", flag, value]);
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{flag}: {}", stderr(&out));
        assert!(!s.path("other").exists(), "{flag}: no file made");
    }
}

/// Every example in the `--help` of the editing commands runs as printed.
#[test]
fn the_help_examples_of_the_editing_commands_run() {
    for sub in ["remove", "edit", "set", "new"] {
        let s = Scratch::with_published_seed();
        let help = stdout(&run(&s, &[sub, "--help"]));
        let examples: Vec<&str> = help
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("undersigned "))
            .filter(|l| !l.contains(" --title ") || !l.contains(SEED))
            .collect();
        assert!(!examples.is_empty(), "{sub}: {help}");
        for line in examples {
            let args = shell_words(line.strip_prefix("undersigned ").unwrap());
            let out = s.cmd().args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{line}: {}", stderr(&out));
        }
    }
}

/// Words of a command line as a shell splits them (double quotes only).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => (word, any) = (word + &c.to_string(), true),
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// The promise: from `new` to a published press list, without
/// opening the TOML file once.
#[test]
fn a_session_from_new_to_a_published_press_list_never_opens_the_file() {
    let s = Scratch::new();
    let ok = |args: &[&str]| {
        let out = s.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        out
    };
    ok(&[
        "new",
        "mine",
        "--title",
        "Stop the mine",
        "--language",
        "en",
        "--status",
        "open",
    ]);
    ok(&["add", "mine", "Friends of the Earth", "--country", "NL"]);
    ok(&["add", "mine", "Rainforest Action Netwrok", "--pending"]);
    ok(&[
        "add",
        "mine",
        "Added By Mistake",
        "--email",
        "x@example.org",
    ]);
    let csv = s.tmp.path().join("form.csv");
    fs::write(&csv, "Name,Country\nGreenpeace,NL\nMining Watch,CA\n").unwrap();
    ok(&["import", "mine", csv.to_str().unwrap()]);
    ok(&["remove", "mine", "Added By Mistake"]);
    ok(&["confirm", "mine", "Rainforest Action Netwrok"]);
    ok(&[
        "edit",
        "mine",
        "Rainforest Action Netwrok",
        "--name",
        "Rainforest Action Network",
        "--country",
        "US",
    ]);
    ok(&[
        "edit",
        "mine",
        "Mining Watch",
        "--name",
        "MiningWatch Canada",
    ]);
    ok(&["set", "mine", "status=published", "date=2024-05-02"]);
    ok(&["check", "mine"]);
    let out = ok(&["export", "mine", "--format", "text", "--heading"]);
    assert_eq!(
        stdout(&out),
        "4 organisations, as of 2 May 2024\n\nFriends of the Earth\nGreenpeace\nMiningWatch Canada\nRainforest Action Network\n"
    );
    assert!(
        !fs::read_to_string(s.dir().join("mine.private.toml"))
            .unwrap_or_default()
            .contains("x@example.org"),
        "the mistaken entry's contact went with it"
    );
    // Published: the list is final unless forced.
    let late = s
        .cmd()
        .args(["remove", "mine", "Greenpeace"])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(1));
}
