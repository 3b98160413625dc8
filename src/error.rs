//! The error a command stops on: findings that make a file unusable, or a plain message.

use crate::diagnostics::Finding;
use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// A file could not be used; each finding names file, line and column where there is one.
    Findings(Vec<Finding>),
    /// Anything else: bad usage, a refused operation, a failed write.
    Message(String),
}

impl Error {
    pub fn msg(m: impl Into<String>) -> Self {
        Self::Message(m.into())
    }
}

impl From<Finding> for Error {
    fn from(f: Finding) -> Self {
        Self::Findings(vec![f])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Findings(list) => {
                let mut out = Vec::new();
                crate::check::render_human(list, &mut out).map_err(|_| fmt::Error)?;
                f.write_str(String::from_utf8_lossy(&out).trim_end())
            }
            Self::Message(m) => write!(f, "error: {}", crate::text::visible(m)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
