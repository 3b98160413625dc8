//! Reading a statement file: decoding, conflict markers, syntax findings, parsing, and what `Loaded` tells about itself.

use super::{BOM, Loaded, display, read_regular};
use crate::diagnostics::{Code, Finding};
use crate::error::{Error, Result};
use crate::model::Pos;
use crate::schema;
use crate::text::LineIndex;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Value};

/// Reads and parses `path`. A file that cannot be read, is not UTF-8 or is
/// not TOML is an error finding; schema problems are kept in `findings`.
pub fn load(path: &Path) -> Result<Loaded, Finding> {
    let name = display(path);
    // A contacts file read as a statement would show its lines in a syntax
    // error: it is refused before a byte of it is read.
    if super::is_private(path) {
        return Err(Finding::error(
            &name,
            Code::Io,
            format!(
                "{name} is a private contacts file, not a statement: name its statement instead"
            ),
        ));
    }
    let bytes = read_regular(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => e.to_string(),
        };
        Finding::error(&name, Code::Io, format!("cannot read {name}: {why}"))
    })?;
    parse(path, bytes)
}

/// Parses the bytes of a statement file that was read from `path` (which is
/// only remembered, for messages and a later save). Never panics on any input.
pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Loaded, Finding> {
    let name = display(path);
    // The bytes become the text without a copy: a long list is held once.
    let original = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.into_bytes();
            return Err(decode(&name, &bytes).err().unwrap_or_else(|| {
                Finding::error(&name, Code::Encoding, "the file is not valid UTF-8")
            }));
        }
    };
    let bom = original.starts_with(BOM);
    let body = original.strip_prefix(BOM).unwrap_or(&original);
    check_conflict_markers(&name, body)?;
    let final_newline = body.is_empty() || body.ends_with('\n');
    let (parsed, doc) = match schema::read_lean(&name, body) {
        Some(parsed) => (parsed, std::sync::OnceLock::new()),
        None => {
            let doc =
                toml_edit::Document::parse(body).map_err(|e| syntax_finding(&name, body, &e))?;
            let root = doc.as_table();
            if !root.contains_key("title") && !root.contains_key("signatory") {
                return Err(Finding::error(
                    &name,
                    Code::Schema,
                    format!(
                        "{name} is not a statement file: it has no `title` and no `[[signatory]]` entries"
                    ),
                ));
            }
            let parsed = schema::read(&name, body, &doc);
            (parsed, std::sync::OnceLock::from(doc.into_mut()))
        }
    };
    Ok(Loaded {
        path: path.to_path_buf(),
        name,
        statement: parsed.statement,
        findings: parsed.findings,
        final_newline,
        bom,
        original,
        edited: None,
        dirty: false,
        line_starts: std::sync::OnceLock::new(),
        layout: parsed.layout,
        doc,
    })
}

pub(super) fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Finding> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Finding::error(
            name,
            Code::Encoding,
            "this file is UTF-16; save it as UTF-8 and try again",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        // The prefix before the bad byte is valid, so positions can be computed in it.
        let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
        let idx = LineIndex::new(prefix);
        let pos = idx.pos(good);
        Finding::error(
            name,
            Code::Encoding,
            format!(
                "byte 0x{:02X} is not valid UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
                bytes[good]
            ),
        )
        .at(pos.line, pos.column, idx.line_text(pos.line), 1)
    })
}

fn check_conflict_markers(name: &str, text: &str) -> Result<(), Finding> {
    // Only lines that start with a marker's first character are looked at:
    // a long list's file has hundreds of thousands of lines, found with
    // memchr (a byte-pair loop cost more than the rest of the file's start).
    let bytes = text.as_bytes();
    let marks = |b: &u8| b"<>=".contains(b);
    let suspect = bytes.first().is_some_and(marks)
        || memchr::memchr_iter(b'\n', bytes).any(|i| bytes.get(i + 1).is_some_and(marks));
    if !suspect {
        return Ok(());
    }
    for (n, line) in text.lines().enumerate() {
        let marker = line.starts_with("<<<<<<< ")
            || line.starts_with(">>>>>>> ")
            || line.trim_end() == "=======";
        if marker {
            return Err(Finding::error(
                name,
                Code::Syntax,
                "unresolved merge conflict marker; finish the merge (keep both sides' signers) and remove the markers",
            )
            .at(n + 1, 1, line, line.chars().count()));
        }
    }
    Ok(())
}

pub(super) fn syntax_finding(name: &str, text: &str, e: &toml_edit::TomlError) -> Finding {
    let idx = LineIndex::new(text);
    let span = e.span().unwrap_or(0..0);
    let pos = idx.pos(span.start);
    let width = idx.slice(span).chars().take_while(|&c| c != '\n').count();
    let message = e
        .message()
        .trim()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .to_string();
    Finding::error(name, Code::Syntax, format!("invalid TOML: {message}")).at(
        pos.line,
        pos.column,
        idx.line_text(pos.line),
        width,
    )
}

/// True when the file's lines end in CRLF (the majority decides a mixed file).
fn uses_crlf(text: &str) -> bool {
    // One pass over the bytes, counting each line break and those after a CR.
    let (mut lf, mut crlf) = (0usize, 0usize);
    let mut prev = 0u8;
    for &b in text.as_bytes() {
        if b == b'\n' {
            lf += 1;
            crlf += usize::from(prev == b'\r');
        }
        prev = b;
    }
    crlf > 0 && crlf * 2 >= lf
}

/// The value of a key compared by meaning, not by how it is written:
/// `'x'` and `"x"` are the same, and so are two layouts of one array.
pub fn semantic(v: &Value) -> String {
    match v {
        Value::String(s) => format!("s:{}", s.value()),
        Value::Integer(i) => format!("i:{}", i.value()),
        Value::Float(f) => format!("f:{}", f.value()),
        Value::Boolean(b) => format!("b:{}", b.value()),
        Value::Datetime(d) => format!("d:{}", d.value()),
        Value::Array(a) => format!("[{}]", a.iter().map(semantic).collect::<Vec<_>>().join(",")),
        Value::InlineTable(t) => {
            let mut kv: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k}={}", semantic(v)))
                .collect();
            kv.sort();
            format!("{{{}}}", kv.join(","))
        }
    }
}

/// A value with its surrounding whitespace and comments removed, ready to be
/// written into another document.
fn bare(v: &Value) -> Value {
    let mut v = v.clone();
    v.decor_mut().clear();
    v
}

impl Loaded {
    /// The text, less any BOM: as read, or as last spliced. Line numbers
    /// count in it.
    pub(super) fn text(&self) -> &str {
        match &self.edited {
            Some(text) => text,
            None => self.original.strip_prefix(BOM).unwrap_or(&self.original),
        }
    }

    /// The toml_edit document of the text as read (or as last set).
    pub(super) fn doc(&self) -> &DocumentMut {
        self.doc.get_or_init(|| {
            // The fast reader accepted this text, and it accepts only valid
            // TOML (tests/lean_reader.rs holds it to that).
            self.text()
                .parse::<DocumentMut>()
                .expect("a statement read by the fast reader is valid TOML")
        })
    }

    pub(super) fn doc_mut(&mut self) -> &mut DocumentMut {
        self.doc();
        self.doc.get_mut().expect("parsed just above")
    }

    /// Whether the file as read breaks its lines mostly with CRLF, which a
    /// rewritten file keeps. Worked out when a file is written, not when it
    /// is read: most runs only read.
    pub(super) fn crlf(&self) -> bool {
        uses_crlf(self.original.strip_prefix(BOM).unwrap_or(&self.original))
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_error())
    }

    /// The statement, or its errors when it is not fit to be edited or exported.
    pub fn require_valid(&self) -> Result<()> {
        let errors: Vec<Finding> = self.errors().cloned().collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Findings(errors))
        }
    }

    /// Whether a toml_edit document has been built for this file. Reading
    /// a file of the usual shape and adding one signer build none; for
    /// tests and benchmarks.
    pub fn document_built(&self) -> bool {
        self.doc.get().is_some()
    }

    /// A finding about the entry at `pos`, showing its line.
    pub fn finding_at(&self, f: Finding, pos: Pos, width: usize) -> Finding {
        // Line starts are found once per file, not once per finding.
        let starts = self
            .line_starts
            .get_or_init(|| crate::text::line_starts(self.text()));
        let line = pos.line.saturating_sub(1);
        let text = match (starts.get(line), starts.get(line + 1)) {
            (Some(&a), Some(&b)) => &self.text()[a..b],
            (Some(&a), None) => &self.text()[a..],
            _ => "",
        };
        f.at(
            pos.line,
            pos.column,
            text.trim_end_matches(['\n', '\r']),
            width,
        )
    }

    fn signatory_table(&self, index: usize) -> Option<&dyn toml_edit::TableLike> {
        match self.doc().as_table().get("signatory")? {
            Item::ArrayOfTables(aot) => aot.get(index).map(|t| t as &dyn toml_edit::TableLike),
            Item::Value(Value::Array(arr)) => arr
                .get(index)
                .and_then(Value::as_inline_table)
                .map(|t| t as &dyn toml_edit::TableLike),
            _ => None,
        }
    }

    /// The keys and values of entry `index`, as written.
    pub fn signatory_values(&self, index: usize) -> Vec<(String, Value)> {
        self.signatory_table(index).map_or_else(Vec::new, |t| {
            t.iter()
                .filter_map(|(k, item)| item.as_value().map(|v| (k.to_string(), bare(v))))
                .collect()
        })
    }

    /// The statement's own keys and values (everything but the signatories).
    pub fn statement_values(&self) -> Vec<(String, Value)> {
        self.doc()
            .as_table()
            .iter()
            .filter(|(k, _)| *k != "signatory")
            .filter_map(|(k, item)| item.as_value().map(|v| (k.to_string(), bare(v))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_detected_by_majority() {
        assert!(uses_crlf("a\r\nb\r\n"));
        assert!(!uses_crlf("a\nb\n"));
        assert!(uses_crlf("a\r\nb\n"));
        assert!(!uses_crlf("a\r\nb\nc\n"));
        assert!(!uses_crlf("a\rb\n"));
    }

    #[test]
    fn merge_conflict_markers_are_found_at_any_line_start_only() {
        let head = "title = \"T\"\n\n[[signatory]]\nname = \"A\"\n";
        for marker in [
            "<<<<<<< ours\n",
            ">>>>>>> theirs\r\n",
            "=======\n",
            "======= \r\n",
        ] {
            let line = 5;
            for text in [format!("{head}{marker}"), format!("{marker}{head}")] {
                let f = check_conflict_markers("s.toml", &text).unwrap_err();
                assert_eq!(f.code.as_str(), "syntax");
                let at = if text.starts_with(marker) { 1 } else { line };
                assert_eq!(f.line, at, "{text:?}");
            }
        }
        for fine in [
            "note = \"<<<<<<< x\"\n",
            "<<<<<<<x\n",
            "======== \n",
            "a =======\n",
        ] {
            assert!(
                check_conflict_markers("s.toml", &format!("{head}{fine}")).is_ok(),
                "{fine:?}"
            );
        }
    }
}
