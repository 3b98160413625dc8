//! Placeholders and shared links (issue #21): `add` refuses a name that stands in for one, `import` rejects
//! it, `check` calls it an error (`placeholder`); a link that identifies nobody is a warning, and so is one
//! link given by signers of different names (`shared-website`) unless recorded as `distinct_from`.

mod common;

use common::{Scratch, manifest_dir, stderr, stdout};
use std::fs;
use undersigned::placeholder::is_placeholder;

const OPEN: &str = "title = \"Dear GitHub\"\nstatus = \"open\"\n";

fn entry(name: &str, extra: &str) -> String {
    format!("\n[[signatory]]\nname = \"{name}\"\n{extra}")
}

fn json_codes(s: &Scratch, id: &str) -> (i32, Vec<(String, String, String)>) {
    let out = s
        .cmd()
        .args(["check", id, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap().to_string();
            (field("code"), field("severity"), field("message"))
        })
        .collect();
    (out.status.code().unwrap(), codes)
}

#[test]
fn add_refuses_a_template_leftover_as_a_name_and_leaves_the_file_alone() {
    let s = Scratch::new();
    s.write("letter", OPEN);
    for name in [
        "Your Name",
        "Your Name Here",
        "Name Surname",
        "Firstname Lastname",
        "Affiliation",
        "Prénom Nom",
        "Nombre y apellidos",
        "姓名",
        "N/A",
    ] {
        let out = s.cmd().args(["add", "letter", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!(
                "\"{name}\" is a placeholder, not a signer's name; nothing was added"
            )),
            "{name}: {}",
            stderr(&out)
        );
        // Not even with --force: `check` would call the list wrong.
        let forced = s
            .cmd()
            .args(["add", "letter", name, "--force"])
            .output()
            .unwrap();
        assert_eq!(forced.status.code(), Some(1), "{name} --force");
        assert_eq!(s.read("letter"), OPEN, "{name}");
    }
}

#[test]
fn add_takes_a_placeholder_link_with_a_warning() {
    let s = Scratch::new();
    s.write("letter", OPEN);
    let out = s
        .cmd()
        .args(["add", "letter", "Ada Lovelace", "--kind", "individual"])
        .args(["--website", "https://github.com/ghost"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: the website https://github.com/ghost identifies nobody"),
        "{}",
        stderr(&out)
    );
    assert!(s.read("letter").contains("name = \"Ada Lovelace\""));
}

#[test]
fn import_rejects_the_rows_a_template_left_behind() {
    let s = Scratch::new();
    s.write("letter", OPEN);
    fs::write(
        s.tmp.path().join("names.txt"),
        "Ada Lovelace\nYour Name Here\nFirstname Lastname\nAffiliation\nGrace Hopper\n",
    )
    .unwrap();
    let out = s
        .cmd()
        .args(["import", "letter", "names.txt", "--format", "text"])
        .output()
        .unwrap();
    let report = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        report.contains("2 were added, 0 skipped, 3 rejected"),
        "{report}"
    );
    assert_eq!(report.matches("a placeholder, not a name").count(), 3);
    let text = s.read("letter");
    assert!(!text.contains("Affiliation") && !text.contains("Your Name"));
}

#[test]
fn check_calls_a_placeholder_name_an_error_and_a_placeholder_link_a_warning() {
    let s = Scratch::new();
    let mut text = String::from(OPEN);
    text += &entry(
        "Grace Hopper",
        "kind = \"individual\"\nwebsite = \"https://github.com/ghost\"\n",
    );
    text += &entry(
        "Ada Lovelace",
        "kind = \"individual\"\nwebsite = \"https://github.com/\"\n",
    );
    s.write("letter", &text);
    let (exit, found) = json_codes(&s, "letter");
    assert_eq!(exit, 0, "{found:?}");
    let placeholders: Vec<_> = found.iter().filter(|f| f.0 == "placeholder").collect();
    assert_eq!(placeholders.len(), 2, "{found:?}");
    assert!(placeholders.iter().all(|f| f.1 == "warning"));
    // Two names behind one placeholder link are not one signer by it.
    assert!(
        !found
            .iter()
            .any(|f| f.0.contains("duplicate") || f.0 == "shared-website")
    );
    s.cmd()
        .args(["check", "letter", "--strict"])
        .assert()
        .code(1);

    text += &entry("Name Surname", "kind = \"individual\"\n");
    s.write("letter", &text);
    let (exit, found) = json_codes(&s, "letter");
    assert_eq!(exit, 1);
    assert!(
        found.iter().any(|f| f.0 == "placeholder"
            && f.1 == "error"
            && f.2.contains("\"Name Surname\" is a placeholder")),
        "{found:?}"
    );
}

/// Two well-known organisations are never suggested as one signer, so
/// only this rule sees that they give one site.
fn two_organisations_one_site(distinct: &str) -> String {
    let mut text = String::from(OPEN);
    text += &entry(
        "Amnesty International",
        "website = \"https://www.hrw.org/\"\n",
    );
    text += &entry(
        "Human Rights Watch",
        &format!("website = \"http://HRW.org\"\n{distinct}"),
    );
    text
}

#[test]
fn one_site_under_two_organisations_names_is_a_shared_website_warning() {
    let s = Scratch::new();
    s.write("letter", two_organisations_one_site(""));
    let (exit, found) = json_codes(&s, "letter");
    assert_eq!(exit, 0);
    let shared: Vec<_> = found.iter().filter(|f| f.0 == "shared-website").collect();
    assert_eq!(shared.len(), 1, "{found:?}");
    assert_eq!(shared[0].1, "warning");
    assert!(
        shared[0].2.contains(
            "\"Human Rights Watch\" and \"Amnesty International\" (line 5) give the same website, hrw.org"
        ),
        "{}",
        shared[0].2
    );
}

#[test]
fn distinct_from_either_way_silences_shared_website() {
    let s = Scratch::new();
    s.write("letter", two_organisations_one_site(""));
    let (_, found) = json_codes(&s, "letter");
    assert!(found.iter().any(|f| f.0 == "shared-website"), "{found:?}");
    for text in [
        two_organisations_one_site("distinct_from = [\"Amnesty International\"]\n"),
        two_organisations_one_site("").replace(
            "website = \"https://www.hrw.org/\"\n",
            "website = \"https://www.hrw.org/\"\ndistinct_from = [\"human rights watch\"]\n",
        ),
    ] {
        s.write("letter", &text);
        let (_, found) = json_codes(&s, "letter");
        assert!(
            !found.iter().any(|f| f.0 == "shared-website"),
            "{text}\n{found:?}"
        );
    }
    // `undersigned distinct` records it so.
    s.write("letter", two_organisations_one_site(""));
    s.cmd()
        .args([
            "distinct",
            "letter",
            "Amnesty International",
            "Human Rights Watch",
        ])
        .assert()
        .success();
    let (_, found) = json_codes(&s, "letter");
    assert!(!found.iter().any(|f| f.0 == "shared-website"), "{found:?}");
}

#[test]
fn a_link_duplicate_detection_already_reports_is_not_reported_twice() {
    let s = Scratch::new();
    let mut text = two_organisations_one_site("");
    // One profile under two names: the same signer, by the duplicate rules.
    text += &entry(
        "Ada Lovelace",
        "kind = \"individual\"\nwebsite = \"https://github.com/adal\"\n",
    );
    text += &entry(
        "Augusta King",
        "kind = \"individual\"\nwebsite = \"https://GitHub.com/AdaL/\"\n",
    );
    // Colleagues giving their employer's bare site: not one person's link.
    text += &entry(
        "Grace Hopper",
        "kind = \"individual\"\nwebsite = \"https://gnome.org\"\n",
    );
    text += &entry(
        "Katherine Johnson",
        "kind = \"individual\"\nwebsite = \"https://gnome.org/\"\n",
    );
    s.write("letter", &text);
    let (_, found) = json_codes(&s, "letter");
    assert!(found.iter().any(|f| f.0 == "duplicate"), "{found:?}");
    let shared: Vec<_> = found.iter().filter(|f| f.0 == "shared-website").collect();
    assert_eq!(shared.len(), 1, "{found:?}");
    assert!(
        shared[0]
            .2
            .starts_with("\"Human Rights Watch\" and \"Amnesty International\"")
    );
}

#[test]
fn no_real_signer_name_in_the_fixtures_is_a_placeholder() {
    let fixtures = manifest_dir().join("tests/fixtures");
    let mut names: Vec<String> = Vec::new();
    let lines = |file: &str| fs::read_to_string(fixtures.join(file)).unwrap();
    names.extend(
        lines("near-placeholders.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string),
    );
    for (file, columns) in [("real-pairs.tsv", 2), ("dedup-pairs.tsv", 2)] {
        for line in lines(file).lines().skip(1) {
            names.extend(line.split('\t').take(columns).map(str::to_string));
        }
    }
    names.extend(lines("published-order.txt").lines().map(str::to_string));
    assert!(names.len() > 350, "{}", names.len());
    let flagged: Vec<&String> = names.iter().filter(|n| is_placeholder(n)).collect();
    assert!(flagged.is_empty(), "{flagged:?}");
    // Initials, as a signer of a real letter wrote them, are a name.
    assert!(names.iter().any(|n| n == "N.D."));
}
