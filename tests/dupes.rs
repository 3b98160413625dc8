//! Duplicate detection through the command line: dupes, add, check, import, merge and distinct.

mod common;

use common::{Scratch, stderr, stdout};

fn statement(s: &Scratch, names: &[&str]) {
    let mut t = String::from("title = \"T\"\nstatus = \"open\"\n");
    for n in names {
        t.push_str(&format!("\n[[signatory]]\nname = \"{n}\"\n"));
    }
    s.write("d", t);
}

#[test]
fn dupes_lists_certain_and_possible_groups_with_reasons() {
    let s = Scratch::new();
    // Invented names: the rules, not a list of known pairs, decide.
    statement(
        &s,
        &[
            "Coalition for Fair Harbours",
            "coalition for fair harbours.",
            "Fair Harbours Coalition",
            "Fair Harbours Coalition Norway",
            "Green Delta Trust",
        ],
    );
    let out = s
        .cmd()
        .args(["dupes", "d", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "something found is exit 1");
    let groups: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = groups.as_array().unwrap();
    let certain: Vec<_> = groups.iter().filter(|g| g["tier"] == "certain").collect();
    assert_eq!(certain.len(), 1, "{groups:?}");
    assert_eq!(
        certain[0]["names"],
        serde_json::json!([
            "Coalition for Fair Harbours",
            "coalition for fair harbours."
        ])
    );
    assert!(certain[0]["reason"].as_str().unwrap().len() > 10);
    let possible: Vec<_> = groups.iter().filter(|g| g["tier"] == "possible").collect();
    assert!(
        possible.iter().any(|g| g["names"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "Fair Harbours Coalition")),
        "word order is a possible duplicate: {groups:?}"
    );
    assert!(
        !groups.iter().any(|g| g["names"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "Fair Harbours Coalition Norway")),
        "a national chapter is a different signer: {groups:?}"
    );
    let human = stdout(&s.cmd().args(["dupes", "d"]).output().unwrap());
    assert!(human.starts_with("certain: "), "{human}");
    statement(&s, &["Alpha Trust", "Beta Foundation"]);
    s.cmd().args(["dupes", "d"]).assert().code(0);
}

#[test]
fn add_refuses_a_certain_duplicate_and_warns_about_a_possible_one() {
    let s = Scratch::new();
    statement(&s, &["Tamarind Centre for Press Freedom"]);
    let out = s
        .cmd()
        .args(["add", "d", "Tamarind Center for Press Freedom"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "Centre/Center is certain");
    assert!(
        stderr(&out).contains("already a signatory"),
        "{}",
        stderr(&out)
    );
    let out = s
        .cmd()
        .args(["add", "d", "Press Freedom Tamarind Centre"])
        .output()
        .unwrap();
    assert!(out.status.success(), "a possible duplicate is added");
    assert!(
        stderr(&out).contains("may be the same signer"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("undersigned distinct"));
    let out = s
        .cmd()
        .args(["add", "d", "Tamarind Centre for Press Freedom Kenya"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !stderr(&out).contains("may be the same"),
        "a chapter is not suggested: {}",
        stderr(&out)
    );
}

#[test]
fn check_reports_certain_duplicates_as_errors_and_possible_ones_as_warnings() {
    let s = Scratch::new();
    statement(
        &s,
        &[
            "Lantern Network for Justice",
            "Lantern Netwrok for Justice",
            "LANTERN NETWORK FOR JUSTICE",
        ],
    );
    let out = s.cmd().args(["check", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let t = stdout(&out);
    assert!(t.contains("error[duplicate]"), "{t}");
    assert!(
        t.contains("warning[possible-duplicate]"),
        "a typo is a possible duplicate: {t}"
    );
}

#[test]
fn merge_folds_one_entry_into_another_and_remembers_the_variant() {
    let s = Scratch::new();
    s.write(
        "d",
        "title = \"T\"\nstatus = \"open\"\n\n[[signatory]]\nname = \"Lantern Network\"\nsigned = 2023-09-10\n\n[[signatory]]\nname = \"Lanterns for Justice Network\"\ncountry = \"KE\"\nwebsite = \"https://lantern.example.org\"\nsigned = 2023-09-05\n",
    );
    s.cmd()
        .args([
            "add",
            "d",
            "Lanterns Network",
            "--email",
            "keep-me@private.invalid",
            "--force",
        ])
        .assert()
        .success();
    s.cmd()
        .args(["merge", "d", "Lantern Network", "Lanterns Network"])
        .assert()
        .success();
    s.cmd()
        .args([
            "merge",
            "d",
            "Lantern Network",
            "Lanterns for Justice Network",
        ])
        .assert()
        .success();
    let t = s.read("d");
    assert_eq!(t.matches("[[signatory]]").count(), 1, "{t}");
    assert!(t.contains("name = \"Lantern Network\""));
    assert!(t.contains("signed = 2023-09-05"), "the earliest date: {t}");
    assert!(t.contains("country = \"KE\""), "empty fields filled: {t}");
    assert!(
        t.contains("aliases = [\"Lanterns Network\", \"Lanterns for Justice Network\"]"),
        "{t}"
    );
    let private = std::fs::read_to_string(s.dir().join("d.private.toml")).unwrap();
    assert!(
        private.contains("signatory = \"Lantern Network\""),
        "the contact follows: {private}"
    );
    // The recorded variant is recognised next time.
    let out = s
        .cmd()
        .args(["add", "d", "Lanterns for Justice Network"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    s.cmd()
        .args(["merge", "d", "Lantern Network", "Nobody"])
        .assert()
        .code(2);
}

#[test]
fn distinct_records_a_reviewed_pair_so_it_is_never_suggested_again() {
    let s = Scratch::new();
    statement(
        &s,
        &["Initiative Media Defence", "Media Defence Initiative"],
    );
    let out = s.cmd().args(["dupes", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    s.cmd()
        .args([
            "distinct",
            "d",
            "Media Defence Initiative",
            "Initiative Media Defence",
        ])
        .assert()
        .success();
    assert!(
        s.read("d")
            .contains("distinct_from = [\"Initiative Media Defence\"]")
    );
    s.cmd().args(["dupes", "d"]).assert().code(0);
    s.cmd().args(["check", "d"]).assert().success();
}

#[test]
fn import_skips_certain_duplicates_and_reports_possible_ones() {
    let s = Scratch::new();
    statement(&s, &["Harbour Watch International"]);
    let out = s
        .cmd()
        .args(["import", "d", "-", "--format", "text"])
        .write_stdin("Harbour Watch Intl.\nInternational Harbour Watch\nQuay Rights Forum\n")
        .output()
        .unwrap();
    let t = stdout(&out);
    assert!(t.contains("2 were added, 1 skipped"), "{t}");
    assert!(
        t.contains("possible duplicate of \"Harbour Watch International\""),
        "{t}"
    );
}

#[test]
fn transliteration_keeps_numbers_so_numbered_groups_in_another_script_differ() {
    // Regression: the transliteration key dropped digits and Latin words, so every
    // "Центр … 12" matched every "Центр … 13" and big lists drowned in suggestions.
    let s = Scratch::new();
    statement(
        &s,
        &["Центр правовой помощи 12", "Центр правовой помощи 13"],
    );
    let out = s.cmd().args(["dupes", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Traditional and Simplified Chinese spellings of one name still meet.
    statement(&s, &["人權觀察協會", "人权观察协会"]);
    let out = s.cmd().args(["dupes", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[path = "../examples/support/generate.rs"]
mod generate;

/// `import` matches its rows in turn through one index of the list and all
/// rows; `add` and `who` match one signer by scanning the list. Each row
/// must get what a scan of the list and the rows taken in before it gets:
/// the same entries, tiers and reasons, on lists big enough to be scanned on
/// several cores or not, with exact, varied and unrelated rows, copies of
/// rows, and more rows of one shape than a capped block holds.
#[test]
fn matching_rows_in_turn_finds_what_scanning_the_list_and_rows_taken_before_finds() {
    use undersigned::dedupe::{Tier, match_in_turn, match_new};
    use undersigned::model::Signatory;
    // 4,100 is past the size where the scan is split over cores.
    for (n, seed, every) in [(600, 7, 40), (4100, 8, 1400)] {
        let text = generate::statement(n, seed);
        let st = undersigned::schema::read_lean("g.toml", &text)
            .expect("generated statements are read the fast way")
            .statement;
        let list = &st.signatories;
        let mut rows: Vec<Signatory> = Vec::new();
        for (i, s) in list.iter().enumerate().step_by(every) {
            let words: Vec<&str> = s.name.split(' ').collect();
            rows.push(s.clone());
            rows.push(Signatory::new(s.name.to_lowercase()));
            rows.push(Signatory::new(words[1..].join(" ")));
            rows.push(Signatory::new(format!("{} UK", s.name)));
            rows.push(Signatory::new(s.name.replacen('e', "", 1)));
            if let Some(a) = &s.acronym {
                rows.push(Signatory::new(&**a));
            }
            rows.push(Signatory::new(format!("Unrelated Body {i}")));
            // The same new body twice, the second time misspelt.
            rows.push(Signatory::new(format!("Harbour Watch Collective {i}")));
            rows.push(Signatory::new(format!("Harbuor Watch Collective {i}")));
        }
        // One shape, past the cap: a word misspelt at its first letter
        // shares only the block of the rest and the last letters, which is
        // read while it holds few enough of the entries taken in before.
        // (On the short list: each row is checked by scanning the list.)
        let shape = if n < 1000 { 40 } else { 0 };
        for (k, syllable) in ["Al", "Bo", "Ci", "Du", "Ef", "Ga", "Ho", "Ik", "Jo", "Ku"]
            .iter()
            .cycle()
            .take(shape)
            .enumerate()
        {
            let word = format!("{syllable}{}nder", ["a", "e", "o", "u"][k / 10]);
            rows.push(Signatory::new(format!(
                "Comité de vigilance citoyenne {word}"
            )));
            if k % 3 == 0 {
                let typo = format!("Z{}", &word[1..]);
                rows.push(Signatory::new(format!(
                    "Comité de vigilance citoyenne {typo}"
                )));
            }
        }

        let mut in_turn = Vec::new();
        match_in_turn(list, &rows, |j, matches| {
            let take = !matches.iter().any(|m| m.1 == Tier::Certain);
            in_turn.push((j, matches));
            take
        });
        assert_eq!(in_turn.len(), rows.len());
        // The same, one row at a time: the list and the rows taken so far,
        // scanned; a row taken in is `list.len() + its row`.
        let mut so_far = list.clone();
        let mut row_of: Vec<usize> = Vec::new();
        let (mut found, mut skipped) = (0, 0);
        for (j, row) in rows.iter().enumerate() {
            let scanned: Vec<(usize, Tier, String)> = match_new(&so_far, row)
                .into_iter()
                .map(|(i, t, r)| match i.checked_sub(list.len()) {
                    Some(k) => (list.len() + row_of[k], t, r),
                    None => (i, t, r),
                })
                .collect();
            assert_eq!(
                in_turn[j],
                (j, scanned.clone()),
                "{n} signers, row {:?}",
                row.name
            );
            found += scanned.len();
            if scanned.iter().any(|m| m.1 == Tier::Certain) {
                skipped += 1;
            } else {
                so_far.push(row.clone());
                row_of.push(j);
            }
        }
        assert!(
            found > rows.len() / 2,
            "the rows should find matches: {found}"
        );
        assert!(
            skipped > 0 && skipped < rows.len(),
            "{skipped} rows skipped"
        );
    }
}

/// "Name: Place" is a chapter, not an alias of "Name": `add` used to refuse
/// a second chapter as a certain duplicate of the first.
#[test]
fn add_accepts_a_second_chapter_named_by_a_place_tagline() {
    let s = Scratch::new();
    statement(&s, &["Friends of the Earth: Scotland"]);
    let out = s
        .cmd()
        .args(["add", "d", "Friends of the Earth: Cymru"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(s.read("d").contains("Friends of the Earth: Cymru"));
}

/// On a list of people, two entries of one name are possible duplicates
/// (homonyms are frequent), unless their links differ; one link is one
/// person whatever the names.
#[test]
fn dupes_on_people_keeps_homonyms_possible_and_a_shared_link_certain() {
    let s = Scratch::new();
    let mut t = String::from("title = \"T\"\nstatus = \"open\"\n");
    for (name, link) in [
        ("Kay Marquardt", ""),
        ("Kay Marquardt", ""),
        ("Jared Smith", "https://github.com/sublimecoder"),
        ("Jared Smith", "https://github.com/jaredsmithse"),
        ("Teo Schulze", "https://github.com/7h3730B"),
        ("7h3730b", "https://github.com/7h3730b/"),
        ("Tim Meyer", ""),
        ("TM", ""),
    ] {
        t.push_str(&format!(
            "\n[[signatory]]\nname = \"{name}\"\nkind = \"individual\"\n"
        ));
        if !link.is_empty() {
            t.push_str(&format!("website = \"{link}\"\n"));
        }
    }
    s.write("d", t);
    let out = s
        .cmd()
        .args(["dupes", "d", "--format", "json"])
        .output()
        .unwrap();
    let groups: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = |tier: &str| -> Vec<serde_json::Value> {
        groups
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["tier"] == tier)
            .map(|g| g["names"].clone())
            .collect()
    };
    assert_eq!(
        names("certain"),
        [serde_json::json!(["Teo Schulze", "7h3730b"])],
        "{groups:#}"
    );
    assert_eq!(
        names("possible"),
        [serde_json::json!(["Kay Marquardt", "Kay Marquardt"])],
        "{groups:#}"
    );
}
