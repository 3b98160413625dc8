//! What matching knows about one entry: its names normalised into forms, its acronyms, site and look-alike key, held compactly.

use super::exact_key;
use super::links::link;
use super::normalize::{self, RawWords, WordKind, tables};
use super::registry::{acronym_key, registry};
use super::skeleton::skeleton_hash;
use crate::model::{Kind, Signatory};

/// Where a name of an entry came from; reasons differ ("X is an alias of Y").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    Name,
    /// One side of "English / 中文", or the part before "Name: tagline".
    Part,
    Alias,
    LocalName,
}

/// Where one string of a profile lies in the profile's `text`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// One name of an entry, normalised, as places in its profile's text.
#[derive(Debug, Clone, Copy)]
struct FormSpans {
    text: Span,
    key: Span,
    initials: Span,
    translit: Option<Span>,
    short_drops: Span,
    len: u16,
    /// The key's length without its spaces, so two keys of different
    /// lengths are never compared byte by byte.
    compact_len: u32,
    source: Source,
    repaired: bool,
}

/// One name of an entry, normalised, borrowed from its profile.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form<'a> {
    /// The name as written (one part of it, for "English / 中文").
    pub text: &'a str,
    pub source: Source,
    /// The canonical words joined by spaces (K1). Words never contain a
    /// space, so `words` splits this back.
    pub key: &'a str,
    /// How many words `key` holds.
    pub len: usize,
    /// How long the key is without its spaces.
    pub compact_len: usize,
    /// Look-alike letters from another script were replaced.
    pub repaired: bool,
    /// See `Normalized::translit`.
    pub translit: Option<&'a str>,
    /// See `Parts::short_drops`.
    pub short_drops: &'a str,
    /// Initials with and without stop words, never used to merge. Sorted
    /// and distinct, one per line (words hold no line breaks and initials
    /// are never empty).
    initials: &'a str,
}

impl Default for Form<'_> {
    fn default() -> Self {
        Form {
            text: "",
            source: Source::Name,
            key: "",
            len: 0,
            compact_len: 0,
            repaired: false,
            translit: None,
            short_drops: "",
            initials: "",
        }
    }
}

impl<'a> Form<'a> {
    /// The words of the key. A space byte is never inside a longer UTF-8
    /// sequence, so splitting the bytes is safe, and for words this short
    /// quicker than `str::split`.
    pub fn words(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let key = self.key;
        let mut at = 0;
        std::iter::from_fn(move || {
            if at > key.len() {
                return None;
            }
            let rest = &key.as_bytes()[at..];
            let end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
            let word = &key[at..at + end];
            at += end + 1;
            Some(word)
        })
    }

    pub fn initials(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.initials.split('\n').filter(|s| !s.is_empty())
    }

    /// The key without spaces (K2), byte by byte, without building it.
    pub fn compact_bytes(&self) -> impl Iterator<Item = u8> + use<'a> {
        self.key.bytes().filter(|&b| b != b' ')
    }
}

/// The forms of a profile: almost every entry has one, held inline.
#[derive(Debug, Clone)]
enum Forms {
    One(FormSpans),
    Many(Box<[FormSpans]>),
}

impl Forms {
    fn as_slice(&self) -> &[FormSpans] {
        match self {
            Forms::One(f) => std::slice::from_ref(f),
            Forms::Many(m) => m,
        }
    }
}

/// The parts of a profile that few entries have, boxed so that an entry
/// without any costs one pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Extra {
    /// Acronyms the entry states: the `acronym` field, "Name (ACR)", an alias "ACR".
    explicit: Vec<String>,
    /// The name itself is one all-caps word ("OMCT").
    bare: Option<String>,
    /// The website's key: the site for an organisation, the page for a
    /// person (see `links::Link`).
    domain: Option<String>,
    /// The website's site, when it differs from `domain`.
    site: Option<String>,
    /// A person's link names their own page (`links::Link::personal`).
    personal_page: bool,
    /// The name's key without a trailing place or annotation ("X
    /// (Argentina)", "X, Córdoba"), and the annotation as written.
    annotated: Option<(Box<str>, Box<str>)>,
    /// Registry entries one of its names belongs to.
    reg: Vec<u32>,
    /// The registry entry its bare acronym stands for, if unambiguous.
    reg_acr: Option<u32>,
    exact: Box<str>,
    distinct: Vec<Box<str>>,
}

/// Everything matching needs to know about one entry, computed once. A long
/// list holds one per entry for the whole run, so its strings share one
/// allocation and its rarer parts are boxed apart.
#[derive(Debug, Clone)]
pub(super) struct Profile {
    /// The label (when built with one), then every form's strings, back to back.
    text: Box<str>,
    label_len: u32,
    forms: Forms,
    extra: Option<Box<Extra>>,
    /// A hash of the look-alike skeleton (UTS #39) of the name.
    skeleton: u64,
    /// The skeleton has four or more letters: shorter ones match by chance.
    skeleton_long: bool,
    /// The signer is a person (`kind = "individual"`), matched as one.
    individual: bool,
}

/// What a profile is built with beyond what blocking reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct Want {
    /// The display name, for reasons.
    pub label: bool,
    /// The exact key and reviewed pairs, for `distinct_from`.
    pub exact: bool,
}

static NO_STRINGS: Vec<String> = Vec::new();
static NO_BOXES: Vec<Box<str>> = Vec::new();

impl Profile {
    fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..(span.start + span.len) as usize]
    }

    pub fn label(&self) -> &str {
        &self.text[..self.label_len as usize]
    }

    pub fn forms(&self) -> impl Iterator<Item = Form<'_>> + '_ {
        self.forms.as_slice().iter().map(|f| self.form_of(f))
    }

    pub fn has_forms(&self) -> bool {
        !self.forms.as_slice().is_empty()
    }

    fn form_of(&self, f: &FormSpans) -> Form<'_> {
        Form {
            text: self.str(f.text),
            source: f.source,
            key: self.str(f.key),
            len: usize::from(f.len),
            compact_len: f.compact_len as usize,
            repaired: f.repaired,
            translit: f.translit.map(|t| self.str(t)),
            short_drops: self.str(f.short_drops),
            initials: self.str(f.initials),
        }
    }

    pub fn explicit(&self) -> &[String] {
        self.extra.as_ref().map_or(&NO_STRINGS, |e| &e.explicit)
    }

    pub fn bare(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.bare.as_deref())
    }

    pub fn domain(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.domain.as_deref())
    }

    /// Which site the website is on (the account, on a shared platform).
    pub fn site(&self) -> Option<&str> {
        let e = self.extra.as_deref()?;
        e.site.as_deref().or(e.domain.as_deref())
    }

    /// The name's key without its trailing annotation, and the annotation.
    pub fn annotated(&self) -> Option<(&str, &str)> {
        let (key, note) = self.extra.as_deref()?.annotated.as_ref()?;
        Some((key, note))
    }

    pub fn individual(&self) -> bool {
        self.individual
    }

    /// Whether this is a person whose link is a page of their own (an
    /// account, a profile, a path on a site), not a bare site.
    pub fn personal_page(&self) -> bool {
        self.individual && self.extra.as_deref().is_some_and(|e| e.personal_page)
    }

    pub fn exact(&self) -> &str {
        self.extra.as_ref().map_or("", |e| &e.exact)
    }

    pub fn distinct(&self) -> &[Box<str>] {
        self.extra.as_ref().map_or(&NO_BOXES, |e| &e.distinct)
    }

    pub fn registry_ids(&self) -> impl Iterator<Item = u32> + '_ {
        let e = self.extra.as_deref();
        e.into_iter()
            .flat_map(|e| e.reg.iter().copied().chain(e.reg_acr))
    }

    /// The skeleton's hash, when it is long enough to compare.
    pub fn skeleton(&self) -> Option<u64> {
        self.skeleton_long.then_some(self.skeleton)
    }

    /// Builds the profile of one signer.
    pub fn of(s: &Signatory, want: Want) -> Self {
        // Room for the label, a key and initials: grown once at most.
        let mut b = Builder {
            text: String::with_capacity(3 * s.name.len() + 16),
            person: s.kind == Kind::Individual,
            ..Builder::default()
        };
        if want.label {
            b.text.push_str(&s.name);
            if let Some(a) = &s.acronym {
                b.text.push_str(" (");
                b.text.push_str(a);
                b.text.push(')');
            }
        }
        let label_len = b.text.len() as u32;
        if want.exact {
            b.extra.exact = exact_key(&s.name).into();
            b.extra.distinct = s
                .rare
                .distinct_from
                .iter()
                .map(|d| exact_key(d).into())
                .collect();
        }
        if let Some(w) = &s.website {
            b.add_link(w);
        }
        if let Some(a) = &s.acronym {
            push_acronym(&mut b.extra.explicit, a);
        }
        b.add_names(&s.name, Source::Name);
        if let Some(l) = &s.rare.local_name {
            b.add_names(l, Source::LocalName);
        }
        for a in &s.rare.aliases {
            b.add_names(a, Source::Alias);
        }
        let reg = registry();
        SCRATCH.with(|scratch| {
            let compact = &mut scratch.borrow_mut().compact;
            for f in &b.forms {
                let key = &b.text[f.key.start as usize..(f.key.start + f.key.len) as usize];
                compact.clear();
                compact.extend(key.split(' '));
                for k in [key, compact.as_str()] {
                    for &id in reg.by_name(k) {
                        if !b.extra.reg.contains(&id) {
                            b.extra.reg.push(id);
                        }
                    }
                }
            }
        });
        b.extra.reg_acr = b
            .extra
            .bare
            .as_deref()
            .and_then(|a| reg.by_unique_acronym(a));
        let (skeleton, skeleton_long) = skeleton_hash(&s.name);
        let forms = match b.forms.as_slice() {
            [one] => Forms::One(*one),
            many => Forms::Many(many.into()),
        };
        let extra = (b.extra != Extra::default()).then(|| Box::new(b.extra));
        Profile {
            text: b.text.into_boxed_str(),
            label_len,
            forms,
            extra,
            skeleton,
            skeleton_long,
            individual: b.person,
        }
    }
}

/// A profile being built.
#[derive(Default)]
struct Builder {
    text: String,
    forms: smallvec::SmallVec<[FormSpans; 2]>,
    extra: Extra,
    /// Names are a person's (see `normalize::parts`).
    person: bool,
}

/// Buffers kept from name to name on each thread: a long list has hundreds
/// of thousands of names, and these would be made and freed for each.
#[derive(Default)]
struct Scratch {
    raw: RawWords,
    /// Initials, one per line.
    lines: String,
    /// A key without its spaces.
    compact: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Builder {
    /// Appends `s` to the text, unless the text starts with it (a name is
    /// usually the start of the label).
    fn put(&mut self, s: &str) -> Span {
        let start = if self.text.starts_with(s) {
            0
        } else {
            self.text.push_str(s);
            self.text.len() - s.len()
        };
        Span {
            start: start as u32,
            len: s.len() as u32,
        }
    }

    /// Appends `items` joined by `sep`.
    fn put_joined<'a>(&mut self, items: impl Iterator<Item = &'a str>, sep: char) -> Span {
        let start = self.text.len();
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.text.push(sep);
            }
            self.text.push_str(item);
        }
        Span {
            start: start as u32,
            len: (self.text.len() - start) as u32,
        }
    }

    fn add_names(&mut self, text: &str, source: Source) {
        let text = text.trim();
        let (head, acr) = split_trailing_acronym(text);
        if let Some(a) = acr {
            push_acronym(&mut self.extra.explicit, a);
        }
        if source == Source::Name
            && let Some((base, note)) = annotation(head)
            && let Some(key) = self.key_of(base)
        {
            self.extra.annotated = Some((key.into(), note.into()));
        }
        if !head.contains(char::is_whitespace) && acronym_like(head) {
            let k = acronym_key(head);
            if source == Source::Name {
                self.extra.bare = Some(k);
            } else {
                // An alias "MSF" states the entry's acronym.
                push_acronym(&mut self.extra.explicit, head);
            }
        }
        // Most names have no separator of alternatives or tagline: one form.
        if !head.bytes().any(|b| matches!(b, b'|' | b'/' | b':')) {
            self.add_form(head, source);
            return;
        }
        let parts = split_alternatives(head);
        let several = parts.len() > 1;
        for part in parts {
            let src = if several && source == Source::Name {
                Source::Part
            } else {
                source
            };
            // "Name: tagline" is also called "Name", unless the tagline
            // names a place or chapter ("Friends of the Earth: Cymru").
            if let Some((name, tagline)) = part.split_once(": ")
                && !qualifier(tagline)
            {
                let src = if source == Source::Name {
                    Source::Part
                } else {
                    source
                };
                self.add_form(name, src);
            }
            self.add_form(part, src);
        }
    }

    /// Normalises one name and appends its form, unless nothing of it is
    /// comparable.
    fn add_form(&mut self, text: &str, source: Source) {
        SCRATCH.with(|scratch| {
            let Scratch { raw, lines, .. } = &mut *scratch.borrow_mut();
            let repaired = normalize::raw_words_into(text, raw);
            self.add_words(text, source, raw, repaired, lines);
        });
    }

    /// `add_form` on the name's raw words; `lines` is a buffer for initials.
    fn add_words(
        &mut self,
        text: &str,
        source: Source,
        raw_words: &RawWords,
        repaired: bool,
        lines: &mut String,
    ) {
        let norm = normalize::parts(raw_words, repaired, self.person);
        if norm.words.is_empty() {
            return;
        }
        let raw = || raw_words.iter().map(|w| w.text);
        let with_stops = || norm.with_stops.iter().map(|&i| norm.word(i));
        let words = || norm.words.iter().map(|&i| norm.word(i));
        let text_span = self.put(text);
        let key = self.put_joined(words(), ' ');
        let compact_len = words().map(str::len).sum::<usize>();
        // The four kinds of initials, one per line, then sorted and made
        // distinct.
        lines.clear();
        push_initials(raw(), lines);
        let unstopped = raw().zip(norm.raw_stop.iter()).filter(|(_, stop)| !**stop);
        push_initials(unstopped.map(|(w, _)| w), lines);
        push_initials(with_stops(), lines);
        push_initials(words(), lines);
        let mut inits: smallvec::SmallVec<[&str; 4]> = lines.lines().collect();
        inits.sort_unstable();
        inits.dedup();
        let initials = self.put_joined(inits.into_iter(), '\n');
        let translit = norm.translit.as_deref().map(|t| self.put(t));
        let short_drops = self.put(&norm.short_drops);
        self.forms.push(FormSpans {
            text: text_span,
            key,
            initials,
            translit,
            short_drops,
            len: norm.words.len().min(usize::from(u16::MAX)) as u16,
            compact_len: compact_len as u32,
            source,
            repaired: norm.repaired,
        });
    }
}

impl Builder {
    /// The website's keys. Chapters of an organisation share a site, so the
    /// site is all an organisation's link says; a person's is their page.
    fn add_link(&mut self, website: &str) {
        let Some(l) = link(website) else { return };
        self.extra.personal_page = self.person && l.personal;
        if self.person && l.page != l.site {
            self.extra.domain = Some(l.page);
            self.extra.site = Some(l.site);
        } else {
            self.extra.domain = Some(l.site);
        }
    }

    /// The key `text` would have as a form of this profile, if any.
    fn key_of(&self, text: &str) -> Option<String> {
        let (raw, repaired) = normalize::raw_words(text);
        let norm = normalize::parts(&raw, repaired, self.person);
        let words: Vec<&str> = norm.words.iter().map(|&i| norm.word(i)).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
}

/// Whether a tagline or annotation names a place, section language or
/// chapter rather than saying what the signer is: one of its words is in
/// the place or language tables or is a section word, or it is one or two
/// words all capitalised, as place names are (the tables cannot hold every
/// town).
fn qualifier(text: &str) -> bool {
    let t = tables();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let (raw, _) = normalize::raw_words(text);
    let parts = normalize::parts(&raw, false, false);
    let tabled = parts
        .with_stops
        .iter()
        .map(|&i| parts.word(i))
        .chain(raw.iter().map(|w| w.text))
        .any(|w| matches!(t.kind(w), WordKind::Place | WordKind::Language) || t.is_section(w));
    let capitalised = words.len() <= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    tabled || capitalised
}

/// A trailing annotation that only says where the signer is: "(Argentina)",
/// ", Córdoba", ": Scotland" — (the name before it, the annotation). The
/// name before it must hold a word of two letters or more.
fn annotation(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    let (base, note) = if let Some(inner) = name.strip_suffix(')') {
        let (base, note) = inner.rsplit_once('(')?;
        (base, note)
    } else if let Some((base, note)) = name.rsplit_once(", ") {
        (base, note)
    } else {
        name.rsplit_once(": ")?
    };
    let (base, note) = (base.trim_end_matches([' ', ',', ':']), note.trim());
    let long_word = base
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.chars().count() >= 2);
    (long_word && note.split_whitespace().count() <= 4 && qualifier(note)).then_some((base, note))
}

/// "RSF", "L4L", "FORUM-ASIA": the rule the CLI uses to split a trailing
/// "(ACR)" off a name, so stored and typed names are read alike.
fn acronym_like(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (2..=15).contains(&s.chars().count())
        && s.chars().all(|c| c.is_alphanumeric() || "&-.".contains(c))
        && s.chars().filter(|c| c.is_uppercase()).count() * 2 > letters
        && letters >= 1
}

/// A trailing parenthesised acronym that is not a place ("(UK)" is a
/// qualifier, not an acronym): (name before it, acronym).
fn split_trailing_acronym(s: &str) -> (&str, Option<&str>) {
    let Some((head, inner)) = s.strip_suffix(')').and_then(|x| x.rsplit_once('(')) else {
        return (s, None);
    };
    let head = head.trim_end();
    if head.is_empty() || !acronym_like(inner) || tables().place_of(inner).is_some() {
        return (s, None);
    }
    (head, Some(inner))
}

fn has_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
}

fn has_native(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii() && (c as u32) > 0x24F)
}

/// "English / 中文", "A | B": alternative names written in one field. A slash
/// without spaces splits only between scripts, so "Lesbian/Gay Network" stays
/// one name.
fn split_alternatives(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in s.split('|') {
        for p in part.split(" / ") {
            let halves: Vec<&str> = p.split('/').collect();
            let script_switch = halves.len() == 2
                && ((has_latin(halves[0]) && has_native(halves[1]) && !has_latin(halves[1]))
                    || (has_native(halves[0]) && !has_latin(halves[0]) && has_latin(halves[1])));
            if script_switch {
                out.extend(halves);
            } else {
                out.push(p);
            }
        }
    }
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The first letters of two or more words, appended to `out` as one line;
/// fewer words give no initials.
fn push_initials<'a>(words: impl Iterator<Item = &'a str>, out: &mut String) {
    let start = out.len();
    let mut n = 0;
    for w in words {
        if let Some(c) = w.chars().next() {
            out.push(c);
        }
        n += 1;
    }
    if n < 2 {
        out.truncate(start);
    } else {
        out.push('\n');
    }
}

fn push_acronym(list: &mut Vec<String>, a: &str) {
    let k = acronym_key(a);
    if !k.is_empty() && !list.contains(&k) {
        list.push(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Splitting a key's bytes at spaces gives what `str::split` gives.
        #[test]
        fn words_split_like_str_split(key in "([a-z]|é|中| ){0,24}") {
            let form = Form { key: &key, ..Form::default() };
            let words: Vec<&str> = form.words().collect();
            prop_assert_eq!(words, key.split(' ').collect::<Vec<_>>());
        }
    }

    fn profile(name: &str) -> Profile {
        Profile::of(
            &Signatory::new(name),
            Want {
                label: true,
                exact: true,
            },
        )
    }

    #[test]
    fn a_profile_reads_back_what_it_was_built_from() {
        let mut s = Signatory::new("Amnesty Int'l / 国际特赦");
        s.acronym = Some("AI".into());
        s.rare.aliases = vec!["Human Rights Watch".into()];
        s.website = Some("https://www.amnesty.org/en/".into());
        let p = Profile::of(
            &s,
            Want {
                label: true,
                exact: true,
            },
        );
        assert_eq!(p.label(), "Amnesty Int'l / 国际特赦 (AI)");
        let forms: Vec<Form> = p.forms().collect();
        assert_eq!(forms.len(), 3, "{forms:?}");
        assert_eq!(forms[0].text, "Amnesty Int'l");
        assert_eq!(forms[0].key, "amnesty international");
        assert_eq!(forms[0].initials().collect::<Vec<_>>(), ["ai"]);
        assert_eq!(forms[1].text, "国际特赦");
        assert!(forms[1].translit.is_some());
        assert_eq!(forms[2].source, Source::Alias);
        assert_eq!(forms[2].key, "human rights watch");
        assert_eq!(p.explicit(), ["ai"]);
        assert_eq!(p.domain(), Some("amnesty.org"));
        assert_eq!(p.site(), Some("amnesty.org"));
        assert_eq!(p.exact(), exact_key(&s.name));
        assert!(p.skeleton().is_some());
        // Two short names have no skeleton to compare; an entry without
        // rarer parts boxes none.
        let short = profile("Ab");
        assert_eq!(short.skeleton(), None);
        let plain = Profile::of(
            &Signatory::new("Quiet River Trust"),
            Want {
                label: false,
                exact: false,
            },
        );
        assert!(plain.extra.is_none());
        assert_eq!(plain.label(), "");
        assert_eq!(
            plain.forms().next().map(|f| f.text),
            Some("Quiet River Trust")
        );
        assert_eq!(plain.forms().next().map(|f| f.compact_len), Some(15));
    }
}
