//! Dynamic shell completion: statement ids for STATEMENT, the signers' names for NAME, and bash's quoting of them.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::engine::{
    ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter,
};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The arguments that name a signer of the statement given before them, by subcommand.
const NAME_ARGS: &[(&str, &[&str])] = &[
    ("confirm", &["names"]),
    ("withdraw", &["names"]),
    ("remove", &["names"]),
    ("edit", &["name"]),
    ("merge", &["keep", "drop"]),
    ("distinct", &["a", "b"]),
    ("who", &["name"]),
];

/// The command line with its completers: every `statement(s)` argument
/// completes ids, the arguments of [`NAME_ARGS`] complete names.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |mut s| {
            for id in ["statement", "statements"] {
                if s.get_arguments().any(|a| a.get_id() == id) {
                    s = s.mut_arg(id, |a| a.add(ArgValueCompleter::new(statements)));
                }
            }
            let names = NAME_ARGS.iter().find(|(n, _)| *n == sub);
            for id in names.map_or(&[][..], |(_, ids)| ids) {
                s = s.mut_arg(*id, |a| a.add(ArgValueCompleter::new(signers)));
            }
            s
        });
    }
    cmd
}

/// The shells `COMPLETE=<shell>` serves; bash's replies are quoted here
/// (see [`QuotedBash`]), the others quote what they insert themselves.
pub fn shells() -> Shells<'static> {
    Shells(SHELLS)
}

const SHELLS: &[&dyn EnvCompleter] = &[&QuotedBash, &Elvish, &Fish, &Powershell, &Zsh];

/// The completer for a shell named as `completions` takes it.
pub fn shell(name: &str) -> Option<&'static dyn EnvCompleter> {
    SHELLS.iter().copied().find(|c| c.is(name))
}

/// Statement ids in the statements directory, and paths once the word holds a `/`.
fn statements(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let (dir, _) = line_so_far();
    let mut out: Vec<CompletionCandidate> = crate::store::statements_in(&dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|id| id.starts_with(typed.as_ref()))
        .map(CompletionCandidate::new)
        .collect();
    if typed.contains('/') {
        out.extend(PathCompleter::any().complete(current));
    }
    out
}

/// The names of the signers of the statement given earlier on the line
/// (`who`: of every statement), as `list` shows them.
fn signers(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let (dir, statement) = line_so_far();
    let files = match statement {
        Some(s) => vec![super::resolve(&dir, &s)],
        None => crate::store::statements_in(&dir).unwrap_or_default(),
    };
    let mut names: Vec<String> = files
        .iter()
        .filter_map(|p| crate::store::load(p).ok())
        .flat_map(|l| l.statement.signatories)
        .map(|s| s.display_name())
        .filter(|n| n.starts_with(typed.as_ref()))
        .collect();
    names.sort();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// The statements directory and the STATEMENT argument of the words
/// before the one being completed, as the command would read them.
fn line_so_far() -> (PathBuf, Option<String>) {
    let words = words_before_cursor();
    let matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
        .ok();
    let sub = matches
        .as_ref()
        .and_then(|m| m.subcommand())
        .map(|(_, m)| m);
    let one = |m: &clap::ArgMatches, id: &str| m.try_get_one::<String>(id).ok().flatten().cloned();
    let dir = [sub, matches.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|m| m.try_get_one::<PathBuf>("dir").ok().flatten().cloned());
    let statement = sub.and_then(|m| one(m, "statement"));
    (super::paths::statements_dir(dir.as_deref()), statement)
}

/// The words of the line being completed, up to the cursor: what the
/// shell's registration script passes after `--`.
fn words_before_cursor() -> Vec<OsString> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let Some(start) = args.iter().position(|a| a == "--") else {
        return Vec::new();
    };
    let mut words = args[start + 1..].to_vec();
    // bash, zsh and elvish say which word is completed; fish and PowerShell pass the line up to it.
    let index = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse().ok())
        .unwrap_or(words.len().saturating_sub(1));
    words.truncate(index);
    words
}

/// bash inserts a reply as it is, so a name with a space would become two
/// words: this adapter registers with `-o filenames`, which has readline
/// quote each reply as it quotes a file name (backslashes, or closing the
/// quote the word was opened with), and reads the word without its backslashes.
struct QuotedBash;

impl EnvCompleter for QuotedBash {
    fn name(&self) -> &'static str {
        Bash.name()
    }
    fn is(&self, name: &str) -> bool {
        Bash.is(name)
    }
    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        let mut script = Vec::new();
        Bash.write_registration(var, name, bin, completer, &mut script)?;
        let script = String::from_utf8_lossy(&script).replace(
            "complete -o nospace -o bashdefault",
            "complete -o filenames -o nospace -o bashdefault",
        );
        buf.write_all(script.as_bytes())
    }
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        let index: usize = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_string());
        if let Some(word) = args.get_mut(index) {
            *word = unescaped(&word.to_string_lossy()).into();
        }
        let found = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        let replies: Vec<_> = found
            .iter()
            .map(|c| c.get_value().to_string_lossy())
            .collect();
        write!(buf, "{}", replies.join(&ifs))
    }
}

/// The word being completed as bash passes it: readline has taken off an
/// opening quote, backslashes are as typed (`Human\ Rights`).
fn unescaped(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_argument_listed_exists() {
        // mut_arg panics on an argument that is not defined.
        let cmd = command();
        assert!(cmd.find_subcommand("confirm").is_some());
    }

    #[test]
    fn bash_words_lose_their_backslashes_and_keep_their_quotes() {
        assert_eq!(unescaped(r"Human\ Rights\ W"), "Human Rights W");
        assert_eq!(unescaped(r"People\'s"), "People's");
        assert_eq!(unescaped("People's W"), "People's W");
    }
}
