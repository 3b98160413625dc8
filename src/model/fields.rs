//! The one table of fields: each key of a `[[signatory]]` entry and of a statement, its type, its checks, and where it goes.
//!
//! The readers (`schema`, `schema::lean`), the writer of a new entry
//! (`store::edit`), the exports, the import's column headers and `list` all
//! work from [`SIGNER_FIELDS`]: a field is one entry here. What a field means
//! beyond its entry (how a name is cleaned on import, how a country typed as
//! a name becomes a code) stays with the code that does it.

use super::{Deadline, IndividualsBy, Kind, Signatory, SignerStatus, Statement, Status};
use chrono::NaiveDate;
use std::borrow::Cow;

/// What a signer field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text(Check),
    /// A day, written as a TOML date (`2023-09-21`) or a string holding one.
    Date,
    /// An array of texts, each checked as a text.
    List,
    /// One of `names`; an entry without the key has `default`, which is not written.
    Choice {
        names: &'static [&'static str],
        default: &'static str,
    },
}

/// The rule a text value meets besides the plain text rules
/// (`validate::check_text`: not empty, no control characters, not too long).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Plain,
    /// The signer's name: required, and warned about when not clean.
    Name,
    /// An ISO 3166-1 alpha-2 code, in capitals.
    Country,
    /// An absolute http(s) address.
    Url,
}

impl Check {
    /// The field's own rule; the error reads after the key ("`website` is not a web address").
    pub fn test(self, s: &str) -> crate::error::Result<()> {
        match self {
            Check::Plain | Check::Name => Ok(()),
            Check::Country => crate::schema::check_country(s),
            Check::Url => crate::schema::check_url(s),
        }
    }
}

/// The signers a field is for; on any other it is a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum For {
    Everyone,
    /// Kept but not published for an organisation (a warning in `check`).
    Individuals,
    /// Only for a withdrawn signer (an error otherwise).
    Withdrawn,
}

/// How `import` fills a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Import {
    /// No source column fills it.
    No,
    /// A column whose header is the key (or one of the key's spellings in
    /// `data/import-headers.toml`), checked and cleaned as a text; a value
    /// its check refuses is left out with a remark.
    Text,
    /// As above, read by code of its own in `import` (a name is split, a
    /// country name becomes a code, ...).
    Own,
}

/// A column of `list`'s table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub heading: &'static str,
    /// Free text that wraps: after the narrow columns.
    pub wide: bool,
}

/// A field's value as read from a signer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Get<'a> {
    Text(Option<&'a str>),
    Date(Option<NaiveDate>),
    List(&'a [String]),
    Choice(&'static str),
}

/// A value to give a signer, checked already. A choice is given as its name.
#[derive(Debug, Clone, PartialEq)]
pub enum Set {
    Text(String),
    Date(NaiveDate),
    List(Vec<String>),
}

impl Set {
    fn text(self) -> Option<Box<str>> {
        match self {
            Set::Text(s) => Some(s.into_boxed_str()),
            _ => None,
        }
    }

    fn date(self) -> Option<NaiveDate> {
        match self {
            Set::Date(d) => Some(d),
            _ => None,
        }
    }

    fn list(self) -> Vec<String> {
        match self {
            Set::List(l) => l,
            _ => Vec::new(),
        }
    }

    fn name(&self) -> &str {
        match self {
            Set::Text(s) => s,
            _ => "",
        }
    }
}

/// Where a field's value is kept on a [`Signatory`].
#[derive(Clone, Copy)]
pub enum Slot {
    /// A member of its own.
    Own {
        get: fn(&Signatory) -> Get<'_>,
        set: fn(&mut Signatory, Set),
    },
    /// A text kept by its key with the rare fields (`RareFields::other`):
    /// a new text field needs no member of its own.
    Other,
}

/// One key of a `[[signatory]]` entry.
#[derive(Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub ty: Type,
    pub only: For,
    /// Published: a column of the CSV export and a key of the JSON one, in table order.
    pub public: bool,
    pub import: Import,
    /// Shown by `list` in a column of its own.
    pub column: Option<Column>,
    pub slot: Slot,
}

impl Field {
    pub fn get<'s>(&self, s: &'s Signatory) -> Get<'s> {
        match self.slot {
            Slot::Own { get, .. } => get(s),
            Slot::Other => Get::Text(s.rare.other(self.key)),
        }
    }

    pub fn set(&self, s: &mut Signatory, value: Set) {
        match self.slot {
            Slot::Own { set, .. } => set(s, value),
            Slot::Other => s.rare.set_other(self.key, value.text()),
        }
    }

    /// The value as exports and `list` show it; `None` when unset, or when
    /// the field is not for this signer.
    pub fn shown<'s>(&self, s: &'s Signatory) -> Option<Cow<'s, str>> {
        if self.only == For::Individuals && s.kind != Kind::Individual {
            return None;
        }
        match self.get(s) {
            Get::Text(t) => t.map(Cow::Borrowed),
            Get::Date(d) => d.map(|d| Cow::Owned(d.format("%Y-%m-%d").to_string())),
            Get::Choice(c) => Some(Cow::Borrowed(c)),
            Get::List(_) => None,
        }
    }

    /// Takes the field off `s`: unset, an empty list, or a choice at its default.
    pub fn clear(&self, s: &mut Signatory) {
        // Each setter reads a value of another shape as none (see `Set`).
        let none = match self.ty {
            Type::List => Set::Text(String::new()),
            _ => Set::List(Vec::new()),
        };
        self.set(s, none);
    }

    pub fn is_list(&self) -> bool {
        self.ty == Type::List
    }
}

const fn text(key: &'static str, check: Check, import: Import, slot: Slot) -> Field {
    Field {
        key,
        ty: Type::Text(check),
        only: For::Everyone,
        public: true,
        import,
        column: None,
        slot,
    }
}

/// A field that is kept and read but never published, imported or shown.
const fn kept(key: &'static str, ty: Type, only: For, slot: Slot) -> Field {
    Field {
        key,
        ty,
        only,
        public: false,
        import: Import::No,
        column: None,
        slot,
    }
}

const fn column(heading: &'static str, wide: bool) -> Option<Column> {
    Some(Column { heading, wide })
}

macro_rules! own {
    ($get:expr, $set:expr) => {
        Slot::Own {
            get: $get,
            set: $set,
        }
    };
}

/// The slot of a member of the signer (`slot!(Text, rare.note)`): a text,
/// a date or a list.
macro_rules! slot {
    (Text, $($m:ident).+) => {
        own!(|s| Get::Text(s.$($m).+.as_deref()), |s, v| s.$($m).+ = v.text())
    };
    (Date, $($m:ident).+) => {
        own!(|s| Get::Date(s.$($m).+), |s, v| s.$($m).+ = v.date())
    };
    (List, $($m:ident).+) => {
        own!(|s| Get::List(&s.$($m).+), |s, v| s.$($m).+ = v.list())
    };
}

/// Every key of a `[[signatory]]` entry, in the order `check` names them.
/// A new entry is written in this order, its lists last.
const FIELDS: [Field; 17] = [
    text(
        "name",
        Check::Name,
        Import::Own,
        own!(|s| Get::Text(Some(&s.name)), |s, v| s.name =
            v.text().map(String::from).unwrap_or_default()),
    ),
    text("acronym", Check::Plain, Import::Own, slot!(Text, acronym)),
    text(
        "local_name",
        Check::Plain,
        Import::Text,
        slot!(Text, rare.local_name),
    ),
    Field {
        column: column("Country", false),
        ..text("country", Check::Country, Import::Own, slot!(Text, country))
    },
    Field {
        key: "kind",
        ty: Type::Choice {
            names: Kind::NAMES,
            default: "organisation",
        },
        only: For::Everyone,
        public: true,
        import: Import::Own,
        column: column("Kind", false),
        slot: own!(|s| Get::Choice(s.kind.as_str()), |s, v| s.kind =
            Kind::parse(v.name()).unwrap_or_default()),
    },
    Field {
        only: For::Individuals,
        ..text(
            "affiliation",
            Check::Plain,
            Import::Own,
            slot!(Text, rare.affiliation),
        )
    },
    Field {
        column: column("Note", true),
        ..text("note", Check::Plain, Import::Own, slot!(Text, rare.note))
    },
    text("website", Check::Url, Import::Own, slot!(Text, website)),
    Field {
        key: "signed",
        ty: Type::Date,
        only: For::Everyone,
        public: true,
        import: Import::Own,
        column: None,
        slot: slot!(Date, signed),
    },
    kept(
        "sort_as",
        Type::Text(Check::Plain),
        For::Everyone,
        slot!(Text, rare.sort_as),
    ),
    kept(
        "aliases",
        Type::List,
        For::Everyone,
        slot!(List, rare.aliases),
    ),
    kept(
        "distinct_from",
        Type::List,
        For::Everyone,
        slot!(List, rare.distinct_from),
    ),
    Field {
        key: "status",
        ty: Type::Choice {
            names: SignerStatus::NAMES,
            default: "confirmed",
        },
        only: For::Everyone,
        public: true,
        import: Import::No,
        column: column("Status", false),
        slot: own!(|s| Get::Choice(s.status.as_str()), |s, v| s.status =
            SignerStatus::parse(v.name()).unwrap_or_default()),
    },
    kept(
        "withdrawn_on",
        Type::Date,
        For::Withdrawn,
        slot!(Date, rare.withdrawn_on),
    ),
    kept(
        "withdrawal_reason",
        Type::Text(Check::Plain),
        For::Withdrawn,
        slot!(Text, rare.withdrawal_reason),
    ),
    // Evidence that the signer authorised signing, when it is public: the
    // organisation's own post, in the statement file (which is public) but
    // not in the press exports: a spreadsheet or a site's list gains no
    // columns for it. Anything else (an email, who authorised) is kept in
    // the private file (`store::private`), never here.
    kept(
        "evidence",
        Type::Text(Check::Url),
        For::Everyone,
        Slot::Other,
    ),
    kept(
        "evidence_on",
        Type::Date,
        For::Everyone,
        slot!(Date, rare.evidence_on),
    ),
];

/// A field the tests add, as a new field would be added: this entry is all
/// of it (`tests::a_new_field_is_one_entry`).
#[cfg(test)]
pub const PRONOUNS: Field = Field {
    column: column("Pronouns", false),
    ..text("pronouns", Check::Plain, Import::Text, Slot::Other)
};

#[cfg(not(test))]
const ALL: [Field; FIELDS.len()] = FIELDS;
#[cfg(test)]
const ALL: [Field; FIELDS.len() + 1] = {
    let mut all = [PRONOUNS; FIELDS.len() + 1];
    let mut i = 0;
    while i < FIELDS.len() {
        all[i] = FIELDS[i];
        i += 1;
    }
    all
};

// What the readers and `import` rely on: a field kept by its key, or read
// from a source by the shared code, is a text.
const _: () = {
    let mut i = 0;
    while i < ALL.len() {
        let text = matches!(ALL[i].ty, Type::Text(_));
        assert!(text || !matches!(ALL[i].slot, Slot::Other));
        assert!(text || !matches!(ALL[i].import, Import::Text));
        i += 1;
    }
};

/// The signer fields.
pub const SIGNER_FIELDS: &[Field] = &ALL;

/// The keys of a table of fields, in order, worked out when compiling.
macro_rules! keys_of {
    ($table:expr) => {{
        let mut keys = [""; $table.len()];
        let mut i = 0;
        while i < $table.len() {
            keys[i] = $table[i].key;
            i += 1;
        }
        keys
    }};
}

/// Their keys, in order.
pub const SIGNER_KEYS: &[&str] = &keys_of!(ALL);

/// The field of a key, and its place in the table.
pub fn signer_field(key: &str) -> Option<(usize, &'static Field)> {
    SIGNER_FIELDS.iter().enumerate().find(|(_, f)| f.key == key)
}

/// The fields in the order a new entry is written: the table's, lists last.
pub fn written_order() -> impl Iterator<Item = &'static Field> {
    let scalars = SIGNER_FIELDS.iter().filter(|f| !f.is_list());
    scalars.chain(SIGNER_FIELDS.iter().filter(|f| f.is_list()))
}

/// The published fields, in the exports' order.
pub fn public_fields() -> impl Iterator<Item = &'static Field> {
    SIGNER_FIELDS.iter().filter(|f| f.public)
}

/// Where in an entry a problem is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The entry (its header).
    Entry,
    /// The key of a field.
    Key(&'static str),
    /// The value of a field.
    Value(&'static str),
}

/// What is wrong with an entry as a whole, once its keys are read.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryProblem {
    pub error: bool,
    pub at: At,
    pub message: String,
}

/// The place of `key` in [`SIGNER_FIELDS`], worked out when compiling.
const fn index_of(key: &str) -> usize {
    let mut i = 0;
    'fields: while i < ALL.len() {
        let (a, b) = (ALL[i].key.as_bytes(), key.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() {
                if a[j] != b[j] {
                    i += 1;
                    continue 'fields;
                }
                j += 1;
            }
            return i;
        }
        i += 1;
    }
    panic!("no such field")
}

const NAME: usize = index_of("name");
const WITHDRAWN_ON: usize = index_of("withdrawn_on");

/// The rules that hold between an entry's keys, in the order they are
/// reported. `has(i)`: the entry has the key of field `i` (whether or not
/// its value read).
pub fn entry_problems(s: &Signatory, has: impl Fn(usize) -> bool) -> Vec<EntryProblem> {
    let mut out = Vec::new();
    let mut problem = |error, at, message: String| out.push(EntryProblem { error, at, message });
    if !has(NAME) {
        problem(true, At::Entry, "this signatory has no `name`".to_string());
    }
    let withdrawn = s.status == SignerStatus::Withdrawn;
    for (i, f) in SIGNER_FIELDS.iter().enumerate() {
        if f.only == For::Withdrawn && !withdrawn && has(i) {
            let message = format!(
                "`{}` is only for a signer with `status = \"withdrawn\"`",
                f.key
            );
            problem(true, At::Key(f.key), message);
        }
    }
    if withdrawn && !has(WITHDRAWN_ON) {
        let message = "a withdrawn signer should say when: add `withdrawn_on`";
        problem(false, At::Entry, message.to_string());
    }
    for (i, f) in SIGNER_FIELDS.iter().enumerate() {
        if f.only == For::Individuals && s.kind == Kind::Organisation && has(i) {
            let message = format!(
                "`{}` is for individuals; set `kind = \"individual\"` or use `note`",
                f.key
            );
            problem(false, At::Value(f.key), message);
        }
    }
    out
}

/// What a statement key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementType {
    Text,
    /// A BCP 47 language tag.
    Language,
    Url,
    Date,
    /// A date, or a date and time with its zone.
    Deadline,
    Bool,
    Choice(&'static [&'static str]),
    /// The `[[signatory]]` entries.
    Signatories,
}

/// A statement value, checked already. A choice is given as its name.
#[derive(Debug, Clone, PartialEq)]
pub enum StatementValue {
    Text(String),
    Date(NaiveDate),
    Deadline(Deadline),
    Bool(bool),
}

/// One key of a statement file.
#[derive(Clone, Copy)]
pub struct StatementKey {
    pub key: &'static str,
    pub ty: StatementType,
    pub required: bool,
    pub set: fn(&mut Statement, StatementValue),
    /// The value to write, `None` when the key is left out (unset, or a
    /// `false` that is the default): `fmt` writes every key from it.
    pub get: fn(&Statement) -> Option<StatementValue>,
}

impl StatementValue {
    fn text(self) -> String {
        match self {
            StatementValue::Text(s) => s,
            _ => String::new(),
        }
    }
}

const fn key(
    key: &'static str,
    ty: StatementType,
    set: fn(&mut Statement, StatementValue),
    get: fn(&Statement) -> Option<StatementValue>,
) -> StatementKey {
    StatementKey {
        key,
        ty,
        required: false,
        set,
        get,
    }
}

fn text_of(s: &Option<String>) -> Option<StatementValue> {
    s.clone().map(StatementValue::Text)
}

/// A flag is written only when it is on.
fn flag(on: bool) -> Option<StatementValue> {
    on.then_some(StatementValue::Bool(true))
}

/// Every key of a statement, in the order `check` names them.
pub const STATEMENT_FIELDS: &[StatementKey] = &[
    StatementKey {
        required: true,
        ..key(
            "title",
            StatementType::Text,
            |st, v| st.title = v.text(),
            |st| Some(StatementValue::Text(st.title.clone())),
        )
    },
    key(
        "date",
        StatementType::Date,
        |st, v| {
            if let StatementValue::Date(d) = v {
                st.date = Some(d);
            }
        },
        |st| st.date.map(StatementValue::Date),
    ),
    key(
        "status",
        StatementType::Choice(Status::NAMES),
        |st, v| st.status = Status::parse(&v.text()).unwrap_or_default(),
        |st| Some(StatementValue::Text(st.status.as_str().to_string())),
    ),
    key(
        "deadline",
        StatementType::Deadline,
        |st, v| {
            if let StatementValue::Deadline(d) = v {
                st.deadline = Some(d);
            }
        },
        |st| st.deadline.map(StatementValue::Deadline),
    ),
    key(
        "language",
        StatementType::Language,
        |st, v| st.language = Some(v.text()),
        |st| text_of(&st.language),
    ),
    key(
        "url",
        StatementType::Url,
        |st, v| st.url = Some(v.text()),
        |st| text_of(&st.url),
    ),
    key(
        "collation",
        StatementType::Language,
        |st, v| st.collation = Some(v.text()),
        |st| text_of(&st.collation),
    ),
    key(
        "ignore_articles",
        StatementType::Bool,
        |st, v| st.ignore_articles = v == StatementValue::Bool(true),
        |st| flag(st.ignore_articles),
    ),
    key(
        "individuals_by",
        StatementType::Choice(IndividualsBy::NAMES),
        |st, v| st.individuals_by = IndividualsBy::parse(&v.text()),
        |st| (st.individuals_by).map(|b| StatementValue::Text(b.as_str().to_string())),
    ),
    key(
        "require_evidence",
        StatementType::Bool,
        |st, v| st.require_evidence = v == StatementValue::Bool(true),
        |st| flag(st.require_evidence),
    ),
    key("signatory", StatementType::Signatories, |_, _| {}, |_| None),
];

/// The statement's keys, in order.
pub const STATEMENT_KEYS: &[&str] = &keys_of!(STATEMENT_FIELDS);

pub fn statement_key(key: &str) -> Option<&'static StatementKey> {
    STATEMENT_FIELDS.iter().find(|k| k.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use crate::commands::{Outcome, run};
    use clap::Parser;

    /// Runs the command line `args` in `dir`: its outcome, standard output and error.
    fn cli(dir: &std::path::Path, args: &[&str]) -> (Outcome, String, String) {
        let mut argv = vec![
            "undersigned",
            "--dir",
            dir.to_str().unwrap(),
            "--color",
            "never",
        ];
        argv.extend(args);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = run(Cli::parse_from(argv), &mut out, &mut err).unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (outcome, text(out), text(err))
    }

    /// The promise: a new signer field ([`PRONOUNS`], which only the
    /// tests have) is read, checked, written, exported, imported and shown
    /// with no code but its entry in the table.
    #[test]
    fn a_new_field_is_one_entry() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("letter.toml");
        std::fs::write(
            &file,
            "title = \"Letter\"\n\n[[signatory]]\nname = \"Ana Lima\"\nkind = \"individual\"\npronouns = \"she/her\"\n",
        )
        .unwrap();
        let path = file.to_str().unwrap();

        // Read by both readers alike, and clean.
        let text = std::fs::read_to_string(&file).unwrap();
        let lean = crate::schema::read_lean("letter.toml", &text).unwrap();
        let doc: toml_edit::Document<&str> = toml_edit::Document::parse(text.as_str()).unwrap();
        let full = crate::schema::read("letter.toml", &text, &doc);
        assert_eq!(lean.statement, full.statement);
        assert!(full.findings.is_empty());
        let ana = &full.statement.signatories[0];
        assert_eq!(PRONOUNS.get(ana), Get::Text(Some("she/her")));
        assert_eq!(cli(dir.path(), &["check", path]).0, Outcome::Clean);

        // Checked: a bad value is a finding naming the key.
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, text.replace("she/her", "she\\u0007her")).unwrap();
        let (outcome, out, _) = cli(dir.path(), &["check", bad.to_str().unwrap()]);
        assert_eq!(outcome, Outcome::Problems, "{out}");
        assert!(out.contains("`pronouns` contains"), "{out}");

        // Exported: a CSV column and a JSON key.
        let (_, csv, _) = cli(dir.path(), &["export", path, "--format", "csv"]);
        assert!(
            csv.starts_with("\"name\",") && csv.contains(",\"pronouns\"\r\n"),
            "{csv}"
        );
        assert!(csv.contains(",\"she/her\"\r\n"), "{csv}");
        let (_, json, _) = cli(dir.path(), &["export", path, "--format", "json"]);
        assert!(json.contains("\"pronouns\": \"she/her\""), "{json}");

        // Imported from a column headed by the key, and written to the file.
        let input = dir.path().join("more.csv");
        std::fs::write(&input, "Name,Pronouns\nBo Park,they/them\n").unwrap();
        let (outcome, _, err) = cli(dir.path(), &["import", path, input.to_str().unwrap()]);
        assert_eq!(outcome, Outcome::Clean, "{err}");
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(
            written.contains("name = \"Bo Park\"\npronouns = \"they/them\"\n"),
            "{written}"
        );

        // Shown by `list` in a column of its own.
        let (_, list, _) = cli(dir.path(), &["list", path]);
        assert!(list.contains("Pronouns"), "{list}");
        assert!(
            list.contains("she/her") && list.contains("they/them"),
            "{list}"
        );
    }

    #[test]
    fn the_table_keeps_the_orders_the_files_and_exports_use() {
        let written: Vec<_> = written_order().map(|f| f.key).collect();
        assert_eq!(
            written[..17],
            [
                "name",
                "acronym",
                "local_name",
                "country",
                "kind",
                "affiliation",
                "note",
                "website",
                "signed",
                "sort_as",
                "status",
                "withdrawn_on",
                "withdrawal_reason",
                "evidence",
                "evidence_on",
                "pronouns",
                "aliases",
            ]
        );
        let public: Vec<_> = public_fields().map(|f| f.key).collect();
        assert_eq!(
            public,
            [
                "name",
                "acronym",
                "local_name",
                "country",
                "kind",
                "affiliation",
                "note",
                "website",
                "signed",
                "status",
                "pronouns",
            ]
        );
        assert_eq!(SIGNER_KEYS[index_of("withdrawn_on")], "withdrawn_on");
    }

    #[test]
    fn fields_kept_by_key_read_empty_until_set() {
        let mut s = Signatory::new("Lantern Society");
        assert_eq!(PRONOUNS.get(&s), Get::Text(None));
        PRONOUNS.set(&mut s, Set::Text("they/them".into()));
        assert_eq!(PRONOUNS.get(&s), Get::Text(Some("they/them")));
        assert_eq!(s.rare.other("pronouns"), Some("they/them"));
        s.rare.set_other("pronouns", None);
        assert_eq!(s, Signatory::new("Lantern Society"));
    }
}
