//! Bulk import: one file per source format behind one trait, and what they share (decoding, name clean-up, validation).

mod consent;
mod contacts;
mod csv;
mod dates;
mod folder;
mod handles;
mod markdown;
mod pasted;
mod text;

use self::consent::Answer;
use crate::diagnostics::rules::text as validate;
use crate::error::{Error, Result};
use crate::model::fields::{Import, SIGNER_FIELDS, Set, Type};
use crate::model::{Contact, Kind, Signatory, SignerStatus};
pub(crate) use crate::text::fold_words as fold;
use crate::{schema, tables, text as txt};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

pub use self::contacts::{keep_private, split_email};
pub use self::csv::{ColumnRead, Csv};
pub use self::dates::{DateOrder, parse_timestamps};
pub use self::folder::{is_signer_file, parse as parse_folder};

/// A signer read from a source, ready for duplicate detection.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Line (text, Markdown) or row (CSV, counting the header as 1) in the source.
    pub line: usize,
    pub signer: Signatory,
    pub contact: Contact,
    /// Remarks that did not stop the import ("country not recognised, left empty").
    pub remarks: Vec<String>,
}

/// A row or line that could not become a signer, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: usize,
    /// What the report shows of it: the name cell, clipped ([`clip`]). Never
    /// the whole row: its other cells hold email addresses and phone numbers.
    pub text: String,
    pub reason: String,
}

/// How many characters of a rejected name the report shows.
const SHOWN_CHARS: usize = 80;

/// The start of `s`, cut at [`SHOWN_CHARS`] characters with `…` after it: a
/// cell of megabytes must not reach the report's table, whose line wrapping
/// takes time that grows with the square of a word's length.
pub fn clip(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_string(),
    }
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub candidates: Vec<Candidate>,
    pub rejected: Vec<Rejected>,
    /// Rows whose signer said no (a form's consent column): skipped, not errors.
    pub declined: Vec<Rejected>,
    /// How each column of a table was read; empty for other sources.
    pub columns: Vec<ColumnRead>,
    /// The kind every row is taken as (`import --kind`), whatever the source says.
    pub kind: Option<Kind>,
    /// What the report calls each row when it is not a line: a folder's files,
    /// by the row's `line` counted from 1. Empty for sources read by line.
    pub sources: Vec<String>,
    /// Lines the report prints after its table (files not read, keys not read).
    pub notes: Vec<String>,
}

impl Parsed {
    /// Checks one row and files it as a candidate, a rejection, or (when the source asks for
    /// consent and the signer said no) a declined row: the same for every source, so a table
    /// in Markdown reads its consent column as a form export does. Gives the new candidate.
    pub fn take(&mut self, mut row: RawRow, signed: Option<NaiveDate>) -> Option<&mut Candidate> {
        if let Some(k) = self.kind {
            row.values.insert("kind", k.as_str().to_string());
        }
        let said = row.values.remove("consent");
        let asked = row.consent_header.take();
        let answer = asked
            .as_deref()
            .map(|_| consent::answer(said.as_deref().unwrap_or("")));
        let question = clip(asked.as_deref().unwrap_or(""));
        if answer == Some(Answer::No) {
            self.declined.push(Rejected {
                line: row.line,
                text: clip(row.values.get("name").map_or("", |v| v.trim())),
                reason: format!("declined: answered no to \"{question}\""),
            });
            return None;
        }
        match candidate(row, signed) {
            Ok(mut c) => {
                if answer == Some(Answer::Unclear) {
                    // The answer itself is not shown: a free-text cell may hold
                    // an email address or a phone number.
                    c.signer.status = SignerStatus::Pending;
                    c.remarks.push(format!(
                        "the answer to \"{question}\" is neither yes nor no: imported as pending, to confirm"
                    ));
                }
                self.candidates.push(c);
                self.candidates.last_mut()
            }
            Err(r) => {
                self.rejected.push(r);
                None
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Text,
    Markdown,
}

/// One source format.
pub trait Importer {
    /// Reads every signer in `input`. `map` fixes field → column for tabular sources.
    fn parse(&self, input: &str, map: &[(String, String)]) -> Result<Parsed>;
}

/// The importer of a format; `kind`, when given, is every signer's kind.
pub fn importer(format: InputFormat, kind: Option<Kind>) -> Box<dyn Importer> {
    match format {
        InputFormat::Csv => Box::new(csv::Csv {
            kind,
            ..csv::Csv::default()
        }),
        InputFormat::Text => Box::new(text::Text { kind }),
        InputFormat::Markdown => Box::new(markdown::Markdown { kind }),
    }
}

/// The format from the file's extension, else from what the text looks like.
pub fn guess_format(path: Option<&Path>, input: &str) -> InputFormat {
    let ext = path
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv" | "tsv") => return InputFormat::Csv,
        Some("md" | "markdown") => return InputFormat::Markdown,
        Some("txt") => return InputFormat::Text,
        _ => {}
    }
    let lines: Vec<&str> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    let markdown = lines
        .iter()
        .filter(|l| {
            l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ") || l.starts_with('|')
        })
        .count();
    if !lines.is_empty() && markdown * 2 > lines.len() {
        return InputFormat::Markdown;
    }
    // A table: the first line's separators recur in the lines after it.
    if let Some(first) = lines.first() {
        for sep in [',', ';', '\t'] {
            let n = first.matches(sep).count();
            if n > 0 && lines.len() > 1 && lines[1..].iter().all(|l| l.matches(sep).count() >= n) {
                return InputFormat::Csv;
            }
        }
    }
    InputFormat::Text
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, or UTF-16 when the file starts with its byte order mark.
    Auto,
    Latin1,
    Windows1252,
}

/// The text of an imported file. A UTF-8 or UTF-16 byte order mark is
/// honoured; bytes that are not UTF-8 are an error naming where they are,
/// unless a single-byte encoding is named.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String> {
    match encoding {
        Encoding::Latin1 => return Ok(bytes.iter().map(|&b| b as char).collect()),
        Encoding::Windows1252 => {
            return Ok(bytes.iter().map(|&b| validate::cp1252_char(b)).collect());
        }
        Encoding::Auto => {}
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let before = &bytes[..good];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = std::str::from_utf8(&before[before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)..])
            .map_or(1, |s| s.chars().count() + 1);
        Error::msg(format!(
            "line {line}, column {col}: byte 0x{:02X} is not UTF-8; the file is probably Latin-1 or Windows-1252: \
             save it as UTF-8, or pass --encoding windows-1252",
            bytes[good]
        ))
    })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::msg(
            "the file says it is UTF-16 but has an odd number of bytes",
        ));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| Error::msg("the file says it is UTF-16 but is not valid UTF-16"))
}

/// The contact fields a source can fill, kept in the private file.
const CONTACT_FIELDS: &[&str] = &["contact_person", "email", "phone", "private_note"];

/// The fields a source can fill, by name: the signer fields the field table
/// lets a source fill, the contact fields, and the consent column.
pub static FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let signer = SIGNER_FIELDS.iter().filter(|f| f.import != Import::No);
    (signer.map(|f| f.key))
        .chain(CONTACT_FIELDS.iter().copied())
        .chain(["consent"])
        .collect()
});

/// data/import-headers.toml: folded header → field. A signer field's own
/// key names it too, so a new field needs no line there.
fn header_table() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let doc: toml_edit::DocumentMut = include_str!("../../data/import-headers.toml")
            .parse()
            .expect("data/import-headers.toml is valid TOML");
        let mut m = HashMap::new();
        for f in SIGNER_FIELDS.iter().filter(|f| f.import != Import::No) {
            m.insert(fold(f.key), f.key);
        }
        for (field, item) in doc.iter() {
            let Some(field) = FIELDS.iter().find(|f| **f == field) else {
                continue;
            };
            for v in item.as_array().into_iter().flatten() {
                if let Some(s) = v.as_str() {
                    m.insert(fold(s), *field);
                }
            }
        }
        m
    })
}

/// The field a column header stands for, if any.
pub fn field_for_header(header: &str) -> Option<&'static str> {
    let f = fold(header);
    header_table().get(&f).copied().or_else(|| {
        // "Name of your organisation (as it should appear)": the part before a parenthesis.
        let head = fold(header.split(['(', '[', ':', '?']).next().unwrap_or(""));
        header_table().get(&head).copied()
    })
}

/// data/import-headings.txt: lines of a pasted list that are headings.
pub fn is_heading(line: &str) -> bool {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    let table = T.get_or_init(|| {
        include_str!("../../data/import-headings.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect()
    });
    line.trim_end().ends_with(':') || table.contains(&fold(line))
}

/// "Reporters Without Borders (RSF)": a trailing parenthesised acronym, split
/// off as a published list writes it. Mostly capitals, 2–15 characters.
pub fn split_acronym(name: &str) -> Option<(String, String)> {
    let (head, acr) = name.strip_suffix(')')?.rsplit_once(" (")?;
    let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = acr.chars().filter(|c| c.is_uppercase()).count();
    let looks_like_acronym = (2..=15).contains(&acr.chars().count())
        && acr
            .chars()
            .all(|c| c.is_alphanumeric() || "&-.".contains(c))
        && capitals * 2 > letters;
    (looks_like_acronym && !head.trim().is_empty())
        .then(|| (head.trim_end().to_string(), acr.to_string()))
}

/// "FIDH, within the framework of the Observatory": a qualifier after a comma
/// that starts in lower case is the entry's note ("Smith, John" is not).
/// A comma inside quotation marks or brackets is part of the name.
pub fn split_note(line: &str) -> (String, Option<String>) {
    for at in pasted::top_level(line, ", ") {
        let rest = &line[at + 2..];
        // "Amnesty, +44 20 …": a contact detail is split off too, to be kept private.
        if rest.chars().next().is_some_and(char::is_lowercase) || contacts::is_contact(rest) {
            return (
                line[..at].trim_end().to_string(),
                Some(rest.trim().to_string()),
            );
        }
    }
    (line.to_string(), None)
}

/// Raw field values of one source row, before checking.
#[derive(Debug, Default, Clone)]
pub struct RawRow {
    pub line: usize,
    pub values: HashMap<&'static str, String>,
    /// The header of the source's column asking whether the signer consents, if it has one.
    pub consent_header: Option<String>,
}

impl RawRow {
    /// A row that is just a name, as a line of a pasted list or a list item gives it.
    pub fn name(line: usize, name: &str) -> Self {
        let mut row = Self {
            line,
            ..Self::default()
        };
        row.values.insert("name", name.to_string());
        row
    }
}

/// Checks one row with the rules `add` uses. A bad name rejects the row; a bad
/// optional value is left out with a remark, so no signer is lost over a typo.
pub fn candidate(row: RawRow, signed: Option<NaiveDate>) -> Result<Candidate, Rejected> {
    let cells = Cells {
        row: &row,
        remarks: Vec::new(),
    };
    let named = cells.name().map_err(|e| Rejected {
        line: row.line,
        // The report shows the name cell alone, never a contact column.
        text: clip(row.values.get("name").map_or("", |v| v.trim())),
        reason: e.reason(),
    })?;
    let mut signer = Signatory {
        name: named.name,
        acronym: named.acronym.map(Into::into),
        signed,
        ..Signatory::default()
    };
    let (contact, mut remarks) = cells.fill(&mut signer, named.note, named.bracket, named.email);
    // A remark the source made reading the row ("@torgo read as a GitHub account").
    remarks.extend(row.values.get("remark").cloned());
    Ok(Candidate {
        line: row.line,
        signer,
        contact,
        remarks,
    })
}

/// What a name cell holds once the parts that are not the name are split off it.
struct Named {
    name: String,
    acronym: Option<String>,
    /// "FIDH, within the framework of the Observatory".
    note: Option<String>,
    /// An individual's "(GNOME)": their affiliation.
    bracket: Option<String>,
    /// "Jane Roe <jane@example.org>": an address, never to be published.
    email: Option<String>,
}

/// The values of one row, and the remarks made reading them.
struct Cells<'r> {
    row: &'r RawRow,
    remarks: Vec<String>,
}

impl Cells<'_> {
    /// A value, trimmed; none when missing or blank.
    fn get(&self, k: &str) -> Option<&str> {
        let v = self.row.values.get(k)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// The name, cleaned, with the acronym and the note split off it when
    /// the row has no column for them; or why the row is rejected. An
    /// individual's trailing "(…)" is their affiliation, never an acronym:
    /// "Adrien Plazas (GNOME)". It comes last. An email address after the
    /// name ("Jane Roe <jane@…>") is split off first, to be kept private.
    fn name(&self) -> Result<Named> {
        let raw_name = self.get("name").ok_or_else(|| Error::msg("no name"))?;
        validate::check_text(raw_name).map_err(|(_, why)| Error::msg(format!("the name {why}")))?;
        if crate::placeholder::is_placeholder(raw_name) {
            return Err(Error::msg("a placeholder, not a name"));
        }
        let (mut name, mut note) = (txt::clean_name(raw_name), None);
        let email = contacts::split_email(&name).map(|(n, e)| {
            name = n;
            e
        });
        // "Your Name <you@example.org>" is a placeholder too.
        if email.is_some() && crate::placeholder::is_placeholder(&name) {
            return Err(Error::msg("a placeholder, not a name"));
        }
        let mut acronym = self.get("acronym").map(txt::clean_name);
        if self.get("note").is_none() {
            (name, note) = split_note(&name);
        }
        let individual = self.get("kind").is_some_and(|k| {
            let k = k.to_lowercase();
            k.starts_with("indiv") || k.contains("person")
        });
        let mut bracket = None;
        if individual && self.get("affiliation").is_none() {
            if let Some((n, a)) = name.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
                (name, bracket) = (n.trim_end().to_string(), Some(a.trim().to_string()));
            }
        } else if acronym.is_none()
            && let Some((n, a)) = split_acronym(&name)
        {
            (name, acronym) = (n, Some(a));
        }
        if name.is_empty() {
            return Err(Error::msg("no name"));
        }
        Ok(Named {
            name,
            acronym,
            note,
            bracket,
            email,
        })
    }

    /// A text value checked and cleaned; a bad one is left out with a remark.
    fn text(&mut self, k: &str) -> Option<String> {
        let v = self.get(k)?;
        match validate::check_text(v) {
            Ok(()) => Some(txt::clean_name(v)),
            Err((_, why)) => {
                self.remarks.push(format!("{k} left out: it {why}"));
                None
            }
        }
    }

    /// Every other field of the signer and its contact, from the row.
    fn fill(
        mut self,
        s: &mut Signatory,
        split_note: Option<String>,
        bracket: Option<String>,
        email: Option<String>,
    ) -> (Contact, Vec<String>) {
        let note = self.text("note").or(split_note);
        // The fields the table lets a source fill as texts.
        for f in SIGNER_FIELDS.iter().filter(|f| f.import == Import::Text) {
            // Only texts are read this way (a check when compiling).
            let (Some(v), Type::Text(check)) = (self.text(f.key), f.ty) else {
                continue;
            };
            match check.test(&v) {
                Ok(()) => f.set(s, Set::Text(v)),
                Err(why) => self
                    .remarks
                    .push(format!("{} {}, left empty", f.key, why.reason())),
            }
        }
        // "Quantenzitrone ()": an empty bracket is no affiliation, and an
        // empty one written would make the file fail to load.
        let affiliation = (self.text("affiliation").or(bracket)).filter(|a| !a.trim().is_empty());
        let kind_text = self.text("kind").map(|k| k.to_lowercase());
        let country_text = self.text("country");
        let website_text = self.text("website");
        let mut contact = Contact {
            signatory: s.name.clone(),
            person: self.text("contact_person"),
            email: self.text("email"),
            phone: self.text("phone"),
            notes: self.text("private_note"),
            ..Contact::default()
        };
        let remarks = &mut self.remarks;
        // The address after the name, unless the row's email column gave the same.
        if let Some(e) = email.filter(|e| contact.email.as_ref() != Some(e)) {
            contacts::keep_private(e, "name", &mut contact, remarks);
        }
        // "Amnesty International, press@…", "Jane Doe, +44 …": a contact detail split off a
        // name would be published; it is kept with the row's private contact instead.
        let note = note.and_then(|n| contacts::keep_private(n, "note", &mut contact, remarks));
        let affiliation = affiliation
            .and_then(|a| contacts::keep_private(a, "affiliation", &mut contact, remarks));
        s.kind = match kind_text.as_deref() {
            Some(k) if k.starts_with("indiv") || k.contains("person") || k.contains("personal") => {
                Kind::Individual
            }
            _ if affiliation.is_some() && s.acronym.is_none() => Kind::Individual,
            _ => Kind::Organisation,
        };
        s.country = country_text.and_then(|c| imported_country(c, remarks));
        s.website = website_text.and_then(|w| imported_website(w, remarks));
        // Set only when there, so a signer without them gets no box of rare fields.
        if let Some(n) = note {
            s.rare.note = Some(n.into());
        }
        if let Some(a) = affiliation.filter(|_| s.kind == Kind::Individual) {
            s.rare.affiliation = Some(a.into());
        }
        (contact, self.remarks)
    }
}

/// A country as a code, or left out with a remark.
fn imported_country(c: String, remarks: &mut Vec<String>) -> Option<Box<str>> {
    let code = country_code(&c);
    if code.is_none() {
        remarks.push(format!("country \"{c}\" not recognised, left empty"));
    }
    code.map(Into::into)
}

/// A web address, `https://` put in front when it has no scheme, or left out with a remark.
fn imported_website(w: String, remarks: &mut Vec<String>) -> Option<Box<str>> {
    let w = if w.contains("://") {
        w
    } else {
        format!("https://{w}")
    };
    match schema::check_url(&w) {
        Ok(()) => Some(w.into()),
        Err(why) => {
            remarks.push(format!("website {why}, left empty"));
            None
        }
    }
}

/// An ISO code from a code or an English country name as people type them.
pub fn country_code(s: &str) -> Option<String> {
    let upper = s.trim().to_ascii_uppercase();
    if tables::countries().contains_key(upper.as_str()) {
        return Some(upper);
    }
    let folded = fold(s);
    if let Some(code) = tables::country_aliases().get(folded.as_str()) {
        return Some(code.to_string());
    }
    tables::countries()
        .iter()
        .find(|(_, name)| fold(name) == folded)
        .map(|(code, _)| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_row_shows_its_name_cell_clipped_and_no_contact_column() {
        let mut row = RawRow::name(7, &"y".repeat(1 << 20));
        row.values
            .insert("email", "canary@private.invalid".to_string());
        row.values.insert("phone", "+44 20 7946 0999".to_string());
        let r = candidate(row, None).unwrap_err();
        assert_eq!(r.text, format!("{}…", "y".repeat(SHOWN_CHARS)));
        assert!(r.reason.contains("bytes long"), "{}", r.reason);
        let mut row = RawRow::name(8, "Bad\u{7} Name");
        row.values
            .insert("email", "canary@private.invalid".to_string());
        let r = candidate(row, None).unwrap_err();
        assert_eq!(r.text, "Bad\u{7} Name");
        assert_eq!(clip("short"), "short");
    }

    #[test]
    fn headers_match_common_spellings() {
        assert_eq!(field_for_header("Organisation name"), Some("name"));
        assert_eq!(
            field_for_header("Name of organisation (as it should appear)"),
            Some("name")
        );
        assert_eq!(field_for_header("E-mail Address"), Some("email"));
        assert_eq!(field_for_header("Timestamp"), Some("signed"));
        assert_eq!(field_for_header("Country"), Some("country"));
        assert_eq!(field_for_header("Favourite colour"), None);
    }

    #[test]
    fn notes_and_acronyms_are_split_off_names() {
        assert_eq!(
            split_note(
                "International Federation for Human Rights (FIDH), within the framework of X"
            ),
            (
                "International Federation for Human Rights (FIDH)".to_string(),
                Some("within the framework of X".to_string())
            )
        );
        assert_eq!(split_note("Smith, John"), ("Smith, John".to_string(), None));
        assert_eq!(
            split_acronym("Reporters Without Borders (RSF)"),
            Some(("Reporters Without Borders".to_string(), "RSF".to_string()))
        );
        assert_eq!(split_acronym("Friends of the Earth (international)"), None);
    }

    #[test]
    fn countries_from_codes_and_names() {
        assert_eq!(country_code("fr").as_deref(), Some("FR"));
        assert_eq!(country_code("France").as_deref(), Some("FR"));
        assert_eq!(country_code("UK").as_deref(), Some("GB"));
        assert_eq!(country_code("United Kingdom").as_deref(), Some("GB"));
        assert_eq!(country_code("Frnace"), None);
    }

    #[test]
    fn decoding_handles_boms_and_names_bad_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFname\n", Encoding::Auto).unwrap(),
            "name\n"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, Encoding::Auto).unwrap(), "Zoë");
        let err = decode(b"ok\nCaf\xe9\n", Encoding::Auto)
            .unwrap_err()
            .reason();
        assert!(err.starts_with("line 2, column 4: byte 0xE9"), "{err}");
        assert_eq!(
            decode(b"Caf\xe9 \x93x\x94", Encoding::Windows1252).unwrap(),
            "Café “x”"
        );
    }

    #[test]
    fn the_format_is_guessed_from_extension_or_content() {
        assert_eq!(guess_format(Some(Path::new("a.CSV")), ""), InputFormat::Csv);
        assert_eq!(
            guess_format(None, "Name;Country\nA;FR\nB;DE\n"),
            InputFormat::Csv
        );
        assert_eq!(guess_format(None, "- A\n- B\n"), InputFormat::Markdown);
        assert_eq!(
            guess_format(None, "Signatories:\n1. A\n2. B, within X\n"),
            InputFormat::Text
        );
    }
}
