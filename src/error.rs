//! The one error type: what stops a command, as it is printed, and the exit code it gives.

use crate::diagnostics::Finding;
use crate::text::Visible;
use std::io;

/// Exit 1 for a refusal (the command ran, and going on would make the list
/// wrong), exit 2 for everything that kept the command from running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be used; each finding names file, line and column where there is one.
    #[error("{}", human(.0).trim_end())]
    Findings(Vec<Finding>),
    /// The command could not run: bad usage, an input it cannot read, a failed write.
    /// A message about a file names the file.
    #[error("error: {}", Visible(.0))]
    Message(String),
    /// The command could not run, and the message is followed by what the
    /// user can choose from: the entries a name could mean, the closest names.
    #[error("error: {}{}", Visible(message), listed(items))]
    Listed { message: String, items: Vec<String> },
    /// The command ran and stopped, as going on would make the list wrong: a
    /// duplicate, a closed statement, a list that fails its checks. `--force`,
    /// where a command offers it, goes on. The findings, when there are any,
    /// are why, and the message after them needs no "error:" of its own.
    #[error("{}", refusal(findings, message))]
    Refused {
        findings: Vec<Finding>,
        message: String,
    },
    /// Standard output or standard error could not be written.
    #[error("error: cannot write output: {}", Visible(&.0.to_string()))]
    Output(#[from] io::Error),
}

impl Error {
    pub fn msg(m: impl Into<String>) -> Self {
        Self::Message(m.into())
    }

    /// A refusal that is its own reason.
    pub fn refused(m: impl Into<String>) -> Self {
        Self::Refused {
            findings: Vec::new(),
            message: m.into(),
        }
    }

    /// The process's exit code when a command ends on this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Refused { .. } => 1,
            _ => 2,
        }
    }

    /// The same error about something named in front: `--country must be …`,
    /// `list.csv: line 3: …`. Only a plain or listed message takes a prefix.
    pub fn about(self, prefix: &str) -> Self {
        match self {
            Self::Message(m) => Self::Message(format!("{prefix}{m}")),
            Self::Listed { message, items } => Self::Listed {
                message: format!("{prefix}{message}"),
                items,
            },
            other => other,
        }
    }

    /// What went wrong in words, without the "error: " a command prints before it:
    /// for a rule's reason that goes into a finding or a remark.
    pub fn reason(&self) -> String {
        match self {
            Self::Message(m) => m.clone(),
            other => other.to_string(),
        }
    }
}

impl From<Finding> for Error {
    fn from(f: Finding) -> Self {
        Self::Findings(vec![f])
    }
}

fn human(findings: &[Finding]) -> String {
    let mut out = Vec::new();
    // Rendering into memory cannot fail.
    let _ = crate::diagnostics::render::render_human(findings, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn listed(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("\n  {}", Visible(i)))
        .collect()
}

fn refusal(findings: &[Finding], message: &str) -> String {
    if findings.is_empty() {
        format!("error: {}", Visible(message))
    } else {
        format!("{}{}", human(findings), Visible(message))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_exits_1_and_everything_else_2() {
        assert_eq!(Error::refused("x is closed").exit_code(), 1);
        assert_eq!(Error::msg("bad usage").exit_code(), 2);
        assert_eq!(Error::Findings(Vec::new()).exit_code(), 2);
        let io: Error = io::Error::other("pipe closed").into();
        assert_eq!(io.exit_code(), 2);
    }

    #[test]
    fn each_kind_prints_as_the_commands_always_printed_it() {
        assert_eq!(Error::msg("a\u{1b}b").to_string(), "error: a\u{241b}b");
        assert_eq!(
            Error::refused("x is closed").to_string(),
            "error: x is closed"
        );
        let io: Error = io::Error::other("pipe closed").into();
        assert_eq!(io.to_string(), "error: cannot write output: pipe closed");
        let f = Finding::error("list.toml", crate::diagnostics::Code::Schema, "bad");
        let refused = Error::Refused {
            findings: vec![f.clone()],
            message: "list.toml fails its checks".into(),
        };
        let found = Error::Findings(vec![f]).to_string();
        assert_eq!(
            refused.to_string(),
            format!("{found}\nlist.toml fails its checks")
        );
    }

    #[test]
    fn only_a_plain_message_takes_what_it_is_about() {
        let e = Error::msg("line 3: no name").about("list.csv: ");
        assert_eq!(e.reason(), "list.csv: line 3: no name");
        assert_eq!(e.to_string(), "error: list.csv: line 3: no name");
        let r = Error::refused("closed").about("list.csv: ");
        assert_eq!(r.to_string(), "error: closed");
    }
}
