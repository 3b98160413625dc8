//! JSON export: an array of objects with the public fields, missing ones as null.

use super::{Exporter, PrivateFields, PublicSignatory};
use serde::Serialize;

pub struct Json;

impl Exporter for Json {
    fn render(&self, rows: &[PublicSignatory]) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(rows).unwrap_or_default();
        out.push(b'\n');
        out
    }

    fn render_private(
        &self,
        rows: &[PublicSignatory],
        private: &[PrivateFields],
    ) -> Option<Vec<u8>> {
        #[derive(Serialize)]
        struct Row<'a> {
            #[serde(flatten)]
            public: &'a PublicSignatory,
            private: &'a PrivateFields,
        }
        let rows: Vec<Row> = rows
            .iter()
            .zip(private)
            .map(|(public, private)| Row { public, private })
            .collect();
        let mut out = serde_json::to_vec_pretty(&rows).unwrap_or_default();
        out.push(b'\n');
        Some(out)
    }
}
