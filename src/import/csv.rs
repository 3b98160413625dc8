//! CSV import: web-form exports and spreadsheets, comma, semicolon or tab separated, headers matched to fields.

use super::consent;
use super::dates::{DateOrder, Settled, parse_timestamps};
use super::{FIELDS, Importer, Parsed, RawRow, field_for_header};
use crate::error::{Error, Result};
use crate::model::Kind;
use std::collections::HashMap;

/// CSV with its options: the order of day and month when the dates cannot tell.
#[derive(Debug, Default)]
pub struct Csv {
    pub date_order: Option<DateOrder>,
    /// Every signer's kind, over the kind column.
    pub kind: Option<Kind>,
}

/// How one column was read, for the report: it opens with these, so a
/// column read as the wrong field is seen before the rows are.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnRead {
    /// 1-based.
    pub number: usize,
    pub header: String,
    /// The field read from it; `None` when it was ignored.
    pub field: Option<&'static str>,
    /// Why it was read so, or how: "dates day first, proven by line 4".
    pub how: Option<String>,
}

/// The separator of the header line: the most frequent of `,` `;` and tab outside quotes.
fn delimiter(input: &str) -> u8 {
    let header = input.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(e) = counts.iter_mut().find(|(d, _)| *d == c) {
            e.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

impl Importer for Csv {
    fn parse(&self, input: &str, map: &[(String, String)]) -> Result<Parsed> {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter(input))
            .flexible(true)
            .has_headers(true)
            .from_reader(input.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| Error::msg(format!("cannot read the header row: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let (columns, looks) = columns(&headers, map)?;
        if !columns.contains_key("name") {
            return Err(Error::msg(format!(
                "no column holds the signers' names; name it with --map name=COLUMN (columns: {})",
                headers.join(", ")
            )));
        }
        let rows = read_rows(&mut reader, input, &columns)?;
        let stamps: Vec<(usize, &str)> = rows
            .iter()
            .map(|r| (r.line, r.values.get("signed").map_or("", String::as_str)))
            .collect();
        let dates = match columns.get("signed") {
            Some(&col) => parse_timestamps(&stamps, self.date_order)
                .map_err(|e| e.about(&format!("column {} \"{}\": ", col + 1, headers[col])))?,
            None => parse_timestamps(&[], None)?,
        };
        let mut parsed = Parsed {
            columns: report_columns(&headers, &columns, &looks, &dates.settled),
            kind: self.kind,
            ..Parsed::default()
        };
        let consent_header = columns.get("consent").map(|&c| headers[c].as_str());
        for (i, mut row) in rows.into_iter().enumerate() {
            let signed = dates.dates.get(i).copied().flatten();
            let stamp = row.values.get("signed").map_or("", |v| v.trim());
            let unread_date = signed.is_none() && !stamp.is_empty();
            row.consent_header = consent_header.map(str::to_string);
            let Some(c) = parsed.take(row, signed) else {
                continue;
            };
            if unread_date {
                c.remarks
                    .push("the date is not one this tool reads, left empty".to_string());
            }
        }
        Ok(parsed)
    }
}

/// Each record as the raw values of the fields read, with its line.
fn read_rows(
    reader: &mut ::csv::Reader<&[u8]>,
    input: &str,
    columns: &HashMap<&'static str, usize>,
) -> Result<Vec<RawRow>> {
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut lines = LineCounter::new(input);
    loop {
        let line = lines.at(reader.position().byte() as usize);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Error::msg(format!("line {line}: {e}"))),
        }
        let line = record
            .position()
            .map_or(line, |p| lines.at(p.byte() as usize));
        let mut row = RawRow {
            line,
            ..RawRow::default()
        };
        for (field, &col) in columns {
            if let Some(v) = record.get(col) {
                row.values.insert(field, v.to_string());
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The columns in order, each with the field read from it, or why it was ignored.
fn report_columns(
    headers: &[String],
    columns: &HashMap<&'static str, usize>,
    looks: &[Option<&'static str>],
    settled: &Settled,
) -> Vec<ColumnRead> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let field = columns.iter().find(|(_, c)| **c == i).map(|(f, _)| *f);
            let how = match (field, looks[i]) {
                (Some("signed"), _) => Some(match settled {
                    Settled::Given(o) => format!("dates {}, as {} says", o.describe(), o.option()),
                    Settled::Proven(o, line, text) => {
                        format!("dates {}, as \"{text}\" on line {line} shows", o.describe())
                    }
                    Settled::Unneeded => "dates that read one way only".to_string(),
                }),
                (Some("consent"), _) => Some(
                    "yes: imported; no: skipped as declined; anything else: imported as pending"
                        .to_string(),
                ),
                (Some("contact_person" | "email" | "phone" | "private_note"), _) => {
                    Some("private: kept in the contacts file, never shown".to_string())
                }
                (Some(_), _) => None,
                (None, Some(f)) => Some(format!(
                    "looks like {f}, which is read from column {}",
                    columns[f] + 1
                )),
                (None, None) => None,
            };
            ColumnRead {
                number: i + 1,
                header: h.clone(),
                field,
                how,
            }
        })
        .collect()
}

/// The 1-based line a record starting at a byte offset begins on. The csv
/// crate's own line count lags by one after a CRLF, so it is counted here,
/// onwards from the last offset asked about (records come in order).
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            bytes: input.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let mut b = byte.min(self.bytes.len());
        while b < self.bytes.len() && (self.bytes[b] == b'\r' || self.bytes[b] == b'\n') {
            b += 1;
        }
        if b < self.at {
            // Asked about an earlier offset: count again from the start.
            self.at = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.at..b]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.at = b;
        self.line
    }
}

/// Field → column index, from `--map` first, then the header names (the
/// first column whose header names a field wins); and for each column, the
/// field its header names, if any.
type Columns = (HashMap<&'static str, usize>, Vec<Option<&'static str>>);

fn columns(headers: &[String], map: &[(String, String)]) -> Result<Columns> {
    let mut out: HashMap<&'static str, usize> = HashMap::new();
    for (field, column) in map {
        let Some(field) = FIELDS.iter().find(|f| **f == field.as_str()) else {
            return Err(Error::msg(format!(
                "--map: no field \"{field}\"; fields are {}",
                FIELDS.join(", ")
            )));
        };
        let index = match column.parse::<usize>() {
            Ok(n) if (1..=headers.len()).contains(&n) => n - 1,
            _ => headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(column.trim()))
                .ok_or_else(|| {
                    Error::msg(format!(
                        "--map {field}={column}: no such column; columns are {}",
                        headers.join(", ")
                    ))
                })?,
        };
        out.insert(field, index);
    }
    let mapped: Vec<usize> = out.values().copied().collect();
    let mut looks = vec![None; headers.len()];
    for (i, h) in headers.iter().enumerate() {
        if mapped.contains(&i) {
            continue;
        }
        let field = field_for_header(h).or_else(|| consent::asks_consent(h).then_some("consent"));
        if let Some(field) = field {
            looks[i] = Some(field);
            out.entry(field).or_insert(i);
        }
    }
    // The name decides what is published: two columns that could hold it
    // (a form's "Name" of the person filling it in, and "Organisation name")
    // are not settled by their order.
    let names: Vec<usize> = (0..headers.len())
        .filter(|&i| looks[i] == Some("name"))
        .collect();
    if names.len() > 1 && !map.iter().any(|(f, _)| f == "name") {
        let listed: Vec<String> = names
            .iter()
            .map(|&i| format!("{} \"{}\"", i + 1, headers[i]))
            .collect();
        return Err(Error::msg(format!(
            "columns {} could each hold the signers' names; say which with --map name=COLUMN",
            listed.join(" and ")
        )));
    }
    Ok((out, looks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_and_tabs_are_recognised() {
        assert_eq!(delimiter("Name;Country\n"), b';');
        assert_eq!(delimiter("Name\tCountry\n"), b'\t');
        assert_eq!(delimiter("\"A; B\",Country\n"), b',');
    }
}
