//! Unit tests of the save's failure branches that the binary cannot be driven into.

use super::*;
use crate::store::leftovers::{is_temp_of, leftovers};

/// A save of `dir/s.toml` from "old" to "new", swapped in by exchange.
fn exchanged<'a>(job: &'a Replace<'a>) -> Swapped<'a> {
    let mut staged = Staged::new(job).unwrap();
    staged.check().unwrap();
    let swapped = staged.swap_in().unwrap();
    assert!(matches!(swapped.how, How::Exchanged), "no exchange here");
    swapped
}

/// Review finding: when swapping back failed, the hand-edited text was said
/// to be "kept in" the `.s.toml.XXXXXX` temporary name, which the next save
/// sweeps away. It must be copied to a conflict copy, which nothing removes.
#[test]
fn a_hand_edit_that_cannot_be_swapped_back_is_kept_in_a_conflict_copy() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("s.toml");
    fs::write(&path, "old").unwrap();
    let job = Replace {
        path: &path,
        name: "s.toml",
        bytes: b"new".to_vec(),
        expected: Some(b"old"),
        mode: None,
    };
    let swapped = exchanged(&job);
    // The hand edit now sits under the temporary name; with the path gone,
    // the exchange back fails.
    fs::write(&swapped.temp, "hand edit").unwrap();
    fs::remove_file(&path).unwrap();
    let note = swapped.undo().expect("a note on where the edit is");
    let aside = leftovers(&path)
        .into_iter()
        .find(|p| file_name(p).starts_with("s.toml.conflict-"))
        .unwrap_or_else(|| panic!("no conflict copy: {note}"));
    assert!(note.contains(&file_name(&aside)), "{note}");
    let later = SystemTime::now() + std::time::Duration::from_secs(5);
    remove_leftovers(&path, later);
    assert_eq!(fs::read_to_string(&aside).unwrap(), "hand edit", "{note}");
}

#[test]
fn the_sweep_takes_only_suffixes_a_person_would_not_choose() {
    for ours in ["Ab12Cd", "x9Y0zz", "0aZ000"] {
        assert!(is_random_suffix(ours), "{ours}");
    }
    for theirs in [
        "backup", "BACKUP", "Backup", "bak001", "COPY01", "Ab12C", "Ab12Cd7",
    ] {
        assert!(!is_random_suffix(theirs), "{theirs}");
    }
}

#[test]
fn our_temporary_names_are_always_swept() {
    let dir = tempfile::TempDir::new().unwrap();
    let target = dir.path().join("s.toml");
    for _ in 0..50 {
        let (temp, _) = create_temp(&target, 0o600).unwrap();
        let name = file_name(&temp);
        assert!(is_temp_of(&name, "s.toml"), "{name}");
        assert!(is_random_suffix(&name[".s.toml.".len()..]), "{name}");
    }
    remove_leftovers(
        &target,
        SystemTime::now() + std::time::Duration::from_secs(5),
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}
