//! Filing text of a name: leading symbols dropped, and a person's family name first (data/surname-particles.txt).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Between a person's family name and given names in a filing text. A tab
/// sorts before a space in the root order, so every "Smith" files before
/// "Smith Jones" (a family name of two words), as word-by-word indexes file
/// "New, Arthur" before "New Deal". Names never hold a tab (the schema
/// refuses control characters).
pub const FAMILY_END: char = '\t';

/// What a word around a family name does (data/surname-particles.txt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Particle,
    Prefix,
    Article,
    Conjunction,
    Suffix,
}

fn roles() -> &'static HashMap<&'static str, Role> {
    static TABLE: OnceLock<HashMap<&'static str, Role>> = OnceLock::new();
    TABLE.get_or_init(|| {
        crate::tables::surname_particles()
            .iter()
            .filter_map(|&(word, role)| {
                let role = match role {
                    "particle" => Role::Particle,
                    "prefix" => Role::Prefix,
                    "article" => Role::Article,
                    "conjunction" => Role::Conjunction,
                    "suffix" => Role::Suffix,
                    _ => return None,
                };
                Some((word, role))
            })
            .collect()
    })
}

/// The role of a word, whatever its case. Every word in the table is short
/// and ASCII: others are answered without a lookup (this runs for every
/// word of every person on each `check`).
fn role(word: &str) -> Option<Role> {
    let mut lower = [0u8; 8];
    if word.len() > lower.len() || !word.is_ascii() {
        return None;
    }
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..word.len()]).ok()?;
    roles().get(lower).copied()
}

/// Whether a character is a filing element: a letter, a digit or a mark.
fn files(c: char) -> bool {
    c.is_alphanumeric() || crate::text::is_mark(c)
}

/// The text without the quotation marks, brackets, symbols and spaces that
/// open it: `"Campos sustentables"` files under C, `¡Basta!` under B,
/// `#FreeHK` under F. A text of nothing else is left as it is.
pub fn without_leading_symbols(text: &str) -> &str {
    match text.find(files) {
        Some(0) | None => text,
        Some(i) => &text[i..],
    }
}

/// Whether a name is written in Han, Hangul or Kana, which put the family
/// name first: such a name files as written.
fn family_first_script(name: &str) -> bool {
    name.chars().find(|&c| files(c)).is_some_and(|c| {
        matches!(c as u32,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF // Hangul
            | 0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF // Han
            | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F | 0x1B000..=0x1B16F // Kana
        )
    })
}

/// The name without what is in brackets or quotation marks (an affiliation,
/// a nickname, a handle): `Alain "moustachu" Buchotte` is Alain Buchotte.
fn without_asides(name: &str) -> Cow<'_, str> {
    if !name.contains(['(', '[', '{', '"', '“', '«', '„']) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut close: Vec<char> = Vec::new();
    for c in name.chars() {
        if close.last() == Some(&c) {
            close.pop();
            continue;
        }
        let closer = match c {
            '(' => Some(')'),
            '[' => Some(']'),
            '{' => Some('}'),
            '"' => Some('"'),
            '“' | '„' => Some('”'),
            '«' => Some('»'),
            _ => None,
        };
        match closer {
            Some(closer) => close.push(closer),
            None if close.is_empty() => out.push(c),
            None => {}
        }
    }
    // An unclosed bracket would swallow the rest: keep the name whole then.
    if !close.is_empty() || !out.contains(files) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(out)
}

/// The word as the tables see it: without the punctuation around it.
fn bare(word: &str) -> &str {
    let start = word.find(files).unwrap_or(word.len());
    let end = word.rfind(files).map_or(start, |i| {
        i + word[i..].chars().next().map_or(0, char::len_utf8)
    });
    word.get(start..end.max(start)).unwrap_or("")
}

fn is_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// A person's name as it files: family name, [`FAMILY_END`], given names.
/// `None` when it files as written: one word, or a family-first script.
///
/// The family name is the last word, with the words the tables join to it;
/// a comma writes the family name first (`García Márquez, Gabriel`).
pub fn family_first(name: &str) -> Option<String> {
    let name = without_leading_symbols(name);
    if family_first_script(name) {
        return None;
    }
    let name = without_asides(name);
    // Quotation marks and symbols around the name are not filing elements.
    let mut words: smallvec::SmallVec<[&str; 8]> = name
        .trim_end_matches(|c: char| !files(c))
        .split_whitespace()
        .collect();
    // Suffixes off the end, and a comma before them: "King, Jr." is King.
    // A word of symbols alone is not filed either.
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| role(bare(w)) == Some(Role::Suffix) || !w.contains(files))
    {
        words.pop();
        if let Some(last) = words.last_mut() {
            *last = last.trim_end_matches(',');
        }
    }
    if name.contains(',') {
        let joined = words.join(" ");
        if let Some((family, given)) = joined.split_once(',')
            && !family.trim().is_empty()
            && given.contains(files)
        {
            let (family, given) = (family.trim(), given.trim());
            return Some(format!("{family}{FAMILY_END}{given}"));
        }
    }
    if words.len() < 2 {
        return None;
    }
    let start = family_start(&words);
    let (given, family) = words.split_at(start);
    let mut out = String::with_capacity(name.len() + 1);
    for (i, w) in family.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if i == 0 { without_article(w) } else { w });
    }
    out.push(FAMILY_END);
    for (i, w) in given.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    Some(out)
}

/// Where the family name starts among the words (two or more): the last
/// word, the particles written with a capital and the prefixes just before
/// it, and the names a conjunction joins to it. The first word is always a
/// given name.
fn family_start(words: &[&str]) -> usize {
    let mut start = words.len() - 1;
    loop {
        // Particles and prefixes just before the family name: from the first
        // one that belongs to it (a prefix, or a capitalised particle) on.
        let mut run = start;
        let mut from = start;
        while run > 1 {
            let w = bare(words[run - 1]);
            match role(w) {
                Some(Role::Prefix) => from = run - 1,
                Some(Role::Particle) if !is_lower(w) => from = run - 1,
                Some(Role::Particle) => {}
                _ => break,
            }
            run -= 1;
        }
        start = from;
        // "Ortega y Gasset": the conjunction and the name before it join.
        if start > 2
            && is_lower(words[start - 1])
            && role(words[start - 1]) == Some(Role::Conjunction)
        {
            start -= 2;
            continue;
        }
        return start;
    }
}

/// A family name without an article joined to it by a hyphen, or an elided
/// particle written in lower case: "al-Hakim" files as Hakim, "d'Estaing"
/// as Estaing, "D'Amico" as written.
fn without_article(word: &str) -> &str {
    if let Some((head, rest)) = word.split_once('-')
        && role(head) == Some(Role::Article)
        && rest.contains(files)
    {
        return rest;
    }
    for apostrophe in ['\'', '’'] {
        if let Some((head, rest)) = word.split_once(apostrophe)
            && is_lower(head)
            && role(&format!("{head}'")) == Some(Role::Particle)
            && rest.contains(files)
        {
            return rest;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed(name: &str) -> String {
        family_first(name)
            .unwrap_or_else(|| name.to_string())
            .replace(FAMILY_END, ", ")
    }

    #[test]
    fn the_last_word_is_the_family_name() {
        assert_eq!(filed("Julia Reda"), "Reda, Julia");
        assert_eq!(filed("Aaron D Borden"), "Borden, Aaron D");
        assert_eq!(filed("Shauna Gordon-McKeon"), "Gordon-McKeon, Shauna");
        assert_eq!(filed("Mayank"), "Mayank");
    }

    #[test]
    fn particles_file_by_how_they_are_written() {
        assert_eq!(filed("Ludwig van Beethoven"), "Beethoven, Ludwig van");
        assert_eq!(filed("Charles de Gaulle"), "Gaulle, Charles de");
        assert_eq!(filed("Vincent Van Gogh"), "Van Gogh, Vincent");
        assert_eq!(filed("Bert Van de Poel"), "Van de Poel, Bert");
        assert_eq!(filed("Jean de La Fontaine"), "La Fontaine, Jean de");
        assert_eq!(filed("Melissa Di Donato"), "Di Donato, Melissa");
        assert_eq!(
            filed("Van Morrison"),
            "Morrison, Van",
            "the first word is a given name"
        );
        assert_eq!(filed("Osama bin Laden"), "bin Laden, Osama");
        assert_eq!(filed("Raeed Ibn Zaman"), "Ibn Zaman, Raeed");
    }

    #[test]
    fn articles_conjunctions_and_suffixes() {
        assert_eq!(filed("Tawfiq al-Hakim"), "Hakim, Tawfiq");
        assert_eq!(filed("Mohamed El-Baradei"), "Baradei, Mohamed");
        assert_eq!(filed("Valéry Giscard d'Estaing"), "Estaing, Valéry Giscard");
        assert_eq!(filed("Pino D'Amico"), "D'Amico, Pino");
        assert_eq!(filed("José Ortega y Gasset"), "Ortega y Gasset, José");
        assert_eq!(filed("Enric Balletbo i Serra"), "Balletbo i Serra, Enric");
        assert_eq!(filed("Martin Luther King Jr."), "King, Martin Luther");
        assert_eq!(filed("Martin Luther King, Jr."), "King, Martin Luther");
        assert_eq!(filed("John Smith III"), "Smith, John");
    }

    #[test]
    fn a_comma_puts_the_family_name_first() {
        assert_eq!(filed("García Márquez, Gabriel"), "García Márquez, Gabriel");
        assert_eq!(filed("Gabriel García Márquez"), "Márquez, Gabriel García");
        assert_eq!(filed("Gabriel García-Márquez"), "García-Márquez, Gabriel");
    }

    #[test]
    fn asides_and_leading_symbols_are_not_filed() {
        assert_eq!(
            filed("Molly de Blanc (Debian Project, GNOME Foundation)"),
            "Blanc, Molly de"
        );
        assert_eq!(filed("Alain \"moustachu\" Buchotte"), "Buchotte, Alain");
        assert_eq!(filed("«Ana Souza»"), "Souza, Ana");
        assert_eq!(filed("Ben (LB) Johnston"), "Johnston, Ben");
        assert_eq!(filed("Unclosed (bracket Name"), "Name, Unclosed (bracket");
        assert_eq!(
            without_leading_symbols("\"Campos sustentables\""),
            "Campos sustentables\""
        );
        assert_eq!(without_leading_symbols("¡Basta!"), "Basta!");
        assert_eq!(without_leading_symbols("#"), "#");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Any name gives a filing text with one family name and no more,
        /// made of the name's own words, without a panic.
        #[test]
        fn any_name_files_without_a_panic(
            words in proptest::collection::vec(
                "\\PC{0,6}|van|Van|de|La|bin|al-\\PC{0,3}|d'\\PC{0,3}|y|Jr\\.|,|\\(|\\)|\"|«|»|中文", 0..6),
        ) {
            let name = words.join(" ");
            if let Some(filed) = family_first(&name) {
                proptest::prop_assert_eq!(filed.matches(FAMILY_END).count(), 1, "{:?}", name);
                let (family, _) = filed.split_once(FAMILY_END).unwrap();
                proptest::prop_assert!(family.contains(files), "{:?} -> {:?}", name, filed);
            }
        }
    }

    #[test]
    fn family_first_scripts_file_as_written() {
        assert_eq!(family_first("毛泽东"), None);
        assert_eq!(family_first("김 민수"), None);
        assert_eq!(family_first("やまだ たろう"), None);
        assert_eq!(family_first("山田 太郎"), None);
    }
}
