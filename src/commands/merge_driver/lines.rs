//! The line-based three-way merge of `git merge-file`, for what the driver cannot merge as signer lists.

use crate::error::{Error, Result};
use std::path::PathBuf;

/// The merged text, with conflict markers where both sides changed the same
/// lines, and whether there were any. An error when `git merge-file` could
/// not merge at all (a binary file, say): its output is then not a merge.
pub fn merge(
    ours: &[u8],
    base: &[u8],
    theirs: &[u8],
    marker_size: usize,
) -> Result<(Vec<u8>, bool)> {
    let dir = tempfile::tempdir()
        .map_err(|e| Error::msg(format!("cannot make a temporary directory: {e}")))?;
    let write = |name: &str, text: &[u8]| -> Result<PathBuf> {
        let p = dir.path().join(name);
        std::fs::write(&p, text)
            .map_err(|e| Error::msg(format!("cannot write {}: {e}", p.display())))?;
        Ok(p)
    };
    let (o, b, t) = (
        write("ours", ours)?,
        write("base", base)?,
        write("theirs", theirs)?,
    );
    let out = std::process::Command::new("git")
        .args(["merge-file", "-p", &format!("--marker-size={marker_size}")])
        .args(["-L", "ours", "-L", "base", "-L", "theirs"])
        .args([&o, &b, &t])
        .output()
        .map_err(|e| Error::msg(format!("cannot run git merge-file: {e}")))?;
    // The number of conflicts, at most 127; a negative status on error
    // reaches us as 128 and over (255 for a binary file).
    match out.status.code() {
        Some(n @ 0..=127) => Ok((out.stdout, n > 0)),
        _ => Err(Error::msg(format!(
            "git merge-file could not merge the versions: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))),
    }
}
