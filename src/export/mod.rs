//! Export formats: one file per format behind one trait; each serializes to bytes and never writes files.

mod csv;
mod json;
mod markdown;
mod text;

use crate::model::{Kind, Signatory};
use serde::Serialize;

pub use self::csv::guard_cell;
pub use self::markdown::escape as escape_markdown;

/// The fields of a signatory that may be published. Exports are built from
/// this list only, so a field added to the file is private until added here.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicSignatory {
    pub name: String,
    pub acronym: Option<String>,
    pub local_name: Option<String>,
    pub country: Option<String>,
    pub kind: &'static str,
    pub affiliation: Option<String>,
    pub note: Option<String>,
    pub website: Option<String>,
    pub signed: Option<String>,
    /// The line a published list prints: `Name (ACR), note`.
    #[serde(skip)]
    pub line: String,
}

impl From<&Signatory> for PublicSignatory {
    fn from(s: &Signatory) -> Self {
        Self {
            name: s.name.clone(),
            acronym: s.acronym.clone(),
            local_name: s.local_name.clone(),
            country: s.country.clone(),
            kind: s.kind.as_str(),
            affiliation: if s.kind == Kind::Individual {
                s.affiliation.clone()
            } else {
                None
            },
            note: s.note.clone(),
            website: s.website.clone(),
            signed: s.signed.map(|d| d.format("%Y-%m-%d").to_string()),
            line: s.display_line(),
        }
    }
}

/// Contact details, exported only on explicit request (`--include-private`),
/// for a coordinator's own use.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PrivateFields {
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub private_notes: Option<String>,
}

impl From<&crate::model::Contact> for PrivateFields {
    fn from(c: &crate::model::Contact) -> Self {
        Self {
            contact_person: c.person.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            private_notes: c.notes.clone(),
        }
    }
}

/// One output format.
pub trait Exporter {
    /// The whole document for these signatories, in the order given.
    fn render(&self, rows: &[PublicSignatory]) -> Vec<u8>;

    /// The same with each row's private fields (`private[i]` goes with `rows[i]`);
    /// `None` for formats meant for publication, which never carry them.
    fn render_private(
        &self,
        _rows: &[PublicSignatory],
        _private: &[PrivateFields],
    ) -> Option<Vec<u8>> {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Json,
}

pub fn exporter(format: Format) -> Box<dyn Exporter> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Csv => Box::new(csv::Csv),
        Format::Json => Box::new(json::Json),
    }
}
