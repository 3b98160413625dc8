//! Findings as data (file, line, column, severity, code, message) and their renderers.

use crate::text::Visible;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    fn as_str(self) -> &'static str {
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
    /// A stable identifier: `io`, `encoding`, `syntax`, `schema`, `order`, `duplicate`, `unicode`.
    pub code: &'static str,
    pub message: String,
    /// The source line the finding points into, shown under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub width: usize,
}

impl Finding {
    pub fn error(file: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            source_line: None,
            width: 1,
        }
    }

    pub fn warning(file: &str, code: &'static str, message: impl Into<String>) -> Self {
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

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:column: severity[code]: message`, then the line and a caret.
/// Everything taken from the file is made visible, so no name can drive the terminal.
pub fn render_human(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    render_human_styled(findings, out, false)
}

/// [`render_human`], with the severity and caret in colour when `color` is set
/// (the caller decides: a terminal, and no `NO_COLOR`).
pub fn render_human_styled(
    findings: &[Finding],
    out: &mut impl Write,
    color: bool,
) -> io::Result<()> {
    use anstyle::{AnsiColor, Style};
    let paint = |style: Style| if color { style } else { Style::new() };
    for f in findings {
        let sev_style = paint(match f.severity {
            Severity::Error => AnsiColor::Red.on_default().bold(),
            Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        });
        let gutter_style = paint(AnsiColor::Blue.on_default().bold());
        // Written piece by piece: a long list's check prints tens of
        // thousands of findings.
        write!(out, "{}", Visible(&f.file))?;
        if f.line != 0 {
            write!(out, ":{}:{}", f.line, f.column)?;
        }
        writeln!(
            out,
            ": {sev_style}{}[{}]{sev_style:#}: {}",
            f.severity.as_str(),
            f.code,
            Visible(&f.message)
        )?;
        if let Some(src) = &f.source_line {
            let gutter = f.line.to_string();
            let pad = gutter.len();
            let before = src
                .char_indices()
                .nth(f.column.saturating_sub(1))
                .map_or(src.as_str(), |(i, _)| &src[..i]);
            let indent = Visible(before).width();
            writeln!(out, "{gutter_style}{} |{gutter_style:#}", Run(SPACES, pad))?;
            writeln!(
                out,
                "{gutter_style}{gutter} |{gutter_style:#} {}",
                Visible(src)
            )?;
            writeln!(
                out,
                "{gutter_style}{} |{gutter_style:#} {}{sev_style}{}{sev_style:#}",
                Run(SPACES, pad),
                Run(SPACES, indent),
                Run(CARETS, f.width)
            )?;
        }
    }
    Ok(())
}

/// `n` copies of the one character `chunk` repeats, written a slice at a
/// time rather than one character at a time as a padded format would.
struct Run(&'static str, usize);

const SPACES: &str = "                                                                ";
const CARETS: &str = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut left = self.1;
        while left > 0 {
            let n = left.min(self.0.len());
            f.write_str(&self.0[..n])?;
            left -= n;
        }
        Ok(())
    }
}

/// One JSON array of findings, for machines.
pub fn render_json(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, findings)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_findings_render_in_order_each_as_it_would_alone() {
        let findings: Vec<Finding> = (1..=10_000)
            .map(|n| Finding::warning("s.toml", "schema", format!("finding {n}")).at(n, 1, "x", 1))
            .collect();
        let mut whole = Vec::new();
        render_human(&findings, &mut whole).unwrap();
        let mut one = Vec::new();
        for f in &findings {
            render_human(std::slice::from_ref(f), &mut one).unwrap();
        }
        assert_eq!(whole, one);
    }

    #[test]
    fn long_underlines_and_far_columns_are_drawn_in_full() {
        let src = format!("{}nmae = 1", " ".repeat(70));
        let f = Finding::error("s.toml", "schema", "x").at(1234, 71, &src, 130);
        let mut out = Vec::new();
        render_human(&[f], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            format!("     | {}{}", " ".repeat(70), "^".repeat(130))
        );
    }

    #[test]
    fn human_rendering_points_at_the_column() {
        let f =
            Finding::error("s.toml", "schema", "unknown key `nmae`").at(3, 1, "nmae = \"X\"", 4);
        let mut out = Vec::new();
        render_human(&[f], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "s.toml:3:1: error[schema]: unknown key `nmae`\n  |\n3 | nmae = \"X\"\n  | ^^^^\n"
        );
    }

    #[test]
    fn human_rendering_never_prints_raw_bidi_or_escape() {
        let f =
            Finding::error("s.toml", "unicode", "bad \u{202E}name\u{1b}").at(1, 1, "x\u{202E}", 1);
        let mut out = Vec::new();
        render_human(&[f], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{1b}'),
            "{text}"
        );
    }
}
