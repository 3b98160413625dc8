//! Export formats: one file per format behind one trait; each serializes to bytes and never writes files.

mod csv;
mod html;
mod json;
mod markdown;
mod text;

use crate::model::{Kind, Signatory, fields};
use serde::Serialize;
use std::borrow::Cow;

pub use self::csv::guard_cell;
pub use self::html::escape as escape_html;
pub use self::markdown::escape as escape_markdown;

/// The fields of a signatory that may be published: those the field table
/// marks public (`model::fields`), in its order. Exports are built from this
/// view only, so a field is private unless its entry says otherwise. It
/// borrows the signatory: a row's view is made as the row is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublicSignatory<'a>(&'a Signatory);

impl<'a> PublicSignatory<'a> {
    /// Each published field's key and value (`None`: unset, or not for this signer).
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, Option<Cow<'a, str>>)> + use<'a> {
        let s = self.0;
        fields::public_fields().map(move |f| (f.key, f.shown(s)))
    }
}

/// A map of the published fields, unset ones as null.
impl Serialize for PublicSignatory<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in self.fields() {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

impl<'a> From<&'a Signatory> for PublicSignatory<'a> {
    fn from(s: &'a Signatory) -> Self {
        Self(s)
    }
}

/// One signer of a list and how its line is printed. Rows borrow the
/// signers: a list of 100,000 holds no copy of their fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    pub signatory: &'a Signatory,
    /// Follows an individual's affiliation (the footnote's `*`).
    mark: &'a str,
    /// Prints the name in another script after the name.
    local_name: bool,
}

impl<'a> Row<'a> {
    pub fn new(signatory: &'a Signatory, mark: &'a str, local_name: bool) -> Self {
        Self {
            signatory,
            mark,
            local_name,
        }
    }

    /// The public fields.
    pub fn public(&self) -> PublicSignatory<'a> {
        PublicSignatory::from(self.signatory)
    }

    /// The line a published list prints: `Name (ACR), note`.
    pub fn line(&self) -> String {
        self.signatory.press_line(self.mark, self.local_name)
    }

    /// The signer's website, when it is one a link may point to (`--links`):
    /// never a placeholder such as `github.com/ghost`, which points to nobody.
    pub fn link(&self) -> Option<&'a str> {
        (self.signatory.website.as_deref())
            .filter(|u| is_web_link(u) && !crate::dedupe::is_placeholder_link(u))
    }
}

/// An `http` or `https` address with a host and no space or control
/// character: never `javascript:`, `data:` or anything a browser would run.
/// Loading already checks `website`; an export checks again, as it may be
/// forced past a list's errors.
pub fn is_web_link(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl<'a> From<&'a Signatory> for Row<'a> {
    fn from(s: &'a Signatory) -> Self {
        Self::new(s, "", false)
    }
}

/// Contact details, exported only on explicit request (`--include-private`),
/// for a coordinator's own use.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PrivateFields {
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub private_notes: Option<String>,
}

impl From<&crate::model::Contact> for PrivateFields {
    fn from(c: &crate::model::Contact) -> Self {
        Self {
            contact_person: c.person.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            private_notes: c.notes.clone(),
        }
    }
}

/// One group of a list, e.g. the organisations, or the signers of one country.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// Printed as a heading; `None` for the plain sections of an ungrouped list.
    pub title: Option<String>,
    pub rows: Vec<Row<'a>>,
}

/// A list ready to print: what every format renders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListDoc<'a> {
    /// The statement's title (the HTML fragment's heading when there is no `heading`).
    pub title: String,
    /// "32 organisations and 5 individuals, as of 21 September 2023".
    pub heading: Option<String>,
    pub sections: Vec<Section<'a>>,
    /// The text of the `*` footnote, when an individual's affiliation is shown.
    pub footnote: Option<String>,
    /// Numbers each signer, counting on across sections.
    pub numbered: bool,
    /// Names with a website are links (Markdown and HTML).
    pub links: bool,
    /// The country names of the list's language (section titles, CSV's `country_name`).
    pub countries: crate::locale::CountryNames,
}

impl<'a> ListDoc<'a> {
    /// A plain list: one untitled section.
    pub fn plain(rows: Vec<Row<'a>>) -> Self {
        Self {
            sections: vec![Section { title: None, rows }],
            ..Self::default()
        }
    }

    /// Every row with its number (from 1) and its section's title.
    pub fn rows(&self) -> impl Iterator<Item = (usize, Option<&str>, &Row<'a>)> {
        self.sections
            .iter()
            .flat_map(|s| s.rows.iter().map(move |r| (s.title.as_deref(), r)))
            .enumerate()
            .map(|(i, (t, r))| (i + 1, t, r))
    }

    pub fn has_titles(&self) -> bool {
        self.sections.iter().any(|s| s.title.is_some())
    }
}

/// How a line-based format (text, Markdown) writes each part of a list.
pub(crate) struct LineParts<'f> {
    pub heading: &'f dyn Fn(&str) -> String,
    /// A section's opening, from its index and title.
    pub section: &'f dyn Fn(usize, Option<&str>) -> String,
    /// A signer's line, from its number (counting on across sections).
    pub row: &'f dyn Fn(usize, &Row) -> String,
    pub footnote: &'f dyn Fn(&str) -> String,
}

/// The shape the line-based formats share: the heading, then each section
/// (a blank line between two) with its rows, then the footnote.
pub(crate) fn render_lines(doc: &ListDoc, parts: &LineParts) -> Vec<u8> {
    let mut out = String::new();
    if let Some(h) = &doc.heading {
        out.push_str(&(parts.heading)(h));
    }
    let mut n = 0;
    for (i, section) in doc.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&(parts.section)(i, section.title.as_deref()));
        for r in &section.rows {
            n += 1;
            out.push_str(&(parts.row)(n, r));
        }
    }
    if let Some(f) = &doc.footnote {
        out.push_str(&(parts.footnote)(f));
    }
    out.into_bytes()
}

/// One output format.
pub trait Exporter {
    /// The whole document.
    fn render(&self, doc: &ListDoc) -> Vec<u8>;

    /// The same with each row's private fields (`private[i]` goes with the
    /// i-th row of `doc.rows()`); `None` for formats meant for publication,
    /// which never carry them.
    fn render_private(&self, _doc: &ListDoc, _private: &[PrivateFields]) -> Option<Vec<u8>> {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Json,
    Html,
}

impl Format {
    /// File extensions (lower case, without the dot) and the format each means.
    pub const EXTENSIONS: &[(&str, Format)] = &[
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("csv", Format::Csv),
        ("txt", Format::Text),
        ("json", Format::Json),
        ("html", Format::Html),
        ("htm", Format::Html),
    ];

    /// The format a file name's extension stands for, in any case (`LIST.CSV`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    }
}

pub fn exporter(format: Format) -> Box<dyn Exporter> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Csv => Box::new(csv::Csv),
        Format::Json => Box::new(json::Json),
        Format::Html => Box::new(html::Html),
    }
}

/// What a press list shows; the command line fills it in.
pub struct ListOptions<'a> {
    pub include_pending: bool,
    pub group_by: Option<GroupBy>,
    pub numbered: bool,
    pub heading: bool,
    pub words: &'a crate::locale::Words,
    pub as_of: chrono::NaiveDate,
    pub local_name: bool,
    pub links: bool,
    pub countries: crate::locale::CountryNames,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Country,
    Kind,
}

/// The press-ready list of a statement: published signers only (confirmed,
/// and pending when asked), organisations before individuals, each part in
/// collation order, grouped as asked, with the affiliation footnote when needed.
pub fn press_list<'a>(
    st: &'a crate::model::Statement,
    o: &ListOptions,
    collation: &crate::collate::Collation,
) -> ListDoc<'a> {
    let w = o.words;
    let shown: Vec<&Signatory> = st
        .signatories
        .iter()
        .filter(|s| s.is_published(o.include_pending))
        .collect();
    let footnote = shown
        .iter()
        .any(|s| s.kind == Kind::Individual && s.rare.affiliation.is_some())
        .then(|| w.get("footnote").to_string());
    let mark = if footnote.is_some() { "*" } else { "" };
    let keyed = in_order(&shown, collation);
    let row = |s: &'a Signatory| Row::new(s, mark, o.local_name);
    let sections = match o.group_by {
        None => by_kind(&keyed, None, &row),
        Some(GroupBy::Kind) => by_kind(&keyed, Some(w), &row),
        Some(GroupBy::Country) => by_country(&keyed, w, o.countries, collation, &row),
    };
    let orgs = shown
        .iter()
        .filter(|s| s.kind == Kind::Organisation)
        .count();
    ListDoc {
        title: st.title.clone(),
        heading: o
            .heading
            .then(|| w.heading(orgs, shown.len() - orgs, o.as_of)),
        sections,
        footnote,
        numbered: o.numbered,
        links: o.links,
        countries: o.countries,
    }
}

/// Organisations first, then individuals, each signer marked as one or the
/// other; within each, collation order (a stable sort: compared, not keyed,
/// so a list kept in order costs one comparison per entry).
fn in_order<'a>(
    shown: &[&'a Signatory],
    collation: &crate::collate::Collation,
) -> Vec<(bool, &'a Signatory)> {
    let part = |individual: bool| {
        let mut v: Vec<(bool, &Signatory)> = shown
            .iter()
            .filter(|s| (s.kind == Kind::Individual) == individual)
            .map(|s| (individual, *s))
            .collect();
        v.sort_by(|a, b| collation.cmp_total(a.1, b.1));
        v
    };
    let mut keyed = part(false);
    keyed.extend(part(true));
    keyed
}

/// Organisations, then individuals: titled with the locale's words when
/// `titled` gives them, plain sections otherwise. An empty part is left out.
fn by_kind<'a>(
    keyed: &[(bool, &'a Signatory)],
    titled: Option<&crate::locale::Words>,
    row: &dyn Fn(&'a Signatory) -> Row<'a>,
) -> Vec<Section<'a>> {
    [
        (false, "section_organisations"),
        (true, "section_individuals"),
    ]
    .into_iter()
    .map(|(individual, key)| Section {
        title: titled.map(|w| w.get(key).to_string()),
        rows: keyed
            .iter()
            .filter(|k| k.0 == individual)
            .map(|k| row(k.1))
            .collect(),
    })
    .filter(|s| !s.rows.is_empty())
    .collect()
}

/// One section per country, by the country's name in the list's language,
/// in that language's collation order, and the signers without a country last.
fn by_country<'a>(
    keyed: &[(bool, &'a Signatory)],
    w: &crate::locale::Words,
    countries: crate::locale::CountryNames,
    collation: &crate::collate::Collation,
    row: &dyn Fn(&'a Signatory) -> Row<'a>,
) -> Vec<Section<'a>> {
    let name_of = |s: &Signatory| s.country.as_deref().and_then(|c| countries.name(c));
    // The names' own language orders them ("Biélorussie" among the B's in
    // French, pinyin in Chinese); the statement's order if ICU lacks it.
    let own = crate::collate::Collation::new(Some(countries.language()), false).ok();
    let order = own.as_ref().unwrap_or(collation);
    let mut names: Vec<&str> = keyed.iter().filter_map(|k| name_of(k.1)).collect();
    names.sort_by_key(|n| order.key(&Signatory::new(*n)).total);
    names.dedup();
    let mut sections: Vec<Section> = names
        .into_iter()
        .map(|n| Section {
            title: Some(n.to_string()),
            rows: keyed
                .iter()
                .filter(|k| name_of(k.1) == Some(n))
                .map(|k| row(k.1))
                .collect(),
        })
        .collect();
    let rest: Vec<Row> = keyed
        .iter()
        .filter(|k| name_of(k.1).is_none())
        .map(|k| row(k.1))
        .collect();
    if !rest.is_empty() {
        sections.push(Section {
            title: Some(w.get("no_country").to_string()),
            rows: rest,
        });
    }
    sections
}
