//! JSON export: an array of objects with the public fields (missing ones as null), with section and number when asked for.

use super::{Exporter, ListDoc, PrivateFields, PublicSignatory};
use serde::Serialize;

pub struct Json;

#[derive(Serialize)]
struct Row<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(flatten)]
    public: &'a PublicSignatory,
    #[serde(skip_serializing_if = "Option::is_none")]
    private: Option<&'a PrivateFields>,
}

fn write(doc: &ListDoc, private: Option<&[PrivateFields]>) -> Vec<u8> {
    let rows: Vec<Row> = doc
        .rows()
        .enumerate()
        .map(|(i, (n, section, public))| Row {
            number: doc.numbered.then_some(n),
            section,
            public,
            private: private.and_then(|p| p.get(i)),
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&rows).unwrap_or_default();
    out.push(b'\n');
    out
}

impl Exporter for Json {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        write(doc, None)
    }

    fn render_private(&self, doc: &ListDoc, private: &[PrivateFields]) -> Option<Vec<u8>> {
        Some(write(doc, Some(private)))
    }
}
