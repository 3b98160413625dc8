//! Every finding code: its name as printed, its usual severity and what it means.

use super::Severity;
use serde::{Serialize, Serializer};

/// What kind of problem a finding reports. The printed name (`as_str`) is
/// stable: CI jobs and editors match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Io,
    Encoding,
    Syntax,
    Schema,
    Unicode,
    Formula,
    Privacy,
    Order,
    Duplicate,
    PossibleDuplicate,
    Deadline,
    Private,
    OrphanContact,
    Leftover,
    Evidence,
    Placeholder,
    SharedWebsite,
}

impl Code {
    /// Every code, in the order the documentation lists them.
    pub const ALL: [Code; 17] = [
        Self::Io,
        Self::Encoding,
        Self::Syntax,
        Self::Schema,
        Self::Unicode,
        Self::Formula,
        Self::Privacy,
        Self::Order,
        Self::Duplicate,
        Self::PossibleDuplicate,
        Self::Deadline,
        Self::Private,
        Self::OrphanContact,
        Self::Leftover,
        Self::Evidence,
        Self::Placeholder,
        Self::SharedWebsite,
    ];

    /// The name printed in `severity[code]` and in the JSON `code` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::Encoding => "encoding",
            Self::Syntax => "syntax",
            Self::Schema => "schema",
            Self::Unicode => "unicode",
            Self::Formula => "formula",
            Self::Privacy => "privacy",
            Self::Order => "order",
            Self::Duplicate => "duplicate",
            Self::PossibleDuplicate => "possible-duplicate",
            Self::Deadline => "deadline",
            Self::Private => "private",
            Self::OrphanContact => "orphan-contact",
            Self::Leftover => "leftover",
            Self::Evidence => "evidence",
            Self::Placeholder => "placeholder",
            Self::SharedWebsite => "shared-website",
        }
    }

    /// The severity the code usually carries. `schema` and `unicode` are
    /// also used the other way: a withdrawn signer without a date is a
    /// `schema` warning, a character that breaks output a `unicode` error.
    pub fn severity(self) -> Severity {
        match self {
            Self::Io
            | Self::Encoding
            | Self::Syntax
            | Self::Schema
            | Self::Order
            | Self::Duplicate
            | Self::Evidence
            | Self::Placeholder => Severity::Error,
            Self::Unicode
            | Self::Formula
            | Self::Privacy
            | Self::PossibleDuplicate
            | Self::Deadline
            | Self::Private
            | Self::OrphanContact
            | Self::Leftover
            | Self::SharedWebsite => Severity::Warning,
        }
    }

    /// One line on what the code means.
    pub fn doc(self) -> &'static str {
        match self {
            Self::Io => "the file cannot be read, or is not a regular file",
            Self::Encoding => "the file is not UTF-8 (UTF-16, Latin-1, Windows-1252…)",
            Self::Syntax => {
                "the file is not valid TOML, or holds an unresolved merge conflict marker"
            }
            Self::Schema => {
                "a key unknown, missing, mistyped or too long (warning: e.g. a withdrawal without its date)"
            }
            Self::Unicode => {
                "a control or bidi character (warning: look-alikes, mojibake, not NFC)"
            }
            Self::Formula => "a name starts with a character a spreadsheet may run as a formula",
            Self::Privacy => "a name holds what looks like an email or web address",
            Self::Order => "a signer out of alphabetical order, and where it belongs",
            Self::Duplicate => "the same signer is listed twice",
            Self::PossibleDuplicate => "two signers that may be the same",
            Self::Deadline => "a signer signed after the statement's deadline",
            Self::Private => "the private contacts file cannot be read",
            Self::OrphanContact => "a contact in the private file names no signer",
            Self::Leftover => "a temporary or conflict copy left beside the list",
            Self::Evidence => {
                "a confirmed signer without evidence, under `require_evidence = true`"
            }
            Self::Placeholder => {
                "a name that stands in for one, `Your Name`, `N/A` (warning: a link to nobody, `github.com/ghost`)"
            }
            Self::SharedWebsite => "one website or handle given by signers of different names",
        }
    }
}

/// The codes as a Markdown table (code, usual severity, meaning): the block
/// the README keeps between `<!-- codes -->` and `<!-- /codes -->`.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | meaning |\n| --- | --- | --- |\n");
    for c in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.as_str(),
            c.severity().as_str(),
            c.doc()
        ));
    }
    out
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialised as its printed name, so the JSON output reads `"code": "order"`.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_with_its_own_name() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn a_code_serialises_as_its_name() {
        assert_eq!(
            serde_json::to_string(&Code::PossibleDuplicate).unwrap(),
            "\"possible-duplicate\""
        );
    }
}
