//! Folder import: one file per signer (YAML, JSON, Markdown with YAML front matter), as open-letter repositories keep them.

use super::handles;
use super::{Parsed, RawRow, Rejected, clip, decode, fold};
use crate::error::{Error, Result};
use crate::model::Kind;
use crate::store::FolderFile;
use crate::text::visible;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The extensions of signer files; every other file is left unread.
const EXTENSIONS: &[&str] = &["yml", "yaml", "json", "md", "markdown"];

/// How many names of files left unread the report lists.
const LISTED: usize = 8;

/// Whether the file at `path` is one this import reads: one of the
/// extensions, or none at all (repositories name some signers' files after
/// their account alone, `_data/signed/0x00dec0de`; they are read as YAML).
pub fn is_signer_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !name.starts_with('.')
        && name.rsplit_once('.').is_none_or(|(stem, ext)| {
            !stem.is_empty() && EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        })
}

/// data/import-folder.toml: folded key → what it holds.
fn keys() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let doc: toml_edit::DocumentMut = include_str!("../../data/import-folder.toml")
            .parse()
            .expect("data/import-folder.toml is valid TOML");
        let mut m = HashMap::new();
        for f in super::FIELDS.iter() {
            m.insert(fold(f), *f);
        }
        for (role, item) in doc.iter() {
            let role: &'static str = [
                "name",
                "organisation",
                "role",
                "website",
                "country",
                "signed",
                "email",
                "kind",
                "acronym",
                "note",
                "sort_as",
                "contact_person",
                "ignored",
            ]
            .into_iter()
            .find(|r| *r == role)
            .unwrap_or("");
            for v in item
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
            {
                if !role.is_empty() {
                    m.insert(fold(v), role);
                }
            }
        }
        m
    })
}

/// A folder's files read as rows, in the order of their paths; `kind`, when
/// given, is every signer's kind.
pub fn parse(files: Vec<FolderFile>, kind: Option<Kind>) -> Parsed {
    let mut parsed = Parsed {
        kind,
        ..Parsed::default()
    };
    let (mut unread_files, mut unread_keys) = (Vec::new(), BTreeMap::new());
    let mut unsure = 0;
    for f in files {
        let Some(bytes) = f.bytes else {
            unread_files.push(f.path);
            continue;
        };
        let values = match read_file(&f.path, &bytes) {
            Ok(Some(v)) => v,
            Ok(None) => {
                unread_files.push(f.path);
                continue;
            }
            Err(why) => {
                parsed.sources.push(f.path.clone());
                parsed.rejected.push(Rejected {
                    line: parsed.sources.len(),
                    // The File column names it; there is no name to show.
                    text: String::new(),
                    reason: why.reason(),
                });
                continue;
            }
        };
        let many = values.len() > 1;
        for (i, v) in values.into_iter().enumerate() {
            let label = if many {
                format!("{}, entry {}", f.path, i + 1)
            } else {
                f.path.clone()
            };
            parsed.sources.push(label.clone());
            let line = parsed.sources.len();
            let Value::Object(map) = v else {
                parsed.rejected.push(Rejected {
                    line,
                    text: clip(&label),
                    reason: "not a set of fields (name: …, url: …)".to_string(),
                });
                continue;
            };
            let file = Fields::read(&map, &mut unread_keys);
            let unsaid = kind.is_none() && file.kind_unsaid();
            let (row, signed, sort) = file.row(line);
            if let Some(c) = parsed.take(row, signed) {
                sort_as(c, sort);
                unsure += usize::from(unsaid);
            }
        }
    }
    parsed.notes = notes(&unread_files, &unread_keys, unsure);
    parsed
}

/// What the report says after its table: files and keys left unread, and
/// signers imported as organisations for want of anything saying otherwise.
fn notes(files: &[String], keys: &BTreeMap<String, usize>, unsure: usize) -> Vec<String> {
    let mut out = Vec::new();
    if !files.is_empty() {
        let mut shown: Vec<String> = files.iter().take(LISTED).map(|f| visible(f)).collect();
        if files.len() > LISTED {
            shown.push(format!("and {} more", files.len() - LISTED));
        }
        out.push(format!(
            "{} not read, not signer files (.yml, .yaml, .json, .md with front matter): {}",
            plural(files.len(), "file"),
            shown.join(", ")
        ));
    }
    if !keys.is_empty() {
        let shown: Vec<String> = (keys.iter())
            .map(|(k, n)| format!("{} ({})", visible(k), plural(*n, "file")))
            .collect();
        out.push(format!("Keys not read: {}", shown.join(", ")));
    }
    if unsure > 0 {
        out.push(format!(
            "{} said nothing of being a person or an organisation: read as organisations; \
             if they are people, import again with --kind individual",
            plural(unsure, "file")
        ));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The entries of one file: one for a file of fields, one per item for a
/// file that lists several; `None` for a Markdown file without front
/// matter (a README). `Err` names the line and column of what is wrong.
fn read_file(path: &str, bytes: &[u8]) -> Result<Option<Vec<Value>>> {
    let text = decode(bytes, super::Encoding::Auto)?;
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    let value = match ext.as_str() {
        "json" => serde_json::from_str::<Value>(&text)
            .map_err(|e| located(e.line(), e.column(), &e.to_string()))?,
        "md" | "markdown" => {
            let Some((yaml, first)) = front_matter(&text)? else {
                return Ok(None);
            };
            yaml_value(yaml, first - 1)?
        }
        // Without an extension, only a file of keys is a signer's: a
        // LICENSE or a note of plain text is left unread, and listed.
        "" => match yaml_value(&text, 0)? {
            v @ (Value::Object(_) | Value::Array(_)) => v,
            _ => return Ok(None),
        },
        _ => yaml_value(&text, 0)?,
    };
    Ok(Some(match value {
        Value::Array(items) => items,
        Value::Null => vec![Value::Object(Map::new())],
        v => vec![v],
    }))
}

/// YAML as a value; an error names its line (counted from the file's first, `offset` lines above the YAML) and column.
fn yaml_value(yaml: &str, offset: usize) -> Result<Value> {
    yaml_serde::from_str::<Value>(yaml).map_err(|e| match e.location() {
        Some(at) => located(at.line() + offset, at.column(), &e.to_string()),
        None => Error::msg(e.to_string()),
    })
}

/// "line 3, column 7: did not find expected key", without the position the parser's message repeats.
fn located(line: usize, column: usize, message: &str) -> Error {
    let message = message.split(" at line ").next().unwrap_or(message);
    // "invalid value: string \"jane@x.org\", expected …": the parser quotes
    // the value, which may be a contact detail; only the kind of error is kept.
    let message = ["invalid value", "invalid type"]
        .into_iter()
        .find_map(|k| message.find(k).map(|at| &message[..at + k.len()]))
        .unwrap_or(message);
    Error::msg(format!(
        "line {line}, column {column}: {}",
        visible(message)
    ))
}

/// The front matter of a Markdown file (between a first line `---` and the
/// next `---` or `...`), with the line its YAML starts on; `None` when the
/// file has none.
fn front_matter(text: &str) -> Result<Option<(&str, usize)>> {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(None);
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut at = start;
    for l in lines {
        if matches!(l.trim_end(), "---" | "...") {
            return Ok(Some((&text[start..at], 2)));
        }
        at += l.len();
    }
    Err(Error::msg(
        "line 1, column 1: the front matter opened here is never closed by a line \"---\"",
    ))
}

/// The fields of one file, by what they hold.
#[derive(Default)]
struct Fields {
    values: BTreeMap<&'static str, String>,
    /// Handles by platform, in the order of `data/import-folder.toml`.
    handles: Vec<(String, String)>,
    /// The name came under a key only people's files use ("displayName").
    person_key: bool,
    remarks: Vec<String>,
}

impl Fields {
    fn read(map: &Map<String, Value>, unread: &mut BTreeMap<String, usize>) -> Self {
        let mut f = Self::default();
        for (key, v) in map {
            let Some(text) = scalar(v) else {
                *unread.entry(key.clone()).or_default() += 1;
                continue;
            };
            let folded = fold(key);
            if let Some(&field) = keys().get(&folded) {
                if field == "name"
                    && ["displayname", "display name", "full name", "fullname"]
                        .contains(&folded.as_str())
                {
                    f.person_key = true;
                }
                if field != "ignored" && !text.trim().is_empty() {
                    f.values.entry(field).or_insert(text);
                }
            } else if handles::platforms().iter().any(|(p, _)| *p == folded) {
                f.handles.push((folded, text));
            } else {
                *unread.entry(key.clone()).or_default() += 1;
            }
        }
        let order = |p: &str| handles::platforms().iter().position(|(k, _)| k == p);
        f.handles.sort_by_key(|(p, _)| order(p));
        f
    }

    /// Whether nothing in the file says whether the signer is a person.
    fn kind_unsaid(&self) -> bool {
        !self.values.contains_key("kind") && !self.is_person() && self.values.contains_key("name")
    }

    /// A name beside an organisation, a role, a handle, a family name to sort by, or under a person's key.
    fn is_person(&self) -> bool {
        let v = |k| self.values.contains_key(k);
        v("name")
            && (v("organisation")
                || v("role")
                || v("sort_as")
                || !self.handles.is_empty()
                || self.person_key)
    }

    /// The row of the file, its date, and the family name it sorts by.
    fn row(mut self, line: usize) -> (RawRow, Option<NaiveDate>, Option<String>) {
        let person = self.is_person();
        let mut row = RawRow {
            line,
            ..RawRow::default()
        };
        let mut take = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                row.values.insert(k, v);
            }
        };
        let org = self.values.remove("organisation");
        let role = self.values.remove("role");
        if self.values.contains_key("name") {
            // "Co-Chair, W3C TAG": a role is published before the affiliation, as letters print it.
            let aff: Vec<String> = role.into_iter().chain(org).collect();
            take("affiliation", (!aff.is_empty()).then(|| aff.join(", ")));
        } else {
            take("name", org);
            take("note", role);
        }
        if person && !self.values.contains_key("kind") {
            take("kind", Some("individual".to_string()));
        }
        let website = self.values.remove("website");
        match website.as_deref().map(str::trim) {
            Some(w) if w.to_ascii_lowercase().starts_with("mailto:") => {
                // An address to write to is a contact detail, kept private.
                take("email", Some(w[7..].to_string()));
                self.remarks
                    .push("the link is an email address: kept private, not published".to_string());
            }
            _ => take("website", website),
        }
        let signed = self.values.remove("signed").and_then(|d| {
            let date = d
                .get(..10)
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            if date.is_none() {
                self.remarks.push(format!(
                    "date \"{}\" not read (YYYY-MM-DD), left empty",
                    clip(&d)
                ));
            }
            date
        });
        let sort = self.values.remove("sort_as");
        let has_site = row.values.contains_key("website");
        for (i, (platform, h)) in self.handles.iter().enumerate() {
            match handles::profile(platform, h) {
                Ok(url) if i == 0 && !has_site => {
                    row.values.insert("website", url);
                }
                Ok(url) => self.remarks.push(format!(
                    "{} not kept: a signer has one website",
                    visible(&url)
                )),
                Err(why) => self
                    .remarks
                    .push(format!("{} left out", visible(&why.reason()))),
            }
        }
        for (k, v) in self.values {
            row.values.insert(k, v);
        }
        if !self.remarks.is_empty() {
            row.values.insert("remark", self.remarks.join("; "));
        }
        (row, signed, sort)
    }
}

/// A value as text: strings, numbers and booleans as written, a list of them joined by commas.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(scalar).collect();
            parts.map(|p| p.join(", "))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// "sortName: Keith" beside "Jeremy Keith": the signer files as "Keith, Jeremy".
fn sort_as(c: &mut super::Candidate, sort: Option<String>) {
    let Some(family) = sort.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) else {
        return;
    };
    let name = c.signer.name.clone();
    let given = name.strip_suffix(family.as_str()).map(str::trim_end);
    match given {
        Some(g)
            if !g.is_empty() && name.len() > family.len() && name.as_bytes()[g.len()] == b' ' =>
        {
            c.signer.rare.sort_as = Some(format!("{family}, {g}").into());
        }
        _ if family.contains(',') => c.signer.rare.sort_as = Some(family.into()),
        _ => c.remarks.push(format!(
            "sort name \"{}\" not kept: it does not end the name",
            visible(&clip(&family))
        )),
    }
}
