//! The statement's life: pending, confirmed and withdrawn signers, closed statements,
//! deadlines, press-ready lists, stats, diff and who.

mod common;

use common::{SEED, Scratch, stderr, stdout};

fn text_export(s: &Scratch, extra: &[&str]) -> String {
    let out = s
        .cmd()
        .args(["export", SEED, "--format", "text"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_pending_signer_is_exported_only_when_asked_until_confirmed() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch", "--pending"])
        .assert()
        .success();
    assert!(
        s.read(SEED)
            .contains("name = \"Hong Kong Watch\"\nstatus = \"pending\"\n")
    );
    assert!(!text_export(&s, &[]).contains("Hong Kong Watch"));
    assert!(text_export(&s, &["--include-pending"]).contains("Hong Kong Watch"));
    s.cmd()
        .args(["confirm", SEED, "hong kong watch"])
        .assert()
        .success();
    assert!(
        !s.read(SEED).contains("status = \"pending\""),
        "confirmed is the default: the key goes"
    );
    assert!(text_export(&s, &[]).contains("Hong Kong Watch"));
    s.cmd()
        .args(["confirm", SEED, "Nobody Here"])
        .assert()
        .code(2);
}

#[test]
fn a_withdrawn_signer_stays_as_a_tombstone_and_is_never_silently_put_back() {
    let s = Scratch::with_seed();
    s.cmd()
        .args([
            "withdraw",
            SEED,
            "PEN Canada",
            "--reason",
            "asked by email",
            "--on",
            "2023-10-02",
        ])
        .assert()
        .success();
    let text = s.read(SEED);
    assert!(
        text.contains("name = \"PEN Canada\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2023-10-02\nwithdrawal_reason = \"asked by email\"\n"),
        "{text}"
    );
    let exported = text_export(&s, &["--include-pending"]);
    assert!(!exported.contains("PEN Canada"));
    assert_eq!(exported.lines().count(), 31);

    let out = s.cmd().args(["add", SEED, "PEN  canada"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "withdrew from statements/huang-wang-2023.toml on 2023-10-02 (asked by email)"
        ),
        "{}",
        stderr(&out)
    );
    let out = s
        .cmd()
        .args(["add", SEED, "PEN Canada", "--force"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "--force does not put a withdrawn signer back"
    );
    s.cmd()
        .args(["confirm", SEED, "PEN Canada"])
        .assert()
        .code(1);

    s.cmd()
        .args(["add", SEED, "PEN Canada", "--reinstate"])
        .assert()
        .success();
    assert_eq!(s.read(SEED).matches("name = \"PEN Canada\"").count(), 1);
    assert!(!s.read(SEED).contains("withdrawn"));
    assert!(text_export(&s, &[]).contains("PEN Canada"));
    s.cmd().args(["check", SEED]).assert().success();
}

#[test]
fn adding_to_a_closed_or_published_statement_needs_force() {
    let s = Scratch::with_published_seed();
    let before = s.bytes(SEED);
    let out = s
        .cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is published: it takes no more signers"));
    assert_eq!(s.bytes(SEED), before);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch", "--force"])
        .assert()
        .success();
}

#[test]
fn check_flags_signatures_after_the_deadline_in_its_time_zone() {
    let s = Scratch::new();
    s.write(
        "d",
        "title = \"T\"\ndeadline = 2023-09-21T18:00:00+08:00\n\n[[signatory]]\nname = \"Early\"\nsigned = 2023-09-21\n\n[[signatory]]\nname = \"Late\"\nsigned = 2023-09-22\n",
    );
    let out = s.cmd().args(["check", "d"]).output().unwrap();
    assert!(out.status.success(), "a warning, not an error");
    let text = stdout(&out);
    assert!(text.contains("d.toml:9:8: warning[deadline]: \"Late\" signed on 2023-09-22, after the deadline (2023-09-21T18:00:00+08:00)"), "{text}");
    assert!(!text.contains("\"Early\""));
    s.cmd().args(["check", "d", "--strict"]).assert().code(1);
}

/// The seed with two individuals (one with an affiliation), countries and a pending signer.
fn press_scratch() -> Scratch {
    let s = Scratch::with_seed();
    for args in [
        vec![
            "Zhang Wei",
            "--kind",
            "individual",
            "--affiliation",
            "Peking University",
            "--country",
            "CN",
        ],
        vec!["Anna Schmidt", "--kind", "individual", "--country", "DE"],
        vec!["Amnesty International UK", "--country", "GB"],
        vec!["Hong Kong Watch", "--country", "GB", "--pending"],
    ] {
        s.cmd().args(["add", SEED]).args(&args).assert().success();
    }
    let t = s
        .read(SEED)
        .replace("status = \"open\"", "status = \"published\"");
    std::fs::write(s.path(SEED), t).unwrap();
    s
}

#[test]
fn press_lists_put_organisations_first_and_footnote_affiliations() {
    let s = press_scratch();
    let text = text_export(&s, &["--heading", "--numbered"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "33 organisations and 2 individuals, as of 21 September 2023"
    );
    assert_eq!(lines[2], "1. ACAT-France");
    assert_eq!(lines[34], "33. World Uyghur Congress");
    assert_eq!(
        lines[35], "",
        "a blank line between organisations and individuals"
    );
    assert_eq!(lines[36], "34. Anna Schmidt", "{text}");
    assert_eq!(lines[37], "35. Zhang Wei, Peking University*");
    assert_eq!(lines[39], "* Affiliation for identification purposes only");
    assert!(
        !text.contains("Hong Kong Watch"),
        "pending is not published"
    );
}

#[test]
fn group_by_gives_headed_sections_in_every_format() {
    let s = press_scratch();
    let text = text_export(&s, &["--group-by", "kind"]);
    assert!(text.starts_with("Organisations\nACAT-France\n"), "{text}");
    assert!(
        text.contains("\n\nIndividuals\nAnna Schmidt\nZhang Wei, Peking University*\n"),
        "{text}"
    );
    let by_country = text_export(&s, &["--group-by", "country"]);
    let heads: Vec<&str> = by_country
        .split("\n\n")
        .map(|sec| sec.lines().next().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "China",
            "Germany",
            "Taiwan",
            "United Kingdom",
            "No country given",
            "* Affiliation for identification purposes only"
        ]
    );
    let csv = stdout(
        &s.cmd()
            .args([
                "export",
                SEED,
                "--format",
                "csv",
                "--group-by",
                "country",
                "--numbered",
            ])
            .output()
            .unwrap(),
    );
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&r.headers().unwrap()[0], "number");
    assert_eq!(&r.headers().unwrap()[1], "section");
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(
        (&first[0], &first[1], &first[2]),
        ("1", "China", "Zhang Wei")
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &s.cmd()
            .args(["export", SEED, "--format", "json", "--group-by", "kind"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(json[0]["section"], "Organisations");
    let md = stdout(
        &s.cmd()
            .args([
                "export",
                SEED,
                "--format",
                "markdown",
                "--group-by",
                "kind",
                "--numbered",
            ])
            .output()
            .unwrap(),
    );
    assert!(
        md.contains("### Individuals\n\n34. Anna Schmidt\n35. Zhang Wei, Peking University*\n"),
        "{md}"
    );
}

#[test]
fn headings_and_footnotes_in_french_spanish_and_chinese() {
    let s = press_scratch();
    for (locale, heading, footnote) in [
        (
            "fr",
            "33 organisations et 2 personnes, au 21 septembre 2023",
            "* Affiliation mentionnée à titre d'identification uniquement",
        ),
        (
            "es",
            "33 organizaciones y 2 personas, a 21 de septiembre de 2023",
            "* Afiliación indicada únicamente a efectos de identificación",
        ),
        (
            "zh",
            "截至2023年9月21日，共33个组织和2位个人",
            "* 所属机构仅供识别之用",
        ),
    ] {
        let text = text_export(&s, &["--heading", "--locale", locale]);
        assert_eq!(text.lines().next(), Some(heading));
        assert_eq!(text.lines().last(), Some(footnote));
    }
    s.cmd()
        .args(["export", SEED, "--format", "text", "--locale", "xx"])
        .assert()
        .code(2);
}

#[test]
fn a_chinese_list_shows_the_local_name_after_the_name() {
    let s = press_scratch();
    let zh = text_export(&s, &["--locale", "zh-Hant"]);
    assert!(
        zh.contains("\nCovenants Watch / 人權公約施行監督聯盟\n"),
        "{zh}"
    );
    assert!(
        !text_export(&s, &[]).contains("人權"),
        "an English list does not"
    );
    let t = s
        .read(SEED)
        .replace("language = \"en\"", "language = \"zh-Hant\"");
    std::fs::write(s.path(SEED), t).unwrap();
    assert!(
        text_export(&s, &[]).contains("Covenants Watch / 人權公約施行監督聯盟"),
        "the statement's language decides"
    );
}

#[test]
fn html_fragment_escapes_every_name() {
    let s = Scratch::new();
    s.cmd()
        .args(["new", "h", "--title", "Free them <now> & \"forever\""])
        .assert()
        .success();
    s.cmd()
        .args(["add", "h", "<script>alert(1)</script>"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "h", "O'Brien & Partners"])
        .assert()
        .success();
    let html = stdout(
        &s.cmd()
            .args(["export", "h", "--format", "html"])
            .output()
            .unwrap(),
    );
    // "<script>" files under S: an opening bracket is not a filing element.
    assert_eq!(
        html,
        "<section class=\"signatories\">\n<h2>Free them &lt;now&gt; &amp; &quot;forever&quot;</h2>\n<ul>\n<li><bdi>O&#39;Brien &amp; Partners</bdi></li>\n<li><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></li>\n</ul>\n</section>\n"
    );
}

#[test]
fn stats_counts_by_status_kind_country_and_day() {
    let s = Scratch::new();
    s.write(
        "st",
        "title = \"T\"\ndeadline = 2023-09-25\n\n[[signatory]]\nname = \"A\"\ncountry = \"FR\"\nsigned = 2023-09-20\n\n[[signatory]]\nname = \"B\"\ncountry = \"FR\"\nsigned = 2023-09-20\n\n[[signatory]]\nname = \"C\"\nkind = \"individual\"\nsigned = 2023-09-22\n\n[[signatory]]\nname = \"D\"\nstatus = \"pending\"\n\n[[signatory]]\nname = \"E\"\nstatus = \"withdrawn\"\nwithdrawn_on = 2023-09-23\nsigned = 2023-09-21\n",
    );
    let out = s
        .cmd()
        .args(["stats", "st", "--as-of", "2023-09-22"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "T\nSigners:      3 signatories, not counting 1 pending and 1 withdrawn\nBy kind:      2 organisations, 1 individual\nBy country:   FR 2, none given 1\nPer day:      2023-09-20 |█ ▄   | 2023-09-25\nDeadline:     2023-09-25, 3 days left\n"
    );
    let svg_path = s.tmp.path().join("chart.svg");
    let out = s
        .cmd()
        .args([
            "stats",
            "st",
            "--format",
            "json",
            "--as-of",
            "2023-09-22",
            "--svg",
        ])
        .arg(&svg_path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["by_status"]["withdrawn"], 1);
    assert_eq!(json["days_left"], 3);
    assert_eq!(json["per_day"][0], serde_json::json!(["2023-09-20", 2]));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(
        svg.matches("<rect ").count(),
        6,
        "one bar per day from 20 to 25 September"
    );
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = common::git(dir, args, Some("2023-09-20T12:00:00+00:00"));
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn diff_since_a_revision_or_a_date_names_who_changed() {
    let s = Scratch::with_seed();
    let d = s.tmp.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    s.cmd()
        .args(["add", SEED, "Hong Kong Watch"])
        .assert()
        .success();
    s.cmd()
        .args(["withdraw", SEED, "PEN Canada", "--on", "2023-10-02"])
        .assert()
        .success();
    let t = s.read(SEED).replace(
        "name = \"ME2Allies\"\n",
        "name = \"ME2Allies\"\ncountry = \"US\"\n",
    );
    std::fs::write(s.path(SEED), t).unwrap();
    let out = s
        .cmd()
        .args(["diff", SEED, "--since", "HEAD"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "added      Hong Kong Watch\nchanged    ME2Allies (country)\nwithdrawn  PEN Canada\n"
    );
    // Before the first commit's day, the file did not exist: everyone is new.
    let out = s
        .cmd()
        .args(["diff", SEED, "--since", "2023-09-01", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 33);
    let out = s
        .cmd()
        .args(["diff", SEED, "--since", "2023-09-21"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("added      Hong Kong Watch\n"),
        "{}",
        stdout(&out)
    );
    s.cmd()
        .args(["diff", SEED, "--since", "no-such-rev"])
        .assert()
        .code(2);
}

#[test]
fn who_finds_every_statement_an_organisation_signed() {
    let s = Scratch::with_seed();
    s.write("other", "title = \"Another letter\"\ndate = 2024-01-10\n\n[[signatory]]\nname = \"amnesty international\"\n\n[[signatory]]\nname = \"Reporters sans frontières\"\naliases = [\"Reporters Without Borders\"]\n");
    let out = s
        .cmd()
        .args(["who", "Amnesty International"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = stdout(&out);
    assert!(t.contains(SEED) && t.contains("other"), "{t}");
    let t = stdout(
        &s.cmd()
            .args(["who", "Reporters Without Borders"])
            .output()
            .unwrap(),
    );
    assert!(
        t.contains("Reporters sans frontières") && t.contains("Reporters Without Borders (RSF)"),
        "{t}"
    );
    s.cmd().args(["who", "Nobody At All"]).assert().code(1);
}
