//! Git: a statement file as committed at an earlier revision or date (`diff`, `check --since`), and which lines each entry spans, to compare the two.

use super::{Loaded, display};
use crate::error::{Error, Result};
use std::path::Path;

/// The bytes of `path` as committed at a git revision, or `None` when the
/// file did not exist there. A date (YYYY-MM-DD) means the last commit before that day began.
pub fn committed_version(path: &Path, since: &str) -> Result<Option<Vec<u8>>> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let git = |args: &[&str]| -> Result<std::process::Output> {
        std::process::Command::new("git")
            .current_dir(dir)
            .args(args)
            .output()
            .map_err(|e| Error::msg(format!("cannot run git: {e}")))
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(Error::msg(format!(
            "{} is not in a git repository, so it has no earlier version to compare with",
            display(path)
        )));
    }
    let rev = if chrono::NaiveDate::parse_from_str(since, "%Y-%m-%d").is_ok() {
        let out = git(&[
            "rev-list",
            "-1",
            &format!("--before={since} 00:00:00"),
            "HEAD",
            "--",
            &file,
        ])?;
        if !out.status.success() {
            return Err(Error::msg(format!(
                "{} is not in a git repository with history: {}",
                display(path),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        let rev = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if rev.is_empty() {
            return Ok(None); // no commit of the file before that day
        }
        rev
    } else {
        since.to_string()
    };
    let verify = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !verify.status.success() {
        return Err(Error::msg(format!(
            "\"{}\" is neither a date (YYYY-MM-DD) nor a git revision of the repository holding {} \
             (a shallow clone lacks most revisions: fetch the history, e.g. `fetch-depth: 0` on GitHub Actions)",
            crate::text::visible(since),
            display(path)
        )));
    }
    let out = git(&["show", &format!("{rev}:./{file}")])?;
    Ok(out.status.success().then_some(out.stdout))
}

impl Loaded {
    /// The line each entry starts on: its `[[signatory]]` header, or its
    /// name in an inline array. A finding on any line from there to the next
    /// entry's start is about that entry; one above the first is about the
    /// statement.
    pub fn entry_lines(&self) -> Vec<usize> {
        let headers: Vec<usize> = self
            .text()
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[["))
            .map(|(i, _)| i + 1)
            .collect();
        let mut out = Vec::with_capacity(self.statement.signatories.len());
        let mut prev = 0;
        for s in &self.statement.signatories {
            let line = s.pos.line;
            // The last header at or above the name, if it is below the previous entry's name.
            let at = headers.partition_point(|&h| h <= line);
            let start = match at.checked_sub(1).map(|k| headers[k]) {
                Some(h) if h > prev => h,
                _ => line,
            };
            out.push(start.max(prev));
            prev = line;
        }
        out
    }

    /// Each entry's lines, as `entry_lines` places them, less the blank
    /// lines that end it: an entry's text, wherever it stands. The blank
    /// lines go because they part it from what follows, so appending an
    /// entry after the last one does not change that one's text.
    pub fn entry_texts(&self) -> Vec<Vec<&str>> {
        let lines: Vec<&str> = self.text().lines().collect();
        let starts = self.entry_lines();
        (0..starts.len())
            .map(|i| {
                let from = starts[i].saturating_sub(1).min(lines.len());
                // Entries written on one line share it.
                let to = starts
                    .get(i + 1)
                    .map_or(lines.len(), |&next| (next - 1).max(from + 1))
                    .min(lines.len());
                let mut text = lines[from..to].to_vec();
                while text.last().is_some_and(|l| l.trim().is_empty()) {
                    text.pop();
                }
                text
            })
            .collect()
    }
}
