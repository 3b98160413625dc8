//! Text import: a list pasted from a PDF or a press release, one signer per line.

use super::pasted::{
    capacity, contact_label, entry_row, footnote, is_connector, is_generic, is_marker, is_open,
    is_page_line, kind_heading, strip_markers,
};
use super::{Importer, Parsed, Rejected, clip, is_heading, split_acronym};
use crate::error::Result;
use crate::model::Kind;

/// A pasted list; `kind`, when given, is every signer's kind, whatever the headings say.
#[derive(Default)]
pub struct Text {
    pub kind: Option<Kind>,
}

/// Bullets, as typed or as a PDF's text layer gives them ("e " is a common extraction of "•").
const BULLETS: &[&str] = &[
    "•", "‣", "◦", "▪", "▫", "●", "○", "·", "–", "—", "-", "*", "+",
];

/// What a line opens with: nothing, a number ("1.", "12)", "(3)") or a bullet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    None,
    Number,
    Bullet(&'static str),
}

/// The line without a leading bullet or number.
fn strip_marker(line: &str) -> &str {
    split_marker(line).1
}

fn split_marker(line: &str) -> (Marker, &str) {
    let l = line.trim();
    for b in BULLETS {
        if let Some(rest) = l.strip_prefix(b)
            && rest.starts_with(char::is_whitespace)
        {
            return (Marker::Bullet(b), rest.trim_start());
        }
    }
    if let Some(rest) = l.strip_prefix("e ")
        && rest.starts_with(char::is_uppercase)
    {
        return (Marker::Bullet("e"), rest);
    }
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    // Up to three digits: "1984. Committee" is a name, not item 1984.
    if digits > 0 && digits <= 3 {
        let rest = &l[digits..];
        // "12." alone: a PDF put the number on a line of its own.
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))
            && (r.is_empty() || r.starts_with(char::is_whitespace))
        {
            return (Marker::Number, r.trim_start());
        }
    }
    if let Some(inner) = l.strip_prefix('(')
        && let Some((n, rest)) = inner.split_once(')')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return (Marker::Number, rest.trim_start());
    }
    (Marker::None, l)
}

/// A sentence of the text around the list: ends like one, and most of its words are in lower case.
fn is_prose(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower = words[1..]
        .iter()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count();
    // "Angélic Rat, chargée d'ingénierie pédagogique multimédia." is a person and her role.
    let named = (words.len() > 1 && words[..2].iter().all(|w| w.starts_with(char::is_uppercase)))
        || line
            .split_once(',')
            .is_some_and(|(head, _)| (2..=4).contains(&head.split_whitespace().count()));
    line.ends_with(['.', '!', '?']) && words.len() >= 6 && lower * 2 >= words.len() && !named
}

/// "mySociety", "wiquaya.org": a brand written in lower case, not the end of a wrapped name.
fn is_brand(word: &str) -> bool {
    word.chars()
        .skip(1)
        .any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '@')
}

/// The initials of a name's capitalised words ("Arab Network for Human Rights" → "ANHR").
fn initials(s: &str) -> String {
    s.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether `line` goes on with the entry whose text so far is `joined` and whose last line
/// was `prev`, by what the lines say; `width` is the longest line of the list, the width at
/// which a PDF wrapped it.
fn continues(prev: &str, joined: &str, line: &str, width: usize) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let last = prev.split_whitespace().last().unwrap_or("");
    // The first word of `line` would not have fitted on `prev`: the PDF wrapped it.
    let full = prev.chars().count() + 1 + first.chars().count() > width;
    let only_brackets = line.starts_with('(') && line.ends_with(')') && !is_open(line);
    // A connector ends a line mid-phrase only as written in lower case: "E" is an initial.
    let mid_phrase = (is_connector(last) && last.starts_with(char::is_lowercase))
        || prev.ends_with(['&', '-', '–', '/'])
        || (prev.ends_with(',') && full);
    let lower_start =
        line.starts_with(char::is_lowercase) && !is_brand(first) && (is_connector(first) || full);
    let acronym = split_acronym(line).is_some_and(|(head, acr)| {
        let acr: String = acr.chars().filter(|c| c.is_alphanumeric()).collect();
        initials(&format!("{joined} {head}")) == acr && initials(&head) != acr
    });
    // An open bracket or quotation mark goes on only to a line that closes it: a typo that
    // leaves one open must not swallow the rest of the list.
    let closes = is_open(joined) && (!is_open(&format!("{joined} {line}")) || full);
    only_brackets || closes || is_generic(line) || mid_phrase || lower_start || acronym
}

/// An entry being read, perhaps over several lines.
struct Entry {
    line: usize,
    text: String,
    last: String,
    kind: Option<Kind>,
    /// Markers of the section's heading ("Individuals*"), which its entries share.
    section_markers: Vec<String>,
}

/// A footnote: its marker, its text, and the line it starts on.
struct Footnote {
    line: usize,
    marker: String,
    text: String,
    last: String,
}

enum Open {
    Nothing,
    Entry,
    Footnote,
}

/// Joins `line` to the text read so far: a line ending in a hyphen goes on without a space.
fn join(text: &mut String, line: &str) {
    if !text.ends_with(['-', '/']) {
        text.push(' ');
    }
    text.push_str(line);
}

/// A line that is never a signer: what the report shows of it, why, and whether it ends
/// the entry before it.
fn not_a_signer(line: &str, i: usize, layout: &Layout) -> Option<(String, &'static str, bool)> {
    // A page's number is skipped without ending the entry a page break cut in two.
    if is_page_line(line) {
        return Some((clip(line), "a page number, not a signer", false));
    }
    // "Press contact: …" lists a contact, not a signer: reported by its
    // label alone, since the rest is an address or a number, never imported.
    if let Some(label) = contact_label(line) {
        return Some((format!("{label}: …"), "a contact line, not a signer", true));
    }
    if layout.first_heading.is_some_and(|h| i < h) {
        let why = "before the list's heading: not taken as a signer";
        return Some((clip(line), why, false));
    }
    None
}

/// Joins `line` to the open entry or footnote if a PDF wrapped it off that one's end.
fn wraps(
    open: &Open,
    entries: &mut [Entry],
    notes: &mut [Footnote],
    line: &str,
    layout: &Layout,
    i: usize,
) -> bool {
    match open {
        Open::Entry => {
            let e = entries.last_mut().expect("an open entry exists");
            let wrapped = continues(&e.last, &e.text, line, layout.width)
                || (layout.numbered[i] && !is_prose(line));
            if wrapped {
                join(&mut e.text, line);
                e.last = line.to_string();
            }
            wrapped
        }
        Open::Footnote => {
            let f = notes.last_mut().expect("an open footnote exists");
            let first = line.split_whitespace().next().unwrap_or("");
            let long = f.last.chars().count() + 1 + first.chars().count() > layout.width;
            let wrapped = !f.text.ends_with(['.', '!', '?'])
                && (long || continues(&f.last, &f.text, line, layout.width));
            if wrapped {
                join(&mut f.text, line);
                f.last = line.to_string();
            }
            wrapped
        }
        Open::Nothing => false,
    }
}

impl Importer for Text {
    fn parse(&self, input: &str, _map: &[(String, String)]) -> Result<Parsed> {
        let lines: Vec<&str> = input.lines().collect();
        let layout = Layout::of(&lines);
        let mut parsed = Parsed {
            kind: self.kind,
            ..Parsed::default()
        };
        let (mut entries, mut notes) = (Vec::<Entry>::new(), Vec::<Footnote>::new());
        let mut open = Open::Nothing;
        let (mut kind, mut section_markers) = (self.kind, Vec::new());
        let mut numbered_next = false;
        for (i, raw) in lines.iter().enumerate() {
            let reject = |parsed: &mut Parsed, text: String, reason: &str| {
                parsed.rejected.push(Rejected {
                    line: i + 1,
                    text,
                    reason: reason.to_string(),
                })
            };
            let raw = raw.trim();
            if raw.is_empty() {
                open = Open::Nothing;
                continue;
            }
            if let Some((marker, text)) = layout.footnote(raw) {
                notes.push(Footnote {
                    line: i + 1,
                    marker,
                    last: text.clone(),
                    text,
                });
                open = Open::Footnote;
                continue;
            }
            let (marker, line) = split_marker(raw);
            if line.is_empty() {
                numbered_next = marker == Marker::Number;
                continue;
            }
            let marked = marker != Marker::None || std::mem::take(&mut numbered_next);
            let (bare, markers) = strip_markers(line);
            if let Some(k) = kind_heading(&bare) {
                (kind, section_markers, open) = (self.kind.or(Some(k)), markers, Open::Nothing);
                continue;
            }
            if is_heading(&bare) {
                open = Open::Nothing;
                continue;
            }
            if let Some((shown, why, ends_entry)) = not_a_signer(line, i, &layout) {
                reject(&mut parsed, shown, why);
                if ends_entry {
                    open = Open::Nothing;
                }
                continue;
            }
            if !marked && wraps(&open, &mut entries, &mut notes, line, &layout, i) {
                continue;
            }
            if is_prose(line) {
                reject(
                    &mut parsed,
                    clip(line),
                    "a sentence around the list, not a signer",
                );
                open = Open::Nothing;
                continue;
            }
            entries.push(Entry {
                line: i + 1,
                text: line.to_string(),
                last: line.to_string(),
                kind,
                section_markers: section_markers.clone(),
            });
            open = Open::Entry;
        }
        take_entries(&mut parsed, entries, &notes);
        Ok(parsed)
    }
}

/// A heading, which starts a section of the list.
fn is_section_start(line: &str) -> bool {
    let l = strip_markers(strip_marker(line)).0;
    !l.is_empty() && (is_heading(&l) || kind_heading(&l).is_some())
}

/// What holds for the whole list: where it starts, how wide its lines are, whether it is numbered.
struct Layout {
    /// Text above the list's first heading ("Undersigned:") is the statement, not signers.
    first_heading: Option<usize>,
    width: usize,
    /// By line: most lines of its section carry a number, so a line without one goes on
    /// with the one before.
    numbered: Vec<bool>,
    /// Some name carries a `*`, so a line opening with `*` is its footnote, not a bullet.
    star_used: bool,
    /// Lines opening with "* ": more than a footnote block has, so `*` is the list's bullet.
    star_bullets: usize,
}

impl Layout {
    fn of(lines: &[&str]) -> Self {
        let first_heading = lines.iter().position(|l| is_section_start(l));
        let body = &lines[first_heading.map_or(0, |h| h + 1)..];
        let content: Vec<(Marker, &str)> = body
            .iter()
            .map(|l| split_marker(l))
            .filter(|(_, l)| !l.is_empty() && !is_prose(l) && !is_page_line(l))
            .collect();
        let width = content
            .iter()
            .filter(|(m, l)| {
                !(l.chars().any(is_marker) && *m == Marker::None && footnote(l).is_some())
            })
            .map(|(_, l)| l.chars().count())
            .max()
            .unwrap_or(0);
        // Numbering is a section's: organisations numbered, individuals not, is common.
        let mut numbered = vec![false; lines.len()];
        let mut from = 0;
        for i in 0..=lines.len() {
            if i < lines.len() && !is_section_start(lines[i]) {
                continue;
            }
            let section: Vec<Marker> = lines[from..i]
                .iter()
                .map(|l| split_marker(l))
                .filter(|(_, l)| !l.is_empty() && !is_prose(l) && !is_page_line(l))
                .map(|(m, _)| m)
                .collect();
            let n = section.iter().filter(|m| **m == Marker::Number).count();
            numbered[from..i].fill(n * 2 > section.len());
            from = i;
        }
        let star_used = lines.iter().any(|l| {
            strip_markers(strip_marker(l))
                .1
                .iter()
                .any(|m| m.starts_with('*'))
        });
        let star_bullets = lines
            .iter()
            .filter(|l| l.trim_start().starts_with("* "))
            .count();
        Self {
            first_heading,
            width,
            numbered,
            star_used,
            star_bullets,
        }
    }

    /// The footnote a line opens, if it opens one. A `*` opens a footnote where a name
    /// carries one, or before a sentence; otherwise it is a bullet. In a list bulleted
    /// with `*`, only a sentence or a stated capacity is a footnote: a name that carries
    /// a `*` must not turn every bullet into a footnote.
    fn footnote(&self, raw: &str) -> Option<(String, String)> {
        footnote(raw).filter(|(m, text)| {
            let sentence = text.ends_with('.') && text.split_whitespace().count() >= 3;
            if !m.starts_with('*') || sentence {
                return true;
            }
            if self.star_bullets >= 3 {
                return capacity(text).is_some();
            }
            self.star_used
        })
    }
}

/// Files the entries as candidates, each with the note of the footnote it carries where that
/// footnote states a capacity; other footnotes are reported, dropped.
fn take_entries(parsed: &mut Parsed, entries: Vec<Entry>, notes: &[Footnote]) {
    let capacities: Vec<Option<String>> = notes.iter().map(|n| capacity(&n.text)).collect();
    for (n, cap) in notes.iter().zip(&capacities) {
        if cap.is_none() {
            parsed.rejected.push(Rejected {
                line: n.line,
                text: clip(&format!("{} {}", n.marker, n.text)),
                reason: "a footnote, not a signer: dropped".to_string(),
            });
        }
    }
    for e in entries {
        let (_, mut markers) = strip_markers(&e.text);
        markers.extend(e.section_markers);
        let note = markers.iter().find_map(|m| {
            let i = notes.iter().position(|n| n.marker == *m)?;
            capacities[i].as_deref()
        });
        let row = entry_row(e.line, &e.text, e.kind, note);
        parsed.take(row, None);
    }
}

#[cfg(test)]
mod tests {
    use super::strip_marker;

    #[test]
    fn bullets_and_numbers_are_dropped() {
        for (line, want) in [
            ("• Amnesty International", "Amnesty International"),
            ("  - PEN Canada", "PEN Canada"),
            ("12) ME2Allies", "ME2Allies"),
            ("1. ACAT-France", "ACAT-France"),
            ("(3) Index on Censorship", "Index on Censorship"),
            ("e Front Line Defenders", "Front Line Defenders"),
            ("350.org", "350.org"),
            ("1984. Committee", "1984. Committee"),
        ] {
            assert_eq!(strip_marker(line), want, "{line}");
        }
    }
}
