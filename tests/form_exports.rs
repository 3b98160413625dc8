//! Form exports (Google Forms, Microsoft Forms, Action Network): only those who said yes go in, placeholders
//! never do, dates are read in the form's order or refused, and the report says how each column was read.

mod common;

use common::{Scratch, fixture, stderr, stdout};

fn new_statement(s: &Scratch) {
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
}

/// Runs `import x FIXTURE ARGS…` on a fixture of tests/fixtures/forms.
fn import(s: &Scratch, form: &str, args: &[&str]) -> std::process::Output {
    let path = s.tmp.path().join(form);
    std::fs::write(&path, fixture(&format!("forms/{form}"))).unwrap();
    s.cmd()
        .args(["import", "x"])
        .arg(&path)
        .args(args)
        .output()
        .unwrap()
}

/// The entries of the statement, as (name, status) in file order.
fn entries(s: &Scratch) -> Vec<(String, String)> {
    let doc: toml_edit::DocumentMut = s.read("x").parse().unwrap();
    doc.get("signatory")
        .and_then(|a| a.as_array_of_tables())
        .into_iter()
        .flatten()
        .map(|t| {
            let get = |k| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            (get("name"), get("status"))
        })
        .collect()
}

#[test]
fn a_form_row_that_answered_no_is_skipped_as_declined_and_an_unsure_one_is_pending() {
    let s = Scratch::new();
    new_statement(&s);
    let out = import(&s, "google-forms-day-first.csv", &["--date-order", "dmy"]);
    let report = stdout(&out);
    let row = report
        .lines()
        .find(|l| l.contains("Harbour Workers Union"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        row.contains("skipped")
            && row.contains("declined: answered no to \"Do you endorse this statement?\""),
        "{row}"
    );
    assert!(
        report.contains("is neither yes nor no: imported as pending"),
        "{report}"
    );
    assert!(
        report.contains("3 were added (1 as pending), 1 skipped, 5 rejected"),
        "{report}"
    );
    let list = entries(&s);
    let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.contains(&"Harbour Workers Union"), "{names:?}");
    let status = |n: &str| list.iter().find(|e| e.0 == n).map(|e| e.1.clone());
    assert_eq!(status("Osservatorio Diritti").as_deref(), Some("pending"));
    assert_eq!(
        status("Kenya Human Rights Defenders Network").as_deref(),
        Some("")
    );
    // A pending signer is not published until confirmed.
    let press = stdout(
        &s.cmd()
            .args(["export", "x", "--format", "text"])
            .output()
            .unwrap(),
    );
    assert!(
        press.contains("Kenya Human Rights Defenders Network"),
        "{press}"
    );
    assert!(!press.contains("Osservatorio"), "{press}");
    assert!(!press.contains("Harbour"), "{press}");
    // The declined signer's contact is not kept either: they said no.
    let private = std::fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    assert!(!private.contains("harbour"), "{private}");
    assert!(private.contains("office@osservatorio.private.invalid"));
}

#[test]
fn placeholder_names_in_a_form_export_are_rejected_as_placeholders() {
    let s = Scratch::new();
    new_statement(&s);
    let out = import(&s, "google-forms-day-first.csv", &["--date-order", "dmy"]);
    assert_eq!(out.status.code(), Some(1), "rejected rows are problems");
    let report = stdout(&out);
    for name in ["N/A", "-", "TBD", "test", "Your organisation"] {
        let row = report
            .lines()
            .find(|l| l.split('┆').nth(1).map(str::trim) == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}: {report}"));
        assert!(
            row.contains("rejected") && row.contains("a placeholder, not a name"),
            "{row}"
        );
    }
    let names: Vec<String> = entries(&s).into_iter().map(|e| e.0).collect();
    assert_eq!(
        names,
        [
            "Kenya Human Rights Defenders Network",
            "Osservatorio Diritti",
            "Red Latinoamericana por los Derechos Digitales"
        ]
    );
    // Lower case, from another form's shape.
    let s = Scratch::new();
    new_statement(&s);
    let out = import(&s, "action-network.csv", &["--map", "consent=Q7"]);
    let report = stdout(&out);
    assert!(
        report
            .lines()
            .any(|l| l.contains("n/a") && l.contains("a placeholder")),
        "{report}"
    );
}

#[test]
fn the_import_report_opens_with_each_column_and_the_field_read_from_it() {
    let s = Scratch::new();
    new_statement(&s);
    let out = import(
        &s,
        "google-forms-day-first.csv",
        &["--date-order", "dmy", "--dry-run"],
    );
    let report = stdout(&out);
    let opening: Vec<&str> = report.lines().take(8).collect();
    assert_eq!(
        opening,
        [
            "Columns read:",
            "   1. \"Timestamp\" → signed (dates day first, as --date-order dmy says)",
            "   2. \"Email address\" → email (private: kept in the contacts file, never shown)",
            "   3. \"Name of your organisation\" → name",
            "   4. \"Country\" → country",
            "   5. \"Do you endorse this statement?\" → consent (yes: imported; no: skipped as declined; anything else: imported as pending)",
            "   6. \"Your name\" → contact_person (private: kept in the contacts file, never shown)",
            "   7. \"Anything else?\" → private_note (private: kept in the contacts file, never shown)",
        ],
        "{report}"
    );
    // Ignored columns say so, and a second name-like column says which one was read.
    let out = import(
        &s,
        "microsoft-forms.csv",
        &["--map", "name=Organisation name", "--dry-run"],
    );
    let report = stdout(&out);
    for line in [
        "   1. \"ID\" → ignored",
        "   2. \"Start time\" → ignored",
        "   3. \"Completion time\" → signed (dates day first, as \"21/03/2024\" on line 2 shows)",
        "   5. \"Name\" → ignored (looks like name, which is read from column 6)",
        "   6. \"Organisation name\" → name",
    ] {
        assert!(report.lines().any(|l| l == line), "{line}\n{report}");
    }
    // The mapping shows headers, never a cell: no contact value reaches it.
    assert!(!report.contains("anonymous"), "{report}");
}

#[test]
fn day_first_dates_that_read_both_ways_are_refused_without_date_order() {
    let s = Scratch::new();
    new_statement(&s);
    let before = s.bytes("x");
    let out = import(&s, "google-forms-day-first.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("column 1 \"Timestamp\": line 2: \"05/11/2024\" is 5 November 2024 day first and 11 May 2024 month first"),
        "{err}"
    );
    assert!(err.contains("add --date-order dmy"), "{err}");
    assert_eq!(s.bytes("x"), before, "nothing written");
    assert!(!s.dir().join("x.private.toml").exists());

    let out = import(&s, "google-forms-day-first.csv", &["--date-order", "dmy"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = s.read("x");
    assert!(
        text.contains("name = \"Kenya Human Rights Defenders Network\"\ncountry = \"KE\"\nsigned = 2024-11-05\n"),
        "{text}"
    );
}

#[test]
fn date_order_mdy_reads_the_same_form_month_first() {
    let s = Scratch::new();
    new_statement(&s);
    let out = import(&s, "google-forms-day-first.csv", &["--date-order", "mdy"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(s.read("x").contains(
        "name = \"Kenya Human Rights Defenders Network\"\ncountry = \"KE\"\nsigned = 2024-05-11\n"
    ));
}

#[test]
fn a_date_column_that_proves_day_first_is_read_so_and_an_order_it_contradicts_is_refused() {
    let s = Scratch::new();
    new_statement(&s);
    let args = ["--map", "name=Organisation name"];
    let out = import(&s, "microsoft-forms.csv", &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // 02/04/2024 is 2 April: 21/03/2024 in the same column proves day first.
    let text = s.read("x");
    assert!(
        text.contains(
            "name = \"Mountain Rights Alliance\"\ncountry = \"NP\"\nsigned = 2024-04-03\n"
        ),
        "{text}"
    );
    let s = Scratch::new();
    new_statement(&s);
    let before = s.bytes("x");
    let out = import(
        &s,
        "microsoft-forms.csv",
        &[&args[..], &["--date-order", "mdy"]].concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 2: \"21/03/2024\" is not a date read month first"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.bytes("x"), before);
}

#[test]
fn two_columns_that_could_hold_the_name_are_refused_until_one_is_named() {
    let s = Scratch::new();
    new_statement(&s);
    let before = s.bytes("x");
    // Microsoft Forms puts the respondent's "Name" ("anonymous") before the question's answer.
    let out = import(&s, "microsoft-forms.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "columns 5 \"Name\" and 6 \"Organisation name\" could each hold the signers' names; say which with --map name=COLUMN"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.bytes("x"), before);
}

#[test]
fn a_consent_column_with_an_unknown_header_is_named_with_map() {
    let s = Scratch::new();
    new_statement(&s);
    // Without the map, "Q7" is ignored and the row that said no goes in.
    let out = import(&s, "action-network.csv", &["--dry-run"]);
    let report = stdout(&out);
    assert!(report.contains("\"Q7\" → ignored"), "{report}");
    assert!(report.contains("3 would be added"), "{report}");
    let out = import(&s, "action-network.csv", &["--map", "consent=Q7"]);
    let report = stdout(&out);
    assert!(report.contains("\"Q7\" → consent"), "{report}");
    assert!(
        report.contains("declined: answered no to \"Q7\""),
        "{report}"
    );
    let list = entries(&s);
    assert_eq!(
        list,
        [
            ("Seattle Housing Voices".to_string(), "pending".to_string()),
            ("Tenants Together NYC".to_string(), String::new()),
        ]
    );
}

#[test]
fn pending_imports_every_row_as_pending() {
    let s = Scratch::new();
    new_statement(&s);
    let out = import(&s, "action-network.csv", &["--pending"]);
    let report = stdout(&out);
    assert!(
        report.contains("3 were added as pending, 0 skipped, 1 rejected"),
        "{report}"
    );
    let list = entries(&s);
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|(_, st)| st == "pending"), "{list:?}");
    let press = stdout(
        &s.cmd()
            .args(["export", "x", "--format", "text"])
            .output()
            .unwrap(),
    );
    assert!(!press.contains("Tenants"), "{press}");
}

#[test]
fn an_unclear_consent_answer_is_not_echoed_in_the_report() {
    // Free text in the consent cell can hold an address or a number.
    let csv = "Organisation,Do you endorse?\nHill Farmers Forum,\"ask me: canary@private.invalid, +44 20 7946 0999\"\n";
    let s = Scratch::new();
    new_statement(&s);
    let path = s.tmp.path().join("f.csv");
    std::fs::write(&path, csv).unwrap();
    let out = s.cmd().args(["import", "x"]).arg(&path).output().unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("Hill Farmers Forum"), "{all}");
    assert!(all.contains("imported as pending"), "{all}");
    assert!(!all.contains("canary") && !all.contains("7946"), "{all}");
}

#[test]
fn a_timestamp_that_is_no_date_is_left_empty_with_a_remark() {
    let csv = "Timestamp,Organisation\n2024-11-05 10:00:00,River Keepers\nyesterday,Valley Growers Cooperative\n";
    let s = Scratch::new();
    new_statement(&s);
    let path = s.tmp.path().join("f.csv");
    std::fs::write(&path, csv).unwrap();
    let out = s.cmd().args(["import", "x"]).arg(&path).output().unwrap();
    let report = stdout(&out);
    let row = report
        .lines()
        .find(|l| l.contains("Valley Growers Cooperative"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        row.contains("the date is not one this tool reads, left empty"),
        "{row}"
    );
    let text = s.read("x");
    assert!(
        text.contains("name = \"River Keepers\"\nsigned = 2024-11-05\n"),
        "{text}"
    );
    assert!(
        text.contains("name = \"Valley Growers Cooperative\"\n"),
        "{text}"
    );
    assert!(
        !text.contains("name = \"Valley Growers Cooperative\"\nsigned"),
        "{text}"
    );
}

#[test]
fn a_french_google_forms_export_reads_its_timestamp_email_and_consent() {
    // Google Forms names its own columns in the form's language.
    let csv = "Horodateur;Adresse e-mail;Nom de l'organisation;Votre organisation signe-t-elle la déclaration ?\n\
               21/10/2024 10:00:00;ldh@private.invalid;Ligue des droits humains;Oui\n\
               02/11/2024 11:00:00;cp@private.invalid;Collectif Paysan;Peut-être\n\
               03/11/2024 12:00:00;avl@private.invalid;Association Voix Libres;Non, pas cette fois\n";
    let s = Scratch::new();
    new_statement(&s);
    let path = s.tmp.path().join("reponses.csv");
    std::fs::write(&path, csv).unwrap();
    let out = s.cmd().args(["import", "x"]).arg(&path).output().unwrap();
    let report = stdout(&out);
    assert!(
        report.contains("\"Horodateur\" → signed (dates day first"),
        "{report}"
    );
    assert!(
        report.contains("\"Adresse e-mail\" → email (private"),
        "{report}"
    );
    assert!(!report.contains("private.invalid"), "{report}");
    assert!(
        report.contains("2 were added (1 as pending), 1 skipped"),
        "{report}"
    );
    let text = s.read("x");
    assert!(
        text.contains("name = \"Collectif Paysan\"\nsigned = 2024-11-02\nstatus = \"pending\"\n"),
        "{text}"
    );
    assert!(!text.contains("Voix Libres"), "{text}");
    let private = std::fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    assert!(private.contains("ldh@private.invalid"), "{private}");
}
