//! Markdown import: the items of lists and the rows of tables on a web page's source.

use super::consent::asks_consent;
use super::pasted::{capacity, entry_row, footnote, kind_heading, linked_row, strip_markers};
use super::{Importer, Parsed, RawRow, Rejected, clip, field_for_header, is_heading};
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::text::LineIndex;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A Markdown page; `kind`, when given, is every signer's kind, whatever the headings say.
#[derive(Default)]
pub struct Markdown {
    pub kind: Option<Kind>,
}

impl Importer for Markdown {
    fn parse(&self, input: &str, map: &[(String, String)]) -> Result<Parsed> {
        let mut reader = Reader::new(input, map, self.kind);
        for (event, range) in Parser::new_ext(
            input,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .into_offset_iter()
        {
            reader.event(event, range.start);
        }
        let Reader {
            mut rows, notes, ..
        } = reader;
        if rows.is_empty() {
            return Err(Error::msg(
                "no list items or table rows found in this Markdown",
            ));
        }
        let mut parsed = Parsed {
            kind: self.kind,
            ..Parsed::default()
        };
        apply_footnotes(&mut rows, &notes, &mut parsed);
        for row in rows {
            parsed.take(row, None);
        }
        Ok(parsed)
    }
}

/// What a walk through the Markdown events has read so far.
struct Reader<'a> {
    index: LineIndex<'a>,
    map: &'a [(String, String)],
    rows: Vec<RawRow>,
    // The item or cell being read: its text, a link's address, its line.
    text: Option<String>,
    link: Option<String>,
    // The first link's text, and where in `text` the link being read began.
    link_text: Option<String>,
    link_from: Option<usize>,
    line: usize,
    depth: usize,
    table_header: Vec<String>,
    cells: Vec<String>,
    in_head: bool,
    // The kind the last heading announced, the heading or paragraph being read, and
    // footnotes ("\\* Signs in a personal capacity.", "† …") with their lines.
    kind: Option<Kind>,
    // The kind `--kind` gives every signer, over any heading.
    forced: Option<Kind>,
    block: Option<String>,
    notes: Vec<(usize, String, String)>,
}

impl<'a> Reader<'a> {
    fn new(input: &'a str, map: &'a [(String, String)], forced: Option<Kind>) -> Self {
        Self {
            index: LineIndex::new(input),
            map,
            rows: Vec::new(),
            text: None,
            link: None,
            link_text: None,
            link_from: None,
            line: 0,
            depth: 0,
            table_header: Vec::new(),
            cells: Vec::new(),
            in_head: false,
            kind: forced,
            forced,
            block: None,
            notes: Vec::new(),
        }
    }

    /// One event of lists, headings, paragraphs and text; tables go to [`Self::table_event`].
    fn event(&mut self, event: Event, start: usize) {
        match event {
            Event::Start(Tag::Item) => {
                self.depth += 1;
                self.text = Some(String::new());
                self.link = None;
                self.link_text = None;
                self.line = self.index.pos(start).line;
            }
            Event::End(TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1);
                self.item_row();
            }
            // A nested list ends the text of its parent item.
            Event::Start(Tag::List(_)) if self.depth > 0 => self.item_row(),
            Event::Start(Tag::Heading { .. }) => self.block = Some(String::new()),
            Event::Start(Tag::Paragraph) if self.depth == 0 && self.text.is_none() => {
                self.block = Some(String::new());
                self.line = self.index.pos(start).line;
            }
            Event::End(TagEnd::Heading(_)) => {
                let h = self.block.take().unwrap_or_default();
                if let Some(k) = kind_heading(&h) {
                    self.kind = self.forced.or(Some(k));
                }
            }
            Event::End(TagEnd::Paragraph) if self.block.is_some() => {
                let p = self.block.take().unwrap_or_default();
                if let Some((marker, note)) = footnote(&p) {
                    self.notes.push((self.line, marker, note));
                } else if let Some(k) = kind_heading(&p) {
                    // "**Individuals**" on a line of its own is a heading too.
                    self.kind = self.forced.or(Some(k));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http") => {
                if self.link.is_none() {
                    self.link_from = self.text.as_ref().map(String::len);
                }
                self.link = Some(dest_url.to_string());
            }
            Event::End(TagEnd::Link) => {
                if let (Some(from), Some(t)) = (self.link_from.take(), &self.text) {
                    self.link_text = t.get(from..).map(str::to_string);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(buf) = self.text.as_mut().or(self.block.as_mut()) {
                    buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buf) = self.text.as_mut().or(self.block.as_mut()) {
                    buf.push(' ');
                }
            }
            other => self.table_event(other, start),
        }
    }

    /// One event of a table: its head, its rows and their cells.
    fn table_event(&mut self, event: Event, start: usize) {
        match event {
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cells.clear();
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                self.table_header = std::mem::take(&mut self.cells);
            }
            Event::Start(Tag::TableRow) => {
                self.cells.clear();
                self.line = self.index.pos(start).line;
            }
            Event::Start(Tag::TableCell) => self.text = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let cell = self.text.take().unwrap_or_default().trim().to_string();
                self.cells.push(cell);
            }
            Event::End(TagEnd::TableRow) if !self.in_head => {
                let row = self.table_row();
                self.rows.push(row);
            }
            _ => {}
        }
    }

    /// The row of the table row just read: each cell under the field its
    /// header (or `--map`) names; a table of one column holds names.
    fn table_row(&self) -> RawRow {
        let mut row = RawRow {
            line: self.line,
            ..RawRow::default()
        };
        let mapped = |field: &str| {
            self.map
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, c)| c.as_str())
        };
        for (i, h) in self.table_header.iter().enumerate() {
            let field = super::FIELDS
                .iter()
                .find(|f| {
                    mapped(f).is_some_and(|c| c.eq_ignore_ascii_case(h) || c == (i + 1).to_string())
                })
                .copied()
                .or_else(|| field_for_header(h))
                .or_else(|| asks_consent(h).then_some("consent"));
            if field == Some("consent") && row.consent_header.is_none() {
                row.consent_header = Some(h.clone());
            }
            if let (Some(f), Some(v)) = (field, self.cells.get(i)) {
                row.values.entry(f).or_insert_with(|| v.clone());
            }
        }
        if !row.values.contains_key("name") && self.table_header.len() == 1 {
            row.values
                .insert("name", self.cells.first().cloned().unwrap_or_default());
        }
        row
    }

    /// The list item just read, as a row (see [`item_row`]).
    fn item_row(&mut self) {
        let text = self.text.take();
        let (link, link_text) = (self.link.take(), self.link_text.take());
        // "[Name](url), Affiliation": the link's text is the whole name.
        if let (Some(t), Some(lt)) = (&text, &link_text)
            && let Some(rest) = t.trim_start().strip_prefix(lt.as_str())
            && !lt.trim().is_empty()
            && !lt.starts_with('@')
            && rest.trim_start().starts_with([',', '–', '—', '-', '('])
        {
            let mut row = linked_row(self.line, lt.trim(), rest, self.kind);
            if let Some(url) = link {
                row.values.insert("website", url);
            }
            self.rows.push(row);
            return;
        }
        item_row(text, link, self.line, self.kind, &mut self.rows);
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
        let p = Markdown::default().parse(md, &[]).unwrap();
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
