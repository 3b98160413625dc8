//! The renderers of findings: for people (human), for machines (json) and for GitHub Actions (github).

use super::{Finding, Severity};
use crate::text::{Visible, visible};
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
            let (before, under) = split_at_char(src, f.column.saturating_sub(1));
            let indent = Visible(before).width();
            let (under, _) = split_at_char(under, f.width);
            // Columns, not characters: a wide character takes two. An
            // underline past the line's end keeps its length in characters.
            let carets =
                (Visible(under).width() + f.width.saturating_sub(under.chars().count())).max(1);
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
                Run(CARETS, carets)
            )?;
        }
    }
    Ok(())
}

/// `s` before its `n`th character, and from it on (all of `s` and nothing
/// when it is shorter).
fn split_at_char(s: &str, n: usize) -> (&str, &str) {
    let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.split_at(at)
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

/// GitHub Actions workflow commands, so findings show on the pull request.
pub fn render_github(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    for f in findings {
        let level = f.severity.as_str();
        let mut props = format!("file={}", escape_property(&f.file));
        if f.line > 0 {
            props.push_str(&format!(",line={},col={}", f.line, f.column));
        }
        props.push_str(&format!(",title=undersigned {}", f.code));
        writeln!(
            out,
            "::{level} {props}::{}",
            escape_data(&visible(&f.message))
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn many_findings_render_in_order_each_as_it_would_alone() {
        let findings: Vec<Finding> = (1..=10_000)
            .map(|n| {
                Finding::warning("s.toml", Code::Schema, format!("finding {n}")).at(n, 1, "x", 1)
            })
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
    fn carets_under_and_after_wide_characters_line_up() {
        // Each of these CJK characters takes two columns on a terminal.
        let name =
            Finding::error("s.toml", Code::Duplicate, "twice").at(8, 8, "name = \"人权观察\"", 6);
        let after = Finding::error("s.toml", Code::Schema, "an alias").at(
            9,
            20,
            "aliases = [\"人权观察\", \"PEN\"]",
            5,
        );
        let mut out = Vec::new();
        render_human(&[name, after], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "s.toml:8:8: error[duplicate]: twice",
                "  |",
                "8 | name = \"人权观察\"",
                "  |        ^^^^^^^^^^",
                "s.toml:9:20: error[schema]: an alias",
                "  |",
                "9 | aliases = [\"人权观察\", \"PEN\"]",
                "  |                        ^^^^^",
            ]
        );
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
