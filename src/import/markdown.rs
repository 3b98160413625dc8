//! Markdown import: the items of lists and the rows of tables on a web page's source.

use super::consent::asks_consent;
use super::pasted::{capacity, entry_row, footnote, kind_heading, strip_markers};
use super::{Importer, Parsed, RawRow, Rejected, clip, field_for_header, is_heading};
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::text::LineIndex;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub struct Markdown;

impl Importer for Markdown {
    fn parse(&self, input: &str, map: &[(String, String)]) -> Result<Parsed> {
        let index = LineIndex::new(input);
        let mut parsed = Parsed::default();
        let mut rows: Vec<RawRow> = Vec::new();
        // The item or cell being read: its text, a link's address, its line.
        let mut text: Option<String> = None;
        let mut link: Option<String> = None;
        let mut line = 0;
        let mut depth = 0usize;
        let mut table_header: Vec<String> = Vec::new();
        let mut cells: Vec<String> = Vec::new();
        let mut in_head = false;
        // The kind the last heading announced, the heading or paragraph being read, and
        // footnotes ("\\* Signs in a personal capacity.", "† …") with their lines.
        let mut kind: Option<Kind> = None;
        let mut block: Option<String> = None;
        let mut notes: Vec<(usize, String, String)> = Vec::new();
        for (event, range) in Parser::new_ext(
            input,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .into_offset_iter()
        {
            match event {
                Event::Start(Tag::Item) => {
                    depth += 1;
                    text = Some(String::new());
                    link = None;
                    line = index.pos(range.start).line;
                }
                Event::End(TagEnd::Item) => {
                    depth = depth.saturating_sub(1);
                    item_row(text.take(), link.take(), line, kind, &mut rows);
                }
                // A nested list ends the text of its parent item.
                Event::Start(Tag::List(_)) if depth > 0 => {
                    item_row(text.take(), link.take(), line, kind, &mut rows)
                }
                Event::Start(Tag::Heading { .. }) => block = Some(String::new()),
                Event::Start(Tag::Paragraph) if depth == 0 && text.is_none() => {
                    block = Some(String::new());
                    line = index.pos(range.start).line;
                }
                Event::End(TagEnd::Heading(_)) => {
                    let h = block.take().unwrap_or_default();
                    if let Some(k) = kind_heading(&h) {
                        kind = Some(k);
                    }
                }
                Event::End(TagEnd::Paragraph) if block.is_some() => {
                    let p = block.take().unwrap_or_default();
                    if let Some((marker, note)) = footnote(&p) {
                        notes.push((line, marker, note));
                    } else if let Some(k) = kind_heading(&p) {
                        // "**Individuals**" on a line of its own is a heading too.
                        kind = Some(k);
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http") => {
                    link = Some(dest_url.to_string());
                }
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    cells.clear();
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    table_header = std::mem::take(&mut cells);
                }
                Event::Start(Tag::TableRow) => {
                    cells.clear();
                    line = index.pos(range.start).line;
                }
                Event::Start(Tag::TableCell) => text = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    cells.push(text.take().unwrap_or_default().trim().to_string())
                }
                Event::End(TagEnd::TableRow) if !in_head => {
                    let mut row = RawRow {
                        line,
                        ..RawRow::default()
                    };
                    let mapped = |field: &str| {
                        map.iter()
                            .find(|(f, _)| f == field)
                            .map(|(_, c)| c.as_str())
                    };
                    for (i, h) in table_header.iter().enumerate() {
                        let field = super::FIELDS
                            .iter()
                            .find(|f| {
                                mapped(f).is_some_and(|c| {
                                    c.eq_ignore_ascii_case(h) || c == (i + 1).to_string()
                                })
                            })
                            .copied()
                            .or_else(|| field_for_header(h))
                            .or_else(|| asks_consent(h).then_some("consent"));
                        if field == Some("consent") && row.consent_header.is_none() {
                            row.consent_header = Some(h.clone());
                        }
                        if let (Some(f), Some(v)) = (field, cells.get(i)) {
                            row.values.entry(f).or_insert_with(|| v.clone());
                        }
                    }
                    if !row.values.contains_key("name") && table_header.len() == 1 {
                        row.values
                            .insert("name", cells.first().cloned().unwrap_or_default());
                    }
                    rows.push(row);
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(buf) = text.as_mut().or(block.as_mut()) {
                        buf.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(buf) = text.as_mut().or(block.as_mut()) {
                        buf.push(' ');
                    }
                }
                _ => {}
            }
        }
        if rows.is_empty() {
            return Err(Error::msg(
                "no list items or table rows found in this Markdown",
            ));
        }
        apply_footnotes(&mut rows, &notes, &mut parsed);
        for row in rows {
            parsed.take(row, None);
        }
        Ok(parsed)
    }
}

/// The row of a list item's text (with its link as the website), unless it is empty or a
/// heading; the rules of pasted lists read its country, kind and affiliation.
fn item_row(
    text: Option<String>,
    link: Option<String>,
    line: usize,
    kind: Option<Kind>,
    rows: &mut Vec<RawRow>,
) {
    let Some(t) = text else { return };
    let t = t.trim();
    if t.is_empty() || is_heading(t) {
        return;
    }
    let mut row = entry_row(line, t, kind, None);
    // The markers stay on the side until the footnotes, further down the page, are read.
    let (_, markers) = strip_markers(t);
    if !markers.is_empty() {
        row.values.insert("markers", markers.join(" "));
    }
    if let Some(url) = link {
        row.values.insert("website", url);
    }
    rows.push(row);
}

/// Gives each item the capacity its footnote states as its note; a footnote that states
/// none is reported, dropped.
fn apply_footnotes(rows: &mut [RawRow], notes: &[(usize, String, String)], parsed: &mut Parsed) {
    for (line, marker, text) in notes {
        let Some(cap) = capacity(text) else {
            parsed.rejected.push(Rejected {
                line: *line,
                text: clip(&format!("{marker} {text}")),
                reason: "a footnote, not a signer: dropped".to_string(),
            });
            continue;
        };
        for row in rows.iter_mut() {
            let carries = row
                .values
                .get("markers")
                .is_some_and(|m| m.split(' ').any(|x| x == marker));
            if carries {
                let note = match row.values.get("note") {
                    Some(n) => format!("{n}; {cap}"),
                    None => cap.clone(),
                };
                row.values.insert("note", note);
            }
        }
    }
    for row in rows.iter_mut() {
        row.values.remove("markers");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_links_and_table_rows() {
        let md = "## Signatories\n\n- [Amnesty International](https://www.amnesty.org)\n- PEN Canada\n- Reporters Without Borders (RSF)\n\n| Organisation | Country |\n|---|---|\n| ACAT-France | France |\n| ME2Allies | US |\n";
        let p = Markdown.parse(md, &[]).unwrap();
        let names: Vec<&str> = p
            .candidates
            .iter()
            .map(|c| c.signer.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Amnesty International",
                "PEN Canada",
                "Reporters Without Borders",
                "ACAT-France",
                "ME2Allies"
            ]
        );
        assert_eq!(
            p.candidates[0].signer.website.as_deref(),
            Some("https://www.amnesty.org")
        );
        assert_eq!(p.candidates[2].signer.acronym.as_deref(), Some("RSF"));
        assert_eq!(p.candidates[3].signer.country.as_deref(), Some("FR"));
        assert_eq!(p.candidates[3].line, 9);
    }
}
