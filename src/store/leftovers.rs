//! What writes can leave behind: the ignore rules that keep it out of git, and the leftovers `check` reports and a save sweeps.

use super::disk::{file_name, io_error};
use super::write_atomic;
use crate::error::Result;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Whether `name` is `.<base>.XXXXXX`: a temporary file of `base`.
pub(super) fn is_temp_of(name: &str, base: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_prefix(base))
        .and_then(|n| n.strip_prefix('.'))
        .is_some_and(|s| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether a temporary file's suffix is one the sweep may take as ours: it
/// mixes upper-case and lower-case letters and digits. Our own suffixes
/// always do (`create_temp` draws again until one does), as most of
/// atomic-write-file's random ones do; a name a person gives a copy, such as
/// `.s.toml.backup`, `.s.toml.BACKUP` or `.s.toml.bak001`, does not, and is
/// never removed. An unswept leftover is still reported by `check`.
pub(super) fn is_random_suffix(s: &str) -> bool {
    let has = |f: fn(&u8) -> bool| s.as_bytes().iter().any(f);
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_alphanumeric())
        && has(u8::is_ascii_uppercase)
        && has(u8::is_ascii_lowercase)
        && has(u8::is_ascii_digit)
}

/// Temporary files an interrupted write left beside a statement or its
/// contacts, and conflict copies kept from a refused save: what `check` warns of.
pub fn leftovers(statement: &Path) -> Vec<PathBuf> {
    let private = super::private_path(statement);
    let bases = [file_name(statement), file_name(&private)];
    let dir = statement
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            bases.iter().any(|b| {
                is_temp_of(&n, b)
                    || n.strip_prefix(b.as_str())
                        .is_some_and(|r| r.starts_with(".conflict-"))
            })
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    found.sort();
    found
}

/// Removes temporary files of `path` (statement or contacts) older than this
/// save. Writers hold the statement's lock, which this one holds now, so
/// such a file belongs to a writer that died: a full copy of the list or of
/// the contacts, which must not linger. Conflict copies are never removed,
/// nor any file whose name a person may have chosen (`is_random_suffix`),
/// nor anything but a regular file.
pub(super) fn remove_leftovers(path: &Path, started: SystemTime) {
    let base = file_name(path);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let older = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < started);
        let name = e.file_name().to_string_lossy().into_owned();
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        let certainly_ours =
            is_temp_of(&name, &base) && name.rsplit('.').next().is_some_and(is_random_suffix);
        if older && regular && certainly_ours {
            let _ = fs::remove_file(dir.join(e.file_name()));
        }
    }
}

/// What `statements/.gitignore` must hold: lock files; contacts files, their
/// temporary files and conflict copies; temporary files of statements and of
/// the .gitignore itself (`.<name>.XXXXXX`, see `create_temp`).
pub const IGNORE_RULES: [&str; 5] = [
    ".*.lock",
    "*.private.toml",
    "*.private.toml.*",
    ".*.toml.??????",
    "..gitignore.??????",
];

/// Adds the missing [`IGNORE_RULES`] to `dir/.gitignore`, creating it when
/// `create` is set (a contacts file is being written), else only when it exists.
pub fn ensure_ignore_rules(dir: &Path, create: bool) -> Result<()> {
    let path = dir.join(".gitignore");
    let current = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound && create => String::new(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error("read", &path, &e)),
    };
    let missing: Vec<&str> = IGNORE_RULES
        .into_iter()
        .filter(|r| !current.lines().any(|l| l.trim() == *r))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for rule in missing {
        text.push_str(rule);
        text.push('\n');
    }
    write_atomic(&path, text.as_bytes())
}
