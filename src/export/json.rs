//! JSON export: an array of objects with the public fields, missing ones as null.

use super::{Exporter, PublicSignatory};

pub struct Json;

impl Exporter for Json {
    fn render(&self, rows: &[PublicSignatory]) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(rows).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
