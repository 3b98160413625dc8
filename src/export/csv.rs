//! CSV export: RFC 4180, a header row, public fields only, cells guarded against spreadsheet formulas.

use super::{Exporter, ListDoc, PrivateFields};
use crate::model::fields;

pub struct Csv;

impl Exporter for Csv {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        write_rows(doc, None)
    }

    fn render_private(&self, doc: &ListDoc, private: &[PrivateFields]) -> Option<Vec<u8>> {
        Some(write_rows(doc, Some(private)))
    }
}

/// A column no field holds: the name of the `country` code in the list's
/// language, right after the code.
const COUNTRY_NAME: &str = "country_name";

pub const PRIVATE_HEADER: &[&str] = &["contact_person", "email", "phone", "private_notes"];

/// Headings become a `section` column and numbering a `number` column, so
/// every row stands alone in a spreadsheet.
fn write_rows(doc: &ListDoc, private: Option<&[PrivateFields]>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let opt = |v: Option<&str>| v.map(guard_cell).unwrap_or_default();
    let (numbered, titled) = (doc.numbered, doc.has_titles());
    let mut header: Vec<&str> = Vec::new();
    if numbered {
        header.push("number");
    }
    if titled {
        header.push("section");
    }
    for f in fields::public_fields() {
        header.push(f.key);
        if f.key == "country" {
            header.push(COUNTRY_NAME);
        }
    }
    if private.is_some() {
        header.extend(PRIVATE_HEADER);
    }
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for (i, (n, section, r)) in doc.rows().enumerate() {
        let mut record = Vec::new();
        if numbered {
            record.push(n.to_string());
        }
        if titled {
            record.push(section.map(guard_cell).unwrap_or_default());
        }
        for (key, v) in r.public().fields() {
            record.push(opt(v.as_deref()));
            if key == "country" {
                let code = v.as_deref().unwrap_or_default();
                record.push(opt(doc.countries.name(code)));
            }
        }
        if let Some(p) = private.and_then(|p| p.get(i)) {
            record.extend([
                opt(p.contact_person.as_deref()),
                opt(p.email.as_deref()),
                opt(p.phone.as_deref()),
                opt(p.private_notes.as_deref()),
            ]);
        }
        let _ = w.write_record(&record);
    }
    w.into_inner().unwrap_or_default()
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula: one whose first
/// visible character (past spaces and invisible characters, after NFKC, so a
/// fullwidth `＝` counts) is `= + - @ | %` or which starts with a tab or line break.
/// Guarding a guarded cell changes nothing.
pub fn guard_cell(cell: &str) -> String {
    const TRIGGERS: &[char] = &['=', '+', '-', '@', '|', '%', '\t', '\r', '\n'];
    let starts_bad = cell.starts_with(TRIGGERS);
    let first_visible = cell
        .chars()
        .find(|&c| !(c.is_whitespace() || c.is_control() || is_invisible(c)));
    let visible_bad = first_visible.is_some_and(|c| {
        crate::text::nfkc(c.encode_utf8(&mut [0; 4]))
            .chars()
            .next()
            .is_some_and(|n| TRIGGERS.contains(&n))
    });
    if starts_bad || visible_bad {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Format characters and other code points that render as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::guard_cell;

    #[test]
    fn formula_triggers_are_guarded_even_behind_invisible_characters() {
        for bad in [
            "=SUM(A1)",
            "+1",
            "-1",
            "@cmd",
            "|x",
            "%a",
            " =1",
            "\u{200B}=1",
            "\u{FEFF}@x",
            "＝1",
        ] {
            assert!(guard_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(guard_cell("Amnesty International"), "Amnesty International");
    }

    #[test]
    fn guarding_is_idempotent() {
        let once = guard_cell("=1");
        assert_eq!(guard_cell(&once), once);
    }
}
