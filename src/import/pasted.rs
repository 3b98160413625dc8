//! The rules of pasted lists shared by text and Markdown import: kind headings, footnotes, page and contact lines, and splitting a name from its country and affiliation.

use super::{RawRow, fold, split_note};
use crate::model::Kind;
use std::collections::HashSet;
use std::sync::OnceLock;

/// data/import-pasted.toml, folded.
struct Words {
    organisation: HashSet<String>,
    individual: HashSet<String>,
    capacity: Vec<String>,
    generic: HashSet<String>,
    connectors: HashSet<String>,
    page: HashSet<String>,
    page_of: HashSet<String>,
    contact: HashSet<String>,
    role: HashSet<String>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let doc: toml_edit::DocumentMut = include_str!("../../data/import-pasted.toml")
            .parse()
            .expect("data/import-pasted.toml is valid TOML");
        let list = |item: Option<&toml_edit::Item>| -> Vec<String> {
            item.and_then(toml_edit::Item::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                // "/" is kept: it is a page line's "of" in "2/3".
                .map(|s| if s == "/" { s.to_string() } else { fold(s) })
                .collect()
        };
        let set = |key: &str| list(doc.get(key)).into_iter().collect();
        let kind = doc.get("kind");
        Words {
            organisation: list(kind.and_then(|k| k.get("organisation")))
                .into_iter()
                .collect(),
            individual: list(kind.and_then(|k| k.get("individual")))
                .into_iter()
                .collect(),
            capacity: list(doc.get("capacity_phrases")),
            generic: set("generic_words"),
            connectors: set("connectors"),
            page: set("page_words"),
            page_of: set("page_of_words"),
            contact: set("contact_labels"),
            role: set("role_words"),
        }
    })
}

/// The kind a heading announces ("Individual signatories:", "Signing in a personal capacity*").
pub fn kind_heading(line: &str) -> Option<Kind> {
    let (line, _) = strip_markers(line);
    let line = line.trim().trim_end_matches(':');
    let w = words();
    // "Individuals (in alphabetical order)": the part before a bracket counts too.
    let head = line.split(['(', '[']).next().unwrap_or("");
    let exact = [fold(line), fold(head)].into_iter().find_map(|f| {
        if w.individual.contains(&f) {
            Some(Kind::Individual)
        } else if w.organisation.contains(&f) {
            Some(Kind::Organisation)
        } else {
            None
        }
    });
    // "Personas firmantes a título personal": a phrase of three words or more is too
    // particular to be part of a signer's name, so it makes a heading wherever it stands
    // in a short line without a comma.
    let f = format!(" {} ", fold(line));
    let within = |set: &HashSet<String>| {
        set.iter()
            .any(|p| p.split(' ').count() >= 3 && f.contains(&format!(" {p} ")))
    };
    let short = !line.contains(',') && f.split_whitespace().count() <= 8;
    exact.or(if short && within(&w.individual) {
        Some(Kind::Individual)
    } else if short && within(&w.organisation) {
        Some(Kind::Organisation)
    } else {
        None
    })
}

/// Characters that mark a footnote after a word: `*`, `†`, `‡`, `§` and superscript digits.
pub fn is_marker(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '⁰'..='⁹')
}

/// The name without the footnote markers at the ends of its words ("(OMCT)*", "Smith¹,"),
/// and the markers taken off. A marker inside a word ("Ch*rch") is text and stays.
pub fn strip_markers(name: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = name.chars().collect();
    let (mut out, mut found) = (String::new(), Vec::new());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && !chars[i - 1].is_whitespace() && !is_marker(chars[i - 1]);
        if is_marker(c) && after_word {
            let end = (i..chars.len())
                .find(|&j| !is_marker(chars[j]))
                .unwrap_or(chars.len());
            let next = chars.get(end).copied();
            if next.is_none_or(|n| n.is_whitespace() || ",;:.)".contains(n)) {
                found.push(chars[i..end].iter().collect());
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out.trim_end().to_string(), found)
}

/// A footnote's marker and text, if the line opens with a marker ("* OMCT signs …", "† …").
/// The caller decides whether a `*` opens one: in a list it is as often a bullet.
pub fn footnote(line: &str) -> Option<(String, String)> {
    let l = line.trim();
    let marker: String = l.chars().take_while(|&c| is_marker(c)).collect();
    if marker.is_empty() {
        return None;
    }
    let text = l[marker.len()..].trim();
    (!text.is_empty()).then(|| (marker, text.to_string()))
}

/// The capacity a footnote states, from its phrase on ("within the framework of …"), without
/// the full stop; `None` for a footnote that says something else.
pub fn capacity(text: &str) -> Option<String> {
    // Lower-cased a character at a time, remembering where each came from: lower-casing
    // can change a character's length, and the note is cut from the text as written.
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let start = lower.len();
        lower.extend(c.to_lowercase());
        origin.resize(origin.len() + lower.len() - start, i);
    }
    let folded_words: Vec<(usize, String)> = word_starts(&lower);
    for phrase in &words().capacity {
        let n = phrase.split(' ').count();
        for k in 0..folded_words.len() {
            let joined: Vec<&str> = folded_words[k..]
                .iter()
                .take(n)
                .map(|(_, w)| w.as_str())
                .collect();
            if joined.len() == n && fold(&joined.join(" ")) == *phrase {
                let from = origin[folded_words[k].0];
                let note = text[from..].trim().trim_end_matches(['.', ';', ' ']);
                return Some(note.to_string());
            }
        }
    }
    None
}

/// The words of `s` with the byte offsets they start at.
fn word_starts(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
        let part_of_word = c.is_alphanumeric() || c == '&';
        match (start, part_of_word) {
            (None, true) => start = Some(i),
            (Some(st), false) => {
                out.push((st, s[st..i].to_string()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// "Page 2 of 3", "Página 2 de 3", "- 2 -", "2/3", "2": a page's header or footer.
pub fn is_page_line(line: &str) -> bool {
    let w = words();
    let tokens: Vec<String> = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .replace('/', " / ")
        .split_whitespace()
        .map(|t| if t == "/" { t.to_string() } else { fold(t) })
        .filter(|t| !t.is_empty())
        .collect();
    let number = |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let rest = match t.first() {
        Some(first) if w.page.contains(*first) => &t[1..],
        _ => &t[..],
    };
    match rest {
        [n] => number(n),
        [n, of, m] => number(n) && w.page_of.contains(*of) && number(m),
        _ => false,
    }
}

/// The label of a contact line ("Press contact: …", "Media enquiries: …"), never a signer.
pub fn contact_label(line: &str) -> Option<&str> {
    let (label, _) = line.split_once(':')?;
    let folded = fold(label);
    let n = folded.split(' ').count();
    let w = words();
    (n <= 3 && folded.split(' ').any(|word| w.contact.contains(word))).then_some(label.trim())
}

/// A lower-case connecting word: "of", "for", "de", "y".
pub fn is_connector(word: &str) -> bool {
    words().connectors.contains(&fold(word))
}

/// A word that cannot be a signer on its own line ("Foundation", "Network", "(ACR)" aside).
pub fn is_generic(line: &str) -> bool {
    let line = match super::split_acronym(line) {
        Some((head, _)) => head,
        None => line.to_string(),
    };
    words().generic.contains(&fold(&line))
}

/// Byte offsets in `s` where `sep` occurs outside brackets and quotation marks.
pub fn top_level(s: &str, sep: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut straight) = (0i32, false);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '“' | '«' | '„' => depth += 1,
            ')' | ']' | '”' | '»' => depth -= 1,
            '"' => straight = !straight,
            _ if depth <= 0 && !straight && s[i..].starts_with(sep) => out.push(i),
            _ => {}
        }
    }
    out
}

/// Whether brackets or quotation marks are left open at the end of `s`.
pub fn is_open(s: &str) -> bool {
    let opened = s.chars().filter(|c| "([“«„".contains(*c)).count();
    let closed = s.chars().filter(|c| ")]”»".contains(*c)).count();
    opened > closed || s.matches('"').count() % 2 == 1
}

/// A country's code from its name in English, French or Spanish (or a listed alias such as
/// "UK"), never from a bare ISO code: "(AI)" and "(IT)" are acronyms far more often than countries.
fn country_named(s: &str) -> Option<String> {
    let s = s.trim();
    if s.chars().count() <= 2 {
        return None;
    }
    super::country_code(s)
}

/// `Name, Country`, `Name – Country`, `Name (Country)`: the name and the country's code.
/// Only the country is taken off: in `Name, City, Country` the city stays, as it may name a
/// chapter ("Amnesty International, Paris").
pub fn split_country(name: &str) -> Option<(String, String)> {
    if let Some(inner) = name.strip_suffix(')')
        && let Some(open) = top_level(inner, "(")
            .last()
            .copied()
            .or_else(|| inner.rfind('('))
        && let Some(code) = country_named(&inner[open + 1..])
    {
        let head = inner[..open].trim_end();
        return (!head.is_empty()).then(|| (head.to_string(), code));
    }
    let cut = [", ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| top_level(name, sep).last().map(|&at| (at, sep.len())))
        .max()?;
    let code = country_named(&name[cut.0 + cut.1..])?;
    let head = name[..cut.0].trim_end();
    (!head.is_empty()).then(|| (head.to_string(), code))
}

/// "Doe, Jane", "Smith, Mary Ann": an individual's name written family name first. The part
/// after the only comma is one or two capitalised words naming no role or institution; the
/// name is kept as written, as dedupe and filing read the comma as family-first.
fn family_first(name: &str) -> bool {
    let commas = top_level(name, ", ");
    let [at] = commas[..] else { return false };
    let given: Vec<&str> = name[at + 2..].split_whitespace().collect();
    let w = words();
    let plain = |word: &&str| {
        let f = fold(word);
        word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && !w.role.contains(&f)
            && !w.generic.contains(&f)
    };
    (1..=2).contains(&given.len())
        && given.iter().all(plain)
        && !w.role.contains(&fold(&given.join(" ")))
}

/// Whether the country cut off an individual's `line`, leaving `head`, came after a role or an
/// institution ("Jane Doe, Researcher, Chile"), stood apart ("Jane Doe (Chile)") or followed a
/// whole name ("Jane Doe, Chile"), rather than being the only part after a lone family name:
/// in "Smith, Chad" that part is the given name.
fn country_follows_role(line: &str, head: &str) -> bool {
    line.ends_with(')')
        || !top_level(head, ", ").is_empty()
        || top_level(line, ", ").is_empty()
        || head.split_whitespace().count() >= 2
}

/// An individual's `Name, Role, Institution` or `Name (Affiliation)`: the name and the rest.
fn split_affiliation(name: &str) -> Option<(String, String)> {
    if let Some(&at) = top_level(name, ", ").first() {
        return Some((name[..at].to_string(), name[at + 2..].trim().to_string()));
    }
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let aff = inner[open + 1..].trim();
    // "(@handle)" is the signer's account, not where they work.
    (!aff.starts_with('@') && !aff.is_empty() && open > 0)
        .then(|| (inner[..open].trim_end().to_string(), aff.to_string()))
}

/// The row of one entry of a pasted list: its name with footnote markers, country and (for
/// an individual) affiliation taken off, its kind if a heading gave one, and the note of a
/// footnote that states the capacity it signed in.
pub fn entry_row(
    line: usize,
    text: &str,
    kind: Option<Kind>,
    footnote_note: Option<&str>,
) -> RawRow {
    let (mut name, _) = strip_markers(text);
    let mut row = RawRow::name(line, "");
    let mut note = None;
    // "Daniel Appelquist, @torgo (W3C TAG)": a personal account marks a person.
    let (rest, handle) = split_handle(&name);
    let kind = if handle.is_some() {
        kind.or(Some(Kind::Individual))
    } else {
        kind
    };
    if let Some(h) = handle {
        name = rest;
        match super::handles::written(&h) {
            Some(url) => {
                let how = if h[1..].contains('@') {
                    "a fediverse"
                } else {
                    "a GitHub"
                };
                row.values
                    .insert("remark", format!("{h} read as {how} account: {url}"));
                row.values.insert("website", url);
            }
            // "@lady_ada_king": no GitHub account is named so; the handle is kept as the note.
            None => note = Some(h),
        }
    }
    if kind != Some(Kind::Individual) {
        (name, note) = split_note(&name);
    }
    let individual = kind == Some(Kind::Individual);
    if let Some((n, code)) = split_country(&name)
        && (!individual || country_follows_role(&name, &n))
    {
        name = n;
        row.values.insert("country", code);
    }
    if individual && family_first(&name) {
        row.values.insert("name", name);
        return finish_row(row, note, footnote_note, kind);
    }
    if individual && let Some((n, aff)) = split_affiliation(&name) {
        name = n;
        row.values.insert("affiliation", aff);
    }
    row.values.insert("name", name);
    finish_row(row, note, footnote_note, kind)
}

/// A handle written after a name (`Name, @handle …`, `Name (@handle)`, `Name @handle`), taken
/// out: the name without it, and the handle. A line that is only a handle keeps it as its name.
pub fn split_handle(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if super::handles::is_handle(text) {
        return (text.to_string(), Some(text.to_string()));
    }
    // "(@lf-)", "(@ucko, Debian Developer)"
    if let Some(open) = text.rfind("(@")
        && let Some(len) = text[open..].find(')')
    {
        let inner = &text[open + 1..open + len];
        let (token, more) = inner.split_once(", ").unwrap_or((inner, ""));
        if super::handles::is_handle(token) {
            let more = if more.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", more.trim())
            };
            let rest = format!(
                "{}{more} {}",
                text[..open].trim_end(),
                text[open + len + 1..].trim()
            );
            return (rest.trim().to_string(), Some(token.to_string()));
        }
    }
    // "Daniel Appelquist, @torgo (…)": the part right after the name, the handle alone or
    // before a bracket. A handle elsewhere is text: "Ingénieure front-end @ekino" says where
    // she works, "Co-Founder @NinjaSquad, @MiXiTConf & …" names organisations.
    if let Some(&at) = top_level(text, ", ").first() {
        let part = &text[at + 2..];
        let (token, after) = part.split_once(' ').unwrap_or((part, ""));
        let after = after.trim();
        if super::handles::is_handle(token)
            && (after.is_empty() || after.starts_with('(') && after.ends_with(')'))
        {
            return (
                format!("{} {after}", &text[..at]).trim().to_string(),
                Some(token.to_string()),
            );
        }
    }
    (text.to_string(), None)
}

/// `[Name](url), Affiliation`: a list item opening with a linked name, the link's text
/// being the whole name. What follows is the country when it names one, a note when it
/// starts in lower case (or the signer is an organisation), else the affiliation of an
/// individual.
pub fn linked_row(line: usize, name: &str, rest: &str, kind: Option<Kind>) -> RawRow {
    let rest = rest.trim_start_matches([',', '–', '—', '-', ' ']).trim();
    let whole = format!("{name} {rest}");
    // "[Reporters Without Borders](url) (RSF)": an organisation's acronym, as without a link.
    if kind != Some(Kind::Individual) && super::split_acronym(&whole).is_some() {
        return entry_row(line, &whole, kind, None);
    }
    let mut row = entry_row(line, name, kind, None);
    let rest = (rest.strip_prefix('(').and_then(|r| r.strip_suffix(')'))).unwrap_or(rest);
    if rest.is_empty() {
        return row;
    }
    if let Some(code) = country_named(rest) {
        row.values.insert("country", code);
    } else if kind == Some(Kind::Organisation)
        || (kind.is_none() && rest.chars().next().is_some_and(char::is_lowercase))
    {
        row.values.insert("note", rest.to_string());
    } else {
        row.values.insert("affiliation", rest.to_string());
        row.values.insert("kind", "individual".to_string());
    }
    row
}

/// The row with its note (the entry's own and its footnote's) and its kind.
fn finish_row(
    mut row: RawRow,
    note: Option<String>,
    footnote_note: Option<&str>,
    kind: Option<Kind>,
) -> RawRow {
    let note = match (note, footnote_note) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b.map(str::to_string)),
    };
    if let Some(n) = note {
        row.values.insert("note", n);
    }
    if let Some(k) = kind {
        let k = match k {
            Kind::Organisation => "organisation",
            Kind::Individual => "individual",
        };
        row.values.insert("kind", k.to_string());
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_come_off_the_ends_of_words_only() {
        assert_eq!(
            strip_markers("World Organisation Against Torture (OMCT)*"),
            (
                "World Organisation Against Torture (OMCT)".to_string(),
                vec!["*".to_string()]
            )
        );
        assert_eq!(strip_markers("Jane Doe¹, PEN").0, "Jane Doe, PEN");
        assert_eq!(strip_markers("Ch*rch").0, "Ch*rch");
        assert_eq!(strip_markers("FIDH†‡").1, vec!["†‡".to_string()]);
    }

    #[test]
    fn page_lines_in_several_languages() {
        for l in [
            "Page 2 of 2",
            "página 3 de 7",
            "- 2 -",
            "2/3",
            "12",
            "Seite 1 von 4",
        ] {
            assert!(is_page_line(l), "{l}");
        }
        for l in [
            "350.org",
            "Page One Foundation",
            "2Allies",
            "1984 Committee",
        ] {
            assert!(!is_page_line(l), "{l}");
        }
    }

    #[test]
    fn countries_come_off_the_end_of_a_name_but_codes_do_not() {
        let c = |s: &str| split_country(s);
        assert_eq!(
            c("Human Rights Watch, United States"),
            Some(("Human Rights Watch".into(), "US".into()))
        );
        assert_eq!(
            c("Derechos Digitales – Chile"),
            Some(("Derechos Digitales".into(), "CL".into()))
        );
        assert_eq!(c("TEDIC (Paraguay)"), Some(("TEDIC".into(), "PY".into())));
        assert_eq!(
            c("Ligue des droits de l'Homme, Paris, France"),
            Some(("Ligue des droits de l'Homme, Paris".into(), "FR".into()))
        );
        assert_eq!(
            c("Asociación por los Derechos Civiles, Argentine"),
            Some(("Asociación por los Derechos Civiles".into(), "AR".into()))
        );
        assert_eq!(c("Amnesty International (AI)"), None);
        assert_eq!(c("\"Tierra, Chile\""), None);
        assert_eq!(c("Data + Feminism Lab, MIT"), None);
    }

    /// Lower-casing that grows one character and shrinks another kept the
    /// text's length, so offsets of the lower-case text cut the original
    /// inside a character and panicked.
    #[test]
    fn a_capacity_is_cut_from_the_text_as_written_whatever_lower_casing_does() {
        assert_eq!(
            capacity("İstanbul group signe à titre personnel ẞ.").as_deref(),
            Some("à titre personnel ẞ")
        );
        assert_eq!(
            capacity("ẞ Signs In A Personal Capacity.").as_deref(),
            Some("In A Personal Capacity")
        );
    }

    #[test]
    fn a_capacity_is_read_from_a_footnote_in_several_languages() {
        assert_eq!(
            capacity("OMCT signs within the framework of the Observatory.").as_deref(),
            Some("within the framework of the Observatory")
        );
        assert_eq!(
            capacity("Signe à titre personnel.").as_deref(),
            Some("à titre personnel")
        );
        assert_eq!(
            capacity("Affiliation for identification purposes only."),
            None
        );
    }
}
