//! Lists pasted from a PDF or a web page: wrapped lines joined, footnotes, page and contact lines kept out, countries, kinds and affiliations read.

mod common;

use common::{Scratch, fixture, stdout};

fn new_statement(s: &Scratch) {
    s.cmd()
        .args(["new", "x", "--title", "T"])
        .assert()
        .success();
}

/// Imports `input` as `format` into statement x and gives the report.
fn import(s: &Scratch, input: &str, format: &str) -> String {
    let path = s.tmp.path().join("paste");
    std::fs::write(&path, input).unwrap();
    let out = s
        .cmd()
        .args(["import", "x"])
        .arg(&path)
        .args(["--format", format])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", common::stderr(&out));
    stdout(&out)
}

/// The `[[signatory]]` tables of statement x, each as its lines without the header.
fn entries(s: &Scratch) -> Vec<String> {
    s.read("x")
        .split("[[signatory]]\n")
        .skip(1)
        .map(|e| e.trim_end().to_string())
        .collect()
}

fn has(entries: &[String], want: &str) -> bool {
    entries.iter().any(|e| e == want)
}

#[test]
fn a_pdf_pasted_statement_with_wrapped_names_footnotes_and_page_lines_gives_only_its_signers() {
    let s = Scratch::new();
    new_statement(&s);
    let report = import(&s, &fixture("pasted-joint-statement.txt"), "text");
    assert!(report.contains("20 were added"), "{report}");
    let e = entries(&s);
    assert_eq!(e.len(), 20, "{e:#?}");
    let observatory = "note = \"within the framework of the Observatory for the Protection of Human Rights Defenders\"";
    for want in [
        "name = \"Arab Network for Human Rights Information\"\nacronym = \"ANHRI\"",
        "name = \"European Centre for Press and Media Freedom\"\nacronym = \"ECPMF\"",
        "name = \"Human Rights House Foundation\"",
        "name = \"Observatorio Latinoamericano para la Defensa de los Derechos Humanos\"",
        "name = \"Réseau des défenseurs des droits humains en Afrique centrale\"\nacronym = \"REDHAC\"",
        &format!(
            "name = \"World Organisation Against Torture\"\nacronym = \"OMCT\"\n{observatory}"
        ),
        &format!(
            "name = \"International Federation for Human Rights\"\nacronym = \"FIDH\"\n{observatory}"
        ),
        "name = \"Human Rights Watch\"\ncountry = \"US\"",
        "name = \"Derechos Digitales\"\ncountry = \"CL\"",
        "name = \"TEDIC\"\ncountry = \"PY\"",
        "name = \"Fundación para la Libertad de Prensa\"\ncountry = \"CO\"",
        // The city may name a chapter: only the country comes off.
        "name = \"Ligue des droits de l'Homme, Paris\"\ncountry = \"FR\"",
        // Nothing is split inside quotation marks.
        "name = '\"Periodistas, Juntos\" Colectivo'",
        "name = \"Ana María Gómez\"\ncountry = \"CO\"\nkind = \"individual\"\naffiliation = \"Professor of Law, Universidad de los Andes\"",
        "name = \"Jane Okafor\"\nkind = \"individual\"\naffiliation = \"Lagos Media Institute\"",
        "name = \"Pierre Martin\"\nkind = \"individual\"\naffiliation = \"journaliste indépendant\"",
    ] {
        assert!(has(&e, want), "missing:\n{want}\nin {e:#?}");
    }
    // Every organisation above the individuals' heading stays an organisation.
    assert_eq!(
        e.iter()
            .filter(|x| x.contains("kind = \"individual\""))
            .count(),
        4
    );
    let text = s.read("x");
    for junk in [
        "Page",
        "Foundation\"\n",
        "(ECPMF)\"",
        "Information (",
        "Affiliation",
        "*",
        "†",
        "press@",
    ] {
        assert!(
            !text.contains(&format!("name = \"{junk}")),
            "{junk} imported:\n{text}"
        );
    }
    assert!(!text.contains("press@example.org"));
    // What is dropped is reported, with its line.
    for (line, why) in [
        ("34", "a page number, not a signer"),
        ("42", "a footnote, not a signer: dropped"),
        ("45", "a contact line, not a signer"),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(&format!(" {line} ")) && l.contains(why)),
            "line {line}: {why}\n{report}"
        );
    }
    s.cmd().args(["check", "x"]).assert().success();
}

#[test]
fn human_rights_watch_imported_with_its_country_is_not_added_again_by_name() {
    let s = Scratch::new();
    new_statement(&s);
    import(
        &s,
        "Signed by:\nHuman Rights Watch, United States\nPEN America (USA)\n",
        "text",
    );
    let out = s
        .cmd()
        .args(["add", "x", "Human Rights Watch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(entries(&s).len(), 2);
    assert!(has(
        &entries(&s),
        "name = \"PEN America\"\ncountry = \"US\""
    ));
}

#[test]
fn a_numbered_list_joins_a_line_without_its_own_number_and_reads_french_and_spanish() {
    let s = Scratch::new();
    new_statement(&s);
    let report = import(&s, &fixture("pasted-lista-es-fr.txt"), "text");
    assert!(report.contains("8 were added"), "{report}");
    let e = entries(&s);
    for want in [
        "name = \"Asociación por los Derechos Civiles\"\ncountry = \"AR\"",
        "name = \"Fundación Karisma\"\ncountry = \"CO\"",
        "name = \"Centro de Documentación en Derechos Humanos Segundo Montes Mozo Sociedad Jesuita\"",
        "name = \"Comité pour la protection des journalistes\"\ncountry = \"CA\"",
        "name = '\"Tierra, agua y vida\" Colectivo'\ncountry = \"PE\"",
        "name = \"Ligue ivoirienne des droits de l'homme, Abidjan\"\ncountry = \"CI\"",
        "name = \"María López\"\ncountry = \"CL\"\nkind = \"individual\"\naffiliation = \"Investigadora, Universidad de Chile\"",
        "name = \"Jean Dupont\"\nkind = \"individual\"\naffiliation = \"avocat, Barreau de Paris\"",
    ] {
        assert!(has(&e, want), "missing:\n{want}\nin {e:#?}");
    }
    assert!(report.contains("a page number, not a signer"), "{report}");
}

#[test]
fn lines_that_stand_as_names_are_not_joined_to_the_line_before() {
    // Real lists hold names in lower case and brands in camel case; a PDF did not wrap them.
    let paste = "Signatories:\n\nMozilla\nmySociety\nwiquaya.org\n@Lunaphied\nkiara\njade (@lf-)\n\
                 Jacob P.\nAaron D Borden\nE\nGreenpeace\nHuman Rights Information Network (HRIN)\n\
                 Open Rights Group\nInformation (ORGI)\n";
    let s = Scratch::new();
    new_statement(&s);
    let report = import(&s, paste, "text");
    // "Information (ORGI)" is a wrap: its acronym spells the two lines together.
    assert!(report.contains("12 were added"), "{report}");
    assert!(has(
        &entries(&s),
        "name = \"Open Rights Group Information\"\nacronym = \"ORGI\""
    ));
    assert!(has(&entries(&s), "name = \"kiara\""));
    assert!(has(&entries(&s), "name = \"mySociety\""));
}

#[test]
fn a_markdown_page_reads_kind_headings_countries_and_capacity_footnotes() {
    let md = "## Signatories\n\n### Organisations\n\n- [Derechos Digitales](https://www.derechosdigitales.org) – Chile\n\
              - World Organisation Against Torture (OMCT)\\*\n- TEDIC (Paraguay)\n\n\
              \\* OMCT signs within the framework of the Observatory.\n\n### Individuals\n\n\
              - Molly de Blanc (Debian Project, GNOME Foundation)\n- Jane Roe, Lecturer, University of Ghana, Ghana\n\n\
              † Affiliations for identification only.\n";
    let s = Scratch::new();
    new_statement(&s);
    let report = import(&s, md, "markdown");
    assert!(report.contains("5 were added"), "{report}");
    assert!(
        report.contains("a footnote, not a signer: dropped"),
        "{report}"
    );
    let e = entries(&s);
    for want in [
        "name = \"Derechos Digitales\"\ncountry = \"CL\"\nwebsite = \"https://www.derechosdigitales.org\"",
        "name = \"World Organisation Against Torture\"\nacronym = \"OMCT\"\nnote = \"within the framework of the Observatory\"",
        "name = \"TEDIC\"\ncountry = \"PY\"",
        "name = \"Molly de Blanc\"\nkind = \"individual\"\naffiliation = \"Debian Project, GNOME Foundation\"",
        "name = \"Jane Roe\"\ncountry = \"GH\"\nkind = \"individual\"\naffiliation = \"Lecturer, University of Ghana\"",
    ] {
        assert!(has(&e, want), "missing:\n{want}\nin {e:#?}");
    }
}

/// A list bulleted with `*` where one name carries a `*` footnote marker:
/// every bullet was taken for a footnote and dropped, so nothing was imported.
#[test]
fn a_list_bulleted_with_stars_keeps_its_signers_when_a_name_carries_a_star() {
    let s = Scratch::new();
    new_statement(&s);
    let input = "Signatories:\n\n* Amnesty International\n* World Organisation Against Torture (OMCT)*\n* FIDH\n* Front Line Defenders\n\n* OMCT signs within the framework of the Observatory for the Protection of Human Rights Defenders\n";
    let report = import(&s, input, "text");
    let e = entries(&s);
    assert_eq!(e.len(), 4, "{report}\n{e:#?}");
    assert!(has(&e, "name = \"Amnesty International\""), "{e:#?}");
    assert!(has(&e, "name = \"FIDH\""), "{e:#?}");
    assert!(
        e.iter().any(|x| x.starts_with("name = \"World Organisation Against Torture\"\nacronym = \"OMCT\"\nnote = \"within the framework of the Observatory")),
        "{e:#?}"
    );
}

/// Under an individuals heading, "Doe, Jane" was read as the name "Doe" with the
/// affiliation "Jane", and "Smith, Chad" as "Smith" from Chad.
#[test]
fn names_written_family_name_first_are_not_split_into_affiliation_or_country() {
    let s = Scratch::new();
    new_statement(&s);
    let input = "Individual signatories:\n\
                 Doe, Jane\n\
                 Smith, Chad\n\
                 García Márquez, Ana María\n\
                 Okafor, Researcher\n\
                 Jane Roe, Researcher, Chile\n\
                 Tomás Ruiz, Chile\n";
    let report = import(&s, input, "text");
    assert!(report.contains("6 were added"), "{report}");
    let e = entries(&s);
    for want in [
        "name = \"Doe, Jane\"\nkind = \"individual\"",
        "name = \"Smith, Chad\"\nkind = \"individual\"",
        "name = \"García Márquez, Ana María\"\nkind = \"individual\"",
        "name = \"Okafor\"\nkind = \"individual\"\naffiliation = \"Researcher\"",
        "name = \"Jane Roe\"\ncountry = \"CL\"\nkind = \"individual\"\naffiliation = \"Researcher\"",
        // A whole name before the comma: what follows is where the person is.
        "name = \"Tomás Ruiz\"\ncountry = \"CL\"\nkind = \"individual\"",
    ] {
        assert!(has(&e, want), "missing:\n{want}\nin {e:#?}");
    }
}

/// An email address after an organisation's name became its published note, and a
/// phone number after an individual's name their published affiliation.
#[test]
fn an_email_or_phone_after_a_name_goes_to_the_private_file_not_the_statement() {
    let s = Scratch::new();
    new_statement(&s);
    let input = "Organisations:\n\
                 Amnesty International, press@amnesty.example\n\
                 Article 19, +44 20 7946 0111\n\
                 Individuals:\n\
                 Jane Doe, +44 20 7946 0999\n\
                 Ana Pérez, Researcher, ana.perez@uni.example\n";
    let report = import(&s, input, "text");
    assert!(report.contains("4 were added"), "{report}");
    let e = entries(&s);
    for want in [
        "name = \"Amnesty International\"",
        "name = \"Article 19\"",
        "name = \"Jane Doe\"\nkind = \"individual\"",
        "name = \"Ana Pérez\"\nkind = \"individual\"\naffiliation = \"Researcher\"",
    ] {
        assert!(has(&e, want), "missing:\n{want}\nin {e:#?}");
    }
    let private = std::fs::read_to_string(s.dir().join("x.private.toml")).unwrap();
    let text = s.read("x");
    for secret in [
        "press@amnesty.example",
        "+44 20 7946 0111",
        "+44 20 7946 0999",
        "ana.perez@uni.example",
    ] {
        assert!(!text.contains(secret), "{secret} published:\n{text}");
        assert!(
            !report.contains(secret),
            "{secret} in the report:\n{report}"
        );
        assert!(private.contains(secret), "{secret} lost:\n{private}");
    }
    assert!(
        report.contains("an email address in the note was moved to the private contacts file"),
        "{report}"
    );
    assert!(
        report.contains("a phone number in the affiliation was moved to the private contacts"),
        "{report}"
    );
}
