//! `undersigned man`: one manual page (roff) with every command, from the clap definition, and a FILE FORMAT section from the field table.
//!
//! clap_mangen's whole-page render lists subcommands as pages of their own
//! (`undersigned-add(1)`), which are never installed; here each command is
//! a subsection of the one page instead, and the page names no other
//! manual page but git's.

use super::Outcome;
use crate::cli::Cli;
use crate::error::Result;
use crate::model::fields::{Check, For, SIGNER_FIELDS, STATEMENT_FIELDS, StatementType, Type};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::io::Write;

/// What each key means, one line a key: data/file-format.toml.
const MEANINGS: &str = include_str!("../../data/file-format.toml");

use crate::schema::CONTACT_KEYS;

pub fn man(out: &mut dyn Write) -> Result<Outcome> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = Man::new(cmd.clone());
    let mut head = Vec::new();
    page.render_title(&mut head)?;
    page.render_name_section(&mut head)?;
    page.render_synopsis_section(&mut head)?;
    page.render_description_section(&mut head)?;
    page.render_options_section(&mut head)?;
    out.write_all(&without_preambles(&head, true))?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    out.write_all(body(&roff).as_bytes())?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        out.write_all(&command(sub)?)?;
    }
    let mut roff = Roff::new();
    file_format(&mut roff);
    tail(&cmd, &mut roff);
    out.write_all(body(&roff).as_bytes())?;
    Ok(Outcome::Clean)
}

/// clap_mangen's pieces each open with roff's apostrophe set-up: the
/// page keeps the first, when `keep_first`.
fn without_preambles(piece: &[u8], keep_first: bool) -> Vec<u8> {
    let preamble = Roff::new().render();
    let text = String::from_utf8_lossy(piece);
    let rest = text.replace(&preamble, "");
    let first = if keep_first { preamble.as_str() } else { "" };
    format!("{first}{rest}").into_bytes()
}

/// Roff text with apostrophes typeset as such, without the set-up the
/// page already has.
fn body(roff: &Roff) -> String {
    roff.render().replacen(&Roff::new().render(), "", 1)
}

/// One command as a subsection: what it does, its usage, its options and
/// its examples. Its own section headings are dropped, as it is one part.
fn command(sub: &clap::Command) -> Result<Vec<u8>> {
    let mut roff = Roff::new();
    roff.control("SS", [format!("undersigned {}", sub.get_name()).as_str()]);
    let about = sub.get_long_about().or_else(|| sub.get_about());
    for line in about.map(|a| a.to_string()).unwrap_or_default().lines() {
        roff.text([roman(line)]);
    }
    // The global options and --help are told once, under OPTIONS.
    let own = sub.clone().mut_args(|a| {
        let shared = a.is_global_set() || a.get_id() == "help";
        a.hide(shared)
    });
    let piece = Man::new(own);
    let mut parts = Vec::new();
    piece.render_synopsis_section(&mut parts)?;
    piece.render_options_section(&mut parts)?;
    let parts = String::from_utf8_lossy(&without_preambles(&parts, false)).into_owned();
    let parts: String = (parts.lines())
        .filter(|l| !l.starts_with(".SH "))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut bytes = body(&roff).into_bytes();
    roff = Roff::new();
    roff.control("PP", []);
    bytes.extend(body(&roff).into_bytes());
    bytes.extend(parts.into_bytes());
    if let Some(after) = sub.get_after_help() {
        bytes.extend(body(&after_help(&after.to_string())).into_bytes());
    }
    Ok(bytes)
}

/// The examples and notes under a command's help: indented lines kept as
/// they are (commands to copy), the others as text.
fn after_help(text: &str) -> Roff {
    let mut roff = Roff::new();
    roff.control("PP", []);
    let mut verbatim = false;
    for line in text.lines() {
        let code = line.starts_with("  ");
        if code != verbatim {
            roff.control(if code { "nf" } else { "fi" }, []);
            verbatim = code;
        }
        if line.trim().is_empty() {
            roff.control("PP", []);
        } else {
            roff.text([roman(line)]);
        }
    }
    if verbatim {
        roff.control("fi", []);
    }
    roff
}

/// The meaning of `key` in `table` of data/file-format.toml.
fn meaning(table: &str, key: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = MEANINGS.parse().ok()?;
    doc.get(table)?.get(key)?.as_str().map(str::to_string)
}

/// FILE FORMAT: the statement's keys, the signer's, the private file's,
/// each with its type from the field table and its meaning from the data.
fn file_format(roff: &mut Roff) {
    roff.control("SH", ["FILE FORMAT"]);
    roff.text([roman(
        "A statement is a TOML file, <DIR>/<id>.toml: the statement's keys, then one [[signatory]] table per signer. Any valid TOML layout is read; saving keeps the file's layout and comments.",
    )]);
    roff.control("SS", ["Statement keys"]);
    for k in STATEMENT_FIELDS {
        let mut kind = statement_type(k.ty);
        if k.required {
            kind.push_str(", required");
        }
        entry(roff, k.key, &kind, meaning("statement", k.key));
    }
    roff.control("SS", ["Signatory keys"]);
    for f in SIGNER_FIELDS {
        let mut kind = signer_type(f.ty);
        if f.key == "name" {
            kind.push_str(", required");
        }
        match f.only {
            For::Everyone => {}
            For::Individuals => kind.push_str(", individuals only"),
            For::Withdrawn => kind.push_str(", withdrawn signers only"),
        }
        if !f.public {
            kind.push_str(", never exported");
        }
        entry(roff, f.key, &kind, meaning("signatory", f.key));
    }
    roff.control("SS", ["The private file"]);
    roff.text([roman(
        "Contact details are kept apart, in <id>.private.toml beside the statement: one [[contact]] table per signer with contacts. undersigned keeps this file out of git and out of every export.",
    )]);
    for key in CONTACT_KEYS {
        let kind = if *key == "signatory" {
            "text, required"
        } else {
            "text"
        };
        entry(roff, key, kind, meaning("contact", key));
    }
}

fn entry(roff: &mut Roff, key: &str, kind: &str, meaning: Option<String>) {
    roff.control("TP", []);
    roff.text([bold(key), roman(" ("), italic(kind), roman(")")]);
    roff.text([roman(meaning.unwrap_or_default())]);
}

fn statement_type(ty: StatementType) -> String {
    match ty {
        StatementType::Text => "text".into(),
        StatementType::Language => "language tag, such as en or zh-Hant".into(),
        StatementType::Url => "http(s) address".into(),
        StatementType::Date => "date, such as 2023-09-21".into(),
        StatementType::Deadline => "date, or date-time with its zone".into(),
        StatementType::Bool => "true or false".into(),
        StatementType::Choice(names) => format!("one of {}", names.join(", ")),
        StatementType::Signatories => "array of tables".into(),
    }
}

fn signer_type(ty: Type) -> String {
    match ty {
        Type::Text(Check::Country) => "ISO 3166-1 alpha-2 country code, such as FR".into(),
        Type::Text(Check::Url) => "http(s) address".into(),
        Type::Text(_) => "text".into(),
        Type::Date => "date, such as 2023-09-21".into(),
        Type::List => "array of texts".into(),
        Type::Choice { names, default } => {
            format!("one of {}; default {default}", names.join(", "))
        }
    }
}

/// EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO and the version.
fn tail(cmd: &clap::Command, roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    if let Some(after) = cmd.get_after_help() {
        roff.text([roman(after.to_string())]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([bold("UNDERSIGNED_DIR")]);
    roff.text([roman(
        "The directory holding the statement files, as --dir.",
    )]);
    roff.control("TP", []);
    roff.text([bold("NO_COLOR")]);
    roff.text([roman(
        "When set, output is not coloured (unless --color always).",
    )]);
    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([italic("statements/<id>.toml")]);
    roff.text([roman("A statement and its signers.")]);
    roff.control("TP", []);
    roff.text([italic("statements/<id>.private.toml")]);
    roff.text([roman(
        "Its signers' contact details; never committed, never exported.",
    )]);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        bold("git"),
        roman("(1), "),
        bold("gitattributes"),
        roman("(5) for the merge driver. The guides in the docs/ folder of the source: editing.md, importing.md, exports.md, ordering.md, duplicates.md, ci.md."),
    ]);
    roff.control("SH", ["VERSION"]);
    roff.text([roman(format!("v{}", env!("CARGO_PKG_VERSION")))]);
}
