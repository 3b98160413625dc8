//! Where the statements are: the directory found from the working directory, and the file a STATEMENT argument names.

use crate::error::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name of the directory looked for, as git looks for `.git`.
const STATEMENTS: &str = "statements";

/// The statements directory: `--dir` (or `UNDERSIGNED_DIR`) when given,
/// else the nearest `statements/` in the working directory or above it.
///
/// The walk stops at the repository root (a directory holding `.git`,
/// a folder or the file of a worktree), so a statements folder of an
/// enclosing project is never picked up; with nothing found it is
/// `statements` here, where `new` creates it and other commands say it is missing.
pub fn statements_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    let Ok(cwd) = std::env::current_dir() else {
        return PathBuf::from(STATEMENTS);
    };
    found_from(&cwd).unwrap_or_else(|| PathBuf::from(STATEMENTS))
}

/// `statements`, `../statements`, `../../statements` … for the nearest
/// ancestor of `start` holding a `statements` directory, up to the repository root.
///
/// Relative, so that the paths printed read as paths from where the user
/// stands, as git prints them.
fn found_from(start: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::new();
    for dir in start.ancestors() {
        if dir.join(STATEMENTS).is_dir() {
            return Some(up.join(STATEMENTS));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

/// A STATEMENT argument: a path when it holds a separator; a bare
/// `<id>.toml` is the file in the working directory when there is one,
/// else `<dir>/<id>.toml`; anything else is an id, `<dir>/<id>.toml`.
pub fn resolve(dir: &Path, arg: &str) -> PathBuf {
    let p = Path::new(arg);
    if p.components().count() > 1 {
        return p.to_path_buf();
    }
    if arg.ends_with(".toml") {
        // A file name given as the shell completed it here is that file.
        if p.exists() {
            return p.to_path_buf();
        }
        return dir.join(arg);
    }
    dir.join(format!("{arg}.toml"))
}

/// The statements named on the command line, with private contacts files
/// left out and a note for each: a glob such as `statements/*.toml` names
/// them too, and they hold contact details, not a statement.
pub fn named_statements(dir: &Path, named: &[String], err: &mut dyn Write) -> Result<Vec<PathBuf>> {
    let mut out = Vec::with_capacity(named.len());
    for arg in named {
        let path = resolve(dir, arg);
        if crate::store::is_private(&path) {
            writeln!(
                err,
                "note: skipped {}: a private contacts file, not a statement",
                crate::store::display(&path)
            )?;
            continue;
        }
        out.push(path);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_stops_at_the_repository_root() {
        let tmp = tempfile::TempDir::new().unwrap();
        let outer = tmp.path();
        std::fs::create_dir(outer.join(STATEMENTS)).unwrap();
        let repo = outer.join("repo");
        std::fs::create_dir_all(repo.join("site/sub")).unwrap();
        std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(found_from(&repo.join("site/sub")), None);
        std::fs::create_dir(repo.join(STATEMENTS)).unwrap();
        assert_eq!(
            found_from(&repo.join("site/sub")),
            Some(PathBuf::from("../../statements"))
        );
        assert_eq!(found_from(&repo), Some(PathBuf::from(STATEMENTS)));
    }
}
