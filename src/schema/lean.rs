//! The fast reader: statement files of the usual shape read straight from the TOML event stream, no document tree.
//!
//! A statement of 100,000 signers is a 10 MB file; a toml_edit document of it
//! takes 25 times that in memory and most of the time `check` spends reading.
//! Files as the tool writes them and people edit them (key/value lines at the
//! top, then `[[signatory]]` tables of strings, dates and arrays of strings)
//! are read here from toml_parser's events into the model, with the spans
//! toml_edit would give. Anything else, and anything the schema would call an
//! error, makes this reader give up: the caller then reads the file the full
//! way, which reports it. So this path only ever has to get right files that
//! are valid, and `tests/lean_reader.rs` checks that both ways agree.

use super::{Cx, Layout, Parsed, check_url};
use crate::diagnostics::Code;
use crate::diagnostics::rules::text::check_text;
use crate::model::fields::{
    self, At, Check, STATEMENT_FIELDS, Set, StatementType, StatementValue, Type,
};
use crate::model::{Deadline, Signatory, Statement};
use crate::text::LineIndex;
use chrono::{DateTime, NaiveDate};
use std::borrow::Cow;
use std::ops::Range;
use toml_parser::decoder::Encoding;
use toml_parser::decoder::ScalarKind;
use toml_parser::lexer::TokenKind;
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// `Reader::signatory` keeps one bit per field.
const _: () = assert!(fields::SIGNER_FIELDS.len() <= 64);

/// Tokens are lexed and parsed this many at a time (cut at a line break
/// outside any bracket, where a TOML expression always ends), so the token
/// list never holds the whole file.
const CHUNK: usize = 1 << 14;

/// Below this size a file is read on one core: a second one costs more to
/// start than it saves.
const SPLIT_AT: usize = 1 << 18;

/// Reads `text` if it has the usual shape and no error; `None` sends the
/// caller to the full reader.
///
/// A long file is read in two parts at once, cut at a `[[signatory]]`
/// header near its middle. The cut is only trusted if both parts read and
/// the first part's last token is the line break before that header,
/// outside any bracket: then the header is where the whole file's reading
/// would find it, not inside a multi-line string or array. Otherwise the
/// file is read whole.
pub fn read(file: &str, text: &str) -> Option<Parsed> {
    let threads = rayon::current_num_threads();
    read_in_parts(file, text, if threads > 1 { SPLIT_AT } else { usize::MAX })
}

/// [`read`], with the size from which a file is read in two parts (tests
/// hold the two ways equal on small files).
pub fn read_in_parts(file: &str, text: &str, min_len: usize) -> Option<Parsed> {
    let cut = (text.len() >= min_len).then(|| cut_point(text)).flatten();
    let Some(cut) = cut else {
        return finish(file, read_part(file, text, false)?.0, None);
    };
    // Each part's names are checked on the core that read it.
    let read = |text, continues| {
        read_part(file, text, continues).map(|(r, at_line_start)| {
            let names = names_checked(&r.cx.index, file, &r.signatories, &r.name_spans);
            (r, at_line_start, names)
        })
    };
    let (first, second) = rayon::join(|| read(&text[..cut], false), || read(&text[cut..], true));
    // A part that fails may have been cut wrongly: the whole file decides.
    let (Some((mut r, true, mut names)), Some((b, _, names_b))) = (first, second) else {
        return finish(file, read_part(file, text, false)?.0, None);
    };
    // The second part's places, from its own start to the file's: the
    // first part ends with a line break, so its last line start is the cut.
    let lines = r.cx.index.line_count() - 1;
    let shift = |mut f: crate::diagnostics::Finding| {
        f.line += lines;
        f
    };
    let count = r.signatories.len();
    names.extend(
        names_b
            .into_iter()
            .map(|fs| fs.into_iter().map(shift).collect()),
    );
    r.cx.findings.extend(b.cx.findings.into_iter().map(shift));
    // Exactly: extending would double the capacity, and a long list's
    // signers are kept until the check ends (3 MB more at 100,000).
    r.signatories.reserve_exact(b.signatories.len());
    r.signatories.extend(b.signatories.into_iter().map(|mut s| {
        s.pos.line += lines;
        s
    }));
    // The names' spans are not joined: their warnings are worked out already.
    r.table_findings.extend(
        b.table_findings
            .into_iter()
            .map(|(i, f)| (i + count, shift(f))),
    );
    r.layout.entries.reserve_exact(b.layout.entries.len());
    r.layout.entries.extend(
        b.layout
            .entries
            .into_iter()
            .map(|(start, end)| (start + cut, end + cut)),
    );
    r.layout.plain_headers &= b.layout.plain_headers;
    finish(file, r, Some(names))
}

/// Where a file would be cut in two: the start of the first
/// `[[signatory]]` line after its middle.
fn cut_point(text: &str) -> Option<usize> {
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid += 1;
    }
    let at = text[mid..].find("\n[[signatory]]")?;
    Some(mid + at + 1)
}

/// Reads one part of a file (`continues`: a part that starts at a
/// `[[signatory]]` header, after the statement's own keys). Also says
/// whether the part's last token is a line break outside any bracket.
fn read_part<'a>(file: &'a str, text: &'a str, continues: bool) -> Option<(Reader<'a, 'a>, bool)> {
    let source = Source::new(text);
    let mut r = Reader {
        source,
        cx: Cx {
            file,
            index: Cow::Owned(LineIndex::new(text)),
            findings: Vec::new(),
        },
        failed: false,
        continues,
        header: None,
        header_keys: 0,
        header_ok: false,
        table: Vec::new(),
        in_signatory: None,
        key: None,
        after_eq: false,
        array: None,
        statement: None,
        signatories: Vec::new(),
        last_value_end: None,
        name_spans: Vec::new(),
        table_findings: Vec::new(),
        layout: Layout {
            root_end: 0,
            entries: Vec::new(),
            plain_headers: true,
        },
    };
    let mut tokens = Vec::with_capacity(CHUNK + 64);
    let mut depth = 0i64;
    let mut errors: Option<ParseError> = None;
    let mut last = None;
    for token in source.lex() {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth -= 1,
            _ => {}
        }
        if token.kind() != TokenKind::Eof {
            last = Some(token.kind());
        }
        let cut = token.kind() == TokenKind::Newline && depth == 0 && tokens.len() >= CHUNK;
        tokens.push(token);
        if cut {
            toml_parser::parser::parse_document(&tokens, &mut r, &mut errors);
            tokens.clear();
            if r.failed || errors.is_some() {
                return None;
            }
        }
    }
    toml_parser::parser::parse_document(&tokens, &mut r, &mut errors);
    if errors.is_some() {
        return None;
    }
    r.finish_table();
    if r.failed {
        return None;
    }
    let at_line_start = depth == 0 && last == Some(TokenKind::Newline);
    Some((r, at_line_start))
}

/// The statement of a file read, with its findings in the full reader's
/// order. `names`: each name's warnings, when the parts worked them out.
fn finish(
    file: &str,
    mut r: Reader<'_, '_>,
    names: Option<Vec<Vec<crate::diagnostics::Finding>>>,
) -> Option<Parsed> {
    let mut statement = r.statement.take()?;
    let mut findings = r.cx.findings;
    let by_name =
        names.unwrap_or_else(|| name_findings(&r.cx.index, file, &r.signatories, &r.name_spans));
    let mut table = r.table_findings.into_iter().peekable();
    for (i, name) in by_name.into_iter().enumerate() {
        findings.extend(name);
        while let Some((_, f)) = table.next_if(|(at, _)| *at == i) {
            findings.push(f);
        }
    }
    statement.signatories = r.signatories;
    Some(Parsed {
        statement,
        findings,
        layout: Some(r.layout),
    })
}

/// The warnings each name earns (`Cx::check_name`), one list per
/// signatory. Checking a name is most of reading a long file, and names
/// are independent: long lists are shared over the cores.
fn name_findings(
    index: &LineIndex<'_>,
    file: &str,
    signatories: &[Signatory],
    spans: &[Range<usize>],
) -> Vec<Vec<crate::diagnostics::Finding>> {
    use rayon::prelude::*;
    signatories
        .par_chunks(NAMES_SLICE)
        .zip(spans.par_chunks(NAMES_SLICE))
        .flat_map_iter(|(signatories, spans)| names_checked(index, file, signatories, spans))
        .collect()
}

/// Names checked as one piece of work: below this, sharing costs more than
/// it saves.
const NAMES_SLICE: usize = 1024;

/// `name_findings` on one core.
fn names_checked(
    index: &LineIndex<'_>,
    file: &str,
    signatories: &[Signatory],
    spans: &[Range<usize>],
) -> Vec<Vec<crate::diagnostics::Finding>> {
    let mut cx = Cx {
        file,
        index: Cow::Borrowed(index),
        findings: Vec::new(),
    };
    signatories
        .iter()
        .zip(spans)
        .map(|(s, span)| {
            cx.check_name(&s.name, Some(span.clone()));
            std::mem::take(&mut cx.findings)
        })
        .collect()
}

/// One `key = value` of the table being read.
struct Entry<'i> {
    key: Cow<'i, str>,
    value: Value<'i>,
}

enum Value<'i> {
    Scalar(Raw<'i>, Span),
    Array(Vec<(Raw<'i>, Span)>),
}

impl Value<'_> {
    fn span(&self) -> Option<Range<usize>> {
        match self {
            Value::Scalar(_, span) => Some(range(*span)),
            // Only scalars' spans are ever shown by this reader.
            Value::Array(_) => None,
        }
    }
}

fn range(s: Span) -> Range<usize> {
    s.start()..s.end()
}

struct Reader<'i, 'f> {
    source: Source<'i>,
    cx: Cx<'f>,
    failed: bool,
    /// This part starts at a `[[signatory]]` header: the statement's own
    /// keys were in an earlier part.
    continues: bool,
    /// The `[[` of the header being read.
    header: Option<Span>,
    header_keys: usize,
    header_ok: bool,
    /// Entries of the table being read (the root before any header).
    table: Vec<Entry<'i>>,
    /// The span of the current `[[signatory]]` header, once past the root.
    in_signatory: Option<Span>,
    key: Option<Raw<'i>>,
    after_eq: bool,
    array: Option<Vec<(Raw<'i>, Span)>>,
    statement: Option<Statement>,
    signatories: Vec<Signatory>,
    /// Where the table's last value ends.
    last_value_end: Option<usize>,
    /// Each signatory's name, in order.
    name_spans: Vec<Range<usize>>,
    /// The table-level warnings of each signatory (by its index), in order.
    table_findings: Vec<(usize, crate::diagnostics::Finding)>,
    layout: Layout,
}

/// Collects whether any decoding error happened.
struct Flag(bool);

impl ErrorSink for Flag {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

impl<'i> Reader<'i, '_> {
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'i> {
        let text = &self.source.input()[span.start()..span.end()];
        Raw::new_unchecked(text, encoding, span)
    }

    fn fail(&mut self) {
        self.failed = true;
    }

    /// The table just read becomes a statement or a signatory.
    fn finish_table(&mut self) {
        if self.failed {
            return;
        }
        let entries = std::mem::take(&mut self.table);
        // The table's text ends with the line of its last value (a comment
        // on that line is part of it; lines after it belong to what follows).
        let end = self.last_value_end.take().map_or(0, |at| {
            let input = self.source.input();
            input[at..].find('\n').map_or(input.len(), |i| at + i + 1)
        });
        match self.in_signatory {
            None => self.layout.root_end = end,
            Some(header) => self.layout.entries.push((header.start(), end)),
        }
        match self.in_signatory {
            None if self.continues => {
                // Nothing stands before the part's first header.
                if !entries.is_empty() {
                    self.fail();
                }
            }
            None => {
                if self.statement.is_some() {
                    // A second root cannot happen; be safe.
                    return self.fail();
                }
                match self.statement(&entries) {
                    Some(st) => self.statement = Some(st),
                    None => self.fail(),
                }
            }
            Some(header) => match self.signatory(&entries, header) {
                Some(s) => self.signatories.push(s),
                None => self.fail(),
            },
        }
    }

    fn statement(&mut self, entries: &[Entry<'i>]) -> Option<Statement> {
        let mut st = Statement::default();
        let mut seen: Vec<&str> = Vec::new();
        for e in entries {
            let k = e.key.as_ref();
            let field = fields::statement_key(k)?;
            if seen.contains(&k) {
                return None;
            }
            seen.push(k);
            let v = match field.ty {
                StatementType::Text => StatementValue::Text(text(&e.value)?),
                StatementType::Language => StatementValue::Text(language(&e.value)?),
                StatementType::Url => StatementValue::Text(url(&e.value)?),
                StatementType::Date => StatementValue::Date(date(&e.value)?),
                StatementType::Deadline => StatementValue::Deadline(deadline(&e.value)?),
                StatementType::Choice(names) => {
                    StatementValue::Text(choice(&e.value, names)?.to_string())
                }
                StatementType::Bool => {
                    let Value::Scalar(r, _) = &e.value else {
                        return None;
                    };
                    let (ScalarKind::Boolean(b), _) = decode(r)? else {
                        return None;
                    };
                    StatementValue::Bool(b)
                }
                StatementType::Signatories => return None,
            };
            (field.set)(&mut st, v);
        }
        // A missing key the full reader words.
        let required = STATEMENT_FIELDS.iter().filter(|f| f.required);
        required
            .clone()
            .all(|f| seen.contains(&f.key))
            .then_some(st)
    }

    fn signatory(&mut self, entries: &[Entry<'i>], header: Span) -> Option<Signatory> {
        let mut s = Signatory::default();
        // One bit per field of the table: each key once.
        let mut seen = 0u64;
        let mut name_span = None;
        for e in entries {
            let (i, field) = fields::signer_field(e.key.as_ref())?;
            if seen & (1 << i) != 0 {
                return None;
            }
            seen |= 1 << i;
            let v = match field.ty {
                Type::Text(check) => {
                    let t = text(&e.value)?;
                    check.test(&t).ok()?;
                    if check == Check::Name {
                        name_span = e.value.span();
                    }
                    Set::Text(t)
                }
                Type::Date => Set::Date(date(&e.value)?),
                Type::List => Set::List(text_list(&e.value)?),
                Type::Choice { names, .. } => Set::Text(choice(&e.value, names)?.to_string()),
            };
            field.set(&mut s, v);
        }
        // The findings the full reader would make, in its order: the name's
        // warnings where the name is (worked out after reading, on every
        // core: `name_findings`), then the table's.
        let name_span = name_span?;
        s.pos = self.cx.pos(Some(name_span.clone()));
        self.name_spans.push(name_span);
        let before = self.cx.findings.len();
        for p in fields::entry_problems(&s, |i| seen & (1 << i) != 0) {
            // An error is the full reader's to word.
            if p.error {
                return None;
            }
            let span = match p.at {
                At::Entry => Some(range(header)),
                At::Key(k) | At::Value(k) => entries
                    .iter()
                    .find(|e| e.key == k)
                    .and_then(|e| e.value.span()),
            };
            self.cx.warning(span, Code::Schema, p.message);
        }
        let index = self.signatories.len();
        let table = self.cx.findings.split_off(before);
        self.table_findings
            .extend(table.into_iter().map(|f| (index, f)));
        Some(s)
    }
}

/// A scalar's kind and decoded text, or `None` if it does not decode.
fn decode<'i>(r: &Raw<'i>) -> Option<(ScalarKind, Cow<'i, str>)> {
    let mut out: Cow<'i, str> = Cow::Borrowed("");
    let mut bad = Flag(false);
    let kind = r.decode_scalar(&mut out, &mut bad);
    (!bad.0).then_some((kind, out))
}

/// A string field as `Cx::text` accepts it.
fn text(v: &Value<'_>) -> Option<String> {
    let Value::Scalar(r, _) = v else { return None };
    let (ScalarKind::String, s) = decode(r)? else {
        return None;
    };
    if s.trim().is_empty() || check_text(&s).is_err() {
        return None;
    }
    Some(s.into_owned())
}

fn text_list(v: &Value<'_>) -> Option<Vec<String>> {
    let Value::Array(items) = v else { return None };
    items
        .iter()
        .map(|&(r, span)| text(&Value::Scalar(r, span)))
        .collect()
}

/// One of `names`, as written.
fn choice(v: &Value<'_>, names: &'static [&'static str]) -> Option<&'static str> {
    let Value::Scalar(r, _) = v else { return None };
    let (ScalarKind::String, s) = decode(r)? else {
        return None;
    };
    names.iter().find(|n| **n == s).copied()
}

/// What `date_text` gives for a TOML date or a string.
fn date_text(v: &Value<'_>) -> Option<String> {
    let Value::Scalar(r, _) = v else { return None };
    match decode(r)? {
        (ScalarKind::DateTime, s) => s.parse::<toml_edit::Datetime>().ok().map(|d| d.to_string()),
        (ScalarKind::String, s) => Some(s.trim().to_string()),
        _ => None,
    }
}

fn date(v: &Value<'_>) -> Option<NaiveDate> {
    // Nearly every date is written `YYYY-MM-DD`: read that directly (half
    // the signers of a long list have one), anything else the general way.
    if let Value::Scalar(r, _) = v
        && let Some(d) = plain_date(r.as_str())
    {
        return d;
    }
    NaiveDate::parse_from_str(&date_text(v)?, "%Y-%m-%d").ok()
}

/// A bare or quoted `YYYY-MM-DD`: the date, or `Some(None)` for one that
/// does not exist. `None` when the text has another form.
fn plain_date(raw: &str) -> Option<Option<NaiveDate>> {
    let b = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw)
        .as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(NaiveDate::from_ymd_opt(y as i32, m, d))
}

fn deadline(v: &Value<'_>) -> Option<Deadline> {
    let raw = date_text(v)?;
    if let Ok(d) = NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
        return Some(Deadline::Date(d));
    }
    DateTime::parse_from_rfc3339(&raw)
        .ok()
        .map(Deadline::DateTime)
}

fn language(v: &Value<'_>) -> Option<String> {
    let s = text(v)?;
    icu_locale_core::Locale::try_from_str(&s).ok()?;
    Some(s)
}

fn url(v: &Value<'_>) -> Option<String> {
    let s = text(v)?;
    check_url(&s).ok()?;
    Some(s)
}

impl<'i> EventReceiver for Reader<'i, '_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.fail();
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.finish_table();
        self.header = Some(span);
        self.header_keys = 0;
        self.header_ok = false;
    }

    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match self.header.take() {
            Some(open) if self.header_keys == 1 && self.header_ok => {
                let header = open.append(span);
                if &self.source.input()[header.start()..header.end()] != "[[signatory]]" {
                    self.layout.plain_headers = false;
                }
                self.in_signatory = Some(header);
            }
            _ => self.fail(),
        }
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.fail();
        false
    }

    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.array.is_some() || !self.after_eq {
            self.fail();
            return false;
        }
        self.array = Some(Vec::new());
        true
    }

    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match (self.array.take(), self.key.take()) {
            (Some(items), Some(key)) => self.push(key, Value::Array(items)),
            _ => self.fail(),
        }
        self.last_value_end = Some(span.end());
        self.after_eq = false;
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        if self.header.is_some() {
            self.header_keys += 1;
            self.header_ok = decode_key(&raw).is_some_and(|k| k == "signatory");
            return;
        }
        if self.key.is_some() {
            return self.fail();
        }
        self.key = Some(raw);
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // Dotted keys build nested tables: not the usual shape.
        self.fail();
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.key.is_none() {
            return self.fail();
        }
        self.after_eq = true;
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        if let Some(items) = self.array.as_mut() {
            items.push((raw, span));
            return;
        }
        match self.key.take() {
            Some(key) if self.after_eq => self.push(key, Value::Scalar(raw, span)),
            _ => self.fail(),
        }
        self.last_value_end = Some(span.end());
        self.after_eq = false;
    }

    fn comment(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        // toml_edit decodes comments too: a control character in one is an error.
        let mut bad = Flag(false);
        self.raw(span, None).decode_comment(&mut bad);
        if bad.0 {
            self.fail();
        }
    }

    fn newline(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        let mut bad = Flag(false);
        self.raw(span, None).decode_newline(&mut bad);
        if bad.0 {
            self.fail();
        }
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.fail();
    }
}

impl<'i> Reader<'i, '_> {
    fn push(&mut self, key: Raw<'i>, value: Value<'i>) {
        match decode_key(&key) {
            Some(k) => self.table.push(Entry { key: k, value }),
            None => self.fail(),
        }
    }
}

fn decode_key<'i>(raw: &Raw<'i>) -> Option<Cow<'i, str>> {
    let mut out: Cow<'i, str> = Cow::Borrowed("");
    let mut bad = Flag(false);
    raw.decode_key(&mut out, &mut bad);
    (!bad.0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The direct reading of `YYYY-MM-DD` gives what chrono's parser gives,
        /// for real and impossible dates, bare and quoted.
        #[test]
        fn plain_dates_read_as_chrono_reads_them(
            y in 0u32..10000, m in 0u32..20, d in 0u32..40, quoted: bool
        ) {
            let text = format!("{y:04}-{m:02}-{d:02}");
            let raw = if quoted { format!("\"{text}\"") } else { text.clone() };
            let expected = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(plain_date(&raw), Some(expected));
        }
    }

    /// A statement of `n` signers, the last one's note written as given.
    fn statement(n: usize, last_note: &str) -> String {
        let mut text = String::from("title = \"T\"\n");
        for i in 0..n {
            text.push_str(&format!(
                "\n[[signatory]]\nname = \"Signer {i}\"\nsigned = 2024-05-0{}\n",
                i % 9 + 1
            ));
        }
        text.push_str(&format!("note = {last_note}\n"));
        text
    }

    #[test]
    fn a_long_file_is_read_in_two_parts_that_join_up() {
        let text = statement(40, "\"x\"");
        let cut = cut_point(&text).unwrap();
        assert!(text[cut..].starts_with("[[signatory]]\n"));
        let (first, at_line_start) = read_part("f.toml", &text[..cut], false).unwrap();
        assert!(
            at_line_start,
            "the first part ends with the line break before the cut"
        );
        let (second, _) = read_part("f.toml", &text[cut..], true).unwrap();
        assert_eq!(first.signatories.len() + second.signatories.len(), 40);
        let whole = read_in_parts("f.toml", &text, usize::MAX).unwrap();
        let parts = read_in_parts("f.toml", &text, 0).unwrap();
        assert_eq!(whole.statement, parts.statement);
        assert_eq!(whole.layout, parts.layout);
    }

    #[test]
    fn a_cut_inside_a_multi_line_string_is_not_trusted() {
        // The last note runs from before the middle to the end, and holds
        // a header line: the first part ends inside it.
        let body = format!(
            "\"\"\"\\\n{} \\\n[[signatory]] \\\nname = \"Fake\".\"\"\"",
            "y ".repeat(200)
        );
        let text = statement(3, &body);
        let cut = cut_point(&text).unwrap();
        assert!(text[cut..].starts_with("[[signatory]] \\"));
        assert!(!matches!(
            read_part("f.toml", &text[..cut], false),
            Some((_, true))
        ));
        let parts = read_in_parts("f.toml", &text, 0).unwrap();
        assert_eq!(parts.statement.signatories.len(), 3);
    }

    #[test]
    fn other_date_forms_are_left_to_the_general_reading() {
        for raw in [
            "2024-5-01",
            "'2024-05-01'",
            "\" 2024-05-01\"",
            "2024-05-01T10:00:00",
            "2024/05/01",
        ] {
            assert_eq!(plain_date(raw), None, "{raw}");
        }
    }
}
