//! Markdown export: a list whose every item renders as exactly the published line.

use super::{Exporter, ListDoc};

pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        let mut out = String::new();
        if let Some(h) = &doc.heading {
            out.push_str(&escape(h));
            out.push_str("\n\n");
        }
        let mut n = 0;
        for (i, section) in doc.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if let Some(t) = &section.title {
                out.push_str(&format!("### {}\n\n", escape(t)));
            } else if i > 0 {
                // A comment ends the previous list, so two sections never merge into one.
                out.push_str("<!-- -->\n\n");
            }
            for r in &section.rows {
                n += 1;
                if doc.numbered {
                    out.push_str(&format!("{n}. "));
                } else {
                    out.push_str("- ");
                }
                out.push_str(&escape(&r.line()));
                out.push('\n');
            }
        }
        if let Some(f) = &doc.footnote {
            out.push_str(&format!("\n\\* {}\n", escape(f)));
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
