//! The statement schema: reads a parsed TOML document (with spans) into a Statement, collecting every problem.

pub use crate::diagnostics::rules::text::check_text;
use crate::diagnostics::rules::text::name_warnings;
use crate::diagnostics::{Code, Finding};
use crate::error::{Error, Result};
use crate::model::fields::{
    self, At, Check, Field, SIGNER_FIELDS, STATEMENT_FIELDS, Set, StatementType, StatementValue,
    Type,
};
use crate::model::{Contact, Deadline, Pos, Signatory, Statement};
use crate::tables;
use crate::text::LineIndex;
use chrono::{DateTime, NaiveDate};
use std::borrow::Cow;
use std::ops::Range;
use toml_edit::{Item, Key, TableLike, Value};

mod lean;
pub use lean::read as read_lean;
pub use lean::read_in_parts as read_lean_in_parts;

pub use crate::model::fields::{SIGNER_KEYS as SIGNATORY_KEYS, STATEMENT_KEYS};

/// A statement read from a document, and everything found wrong with it.
pub struct Parsed {
    pub statement: Statement,
    pub findings: Vec<Finding>,
    /// Where the entries are in the text, when the fast reader read it.
    pub layout: Option<Layout>,
}

/// Byte offsets of a file's `[[signatory]]` entries, so that adding one can
/// write it into the text as toml_edit would, without building a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Just past the line of the statement's last own key (0 if none):
    /// everything from here to the first header stands above the list.
    pub root_end: usize,
    /// Each entry's header start (its `[[`) and the end of its last line.
    pub entries: Vec<(usize, usize)>,
    /// Every header is written `[[signatory]]`, no space or quote inside.
    pub plain_headers: bool,
}

/// Reads `doc` (parsed from `text`) into a Statement. Problems become findings;
/// reading goes on past them so one run reports them all.
pub fn read(file: &str, text: &str, doc: &toml_edit::Document<&str>) -> Parsed {
    let mut cx = Cx {
        file,
        index: Cow::Owned(LineIndex::new(text)),
        findings: Vec::new(),
    };
    let statement = cx.statement(doc.as_table(), doc.as_item().span());
    Parsed {
        statement,
        findings: cx.findings,
        layout: None,
    }
}

pub const CONTACT_KEYS: &[&str] = &[
    "signatory",
    "person",
    "email",
    "phone",
    "notes",
    "evidence",
    "evidence_by",
    "evidence_on",
];

/// Reads a private contacts document: `[[contact]]` tables naming their signatory.
pub fn read_private(
    file: &str,
    text: &str,
    doc: &toml_edit::Document<&str>,
) -> (Vec<Contact>, Vec<Finding>) {
    let mut cx = Cx {
        file,
        index: Cow::Owned(LineIndex::new(text)),
        findings: Vec::new(),
    };
    let mut contacts = Vec::new();
    let root = doc.as_table();
    for (k, _) in root.iter() {
        let Some((key, item)) = root.get_key_value(k) else {
            continue;
        };
        if k != "contact" {
            cx.unknown_key(key, "the private file", &["contact"]);
            continue;
        }
        let Some(aot) = item.as_array_of_tables() else {
            cx.wrong_type(key, item, "[[contact]] tables");
            continue;
        };
        for t in aot.iter() {
            let mut c = Contact {
                pos: cx.pos(t.span()),
                ..Contact::default()
            };
            for (k, _) in t.iter() {
                let Some((key, item)) = t.get_key_value(k) else {
                    continue;
                };
                match k {
                    "signatory" => c.signatory = cx.text(key, item).unwrap_or_default(),
                    "person" => c.person = cx.text(key, item),
                    "email" => c.email = cx.text(key, item),
                    "phone" => c.phone = cx.text(key, item),
                    "notes" => c.notes = cx.text(key, item),
                    "evidence" => c.evidence = cx.text(key, item),
                    "evidence_by" => c.evidence_by = cx.text(key, item),
                    "evidence_on" => c.evidence_on = cx.date(key, item),
                    _ => cx.unknown_key(key, "a [[contact]]", CONTACT_KEYS),
                }
            }
            if c.signatory.is_empty() {
                cx.error(
                    t.span(),
                    Code::Schema,
                    "this contact has no `signatory` naming whose contact it is",
                );
            }
            contacts.push(c);
        }
    }
    (contacts, cx.findings.into_iter().map(unquoted).collect())
}

/// A finding in a private file as it may be shown. Every line there holds
/// contact details, so the line is never quoted: the file, line and column
/// are named, and the key the line sets when the message does not say it.
pub fn unquoted(mut f: Finding) -> Finding {
    let key = f.source_line.take().and_then(|line| {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        let plain = (1..=40).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
        plain.then(|| key.to_string())
    });
    if let Some(key) = key.filter(|k| !f.message.contains(&format!("`{k}`"))) {
        f.message.push_str(&format!(" (on the line of `{key}`)"));
    }
    f
}

struct Cx<'a> {
    file: &'a str,
    /// Owned, or borrowed by the fast reader's name checks on other cores.
    index: Cow<'a, LineIndex<'a>>,
    findings: Vec<Finding>,
}

impl Cx<'_> {
    fn pos(&self, span: Option<Range<usize>>) -> Pos {
        span.map_or(Pos { line: 1, column: 1 }, |s| self.index.pos(s.start))
    }

    fn push(&mut self, finding: Finding, span: Option<Range<usize>>) {
        let pos = self.pos(span.clone());
        // Underline the span, but only as far as the end of its first line.
        let width = span.map_or(1, |s| {
            let text = self.index.slice(s);
            text.lines().next().unwrap_or("").chars().count()
        });
        let src = self.index.line_text(pos.line);
        self.findings
            .push(finding.at(pos.line, pos.column, src, width));
    }

    fn error(&mut self, span: Option<Range<usize>>, code: Code, msg: impl Into<String>) {
        let f = Finding::error(self.file, code, msg);
        self.push(f, span);
    }

    fn warning(&mut self, span: Option<Range<usize>>, code: Code, msg: impl Into<String>) {
        let f = Finding::warning(self.file, code, msg);
        self.push(f, span);
    }

    fn unknown_key(&mut self, key: &Key, place: &str, allowed: &[&str]) {
        let name = key.get();
        // An email or a phone number typed into the public file: say where it goes.
        const CONTACT: &[&str] = &["email", "phone", "person", "contact_person", "notes"];
        if allowed == SIGNATORY_KEYS && CONTACT.contains(&name) {
            let msg = format!(
                "unknown key `{name}` in {place}: contact details never go in the published \
                 statement; keep them in its private contacts file (`undersigned add … --email`, \
                 or a [[contact]] there)"
            );
            return self.error(key.span(), Code::Schema, msg);
        }
        let hint = allowed
            .iter()
            .map(|k| (strsim::damerau_levenshtein(name, k), k))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map_or_else(
                || format!("; known keys are {}", allowed.join(", ")),
                |(_, k)| format!("; did you mean `{k}`?"),
            );
        self.error(
            key.span(),
            Code::Schema,
            format!("unknown key `{name}` in {place}{hint}"),
        );
    }

    fn statement(&mut self, root: &toml_edit::Table, span: Option<Range<usize>>) -> Statement {
        let mut st = Statement::default();
        for (k, _) in root.iter() {
            let Some((key, item)) = root.get_key_value(k) else {
                continue;
            };
            let Some(field) = fields::statement_key(k) else {
                self.unknown_key(key, "the statement", STATEMENT_KEYS);
                continue;
            };
            if field.ty == StatementType::Signatories {
                st.signatories = self.signatories(key, item);
            } else if let Some(v) = self.statement_value(key, item, field.ty) {
                (field.set)(&mut st, v);
            }
        }
        for f in STATEMENT_FIELDS.iter().filter(|f| f.required) {
            if !root.contains_key(f.key) {
                self.error(
                    span.clone().map(|s| s.start..s.start),
                    Code::Schema,
                    format!("the statement has no `{}`", f.key),
                );
            }
        }
        st
    }

    /// A statement value of type `ty`, or the findings saying why not.
    fn statement_value(
        &mut self,
        key: &Key,
        item: &Item,
        ty: StatementType,
    ) -> Option<StatementValue> {
        Some(match ty {
            StatementType::Text => StatementValue::Text(self.text(key, item)?),
            StatementType::Language => StatementValue::Text(self.language(key, item)?),
            StatementType::Url => StatementValue::Text(self.url(key, item)?),
            StatementType::Date => StatementValue::Date(self.date(key, item)?),
            StatementType::Deadline => StatementValue::Deadline(self.deadline(key, item)?),
            StatementType::Choice(names) => {
                StatementValue::Text(self.choice(key, item, names)?.to_string())
            }
            StatementType::Bool => match item.as_value().and_then(Value::as_bool) {
                Some(b) => StatementValue::Bool(b),
                None => {
                    self.wrong_type(key, item, "true or false");
                    return None;
                }
            },
            StatementType::Signatories => return None,
        })
    }

    fn signatories(&mut self, key: &Key, item: &Item) -> Vec<Signatory> {
        match item {
            Item::ArrayOfTables(aot) => aot
                .iter()
                .map(|t| self.signatory(t, t.span().or_else(|| aot.span())))
                .collect(),
            Item::Value(Value::Array(arr)) => {
                let mut out = Vec::new();
                for v in arr.iter() {
                    match v.as_inline_table() {
                        Some(t) => out.push(self.signatory(t, v.span())),
                        None => self.error(
                            v.span(),
                            Code::Schema,
                            "each signatory must be a table such as { name = \"...\" }",
                        ),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(key, item, "[[signatory]] tables");
                Vec::new()
            }
        }
    }

    fn signatory(&mut self, t: &dyn TableLike, span: Option<Range<usize>>) -> Signatory {
        let mut s = Signatory {
            pos: self.pos(span.clone()),
            ..Signatory::default()
        };
        for (k, _) in t.iter() {
            let Some((key, item)) = t.get_key_value(k) else {
                continue;
            };
            let Some((_, field)) = fields::signer_field(k) else {
                self.unknown_key(key, "a [[signatory]]", SIGNATORY_KEYS);
                continue;
            };
            if let Some(v) = self.signer_value(key, item, field) {
                if field.ty == Type::Text(Check::Name) {
                    s.pos = self.pos(item.span());
                }
                field.set(&mut s, v);
            }
        }
        let has = |i: usize| t.contains_key(SIGNER_FIELDS[i].key);
        for p in fields::entry_problems(&s, has) {
            let at = match p.at {
                At::Entry => span.clone(),
                At::Key(k) => t.get_key_value(k).and_then(|(key, _)| key.span()),
                At::Value(k) => t.get(k).and_then(Item::span),
            };
            if p.error {
                self.error(at, Code::Schema, p.message);
            } else {
                self.warning(at, Code::Schema, p.message);
            }
        }
        s
    }

    /// A signer field's value, checked as the field table says, or the
    /// findings saying why not.
    fn signer_value(&mut self, key: &Key, item: &Item, field: &Field) -> Option<Set> {
        Some(match field.ty {
            Type::Text(check) => {
                let v = self.text(key, item)?;
                if check == Check::Name {
                    self.check_name(&v, item.span());
                } else if let Err(why) = check.test(&v) {
                    let why = why.reason();
                    self.error(item.span(), Code::Schema, format!("`{}` {why}", key.get()));
                    return None;
                }
                Set::Text(v)
            }
            Type::Date => Set::Date(self.date(key, item)?),
            Type::List => Set::List(self.text_list(key, item)),
            Type::Choice { names, .. } => Set::Text(self.choice(key, item, names)?.to_string()),
        })
    }

    fn wrong_type(&mut self, key: &Key, item: &Item, expected: &str) {
        let found = match item {
            Item::None => "nothing",
            Item::Table(_) | Item::Value(Value::InlineTable(_)) => "a table",
            Item::ArrayOfTables(_) | Item::Value(Value::Array(_)) => "an array",
            Item::Value(Value::String(_)) => "a string",
            Item::Value(Value::Integer(_)) => "an integer",
            Item::Value(Value::Float(_)) => "a number",
            Item::Value(Value::Boolean(_)) => "a boolean",
            Item::Value(Value::Datetime(_)) => "a date",
        };
        self.error(
            item.span().or_else(|| key.span()),
            Code::Schema,
            format!("`{}` must be {expected}, found {found}", key.get()),
        );
    }

    /// A string field: present, non-empty, no characters that break output.
    fn text(&mut self, key: &Key, item: &Item) -> Option<String> {
        let Some(s) = item.as_str() else {
            self.wrong_type(key, item, "a string");
            return None;
        };
        if s.trim().is_empty() {
            self.error(
                item.span(),
                Code::Schema,
                format!("`{}` is empty; give a value or remove the key", key.get()),
            );
            return None;
        }
        if let Err((code, why)) = check_text(s) {
            self.error(item.span(), code, format!("`{}` {why}", key.get()));
            return None;
        }
        Some(s.to_string())
    }

    /// An array of strings, each checked as a text field.
    fn text_list(&mut self, key: &Key, item: &Item) -> Vec<String> {
        let Some(arr) = item.as_array() else {
            self.wrong_type(key, item, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in arr.iter() {
            let Some(s) = v.as_str() else {
                self.error(
                    v.span(),
                    Code::Schema,
                    format!("each entry of `{}` must be a string", key.get()),
                );
                continue;
            };
            if s.trim().is_empty() {
                self.error(
                    v.span(),
                    Code::Schema,
                    format!("`{}` has an empty entry", key.get()),
                );
                continue;
            }
            match check_text(s) {
                Ok(()) => out.push(s.to_string()),
                Err((code, why)) => {
                    self.error(v.span(), code, format!("an entry of `{}` {why}", key.get()))
                }
            }
        }
        out
    }

    fn check_name(&mut self, name: &str, span: Option<Range<usize>>) {
        if !crate::text::is_clean(name) {
            let clean = crate::text::clean_name(name);
            let what = if crate::text::is_nfc(name) {
                "doubled spaces or spaces at its ends"
            } else {
                "characters not in Unicode NFC form"
            };
            self.warning(
                span.clone(),
                Code::Unicode,
                format!("this name has {what}; write it as \"{clean}\""),
            );
        }
        for (code, why) in name_warnings(name) {
            self.warning(span.clone(), code, format!("this name {why}"));
        }
    }

    /// One of `names`, as written.
    fn choice(
        &mut self,
        key: &Key,
        item: &Item,
        names: &'static [&'static str],
    ) -> Option<&'static str> {
        let Some(s) = item.as_str() else {
            self.wrong_type(key, item, &format!("one of {}", quoted(names)));
            return None;
        };
        let parsed = names.iter().find(|n| **n == s).copied();
        if parsed.is_none() {
            let hint = names
                .iter()
                .find(|n| strsim::damerau_levenshtein(&s.to_lowercase(), n) <= 2)
                .map_or(String::new(), |n| format!("; did you mean \"{n}\"?"));
            self.error(
                item.span(),
                Code::Schema,
                format!(
                    "`{}` must be one of {}, not \"{s}\"{hint}",
                    key.get(),
                    quoted(names)
                ),
            );
        }
        parsed
    }

    /// A date written as a TOML date (`2023-09-21`) or a string holding one.
    fn date(&mut self, key: &Key, item: &Item) -> Option<NaiveDate> {
        let raw = date_text(item);
        let parsed = raw
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        if parsed.is_none() {
            self.error(
                item.span(),
                Code::Schema,
                format!("`{}` must be a date such as 2023-09-21", key.get()),
            );
        }
        parsed
    }

    fn deadline(&mut self, key: &Key, item: &Item) -> Option<Deadline> {
        let raw = date_text(item).unwrap_or_default();
        if let Ok(d) = NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
            return Some(Deadline::Date(d));
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(&raw) {
            return Some(Deadline::DateTime(t));
        }
        let hint = if raw.contains('T') || raw.contains(' ') {
            "; a time needs its time zone, as in 2023-09-21T18:00:00+08:00"
        } else {
            ""
        };
        self.error(
            item.span(),
            Code::Schema,
            format!(
                "`{}` must be a date (2023-09-21) or a date and time with its zone (2023-09-21T18:00:00+08:00){hint}",
                key.get()
            ),
        );
        None
    }

    fn language(&mut self, key: &Key, item: &Item) -> Option<String> {
        let s = self.text(key, item)?;
        if icu_locale_core::Locale::try_from_str(&s).is_err() {
            self.error(
                item.span(),
                Code::Schema,
                format!("`{}` must be a language tag such as \"en\", \"fr\" or \"zh-Hant\", not \"{s}\"", key.get()),
            );
            return None;
        }
        Some(s)
    }

    fn url(&mut self, key: &Key, item: &Item) -> Option<String> {
        let s = self.text(key, item)?;
        if let Err(why) = check_url(&s) {
            let why = why.reason();
            self.error(item.span(), Code::Schema, format!("`{}` {why}", key.get()));
            return None;
        }
        Some(s)
    }
}

fn date_text(item: &Item) -> Option<String> {
    match item.as_value()? {
        Value::Datetime(d) => Some(d.value().to_string()),
        Value::String(s) => Some(s.value().trim().to_string()),
        _ => None,
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An ISO 3166-1 alpha-2 code, in capitals, that exists.
pub fn check_country(s: &str) -> Result<()> {
    if tables::countries().contains_key(s) {
        return Ok(());
    }
    let upper = s.to_ascii_uppercase();
    if tables::countries().contains_key(upper.as_str()) {
        return Err(Error::msg(format!(
            "must be written in capitals: \"{upper}\""
        )));
    }
    if let Some((code, _)) = tables::countries()
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(s))
    {
        return Err(Error::msg(format!(
            "must be a two-letter ISO 3166-1 code: \"{code}\" for {s}"
        )));
    }
    Err(Error::msg(format!(
        "must be a two-letter ISO 3166-1 country code such as \"FR\", not \"{s}\""
    )))
}

/// An absolute http(s) address with a host.
pub fn check_url(s: &str) -> Result<()> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| {
            Error::msg(format!(
                "must start with https:// or http://: \"https://{s}\""
            ))
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // "https://user:password@host/": a published address must not carry
    // credentials; the message does not repeat them.
    if host.contains('@') {
        return Err(Error::msg(
            "holds a user name or password before its host: leave them out of a published address",
        ));
    }
    if host.is_empty() || !host.contains('.') || s.chars().any(char::is_whitespace) {
        return Err(Error::msg(format!("is not a web address: \"{s}\"")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_finding_loses_its_line_and_names_its_key() {
        let line = "email = \"canary@private.invalid";
        let f = Finding::error("p.toml", Code::Syntax, "invalid TOML: invalid basic string")
            .at(3, 9, line, 5);
        let f = unquoted(f);
        assert_eq!(f.source_line, None);
        assert_eq!((f.line, f.column), (3, 9));
        assert_eq!(
            f.message,
            "invalid TOML: invalid basic string (on the line of `email`)"
        );
        // A message that names its key already is left as it is.
        let f = Finding::error("p.toml", Code::Schema, "`phone` must be a string").at(
            4,
            9,
            "phone = 1",
            1,
        );
        assert_eq!(unquoted(f).message, "`phone` must be a string");
    }
}
