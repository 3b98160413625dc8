//! Statement and Signatory: the plain data of one statement file, no I/O.

use chrono::{DateTime, FixedOffset, NaiveDate};

pub mod counts;
pub mod fields;

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

/// How a statement files its individuals (`individuals_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndividualsBy {
    /// By family name, as published lists of people are (the default).
    #[default]
    Family,
    /// As written, given name first.
    Name,
}

impl IndividualsBy {
    pub const NAMES: &'static [&'static str] = &["family", "name"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "family" => Self::Family,
            "name" => Self::Name,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Family => "family",
            Self::Name => "name",
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
    /// As written in the file; `None` files individuals by family name.
    pub individuals_by: Option<IndividualsBy>,
    /// Every confirmed signer needs evidence of authorisation (`check`, code `evidence`).
    pub require_evidence: bool,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signatory {
    pub name: String,
    pub acronym: Option<Box<str>>,
    pub country: Option<Box<str>>,
    pub kind: Kind,
    pub website: Option<Box<str>>,
    pub signed: Option<NaiveDate>,
    pub status: SignerStatus,
    /// The fields few signers have.
    pub rare: Rare,
    /// Position of the `name` value (or of the entry when it has none).
    pub pos: Pos,
}

/// The fields few signers have, read and written as `s.rare.note`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RareFields {
    pub local_name: Option<Box<str>>,
    pub affiliation: Option<Box<str>>,
    pub note: Option<Box<str>>,
    pub sort_as: Option<Box<str>>,
    /// When a withdrawn signer asked to be removed.
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<Box<str>>,
    /// The day of the evidence that the signer authorised signing (`evidence`).
    pub evidence_on: Option<NaiveDate>,
    /// Other names of the same signer (translations, other scripts, former
    /// names): they match in duplicate detection and are never printed.
    pub aliases: Vec<String>,
    /// Names reviewed as *not* the same signer, never suggested again.
    pub distinct_from: Vec<String>,
    /// The texts of fields with no member of their own (`fields::Slot::Other`),
    /// by key, in key order.
    pub other: Vec<(&'static str, Box<str>)>,
}

impl RareFields {
    /// The text of a field kept by its key.
    pub fn other(&self, key: &str) -> Option<&str> {
        self.other
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| &**v)
    }

    /// Sets (or with `None` removes) the text of a field kept by its key.
    pub fn set_other(&mut self, key: &'static str, value: Option<Box<str>>) {
        let at = self.other.binary_search_by(|(k, _)| (*k).cmp(key));
        match (at, value) {
            (Ok(i), Some(v)) => self.other[i].1 = v,
            (Ok(i), None) => {
                self.other.remove(i);
            }
            (Err(i), Some(v)) => self.other.insert(i, (key, v)),
            (Err(_), None) => {}
        }
    }
}

static NO_RARE_FIELDS: RareFields = RareFields {
    local_name: None,
    affiliation: None,
    note: None,
    sort_as: None,
    withdrawn_on: None,
    withdrawal_reason: None,
    evidence_on: None,
    aliases: Vec::new(),
    distinct_from: Vec::new(),
    other: Vec::new(),
};

/// [`RareFields`] boxed, and only once one is written: a long list holds
/// one `Signatory` per signer for the whole run, and without its rare
/// fields inline a signer takes half the room. Reading an unset field
/// reads it empty; lists compare equal whether or not a box was made.
#[derive(Clone, Default)]
pub struct Rare(Option<Box<RareFields>>);

impl std::ops::Deref for Rare {
    type Target = RareFields;
    fn deref(&self) -> &RareFields {
        self.0.as_deref().unwrap_or(&NO_RARE_FIELDS)
    }
}

impl std::ops::DerefMut for Rare {
    fn deref_mut(&mut self) -> &mut RareFields {
        self.0.get_or_insert_default()
    }
}

impl From<RareFields> for Rare {
    /// Boxed only when some field is set.
    fn from(fields: RareFields) -> Self {
        Rare((fields != NO_RARE_FIELDS).then(|| Box::new(fields)))
    }
}

impl PartialEq for Rare {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Rare {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Statement {
    /// Whether two statements have the same keys, their signatories aside.
    /// Written as a destructuring so that a key added to the model cannot be
    /// forgotten here (the merge driver relies on it to skip unchanged keys).
    pub fn same_keys(&self, other: &Self) -> bool {
        let Statement {
            title,
            date,
            status,
            deadline,
            language,
            url,
            collation,
            ignore_articles,
            individuals_by,
            require_evidence,
            signatories: _,
        } = self;
        *title == other.title
            && *date == other.date
            && *status == other.status
            && *deadline == other.deadline
            && *language == other.language
            && *url == other.url
            && *collation == other.collation
            && *ignore_articles == other.ignore_articles
            && *individuals_by == other.individuals_by
            && *require_evidence == other.require_evidence
    }
}

impl Signatory {
    /// Whether the entry holds public evidence that the signer authorised
    /// signing (`evidence`); private records are in the contacts file.
    pub fn has_public_evidence(&self) -> bool {
        self.rare.other("evidence").is_some()
    }

    /// Whether two entries say the same, wherever they stand in their files.
    /// A destructuring, so that a field added to the model cannot be forgotten here.
    pub fn same_fields(&self, other: &Self) -> bool {
        let Signatory {
            name,
            acronym,
            country,
            kind,
            website,
            signed,
            status,
            rare,
            pos: _,
        } = self;
        *name == other.name
            && *acronym == other.acronym
            && *country == other.country
            && *kind == other.kind
            && *website == other.website
            && *signed == other.signed
            && *status == other.status
            && **rare == *other.rare
    }

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
        if local_name && let Some(l) = &self.rare.local_name {
            line.push_str(" / ");
            line.push_str(l);
        }
        if let Some(a) = &self.acronym {
            line.push_str(&format!(" ({a})"));
        }
        if self.kind == Kind::Individual
            && let Some(a) = &self.rare.affiliation
        {
            line.push_str(", ");
            line.push_str(a);
            line.push_str(mark);
        }
        if let Some(n) = &self.rare.note {
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
    /// Evidence that the signer authorised signing, kept private: what it
    /// is ("email from Jane, 3 Dec"), who authorised, and its day.
    pub evidence: Option<String>,
    pub evidence_by: Option<String>,
    pub evidence_on: Option<NaiveDate>,
    pub pos: Pos,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.person.is_none()
            && self.email.is_none()
            && self.phone.is_none()
            && self.notes.is_none()
            && !self.has_evidence()
    }

    /// Whether it records evidence of authorisation (a text or who gave it).
    pub fn has_evidence(&self) -> bool {
        self.evidence.is_some() || self.evidence_by.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_fields_read_empty_until_written_and_compare_by_value() {
        let plain = Signatory::new("Lantern Society");
        assert!(plain.rare.0.is_none());
        assert_eq!(plain.rare.note, None);
        assert!(plain.rare.aliases.is_empty());
        // Writing makes the box; writing nothing leaves a box equal to none.
        let mut noted = plain.clone();
        noted.rare.note = Some("since 1990".into());
        assert_ne!(noted, plain);
        noted.rare.note = None;
        assert!(noted.rare.0.is_some());
        assert_eq!(noted, plain);
        // Built from fields, a box is made only when one is set.
        assert!(Rare::from(RareFields::default()).0.is_none());
        let aliased = Rare::from(RareFields {
            aliases: vec!["Lanterne".into()],
            ..RareFields::default()
        });
        assert_eq!(aliased.aliases, ["Lanterne"]);
    }

    /// A long list holds one `Signatory` per signer for the whole run.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_signatory_stays_small() {
        assert!(std::mem::size_of::<Signatory>() <= 112);
    }

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
