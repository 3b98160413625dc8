//! Findings as data (file, line, column, severity, code, message); the codes as one type (`code`), the rules that find them (`rules/`) and the renderers (`render`).

mod code;
pub mod render;
pub mod rules;
pub mod since;

pub use code::{Code, markdown_table};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One thing wrong with one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file (it could not be read).
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// A stable identifier; [`Code::ALL`] lists them all.
    pub code: Code,
    pub message: String,
    /// The source line the finding points into, shown under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters of the source line the caret underlines; it is
    /// drawn as wide as they show on a terminal.
    #[serde(skip)]
    pub width: usize,
    /// The line of the other entry a finding about two entries names (a
    /// duplicate's first entry): `check --since` reports the pair when
    /// either entry is new.
    #[serde(skip)]
    pub related: Option<usize>,
}

impl Finding {
    /// A finding with its code's usual severity.
    pub fn new(file: &str, code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            ..Self::error(file, code, message)
        }
    }

    pub fn error(file: &str, code: Code, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            source_line: None,
            width: 1,
            related: None,
        }
    }

    pub fn warning(file: &str, code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, code, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize, source_line: &str, width: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = Some(source_line.to_string());
        self.width = width.max(1);
        self
    }

    /// The finding, naming the other entry it is about, at `line`.
    pub fn involving(mut self, line: usize) -> Self {
        self.related = Some(line);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
