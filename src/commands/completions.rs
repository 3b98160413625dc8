//! `undersigned completions`: shell completion scripts, from the clap definition.

use super::Outcome;
use crate::error::Result;
use std::io::Write;

/// The shell's registration script: it calls back into this program with
/// `COMPLETE=<shell>` at each completion, so statement ids and signers'
/// names come from the files as they are then (see `completers`).
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<Outcome> {
    let name = shell.to_string();
    let registrar = super::completers::shell(&name)
        .ok_or_else(|| crate::error::Error::msg(format!("no completion for {name}")))?;
    let mut buf = Vec::new();
    registrar.write_registration(
        "COMPLETE",
        "undersigned",
        "undersigned",
        &completer(),
        &mut buf,
    )?;
    out.write_all(&buf)?;
    Ok(Outcome::Clean)
}

/// The program the script calls: this one, as it was invoked, made absolute
/// when given as a relative path (as clap_complete does for `COMPLETE=`).
fn completer() -> String {
    let arg0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| "undersigned".into());
    let mut path = std::path::PathBuf::from(arg0);
    if path.components().count() > 1
        && path.is_relative()
        && let Ok(cwd) = std::env::current_dir()
    {
        path = cwd.join(path);
    }
    path.to_string_lossy().into_owned()
}
