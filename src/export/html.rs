//! HTML export: a fragment to paste into a web page, a `<section>` with a heading and lists, every name escaped.

use super::{Exporter, ListDoc, Row};

pub struct Html;

impl Exporter for Html {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        let mut out = String::from("<section class=\"signatories\">\n");
        let heading = doc.heading.as_deref().unwrap_or(&doc.title);
        out.push_str(&format!("<h2>{}</h2>\n", escape(heading)));
        let mut n = 0;
        for section in &doc.sections {
            if let Some(t) = &section.title {
                out.push_str(&format!("<h3>{}</h3>\n", escape(t)));
            }
            if doc.numbered {
                out.push_str(&format!("<ol start=\"{}\">\n", n + 1));
            } else {
                out.push_str("<ul>\n");
            }
            for r in &section.rows {
                n += 1;
                // <bdi> keeps a right-to-left name from reordering its neighbours.
                out.push_str(&format!("<li><bdi>{}</bdi></li>\n", item(r, doc.links)));
            }
            out.push_str(if doc.numbered { "</ol>\n" } else { "</ul>\n" });
        }
        if let Some(f) = &doc.footnote {
            out.push_str(&format!("<p class=\"footnote\">* {}</p>\n", escape(f)));
        }
        out.push_str("</section>\n");
        out.into_bytes()
    }
}

/// One signer's line, escaped; with `links`, the name is a link to the
/// signer's website when that is an http(s) address (`Row::link`).
fn item(r: &Row, links: bool) -> String {
    let line = r.line();
    let name = r.signatory.name.as_str();
    match (links.then(|| r.link()).flatten(), line.strip_prefix(name)) {
        (Some(url), Some(rest)) => format!(
            "<a href=\"{}\">{}</a>{}",
            escape(url),
            escape(name),
            escape(rest)
        ),
        _ => escape(&line),
    }
}

/// Escapes the five characters that can end text and start markup, anywhere in a page.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_covers_markup_and_attribute_quotes() {
        assert_eq!(
            escape("<img src=x onerror='a(\"b\")'> & co"),
            "&lt;img src=x onerror=&#39;a(&quot;b&quot;)&#39;&gt; &amp; co"
        );
    }
}
