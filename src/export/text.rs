//! Plain text export: one published line per signer, with the optional heading, section titles and footnote.

use super::{Exporter, LineParts, ListDoc, render_lines};

pub struct Text;

impl Exporter for Text {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        let number = |n: usize| match doc.numbered {
            true => format!("{n}. "),
            false => String::new(),
        };
        render_lines(
            doc,
            &LineParts {
                heading: &|h| format!("{h}\n\n"),
                section: &|_, title| title.map_or(String::new(), |t| format!("{t}\n")),
                // Names were validated on load: no line breaks or controls can reach here.
                row: &|n, r| format!("{}{}\n", number(n), r.line()),
                footnote: &|f| format!("\n* {f}\n"),
            },
        )
    }
}
