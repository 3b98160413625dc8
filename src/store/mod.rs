//! The only disk access: read and parse statement files with spans, edit them with toml_edit, write atomically under a lock.

use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use crate::model::Statement;
use crate::schema;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::DocumentMut;

mod open;
pub use open::{check_regular, read_regular, stays_in};
mod disk;
mod folder;
pub use folder::{FolderFile, folder_files, is_folder};
mod edit;
mod git;
mod layout;
mod leftovers;
mod private;
mod read;

pub use disk::write_private;
pub use git::committed_version;
pub use leftovers::{IGNORE_RULES, ensure_ignore_rules, leftovers};
pub use private::{Private, is_private, load_private, private_path};
pub use read::{load, parse, semantic};

const BOM: &str = "\u{feff}";

/// A statement file as read: its bytes, its layout and its parsed content.
#[derive(Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// The path as the user named it, for messages.
    pub name: String,
    pub statement: Statement,
    /// Schema problems; errors among them make the file unusable for edits.
    pub findings: Vec<Finding>,
    /// The file as read, BOM and all: the text (`text()`) is borrowed from
    /// it rather than copied, and a save compares the file on disk with it.
    original: String,
    /// The text after an entry was added by splicing (`spliced`), less any
    /// BOM. Nothing reports positions after an edit.
    edited: Option<String>,
    bom: bool,
    /// Whether the last line ends with a line break (toml_edit always adds one).
    final_newline: bool,
    /// The toml_edit document, parsed when first needed: reading a file
    /// of the usual shape does not build one (`schema::read_lean`), and only
    /// edits and layout-aware commands need it. Kept parsed once built.
    doc: std::sync::OnceLock<DocumentMut>,
    /// Whether the document was edited since it was read. toml_edit writes
    /// every line break as LF, so a file that mixes CRLF and LF can only be
    /// given back byte for byte by not writing it out again at all.
    dirty: bool,
    /// Byte offsets where lines start, computed when a finding needs them.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Where the entries are in `text`, while no document has been built.
    layout: Option<schema::Layout>,
}

/// How a path is shown in messages: as the user gave it, escaped as names
/// are, so that a file name cannot drive the terminal.
pub fn display(path: &Path) -> String {
    crate::text::visible(&path.display().to_string())
}

impl Loaded {
    /// The file as it would be written now, with the original BOM and line endings.
    pub fn render(&self) -> String {
        if self.dirty && self.doc.get().is_none() {
            // Edited by splicing: the text is the result.
            let mut text = self.text().to_string();
            if self.bom {
                text.insert_str(0, BOM);
            }
            return text;
        }
        if !self.dirty {
            // Nothing was changed: the file as read, whatever its line endings.
            return self.original.clone();
        }
        let mut text = self.doc().to_string();
        if !self.final_newline && text.ends_with('\n') {
            text.pop();
        }
        if self.crlf() {
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if self.bom {
            text.insert_str(0, BOM);
        }
        text
    }

    /// Writes the edited file atomically, unless it changed on disk since it
    /// was read (an edit by hand or by another tool), which it never
    /// overwrites, not even one made while it is being written (`disk`).
    pub fn save(&self) -> Result<()> {
        self.save_with(None)
    }
}

/// An exclusive lock on a sidecar file beside `path`, held until dropped.
/// The data file itself is never locked: a rename would leave the lock behind.
pub struct Lock {
    _file: File,
}

pub fn lock(path: &Path) -> Result<Lock> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_path = path.with_file_name(format!(".{name}.lock"));
    let shown = display(&lock_path);
    let file = open::open_lock(&lock_path)
        .map_err(|e| Error::msg(format!("cannot create lock file {shown}: {e}")))?;
    file.lock()
        .map_err(|e| Error::msg(format!("cannot lock {shown}: {e}")))?;
    Ok(Lock { _file: file })
}

/// Writes `bytes` to `path` so that a crash leaves the old file or the new
/// one, never part of one: temporary file in the same directory, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] with the content written by `fill`. If `fill` fails, the
/// temporary file is discarded and the original is left exactly as it was.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    // Write through a symlink to its target rather than replacing the link.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let fail = |e: std::io::Error| Error::msg(format!("cannot write {}: {e}", display(path)));
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&target)
        .map_err(fail)?;
    fill(&mut file).map_err(fail)?;
    file.commit().map_err(fail)
}

/// Creates `path` with `bytes`; refuses if it exists.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|e| Error::msg(format!("cannot create {}: {e}", display(dir))))?;
    }
    let _lock = lock(path)?;
    if path.exists() {
        return Err(Error::msg(format!(
            "{} already exists; not overwriting it",
            display(path)
        )));
    }
    write_atomic(path, bytes)
}

/// Statement files in a directory: `*.toml`, not hidden, not private, sorted
/// by name. Anything so named but a directory is listed, so that a FIFO or a
/// broken link is reported when read rather than passed over in silence.
pub fn statements_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Error::msg(format!("cannot read directory {}: {e}", display(dir))))?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !p.is_dir() && n.ends_with(".toml") && !n.starts_with('.') && !is_private(p)
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The bytes of an input file, or of standard input for `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| Error::msg(format!("cannot read standard input: {e}")))?;
        return Ok(buf);
    }
    read_regular(Path::new(path))
        .map_err(|e| Error::msg(format!("cannot read {}: {e}", display(Path::new(path)))))
}

/// Reads an entire file, for commands that compare against one (never statements).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::msg(format!("cannot read {}: {e}", display(path))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_op_render_keeps_mixed_line_endings() {
        // Mostly CRLF with two LF lines: the CRLF majority must not rewrite
        // the LFs when nothing was edited.
        let bytes = b"title = \"A\"\r\n\r\n# added by hand\n[[signatory]]\nname = \"B\"\r\n\r\n";
        let loaded = parse(Path::new("s.toml"), bytes.to_vec()).unwrap();
        assert!(loaded.errors().next().is_none(), "{:?}", loaded.findings);
        assert_eq!(loaded.render().as_bytes(), bytes.as_slice());
    }
}
