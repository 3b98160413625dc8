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

/// Where one signer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignerStatus {
    /// Asked, not yet confirmed: not published unless asked for.
    Pending,
    #[default]
    Confirmed,
    /// Asked to be removed: kept as a tombstone, never published, never silently re-added.
    Withdrawn,
}

impl SignerStatus {
    pub const NAMES: &'static [&'static str] = &["pending", "confirmed", "withdrawn"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "confirmed" => Self::Confirmed,
            "withdrawn" => Self::Withdrawn,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Withdrawn => "withdrawn",
        }
    }
}

/// A deadline is either a whole day or an instant with its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

impl Deadline {
    /// Whether a signature dated `signed` (a whole day) came after the deadline.
    /// A date deadline includes its day; a date-time deadline is compared in
    /// its own time zone: the signed day must have started before it.
    pub fn missed_by(&self, signed: NaiveDate) -> bool {
        match self {
            Self::Date(d) => signed > *d,
            Self::DateTime(t) => {
                let start = signed.and_hms_opt(0, 0, 0).expect("midnight exists");
                start
                    .and_local_timezone(*t.offset())
                    .single()
                    .is_none_or(|s| s >= *t)
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::DateTime(t) => t.to_rfc3339(),
        }
    }
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
    pub acronym: Option<Box<str>>,
    pub local_name: Option<Box<str>>,
    pub country: Option<Box<str>>,
    pub kind: Kind,
    pub affiliation: Option<Box<str>>,
    pub note: Option<Box<str>>,
    pub website: Option<Box<str>>,
    pub signed: Option<NaiveDate>,
    pub sort_as: Option<Box<str>>,
    pub status: SignerStatus,
    /// When a withdrawn signer asked to be removed.
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<Box<str>>,
    /// Other names of the same signer (translations, other scripts, former
    /// names): they match in duplicate detection and are never printed.
    pub aliases: Vec<String>,
    /// Names reviewed as *not* the same signer, never suggested again.
    pub distinct_from: Vec<String>,
    /// Position of the `name` value (or of the entry when it has none).
    pub pos: Pos,
}

impl Signatory {
    pub fn is_published(&self, include_pending: bool) -> bool {
        match self.status {
            SignerStatus::Confirmed => true,
            SignerStatus::Pending => include_pending,
            SignerStatus::Withdrawn => false,
        }
    }

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
        self.press_line("", false)
    }

    /// [`Signatory::display_line`] as a press list prints it: `mark` after an
    /// individual's affiliation (the footnote's `*`), and the name in another
    /// script after the name when the list's language calls for it.
    pub fn press_line(&self, mark: &str, local_name: bool) -> String {
        let mut line = self.name.clone();
        if local_name && let Some(l) = &self.local_name {
            line.push_str(" / ");
            line.push_str(l);
        }
        if let Some(a) = &self.acronym {
            line.push_str(&format!(" ({a})"));
        }
        if self.kind == Kind::Individual
            && let Some(a) = &self.affiliation
        {
            line.push_str(", ");
            line.push_str(a);
            line.push_str(mark);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_is_compared_in_its_own_time_zone() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let day = Deadline::Date(d("2023-09-21"));
        assert!(!day.missed_by(d("2023-09-21")), "the deadline day counts");
        assert!(day.missed_by(d("2023-09-22")));
        // 18:00 in Hong Kong: a signature dated the 21st made it, the 22nd did not.
        let t =
            Deadline::DateTime(DateTime::parse_from_rfc3339("2023-09-21T18:00:00+08:00").unwrap());
        assert!(!t.missed_by(d("2023-09-21")));
        assert!(t.missed_by(d("2023-09-22")));
        // Midnight at the start of the 21st: that day is already too late.
        let m =
            Deadline::DateTime(DateTime::parse_from_rfc3339("2023-09-21T00:00:00-05:00").unwrap());
        assert!(m.missed_by(d("2023-09-21")));
        assert!(!m.missed_by(d("2023-09-20")));
    }
}
