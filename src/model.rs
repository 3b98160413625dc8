//! Statement and Signatory: the plain data of one statement file, no I/O.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// Where a value sits in its file, 1-based; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Draft,
    Open,
    Closed,
    Published,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &["draft", "open", "closed", "published"];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "open" => Self::Open,
            "closed" => Self::Closed,
            "published" => Self::Published,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Organisation,
    Individual,
}

impl Kind {
    pub const NAMES: &'static [&'static str] = &["organisation", "individual"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "organisation" => Self::Organisation,
            "individual" => Self::Individual,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Individual => "individual",
        }
    }
}

/// A deadline is either a whole day or an instant with its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Statement {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub status: Status,
    pub deadline: Option<Deadline>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Locale tag for the collation; `None` is the CLDR root order.
    pub collation: Option<String>,
    pub ignore_articles: bool,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signatory {
    pub name: String,
    pub acronym: Option<String>,
    pub local_name: Option<String>,
    pub country: Option<String>,
    pub kind: Kind,
    pub affiliation: Option<String>,
    pub note: Option<String>,
    pub website: Option<String>,
    pub signed: Option<NaiveDate>,
    pub sort_as: Option<String>,
    /// Other names of the same signer (translations, other scripts, former
    /// names): they match in duplicate detection and are never printed.
    pub aliases: Vec<String>,
    /// Names reviewed as *not* the same signer, never suggested again.
    pub distinct_from: Vec<String>,
    /// Position of the `name` value (or of the entry when it has none).
    pub pos: Pos,
}

impl Signatory {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The name as a published list prints it: `Name (ACRONYM)`.
    pub fn display_name(&self) -> String {
        match &self.acronym {
            Some(a) => format!("{} ({a})", self.name),
            None => self.name.clone(),
        }
    }

    /// The full line of a published list: display name, an individual's
    /// affiliation, then the note (`Name (ACR), within the framework of ...`).
    pub fn display_line(&self) -> String {
        let mut line = self.display_name();
        if self.kind == Kind::Individual
            && let Some(a) = &self.affiliation
        {
            line.push_str(", ");
            line.push_str(a);
        }
        if let Some(n) = &self.note {
            line.push_str(", ");
            line.push_str(n);
        }
        line
    }
}

/// Contact details for one signer. They live in `<id>.private.toml`, never in
/// the public statement file, and no output shows them unless asked to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    /// The signer's name as written in the statement.
    pub signatory: String,
    pub person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub pos: Pos,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.person.is_none()
            && self.email.is_none()
            && self.phone.is_none()
            && self.notes.is_none()
    }
}
