//! Plain text export: one published line per signer, with the optional heading, section titles and footnote.

use super::{Exporter, ListDoc};

pub struct Text;

impl Exporter for Text {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        let mut out = String::new();
        if let Some(h) = &doc.heading {
            out.push_str(h);
            out.push_str("\n\n");
        }
        let mut n = 0;
        for (i, section) in doc.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if let Some(t) = &section.title {
                out.push_str(t);
                out.push('\n');
            }
            for r in &section.rows {
                n += 1;
                if doc.numbered {
                    out.push_str(&format!("{n}. "));
                }
                // Names were validated on load: no line breaks or controls can reach here.
                out.push_str(&r.line());
                out.push('\n');
            }
        }
        if let Some(f) = &doc.footnote {
            out.push_str(&format!("\n* {f}\n"));
        }
        out.into_bytes()
    }
}
