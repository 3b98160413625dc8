//! Reading a folder of one file per signer, as open-letter repositories keep them: every file under it, sorted by path.

use super::{display, read_regular};
use crate::error::{Error, Result};
use std::fs;
use std::path::Path;

/// One file of the folder: its path from the folder (`/` between parts), and
/// its bytes when it is one the caller reads.
pub struct FolderFile {
    pub path: String,
    pub bytes: Option<Vec<u8>>,
}

/// Whether `path` names a folder (followed through a link, as the user named it).
pub fn is_folder(path: &str) -> bool {
    path != "-" && Path::new(path).is_dir()
}

/// Every file under `root`, in the order of their paths, so an import of the
/// same folder reads the same rows on every machine. Folders whose names start
/// with a dot (`.git`, `.github`) are not entered; links inside the folder are
/// listed but never followed, so nothing outside it is read. A file is read
/// only when `wanted` says so.
pub fn folder_files(root: &Path, wanted: impl Fn(&str) -> bool) -> Result<Vec<FolderFile>> {
    let mut found = Vec::new();
    walk(root, "", &mut found)?;
    found.sort_by(|a: &(String, bool), b| a.0.cmp(&b.0));
    found
        .into_iter()
        .map(|(path, regular)| {
            let bytes = if regular && wanted(&path) {
                let full = root.join(&path);
                let b = read_regular(&full)
                    .map_err(|e| Error::msg(format!("cannot read {}: {e}", display(&full))))?;
                Some(b)
            } else {
                None
            };
            Ok(FolderFile { path, bytes })
        })
        .collect()
}

/// The files under `dir` (`prefix` being its path from the root), each with
/// whether it is a regular file.
fn walk(dir: &Path, prefix: &str, found: &mut Vec<(String, bool)>) -> Result<()> {
    let cannot = |e: std::io::Error| Error::msg(format!("cannot read {}: {e}", display(dir)));
    for entry in fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        let ty = entry.file_type().map_err(cannot)?;
        if ty.is_dir() {
            if !name.starts_with('.') {
                walk(&entry.path(), &format!("{path}/"), found)?;
            }
        } else {
            found.push((path, ty.is_file()));
        }
    }
    Ok(())
}
