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
    public: PublicSignatory<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    private: Option<&'a PrivateFields>,
}

/// The rows, serialized one by one as the array is written: a long list's
/// public views are never all held at once.
struct Rows<'d, 'a> {
    doc: &'d ListDoc<'a>,
    private: Option<&'d [PrivateFields]>,
}

impl Serialize for Rows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.doc.rows().enumerate().map(|(i, (n, section, r))| Row {
            number: self.doc.numbered.then_some(n),
            section,
            public: r.public(),
            private: self.private.and_then(|p| p.get(i)),
        }))
    }
}

fn write(doc: &ListDoc, private: Option<&[PrivateFields]>) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&Rows { doc, private }).unwrap_or_default();
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
