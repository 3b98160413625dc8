//! Filing order on real-shaped names: leading symbols, individuals by family name, `individuals_by`.

mod common;

use common::Scratch;

/// A statement of signers, each `(name, kind)`, with `head` after the title.
fn statement(head: &str, signers: &[(&str, &str)]) -> String {
    let mut text = format!("title = \"T\"\n{head}");
    for (name, kind) in signers {
        let name = toml_string(name);
        text.push_str(&format!(
            "\n[[signatory]]\nname = {name}\nkind = \"{kind}\"\n"
        ));
    }
    text
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The names of a statement file, in file order.
fn names(text: &str) -> Vec<String> {
    let doc: toml::Table = text.parse().expect("valid TOML");
    doc["signatory"]
        .as_array()
        .expect("signatories")
        .iter()
        .map(|t| t["name"].as_str().expect("a name").to_string())
        .collect()
}

fn people(names: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    names.iter().map(|n| (*n, "individual")).collect()
}

/// People as a list filed by family name prints them, from real lists'
/// shapes: particles in lower case and capitalised, an Arabic article, a
/// prefix, a comma form, a suffix, an affiliation in brackets, a Han name.
const BY_FAMILY: &[&str] = &[
    "Iddan Aaronsohn",
    "Ludwig van Beethoven",
    "Osama bin Laden",
    "Molly de Blanc (Debian Project)",
    "Stefan du Fresne",
    "García Márquez, Gabriel",
    "Charles de Gaulle",
    "Tawfiq al-Hakim",
    "Martin Luther King Jr.",
    "Anne Smith",
    "Smith Jones, Alan",
    "Vincent Van Gogh",
    "Hidde de Vries",
    "Zed Zyl-Adams",
    "毛泽东",
];

#[test]
fn sort_files_individuals_by_family_name() {
    let s = Scratch::new();
    let mut shuffled: Vec<&str> = BY_FAMILY.to_vec();
    shuffled.sort();
    s.write("p", statement("", &people(&shuffled)));
    s.cmd().args(["sort", "p"]).assert().success();
    assert_eq!(names(&s.read("p")), BY_FAMILY);
    s.cmd().args(["check", "p"]).assert().success();
    s.cmd().args(["sort", "--check", "p"]).assert().success();
}

#[test]
fn check_accepts_a_list_of_people_in_family_name_order_and_refuses_given_name_order() {
    let s = Scratch::new();
    s.write("f", statement("", &people(BY_FAMILY)));
    s.cmd().args(["check", "f"]).assert().success();

    // The same people by given name, as a list pasted from a form would be.
    let given = people(&["Anne Smith", "Hidde de Vries", "Ludwig van Beethoven"]);
    s.write("g", statement("", &given));
    let out = s.cmd().args(["check", "g"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("\"Ludwig van Beethoven\" (filed under \"Beethoven, Ludwig van\") is out of alphabetical order: move it to the top, before \"Anne Smith\""),
        "{report}"
    );
    assert!(report.contains("individuals by family name"), "{report}");
}

#[test]
fn individuals_by_name_files_people_as_written() {
    let s = Scratch::new();
    let given = people(&["Anne Smith", "Hidde de Vries", "Ludwig van Beethoven"]);
    s.write("g", statement("individuals_by = \"name\"\n", &given));
    s.cmd().args(["check", "g"]).assert().success();
    s.cmd().args(["sort", "--check", "g"]).assert().success();
    // The key survives a rewrite of the file.
    s.cmd().args(["fmt", "g"]).assert().success();
    assert!(s.read("g").contains("individuals_by = \"name\""));

    // And a family-name list is out of order under it.
    s.write(
        "f",
        statement("individuals_by = \"name\"\n", &people(BY_FAMILY)),
    );
    s.cmd().args(["check", "f"]).assert().code(1);
}

#[test]
fn an_unknown_individuals_by_is_named_with_its_place() {
    let s = Scratch::new();
    s.write(
        "x",
        statement("individuals_by = \"surname\"\n", &people(&["Anne Smith"])),
    );
    let out = s.cmd().args(["check", "x"]).output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("x.toml:2:18: error[schema]: `individuals_by` must be one of \"family\", \"name\", not \"surname\""),
        "{report}"
    );
}

#[test]
fn press_lists_print_individuals_in_family_name_order() {
    let s = Scratch::new();
    let mut signers = vec![
        ("Zeta Trust", "organisation"),
        ("\"Campos sustentables\"", "organisation"),
    ];
    signers.extend(people(&[
        "Anne Smith",
        "Hidde de Vries",
        "Ludwig van Beethoven",
    ]));
    s.write("e", statement("", &signers));
    // An export refuses a list out of order: the file is sorted first.
    s.cmd().args(["sort", "e"]).assert().success();
    let out = s
        .cmd()
        .args(["export", "e", "--format", "text"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines,
        [
            "\"Campos sustentables\"",
            "Zeta Trust",
            "Ludwig van Beethoven",
            "Anne Smith",
            "Hidde de Vries"
        ],
        "{text}"
    );
}

#[test]
fn leading_quotation_marks_brackets_and_symbols_are_not_filing_elements() {
    let s = Scratch::new();
    let orgs: Vec<(&str, &str)> = [
        "Zeta Trust",
        "#FreeHK Coalition",
        "«Memoria Abierta»",
        "\"Campos sustentables\"",
        "¡Basta Ya!",
        "Amnesty International",
        "[Brackets] Collective",
        "“Derechos” Digitales",
        "1 Up Rights",
        "Center for Health, Human Rights",
        "Center for Health Policy",
    ]
    .into_iter()
    .map(|n| (n, "organisation"))
    .collect();
    s.write("q", statement("", &orgs));
    s.cmd().args(["sort", "q"]).assert().success();
    assert_eq!(
        names(&s.read("q")),
        [
            "1 Up Rights",
            "Amnesty International",
            "¡Basta Ya!",
            "[Brackets] Collective",
            "\"Campos sustentables\"",
            // Inside a name a comma keeps its place, after the space.
            "Center for Health Policy",
            "Center for Health, Human Rights",
            "“Derechos” Digitales",
            "#FreeHK Coalition",
            "«Memoria Abierta»",
            "Zeta Trust",
        ]
    );
    s.cmd().args(["check", "q"]).assert().success();
}

#[test]
fn add_places_a_person_by_family_name() {
    let s = Scratch::new();
    s.write(
        "a",
        statement(
            "status = \"open\"\n",
            &people(&["Iddan Aaronsohn", "Anne Smith", "Hidde de Vries"]),
        ),
    );
    s.cmd()
        .args(["add", "a", "Ludwig van Beethoven", "--kind", "individual"])
        .assert()
        .success();
    assert_eq!(
        names(&s.read("a")),
        [
            "Iddan Aaronsohn",
            "Ludwig van Beethoven",
            "Anne Smith",
            "Hidde de Vries"
        ]
    );
}
