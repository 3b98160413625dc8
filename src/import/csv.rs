//! CSV import: web-form exports and spreadsheets, comma, semicolon or tab separated, headers matched to fields.

use super::{FIELDS, Importer, Parsed, RawRow, field_for_header};
use chrono::NaiveDate;
use std::collections::HashMap;

pub struct Csv;

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
    fn parse(&self, input: &str, map: &[(String, String)]) -> Result<Parsed, String> {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter(input))
            .flexible(true)
            .has_headers(true)
            .from_reader(input.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| format!("cannot read the header row: {e}"))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let columns = columns(&headers, map)?;
        if !columns.contains_key("name") {
            return Err(format!(
                "no column holds the signers' names; name it with --map name=COLUMN (columns: {})",
                headers.join(", ")
            ));
        }
        let mut rows = Vec::new();
        let mut record = ::csv::StringRecord::new();
        let mut lines = LineCounter::new(input);
        loop {
            let line = lines.at(reader.position().byte() as usize);
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(format!("line {line}: {e}")),
            }
            let line = record
                .position()
                .map_or(line, |p| lines.at(p.byte() as usize));
            let mut row = RawRow {
                line,
                ..RawRow::default()
            };
            for (field, &col) in &columns {
                if let Some(v) = record.get(col) {
                    row.values.insert(field, v.to_string());
                }
            }
            rows.push(row);
        }
        let stamps: Vec<&str> = rows
            .iter()
            .map(|r| r.values.get("signed").map_or("", String::as_str))
            .collect();
        let dates = parse_timestamps(&stamps);
        let mut parsed = Parsed::default();
        for (row, signed) in rows.into_iter().zip(dates) {
            parsed.take(row, signed);
        }
        Ok(parsed)
    }
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

/// Field → column index, from `--map` first, then the header names.
fn columns(
    headers: &[String],
    map: &[(String, String)],
) -> Result<HashMap<&'static str, usize>, String> {
    let mut out: HashMap<&'static str, usize> = HashMap::new();
    for (field, column) in map {
        let Some(field) = FIELDS.iter().find(|f| **f == field.as_str()) else {
            return Err(format!(
                "--map: no field \"{field}\"; fields are {}",
                FIELDS.join(", ")
            ));
        };
        let index = match column.parse::<usize>() {
            Ok(n) if (1..=headers.len()).contains(&n) => n - 1,
            _ => headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(column.trim()))
                .ok_or_else(|| {
                    format!(
                        "--map {field}={column}: no such column; columns are {}",
                        headers.join(", ")
                    )
                })?,
        };
        out.insert(field, index);
    }
    let mapped: Vec<usize> = out.values().copied().collect();
    for (i, h) in headers.iter().enumerate() {
        if mapped.contains(&i) {
            continue;
        }
        if let Some(field) = field_for_header(h) {
            out.entry(field).or_insert(i);
        }
    }
    Ok(out)
}

/// Dates of a timestamp column: ISO (`2023-09-21 14:03:22`) or a form's
/// `9/21/2023 14:03:22`. Day and month order is decided for the whole column:
/// a first number above 12 means day first, a second above 12 month first;
/// with neither, month first, as Google Forms writes by default.
pub fn parse_timestamps(values: &[&str]) -> Vec<Option<NaiveDate>> {
    let parts = |v: &str| -> Option<(u32, u32, i32)> {
        let date = v.split_whitespace().next()?;
        let mut it = date.split(['/', '.', '-']);
        let (a, b, c) = (
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        );
        Some((a, b, c))
    };
    let iso = |v: &str| {
        let d = v.trim().get(..10)?;
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(d, "%Y/%m/%d"))
            .ok()
    };
    let non_iso: Vec<(u32, u32, i32)> = values
        .iter()
        .filter(|v| iso(v).is_none())
        .filter_map(|v| parts(v))
        .collect();
    let day_first =
        non_iso.iter().any(|&(a, _, _)| a > 12) && !non_iso.iter().any(|&(_, b, _)| b > 12);
    values
        .iter()
        .map(|v| {
            iso(v).or_else(|| {
                let (a, b, y) = parts(v)?;
                let y = if y < 100 { 2000 + y } else { y };
                let (d, m) = if day_first { (a, b) } else { (b, a) };
                NaiveDate::from_ymd_opt(y, m, d)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_decide_day_and_month_order_by_column() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            parse_timestamps(&["9/21/2023 14:03:22", "9/2/2023 9:00:00"]),
            vec![d("2023-09-21"), d("2023-09-02")]
        );
        assert_eq!(
            parse_timestamps(&["21/09/2023 14:03", "02/09/2023 9:00"]),
            vec![d("2023-09-21"), d("2023-09-02")]
        );
        assert_eq!(
            parse_timestamps(&["2023-09-21 14:03:22 UTC", ""]),
            vec![d("2023-09-21"), None]
        );
    }

    #[test]
    fn semicolons_and_tabs_are_recognised() {
        assert_eq!(delimiter("Name;Country\n"), b';');
        assert_eq!(delimiter("Name\tCountry\n"), b'\t');
        assert_eq!(delimiter("\"A; B\",Country\n"), b',');
    }
}
