//! Git: a statement file as committed at an earlier revision or date.

use super::display;
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
            "\"{since}\" is neither a date (YYYY-MM-DD) nor a git revision of the repository holding {}",
            display(path)
        )));
    }
    let out = git(&["show", &format!("{rev}:./{file}")])?;
    Ok(out.status.success().then_some(out.stdout))
}
