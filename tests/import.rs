//! Bulk import from pasted lists, form exports, spreadsheets and Markdown: each signer once, nothing lost.

mod common;

use common::{Scratch, fixture, stderr, stdout};

fn new_statement(s: &Scratch) {
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
}

/// Imports `input` (written to `file`), then imports it again: the second run adds nothing.
fn import_twice(s: &Scratch, file: &str, input: &[u8], extra: &[&str]) -> String {
    let path = s.tmp.path().join(file);
    std::fs::write(&path, input).unwrap();
    let out = s
        .cmd()
        .args(["import", "x"])
        .arg(&path)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.code() != Some(2), "{}", stderr(&out));
    let report = stdout(&out);
    let after_first = s.bytes("x");
    let again = s
        .cmd()
        .args(["import", "x"])
        .arg(&path)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        stdout(&again).contains("0 were added"),
        "{}",
        stdout(&again)
    );
    assert_eq!(s.bytes("x"), after_first, "a second run writes nothing");
    report
}

fn export_text(s: &Scratch) -> String {
    stdout(
        &s.cmd()
            .args(["export", "x", "--format", "text"])
            .output()
            .unwrap(),
    )
}

#[test]
fn the_seed_list_pasted_from_a_pdf_gives_exactly_the_32_published_signers() {
    let published = fixture("published-order.txt");
    let names: Vec<&str> = published.lines().collect();
    // Shuffled, with the bullets, numbering, headings and blank lines of a real paste.
    let mut paste = String::from("Joint statement\n\nUndersigned, in alphabetical order:\n\n");
    for (i, k) in (0..names.len()).map(|i| (i, (i * 13 + 5) % names.len())) {
        let marker = ["• ", "- ", "* ", "e ", ""][i % 5];
        if i % 7 == 3 {
            paste.push_str(&format!("{}. {}\n", i + 1, names[k]));
        } else {
            paste.push_str(&format!("{marker}{}\n", names[k]));
        }
        if i % 9 == 0 {
            paste.push('\n');
        }
    }
    paste.push_str("\nPress contact: Jane Doe, press@example.org\n");
    let s = Scratch::new();
    new_statement(&s);
    let report = import_twice(&s, "paste.txt", paste.as_bytes(), &[]);
    assert!(
        report.contains("32 were added, 0 skipped, 2 rejected"),
        "{report}"
    );
    assert!(report.contains("before the list's heading"), "{report}");
    assert!(report.contains("a contact line, not a signer"));
    assert_eq!(export_text(&s), published);
    s.cmd().args(["check", "x"]).assert().success();
    let text = s.read("x");
    assert!(text.contains("name = \"Reporters Without Borders\"\nacronym = \"RSF\"\n"));
}

#[test]
fn a_google_forms_csv_with_bom_crlf_quoted_commas_and_a_duplicate_row() {
    let csv = "\u{feff}Timestamp,Name of organisation,Country,Email address,Website,Anything else?\r\n\
        9/21/2023 14:03:22,\"Lawyers for Lawyers, Netherlands\",Netherlands,l4l@private.invalid,lawyersforlawyers.org,\"Happy to help, call us\"\r\n\
        9/22/2023 9:00:00,International Service for Human Rights (ISHR),Switzerland,,,\r\n\
        9/22/2023 9:05:00,international service for human rights,,,,\r\n\
        9/23/2023 10:00:00,,France,nobody@private.invalid,,\r\n\
        9/23/2023 11:00:00,Front Line Defenders,Irland,,,\r\n";
    let s = Scratch::new();
    new_statement(&s);
    let report = import_twice(&s, "responses.csv", csv.as_bytes(), &[]);
    assert!(
        report.contains("3 were added, 1 skipped, 1 rejected"),
        "{report}"
    );
    assert!(
        report.contains("same signer as line 3 of this import"),
        "{report}"
    );
    assert!(report.contains("no name"));
    assert!(
        report.contains("country \"Irland\" not recognised, left empty"),
        "{report}"
    );
    let text = s.read("x");
    assert!(text.contains("name = \"Lawyers for Lawyers, Netherlands\"\ncountry = \"NL\"\nwebsite = \"https://lawyersforlawyers.org\"\nsigned = 2023-09-21\n"), "{text}");
    assert!(text.contains("name = \"International Service for Human Rights\"\nacronym = \"ISHR\"\ncountry = \"CH\"\nsigned = 2023-09-22\n"));
    assert!(
        !text.contains("private.invalid"),
        "contacts never in the public file"
    );
    let private = std::fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    assert!(private.contains("email = \"l4l@private.invalid\""));
    assert!(private.contains("notes = \"Happy to help, call us\""));
    for format in ["text", "markdown", "csv", "json", "html"] {
        let out = stdout(
            &s.cmd()
                .args(["export", "x", "--format", format])
                .output()
                .unwrap(),
        );
        assert!(
            !out.contains("private.invalid") && !out.contains("Happy to help"),
            "{format}"
        );
    }
}

#[test]
fn a_semicolon_csv_from_a_european_spreadsheet_with_a_column_map() {
    let csv = "Unterzeichner;Land;Kurzname\nÄrzte ohne Grenzen;DE;MSF\nAmnesty International Österreich;AT;\n";
    let s = Scratch::new();
    new_statement(&s);
    let out = s
        .cmd()
        .args(["import", "x", "-", "--format", "csv"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("no column holds the signers' names"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(2));
    let report = import_twice(
        &s,
        "sheet.csv",
        csv.as_bytes(),
        &[
            "--map",
            "name=Unterzeichner",
            "--map",
            "country=2",
            "--map",
            "acronym=Kurzname",
        ],
    );
    assert!(report.contains("2 were added"), "{report}");
    assert_eq!(
        export_text(&s),
        "Amnesty International Österreich\nÄrzte ohne Grenzen (MSF)\n"
    );
    assert!(s.read("x").contains("country = \"AT\""));
}

#[test]
fn a_markdown_list_with_links_and_a_table() {
    let md = "# Our letter\n\nSigned by:\n\n- [Index on Censorship](https://www.indexoncensorship.org)\n- PEN International\n  - a nested note that is not a signer of its own\n- Human Rights in China\n\n| Organisation | Country |\n|---|---|\n| Safeguard Defenders | ES |\n";
    let s = Scratch::new();
    new_statement(&s);
    let report = import_twice(&s, "page.md", md.as_bytes(), &[]);
    assert!(report.contains("5 were added"), "{report}");
    let text = s.read("x");
    assert!(
        text.contains(
            "name = \"Index on Censorship\"\nwebsite = \"https://www.indexoncensorship.org\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("name = \"Safeguard Defenders\"\ncountry = \"ES\"\n"));
}

/// A Markdown table's consent column was ignored: a row that answered no was
/// imported as a confirmed signer.
#[test]
fn a_markdown_table_row_that_answered_no_is_skipped_and_an_unsure_one_is_pending() {
    let md = "| Name | Country | Consent |\n|---|---|---|\n\
              | Acme | FR | No |\n\
              | Harbour Workers Union | GB | yes |\n\
              | Osservatorio Diritti | IT | Need to ask our board |\n";
    let s = Scratch::new();
    new_statement(&s);
    let report = import_twice(&s, "page.md", md.as_bytes(), &[]);
    assert!(
        report.contains("2 were added (1 as pending), 1 skipped"),
        "{report}"
    );
    let acme = report
        .lines()
        .find(|l| l.contains("Acme"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        acme.contains("declined: answered no to \"Consent\""),
        "{acme}"
    );
    assert!(!report.contains("Need to ask"), "{report}");
    let text = s.read("x");
    assert!(!text.contains("Acme"), "{text}");
    assert!(
        text.contains("name = \"Harbour Workers Union\"\ncountry = \"GB\"\n"),
        "{text}"
    );
    assert!(
        text.contains("name = \"Osservatorio Diritti\"\ncountry = \"IT\"\nstatus = \"pending\""),
        "{text}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_a_clear_error_and_nothing_is_written() {
    let s = Scratch::new();
    new_statement(&s);
    let before = s.bytes("x");
    let path = s.tmp.path().join("latin1.csv");
    std::fs::write(&path, b"Organisation,Country\nCaf\xe9 Coop,FR\n").unwrap();
    let out = s.cmd().args(["import", "x"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.csv: line 2, column 4: byte 0xE9 is not UTF-8"),
        "{err}"
    );
    assert!(err.contains("--encoding windows-1252"));
    assert_eq!(s.bytes("x"), before);
    // Told the encoding, it reads.
    s.cmd()
        .args(["import", "x"])
        .arg(&path)
        .args(["--encoding", "latin1"])
        .assert()
        .success();
    assert!(s.read("x").contains("name = \"Café Coop\""));
}

#[test]
fn utf16_spreadsheets_are_read() {
    let s = Scratch::new();
    new_statement(&s);
    let text = "Organisation\tCountry\r\n王小明工作室\tTW\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let report = import_twice(&s, "excel.csv", &bytes, &[]);
    assert!(report.contains("1 was added"), "{report}");
    assert!(
        s.read("x")
            .contains("name = \"王小明工作室\"\ncountry = \"TW\"")
    );
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let s = Scratch::with_seed();
    let before = s.bytes(common::SEED);
    let out = s
        .cmd()
        .args(["import", common::SEED, "-", "--format", "text", "--dry-run"])
        .write_stdin("Amnesty International\nHong Kong Watch\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = stdout(&out);
    assert!(
        report.contains("1 would be added, 1 skipped, 0 rejected"),
        "{report}"
    );
    assert!(report.contains("would then have 33 signatories"));
    assert_eq!(s.bytes(common::SEED), before);
    assert!(
        !s.dir().join(".huang-wang-2023.toml.lock").exists() || s.bytes(common::SEED) == before
    );
}

#[test]
fn import_skips_withdrawn_signers_and_refuses_a_published_statement() {
    let s = Scratch::with_seed();
    s.cmd()
        .args(["withdraw", common::SEED, "PEN Canada", "--on", "2023-10-01"])
        .assert()
        .success();
    let out = s
        .cmd()
        .args(["import", common::SEED, "-", "--format", "text"])
        .write_stdin("PEN Canada\n")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("withdrew"), "{}", stdout(&out));
    let p = Scratch::with_published_seed();
    let out = p
        .cmd()
        .args(["import", common::SEED, "-", "--format", "text"])
        .write_stdin("Hong Kong Watch\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is published"));
}

/// Each row goes where `add` would put it, taken in the rows' order:
/// between the list's entries, at its top and its end, and beside other
/// rows where several fall between the same two entries, accents and case
/// deciding among them as `add` decides.
#[test]
fn imported_rows_go_where_adding_them_one_by_one_puts_them() {
    let rows = [
        "Zephyr Lantern Trust",
        "Hong Kong Harbour Choir",
        "Aardvark Legal Aid",
        "hong kong harbour chorus",
        "Hong Kong Harbour Chœur",
        "International Lantern Society",
        "Écoute Solidarité",
        "Ecoute Solidarite Nord",
        "World Weavers Guild",
    ];
    let imported = Scratch::with_seed();
    let out = imported
        .cmd()
        .args(["import", common::SEED, "-", "--format", "text"])
        .write_stdin(rows.join("\n"))
        .output()
        .unwrap();
    assert!(stdout(&out).contains("9 were added"), "{}", stdout(&out));
    let added = Scratch::with_seed();
    for row in rows {
        let out = added
            .cmd()
            .args(["add", common::SEED, row])
            .output()
            .unwrap();
        assert!(out.status.success(), "{row}: {}", stderr(&out));
    }
    let order = |s: &Scratch| {
        stdout(
            &s.cmd()
                .args(["export", common::SEED, "--format", "text"])
                .output()
                .unwrap(),
        )
    };
    assert_eq!(order(&imported), order(&added));
    assert_eq!(imported.bytes(common::SEED), added.bytes(common::SEED));
}

/// A pasted list of people without a heading went in as organisations, and
/// "Adrien Plazas (GNOME)" got the acronym "GNOME".
#[test]
fn kind_individual_reads_a_trailing_bracket_as_the_affiliation_never_an_acronym() {
    let s = Scratch::new();
    new_statement(&s);
    let path = s.tmp.path().join("people.txt");
    std::fs::write(
        &path,
        "Adrien Plazas (GNOME)\nMolly de Blanc (Debian Project, GNOME Foundation)\n",
    )
    .unwrap();
    s.cmd()
        .args(["import", "x", "--kind", "individual"])
        .arg(&path)
        .assert()
        .success();
    let text = s.read("x");
    assert!(
        text.contains("name = \"Adrien Plazas\"\nkind = \"individual\"\naffiliation = \"GNOME\""),
        "{text}"
    );
    assert!(!text.contains("acronym"), "{text}");
    assert_eq!(text.matches("kind = \"individual\"").count(), 2, "{text}");
}

/// The line forms of letters signed by pull request: `- Name, @handle (affiliation)`,
/// `- [Name](url), Affiliation`; a handle becomes the website on its platform.
#[test]
fn markdown_lines_with_handles_and_linked_names_give_website_and_affiliation() {
    let md = "Signed,\n\n- Daniel Appelquist, @torgo (Co-Chair, W3C Technical Architecture Group)\n- [Adrian Gaudebert](https://github.com/adngdb), Développeur Web, Mozilla\n- [TEDIC](https://tedic.org), Paraguay\n- [Reporters Without Borders](https://rsf.org) (RSF)\n- SED4906 (@sed@social.restless.systems)\n- Ada Rose Cannon, @lady_ada_king (Samsung)\n- Domitille Roger, Ingénieure front-end @ekino\n- Maxime Sibellas, Ingénieur Cloud @ekino\n- Aaron M. Ucko (@ucko, Debian Developer)\n- Agnes Crepet, Head of Software @Fairphone, @MiXiTConf & @le_numero_zero\n";
    let s = Scratch::new();
    new_statement(&s);
    let path = s.tmp.path().join("README.md");
    std::fs::write(&path, md).unwrap();
    let out = s.cmd().args(["import", "x"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("@torgo read as a GitHub account"),
        "{report}"
    );
    let text = s.read("x");
    for want in [
        "name = \"Daniel Appelquist\"\nkind = \"individual\"\naffiliation = \"Co-Chair, W3C Technical Architecture Group\"\nwebsite = \"https://github.com/torgo\"",
        "name = \"Adrian Gaudebert\"\nkind = \"individual\"\naffiliation = \"Développeur Web, Mozilla\"\nwebsite = \"https://github.com/adngdb\"",
        "name = \"TEDIC\"\ncountry = \"PY\"\nwebsite = \"https://tedic.org\"",
        "name = \"Reporters Without Borders\"\nacronym = \"RSF\"",
        "name = \"SED4906\"\nkind = \"individual\"\nwebsite = \"https://social.restless.systems/@sed\"",
        // Not a GitHub user name: kept as the note, never lost, never a wrong website.
        "name = \"Ada Rose Cannon\"\nkind = \"individual\"\naffiliation = \"Samsung\"\nnote = \"@lady_ada_king\"",
        // "@ekino" after a role is where they work, not an account: two colleagues are not one signer.
        "name = \"Maxime Sibellas, Ingénieur Cloud @ekino\"",
        "name = \"Domitille Roger, Ingénieure front-end @ekino\"",
        "name = \"Aaron M. Ucko\"\nkind = \"individual\"\naffiliation = \"Debian Developer\"\nwebsite = \"https://github.com/ucko\"",
        "name = \"Agnes Crepet, Head of Software @Fairphone, @MiXiTConf & @le_numero_zero\"",
    ] {
        assert!(text.contains(want), "{want}\n---\n{text}");
    }
}

/// A report piped to a file or a CI log was as wide as its longest cell:
/// importing a real list gave lines of 2,500 columns. It wraps at 200.
#[test]
fn a_piped_report_wraps_long_cells_instead_of_widening_every_line() {
    let s = Scratch::new();
    s.write("long", "title = \"T\"\n");
    let note = "within the framework of the Observatory for the Protection of Human Rights Defenders, a joint programme of two organisations working together since 1997 across the world, in the field and before the United Nations and regional human rights mechanisms";
    let text = format!("Coalition for Clean Rivers, {note}\nCoaltion for Clean Rivers, {note}\n");
    std::fs::write(s.tmp.path().join("pasted.txt"), text).unwrap();
    let out = s
        .cmd()
        .args(["import", "long", "pasted.txt", "--format", "text"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = s.cmd().args(["list", "long"]).output().unwrap();
    for report in [stdout(&out), stdout(&list)] {
        assert!(report.contains("Coal"), "{report}");
        for line in report.lines() {
            assert!(
                line.chars().count() <= 200,
                "{} wide: {line}",
                line.chars().count()
            );
        }
    }
}

/// "Quantenzitrone ()" in a real list gave `affiliation = ""`: the import
/// wrote a file every later command refused to load.
#[test]
fn an_empty_bracket_after_a_name_is_no_affiliation_and_the_file_still_loads() {
    let s = Scratch::new();
    s.write("e", "title = \"T\"\n");
    std::fs::write(s.tmp.path().join("people.txt"), "Jane Doe ()\n").unwrap();
    let out = s
        .cmd()
        .args(["import", "e", "people.txt", "--kind", "individual"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!s.read("e").contains("affiliation"), "{}", s.read("e"));
    s.cmd().args(["add", "e", "Zeta Org"]).assert().success();
    s.cmd().args(["check", "e"]).assert().success();
}
