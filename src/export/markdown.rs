//! Markdown export: a bulleted list whose every item renders as exactly the published line.

use super::{Exporter, PublicSignatory};

pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, rows: &[PublicSignatory]) -> Vec<u8> {
        let mut out = String::new();
        for r in rows {
            out.push_str("- ");
            out.push_str(&escape(&r.line));
            out.push('\n');
        }
        out.into_bytes()
    }
}

/// Escapes text so a CommonMark or GFM renderer shows it literally: `&`, `<`
/// and `>` as entities, a backslash before every other ASCII punctuation
/// character. Escaping all of them (not only `*` and `_`) is what stops links,
/// autolinks, HTML, headings, list markers, tables and entities alike.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_defuses_links_html_and_emphasis() {
        assert_eq!(
            escape("[a](b) <b>*x*</b> & 1."),
            "\\[a\\]\\(b\\) &lt;b&gt;\\*x\\*&lt;\\/b&gt; &amp; 1\\."
        );
    }
}
