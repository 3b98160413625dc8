//! Writes that never lose a hand edit: ignore rules for what the tool leaves beside statements.

use super::write_atomic;
use crate::error::{Error, Result};
use std::fs;
use std::path::Path;

/// Makes sure `pattern` is a line of the .gitignore at `path`.
pub fn ensure_ignored(path: &Path, pattern: &str) -> Result<()> {
    let current = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::msg(format!("cannot read {}: {e}", path.display()))),
    };
    if current.lines().any(|l| l.trim() == pattern) {
        return Ok(());
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(pattern);
    text.push('\n');
    write_atomic(path, text.as_bytes())
}
