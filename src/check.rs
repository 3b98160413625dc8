//! The renderers of findings: for people and for machines.

use crate::diagnostics::{Finding, Severity};
use crate::text::Visible;
use std::io::{self, Write};

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
    // A long list's check can report tens of thousands of findings: blocks
    // of them are rendered on every core, then written in order, a block
    // per core at a time so only that much is held.
    const BLOCK: usize = 2048;
    let cores = crate::parallel::cores();
    if findings.len() < 2 * BLOCK || cores == 1 {
        return render_block(findings, out, color);
    }
    for group in findings.chunks(BLOCK * cores) {
        let blocks = crate::parallel::in_pieces(group.len(), 0, |r| {
            let mut text = Vec::new();
            render_block(&group[r], &mut text, color).map(|()| text)
        });
        for text in blocks {
            out.write_all(&text?)?;
        }
    }
    Ok(())
}

/// [`render_human_styled`] on one block of findings.
fn render_block(findings: &[Finding], out: &mut impl Write, color: bool) -> io::Result<()> {
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
    use crate::diagnostics::Code;

    #[test]
    fn many_findings_render_in_order_as_one_block_would() {
        let findings: Vec<Finding> = (1..=10_000)
            .map(|n| {
                Finding::warning("s.toml", Code::Schema, format!("finding {n}")).at(n, 1, "x", 1)
            })
            .collect();
        let mut whole = Vec::new();
        render_human(&findings, &mut whole).unwrap();
        let mut one = Vec::new();
        render_block(&findings, &mut one, false).unwrap();
        assert_eq!(whole, one);
    }

    #[test]
    fn long_underlines_and_far_columns_are_drawn_in_full() {
        let src = format!("{}nmae = 1", " ".repeat(70));
        let f = Finding::error("s.toml", Code::Schema, "x").at(1234, 71, &src, 130);
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
        let f = Finding::error("s.toml", Code::Schema, "unknown key `nmae`").at(
            3,
            1,
            "nmae = \"X\"",
            4,
        );
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
        let f = Finding::error("s.toml", Code::Unicode, "bad \u{202E}name\u{1b}").at(
            1,
            1,
            "x\u{202E}",
            1,
        );
        let mut out = Vec::new();
        render_human(&[f], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{1b}'),
            "{text}"
        );
    }
}
