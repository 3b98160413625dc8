//! Plain text export: one published line per signer and nothing else.

use super::{Exporter, PublicSignatory};

pub struct Text;

impl Exporter for Text {
    fn render(&self, rows: &[PublicSignatory]) -> Vec<u8> {
        let mut out = String::new();
        for r in rows {
            // Names were validated on load: no line breaks or controls can reach here.
            out.push_str(&r.line);
            out.push('\n');
        }
        out.into_bytes()
    }
}
