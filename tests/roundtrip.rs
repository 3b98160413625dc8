//! Format preservation: a load and save that changes nothing changes no byte, and writes are safe.

mod common;

use common::{SEED, Scratch, fixture, manifest_dir};
use undersigned::model::Signatory;
use undersigned::store;

fn layouts() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read(
        manifest_dir()
            .join("statements")
            .join(format!("{SEED}.toml")),
    )
    .unwrap();
    vec![
        ("seed", seed),
        ("commented", fixture("commented.toml").into_bytes()),
        (
            "crlf-bom",
            "\u{feff}# c\r\ntitle = \"T\"\r\n\r\n[[signatory]]\r\nname = \"A\"\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "inline",
            b"title = \"T\"\nsignatory = [ { name = \"A\" },\n  {name=\"B\"} ] # tail\n".to_vec(),
        ),
        (
            "no-final-newline",
            b"title = \"T\"\n[[signatory]]\nname = \"A\"".to_vec(),
        ),
        (
            "dotted-and-literal",
            b"title = 'T'\n\n[[signatory]]\nname = '''It's \"quoted\"'''\n".to_vec(),
        ),
    ]
}

#[test]
fn a_no_op_save_changes_no_byte_in_any_layout() {
    let s = Scratch::new();
    for (id, bytes) in layouts() {
        let path = s.write(id, &bytes);
        let loaded = store::load(&path).unwrap_or_else(|f| panic!("{id}: {}", f.message));
        assert!(
            loaded.errors().next().is_none(),
            "{id}: {:?}",
            loaded.findings
        );
        assert_eq!(loaded.render().as_bytes(), bytes.as_slice(), "{id}");
        loaded.save().unwrap();
        assert_eq!(s.bytes(id), bytes, "{id}");
    }
}

#[test]
fn an_insert_changes_only_the_bytes_of_the_new_entry() {
    let s = Scratch::new();
    for (id, bytes) in layouts() {
        let path = s.write(id, &bytes);
        let mut loaded = store::load(&path).unwrap();
        let n = loaded.statement.signatories.len();
        loaded.insert_signatory(n, &Signatory::new("Zzz New Signer"));
        let after = loaded.render();
        let before = String::from_utf8(bytes.clone()).unwrap();
        // Everything before the new entry is untouched, byte for byte.
        let at = after.find("Zzz New Signer").unwrap();
        let head = &after[..at];
        let common = before
            .bytes()
            .zip(head.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let last_entry = before.rfind('A').or_else(|| before.rfind('B')).unwrap_or(0);
        assert!(
            common > last_entry,
            "{id}: changed before the insertion point:\n{after}"
        );
        // And the result reads back with the new signer in it.
        std::fs::write(&path, &after).unwrap();
        let again = store::load(&path).unwrap();
        assert_eq!(again.statement.signatories.len(), n + 1, "{id}");
        assert_eq!(
            again.statement.signatories[n].name, "Zzz New Signer",
            "{id}"
        );
    }
}

#[test]
fn a_save_is_refused_when_the_file_changed_on_disk_since_it_was_read() {
    let s = Scratch::with_seed();
    let mut loaded = store::load(&s.path(SEED)).unwrap();
    loaded.insert_signatory(0, &Signatory::new("AAA"));
    let hand_edit = s.read(SEED).replace("PEN Canada", "PEN Canada Centre");
    std::fs::write(s.path(SEED), &hand_edit).unwrap();
    let err = loaded.save().unwrap_err().to_string();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(s.read(SEED), hand_edit, "the hand edit is kept");
}

#[cfg(unix)]
#[test]
fn an_atomic_write_keeps_the_file_mode_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::with_seed();
    let path = s.path(SEED);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    let mut loaded = store::load(&path).unwrap();
    loaded.insert_signatory(0, &Signatory::new("AAA"));
    loaded.save().unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
    let names: Vec<String> = std::fs::read_dir(s.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n == "huang-wang-2023.toml" || n.ends_with(".lock")),
        "{names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_write_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let s = Scratch::with_seed();
    let real = s.tmp.path().join("real.toml");
    std::fs::rename(s.path(SEED), &real).unwrap();
    std::os::unix::fs::symlink(&real, s.path(SEED)).unwrap();
    s.cmd().args(["add", SEED, "AAA Org"]).assert().success();
    assert!(
        std::fs::symlink_metadata(s.path(SEED))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("AAA Org"));
}

/// `fmt` wrote the statement's keys from a list of its own, so a key added
/// to the table (as `require_evidence` was) could be dropped by `fmt`
/// unless that list was edited too. Every key of the table survives it.
#[test]
fn fmt_keeps_every_statement_key_of_the_table() {
    let text = "title = \"T\"\ndate = 2025-03-01\nstatus = \"open\"\ndeadline = 2025-04-01T18:00:00+02:00\nlanguage = \"fr\"\nurl = \"https://example.net/letter\"\ncollation = \"fr\"\nignore_articles = true\nindividuals_by = \"name\"\nrequire_evidence = true\n\n[[signatory]]\nname = \"Amnistie internationale\"\nevidence = \"https://amnesty.example.net/post\"\n";
    for k in undersigned::model::fields::STATEMENT_KEYS {
        assert!(
            *k == "signatory" || text.contains(&format!("\n{k} = ")) || text.starts_with(k),
            "the test's statement gives no `{k}`: add it"
        );
    }
    let s = Scratch::new();
    let path = s.write("k", text);
    let before = store::load(&path).unwrap();
    s.cmd().args(["fmt", "k"]).assert().success();
    let after = store::load(&path).unwrap();
    assert!(
        after.statement.same_keys(&before.statement),
        "{}",
        s.read("k")
    );
}
