//! The command-line contract, driven through the real binary: every command and its error paths.

mod common;

use common::{SEED, Scratch, fixture, stderr, stdout};

#[test]
fn new_creates_a_statement_and_refuses_to_overwrite_it() {
    let s = Scratch::new();
    s.cmd()
        .args([
            "new",
            "letter-2024",
            "--title",
            "Free them now",
            "--date",
            "2024-05-01",
        ])
        .args(["--deadline", "2024-05-10T18:00:00+08:00"])
        .assert()
        .success();
    let text = s.read("letter-2024");
    assert_eq!(
        text,
        "title = \"Free them now\"\ndate = 2024-05-01\nstatus = \"draft\"\ndeadline = 2024-05-10T18:00:00+08:00\n"
    );
    assert!(
        s.dir().join(".gitignore").exists(),
        "lock files are kept out of git"
    );
    let out = s
        .cmd()
        .args(["new", "letter-2024", "--title", "Other"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        s.read("letter-2024"),
        text,
        "the existing file is untouched"
    );
    s.cmd().args(["check", "letter-2024"]).assert().success();
}

#[test]
fn new_rejects_an_id_that_is_not_a_slug_and_a_bad_date() {
    let s = Scratch::new();
    let out = s
        .cmd()
        .args(["new", "Bad Id", "--title", "T"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a statement id"));
    let out = s
        .cmd()
        .args(["new", "ok", "--title", "T", "--date", "21/09/2023"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date must be a date"));
    assert!(!s.path("ok").exists(), "nothing written on error");
}

#[test]
fn add_inserts_each_signer_at_its_alphabetical_place() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch", "--country", "gb"])
        .assert()
        .success();
    let out = s
        .cmd()
        .args(["export", SEED, "--format", "text"])
        .output()
        .unwrap();
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l == "Hong Kong Watch")
        .expect("added");
    assert_eq!(lines[at - 1], "Hong Kong Outlanders in Taiwan");
    assert_eq!(lines[at + 1], "Human Rights in China");
    assert!(
        s.read(SEED)
            .contains("name = \"Hong Kong Watch\"\ncountry = \"GB\"\n")
    );
    s.cmd().args(["check", SEED]).assert().success();
}

#[test]
fn add_refuses_an_exact_duplicate_naming_the_existing_entry_and_line() {
    let s = Scratch::with_seed();
    let before = s.bytes(SEED);
    let out = s
        .cmd()
        .args(["add", SEED, "  amnesty   INTERNATIONAL "])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("\"Amnesty International\" at line 15"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(s.bytes(SEED), before, "nothing written");
}

#[test]
fn add_with_force_adds_a_duplicate_anyway() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["add", SEED, "Amnesty International", "--force"])
        .assert()
        .success();
    assert_eq!(
        s.read(SEED)
            .matches("name = \"Amnesty International\"")
            .count(),
        2
    );
}

#[test]
fn add_keeps_comments_spacing_and_quoting_and_changes_only_where_the_signer_goes() {
    let s = Scratch::new();
    let original = fixture("commented.toml");
    s.write("c", &original);
    s.cmd()
        .args(["add", "c", "Index on Censorship", "--country", "GB"])
        .assert()
        .success();
    // Index files between Front Line Defenders and PEN International: the new
    // entry is the only change, and every other byte stays as written.
    let expected = original.replace(
        "\n[[signatory]]\nname = \"PEN International\"",
        "\n[[signatory]]\nname = \"Index on Censorship\"\ncountry = \"GB\"\n\n[[signatory]]\nname = \"PEN International\"",
    );
    assert_ne!(expected, original);
    assert_eq!(s.read("c"), expected);
}

#[test]
fn add_to_a_file_out_of_order_appends_and_says_to_sort() {
    let s = Scratch::new();
    s.write(
        "u",
        "title = \"T\"\n\n[[signatory]]\nname = \"Zeta\"\n\n[[signatory]]\nname = \"Alpha\"\n",
    );
    let out = s.cmd().args(["add", "u", "Beta"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("run `undersigned sort"),
        "{}",
        stderr(&out)
    );
    assert!(
        s.read("u")
            .ends_with("name = \"Alpha\"\n\n[[signatory]]\nname = \"Beta\"\n")
    );
}

#[test]
fn add_takes_a_trailing_acronym_and_validates_every_field() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["add", SEED, "Committee to Protect Journalists (CPJ)"])
        .assert()
        .success();
    assert!(
        s.read(SEED)
            .contains("name = \"Committee to Protect Journalists\"\nacronym = \"CPJ\"\n")
    );
    for (args, says) in [
        (vec!["Some Org", "--country", "XX"], "--country"),
        (vec!["Some Org", "--website", "not a url"], "--website"),
        (vec!["Some Org", "--signed", "yesterday"], "--signed"),
        (vec!["Bad\u{202E}Name"], "U+202E"),
        (vec!["   "], "empty"),
        (vec!["Some Org", "--affiliation", "X"], "individuals"),
    ] {
        let out = s.cmd().args(["add", SEED]).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains('\u{202E}'),
            "never echoes a raw bidi control"
        );
    }
}

#[test]
fn add_to_a_missing_or_broken_statement_is_an_error() {
    let s = Scratch::new();
    let out = s.cmd().args(["add", "nope", "X"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("statements/nope.toml: error[io]: cannot read"),
        "{}",
        stderr(&out)
    );
    s.write("bad", "title = \"T\"\n[[signatory]]\nnmae = \"X\"\n");
    let out = s.cmd().args(["add", "bad", "Y"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.toml:3:1: error[schema]: unknown key `nmae`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn adding_the_32_seed_names_shuffled_exports_them_in_the_published_order() {
    let published = fixture("published-order.txt");
    let names: Vec<&str> = published.lines().collect();
    // A fixed permutation: every 7th name, wrapping, visits all 32 (7 and 32 are coprime).
    let shuffled: Vec<&str> = (0..names.len())
        .map(|i| names[(i * 7 + 3) % names.len()])
        .collect();
    assert_ne!(shuffled, names);
    let s = Scratch::new();
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
    for n in &shuffled {
        s.cmd().args(["add", "x", n]).assert().success();
    }
    let out = s
        .cmd()
        .args(["export", "x", "--format", "text"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out), published);
    s.cmd().args(["check", "x"]).assert().success();
    s.cmd().args(["sort", "--check", "x"]).assert().success();
}

#[test]
fn list_prints_a_table_of_the_signers() {
    let s = Scratch::with_seed();
    let out = s.cmd().args(["list", SEED]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("list_seed", stdout(&out));
}

#[test]
fn sort_check_names_each_misplaced_signer_and_where_it_belongs() {
    let s = Scratch::new();
    let names = [
        "ACAT-France",
        "PEN Canada",
        "Human Rights Now",
        "Index on Censorship",
        "ME2Allies",
        "Safeguard Defenders",
    ];
    let mut text = String::from("title = \"T\"\n");
    for n in names {
        text.push_str(&format!("\n[[signatory]]\nname = \"{n}\"\n"));
    }
    s.write("o", &text);
    let out = s.cmd().args(["sort", "--check", "o"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    // Only PEN Canada is out of place: one move, not a cascade of neighbours.
    assert_eq!(report.matches("error[order]").count(), 1, "{report}");
    assert!(report.contains("o.toml:7:8: error[order]: \"PEN Canada\" is out of alphabetical order: move it after \"ME2Allies\" (line 16)"), "{report}");
    assert_eq!(s.read("o"), text, "--check writes nothing");
}

#[test]
fn sort_orders_in_place_and_sorting_twice_changes_nothing() {
    let s = Scratch::new();
    s.write(
        "c",
        fixture("commented.toml")
            .replace("Amnesty International", "Zimbabwe Lawyers for Human Rights"),
    );
    s.cmd().args(["sort", "c"]).assert().success();
    let once = s.bytes("c");
    let text = String::from_utf8(once.clone()).unwrap();
    let zim = text.find("Zimbabwe").unwrap();
    assert!(text.find("PEN International").unwrap() < zim);
    assert!(
        text.starts_with("# A statement written by hand"),
        "the head stays put"
    );
    assert!(
        text.contains("\"Zimbabwe Lawyers for Human Rights\"     # spacing kept"),
        "{text}"
    );
    s.cmd().args(["sort", "c"]).assert().success();
    assert_eq!(s.bytes("c"), once, "idempotent");
    s.cmd().args(["check", "c"]).assert().success();
    s.cmd().args(["sort", "--check", "c"]).assert().success();
}

#[test]
fn sort_diff_prints_a_unified_diff_and_writes_nothing() {
    let s = Scratch::new();
    let text =
        "title = \"T\"\n\n[[signatory]]\nname = \"Beta\"\n\n[[signatory]]\nname = \"Alpha\"\n";
    s.write("d", text);
    let out = s.cmd().args(["sort", "--diff", "d"]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("sort_diff", stdout(&out));
    assert_eq!(s.read("d"), text);
    let out = s
        .cmd()
        .args(["sort", "--check", "--diff", "d"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("+name = \"Alpha\""));
}

#[test]
fn sort_goes_on_past_a_bad_file_and_exits_2() {
    let s = Scratch::new();
    s.write("bad", "title = \n");
    s.write(
        "ok",
        "title = \"T\"\n\n[[signatory]]\nname = \"B\"\n\n[[signatory]]\nname = \"A\"\n",
    );
    let out = s.cmd().args(["sort", "bad", "ok"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(s.read("ok").find("\"A\"").unwrap() < s.read("ok").find("\"B\"").unwrap());
}

#[test]
fn check_exits_0_on_the_shipped_example() {
    let s = Scratch::with_seed();
    let out = s.cmd().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn check_exits_1_on_problems_naming_file_line_column_and_showing_the_line() {
    let s = Scratch::new();
    s.write(
        "p",
        "title = \"T\"\nstatus = \"opne\"\n\n[[signatory]]\nname = \"Zeta\"\nnmae = \"typo\"\n\n[[signatory]]\nname = \"Alpha\"\n\n[[signatory]]\nname = \"alpha\"\n",
    );
    let out = s.cmd().args(["check", "p"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_problems", stdout(&out));
}

#[test]
fn check_a_case_or_accent_difference_alone_is_not_out_of_order() {
    let s = Scratch::new();
    s.write("a", "title = \"T\"\n[[signatory]]\nname = \"acat-France\"\n[[signatory]]\nname = \"ACAT-Frankfurt\"\n[[signatory]]\nname = \"Ärzte ohne Grenzen\"\n[[signatory]]\nname = \"Arzte Zentrum\"\n");
    s.cmd().args(["check", "a"]).assert().success();
}

#[test]
fn check_exits_2_on_unreadable_or_invalid_toml_and_goes_on_past_it() {
    let s = Scratch::with_seed();
    s.write(
        "broken",
        "title = \"T\"\n[[signatory]]\nname = \"unterminated\n",
    );
    s.write(
        "dupe",
        "title = \"T\"\n[[signatory]]\nname = \"A\"\n[[signatory]]\nname = \"a\"\n",
    );
    let out = s.cmd().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = stdout(&out);
    assert!(
        report.contains("broken.toml:3:21: error[syntax]: invalid TOML"),
        "{report}"
    );
    assert!(
        report.contains("dupe.toml:5:8: error[duplicate]"),
        "the run went on: {report}"
    );
}

#[test]
fn check_exits_2_on_a_missing_file_or_an_empty_directory() {
    let s = Scratch::new();
    let out = s.cmd().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no statement files"));
    let out = s.cmd().args(["check", "missing"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains(
        "statements/missing.toml: error[io]: cannot read statements/missing.toml: no such file"
    ));
}

#[test]
fn check_reports_bad_encodings_with_their_place() {
    let s = Scratch::new();
    s.write("latin1", b"title = \"caf\xe9\"\n");
    s.write("utf16", b"\xff\xfet\x00i\x00");
    let out = s.cmd().args(["check", "latin1", "utf16"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = stdout(&out);
    assert!(
        report.contains("latin1.toml:1:13: error[encoding]: byte 0xE9 is not valid UTF-8"),
        "{report}"
    );
    assert!(
        report.contains("utf16.toml: error[encoding]: this file is UTF-16"),
        "{report}"
    );
}

#[test]
fn check_json_is_one_array_of_findings() {
    let s = Scratch::new();
    s.write(
        "j",
        "title = \"T\"\n[[signatory]]\nname = \"B\"\n[[signatory]]\nname = \"A\"\n",
    );
    let out = s
        .cmd()
        .args(["check", "j", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v.as_array().unwrap()[0];
    assert_eq!(f["file"], "statements/j.toml");
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], 8);
    assert_eq!(f["severity"], "error");
    assert_eq!(f["code"], "order");
}

#[test]
fn crlf_line_endings_and_a_bom_are_kept() {
    let s = Scratch::new();
    let text = "\u{feff}title = \"T\"\r\n\r\n[[signatory]]\r\nname = \"Beta\"\r\n\r\n[[signatory]]\r\nname = \"Alpha\"\r\n";
    s.write("w", text);
    s.cmd().args(["check", "w"]).assert().code(1);
    s.cmd().args(["sort", "w"]).assert().success();
    s.cmd().args(["add", "w", "Gamma"]).assert().success();
    assert_eq!(
        s.read("w"),
        "\u{feff}title = \"T\"\r\n\r\n[[signatory]]\r\nname = \"Alpha\"\r\n\r\n[[signatory]]\r\nname = \"Beta\"\r\n\r\n[[signatory]]\r\nname = \"Gamma\"\r\n"
    );
}

#[test]
fn statements_written_as_inline_arrays_are_read_sorted_and_added_to() {
    let s = Scratch::new();
    s.write("i", "title = \"T\"\nsignatory = [\n  { name = \"Beta\", country = \"FR\" },\n  { name = \"Alpha\" },\n]\n");
    s.cmd().args(["sort", "i"]).assert().success();
    s.cmd().args(["add", "i", "Gamma"]).assert().success();
    assert_eq!(
        s.read("i"),
        "title = \"T\"\nsignatory = [\n  { name = \"Alpha\" },\n  { name = \"Beta\", country = \"FR\" },\n  { name = \"Gamma\" },\n]\n"
    );
}

#[test]
fn export_formats_of_the_shipped_example() {
    let s = Scratch::with_seed();
    for format in ["text", "markdown", "csv", "json"] {
        let out = s
            .cmd()
            .args(["export", SEED, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        insta::assert_snapshot!(format!("export_seed_{format}"), stdout(&out));
    }
}

#[test]
fn export_to_a_file_and_refusal_of_an_invalid_statement() {
    let s = Scratch::with_seed();
    let target = s.tmp.path().join("signers.csv");
    s.cmd()
        .args(["export", SEED, "--format", "csv", "-o"])
        .arg(&target)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&target).unwrap();
    assert_eq!(r.records().count(), 32);
    s.write(
        "bad",
        "title = \"T\"\n[[signatory]]\nname = \"X\"\ncolour = \"red\"\n",
    );
    let out = s
        .cmd()
        .args(["export", "bad", "--format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).is_empty(),
        "nothing exported from an invalid file"
    );
}

#[test]
fn a_statement_id_resolves_in_the_directory_given_by_flag_or_environment() {
    let s = Scratch::with_seed();
    let other = s.tmp.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    std::fs::copy(s.path(SEED), other.join("e.toml")).unwrap();
    s.cmd()
        .args(["--dir", "elsewhere", "check", "e"])
        .assert()
        .success();
    s.cmd()
        .env("UNDERSIGNED_DIR", "elsewhere")
        .args(["list", "e"])
        .assert()
        .success();
    s.cmd()
        .args(["check", "elsewhere/e.toml"])
        .assert()
        .success();
}

#[test]
fn bad_usage_exits_2() {
    let s = Scratch::new();
    s.cmd()
        .args(["export", SEED, "--format", "pdf"])
        .assert()
        .code(2);
    s.cmd().args(["frobnicate"]).assert().code(2);
}
