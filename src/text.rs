//! Text helpers shared by every module: name clean-up, positions in a source, terminal-safe display.

use crate::model::Pos;
use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether a word is in one script, as UTS #39 defines it
/// (`MixedScript::is_single_script`), with a quick answer for the usual case.
/// The full test builds a script set per character; most words are made of
/// characters from one block whose script is plain (ASCII, Latin with
/// accents, Cyrillic, Greek, Arabic, CJK ideographs), where it can be read
/// off the code point. Anything else takes the full test.
pub fn is_single_script(word: &str) -> bool {
    #[derive(PartialEq, Clone, Copy)]
    enum Block {
        Latin,
        Greek,
        Cyrillic,
        Arabic,
        Han,
    }
    let mut seen: Option<Block> = None;
    for c in word.chars() {
        let block = match c as u32 {
            // Digits, spaces and ASCII punctuation are Common: they go with any script.
            0x00..=0x40 | 0x5B..=0x60 | 0x7B..=0x7F => continue,
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => Block::Latin,
            0x1E00..=0x1EFF => Block::Latin,
            0x391..=0x3A1 | 0x3A3..=0x3A9 | 0x3B1..=0x3C9 => Block::Greek,
            0x400..=0x481 | 0x48A..=0x4FF => Block::Cyrillic,
            0x621..=0x63A | 0x641..=0x64A => Block::Arabic,
            0x4E00..=0x9FFF => Block::Han,
            _ => return unicode_security::MixedScript::is_single_script(word),
        };
        match seen {
            None => seen = Some(block),
            Some(b) if b == block => {}
            Some(_) => return unicode_security::MixedScript::is_single_script(word),
        }
    }
    true
}

/// What the tool does to a name a user typed, and nothing more: trim, fold
/// runs of whitespace to one space, NFC.
pub fn clean_name(raw: &str) -> String {
    if is_clean(raw) {
        return raw.to_string();
    }
    let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    nfc(&folded).into_owned()
}

/// Whether [`clean_name`] would leave `s` as it is: no space at either end,
/// single ASCII spaces only, NFC. Checked without allocating, since every
/// name of every file is checked on load.
pub fn is_clean(s: &str) -> bool {
    let mut prev_space = true; // a leading space is not clean
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || prev_space {
                return false;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    (!prev_space || s.is_empty()) && (s.is_ascii() || is_nfc(s))
}

/// `s` in Unicode's canonical composed form (NFC), borrowed when it is in
/// it already. Normal forms and marks come from ICU4X, whose data the
/// collator and case mapping use too.
pub fn nfc(s: &str) -> Cow<'_, str> {
    ComposingNormalizerBorrowed::new_nfc().normalize(s)
}

/// Whether `s` is in NFC.
pub fn is_nfc(s: &str) -> bool {
    ComposingNormalizerBorrowed::new_nfc().is_normalized(s)
}

/// `s` in the compatibility composed form (NFKC: fullwidth letters,
/// ligatures and the like replaced), borrowed when it is in it already.
pub fn nfkc(s: &str) -> Cow<'_, str> {
    ComposingNormalizerBorrowed::new_nfkc().normalize(s)
}

/// Whether `s` is in NFKC.
pub fn is_nfkc(s: &str) -> bool {
    ComposingNormalizerBorrowed::new_nfkc().is_normalized(s)
}

/// The characters of `s` in the compatibility decomposed form (NFKD).
pub fn nfkd(s: &str) -> impl Iterator<Item = char> + '_ {
    DecomposingNormalizerBorrowed::new_nfkd().normalize_iter(s.chars())
}

/// Whether `c` is a combining mark (General_Category=Mark).
pub fn is_mark(c: char) -> bool {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    // Asked of every letter of every name: no ASCII character is a mark.
    if c.is_ascii() {
        return false;
    }
    GeneralCategoryGroup::Mark
        .contains(icu_properties::CodePointMapData::<GeneralCategory>::new().get(c))
}

/// True for characters that would break a line, a table cell or a terminal,
/// or make text display as something other than what it is.
pub fn forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{2028}' | '\u{2029}'           // line and paragraph separators
            | '\u{202A}'..='\u{202E}'         // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'         // bidi isolates
            | '\u{200E}' | '\u{200F}' | '\u{061C}' // bidi marks
            | '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}' // invisible
            | '\u{E0000}'..='\u{E007F}'       // tags
        )
}

/// Lower case, punctuation to spaces, spaces folded: how headers, headings
/// and placeholder names are compared ("N/A" and "n / a" are one).
pub fn fold_words(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A visible stand-in for text shown on a terminal: control characters become
/// control pictures, invisible and bidi characters become `\u{...}` escapes.
pub fn visible(s: &str) -> String {
    Visible(s).to_string()
}

/// [`visible`] as a `Display`, written without building a string: `check`
/// prints tens of thousands of names and source lines on a long list, and
/// nearly all of them need no escape at all.
#[derive(Debug, Clone, Copy)]
pub struct Visible<'a>(pub &'a str);

impl Visible<'_> {
    /// How many terminal columns the visible form takes: where a caret goes
    /// under it. A wide (CJK) character takes two, a combining mark none.
    pub fn width(&self) -> usize {
        self.pieces().map(|p| p.width()).sum()
    }

    /// The text as runs that print as they are and single stand-ins.
    fn pieces(&self) -> impl Iterator<Item = Piece<'_>> {
        let s = self.0;
        let mut at = 0;
        std::iter::from_fn(move || {
            let rest = &s[at..];
            let clean = clean_prefix(rest);
            if clean > 0 {
                at += clean;
                return Some(Piece::Text(&rest[..clean]));
            }
            let c = rest.chars().next()?;
            at += c.len_utf8();
            Some(match c {
                '\u{0}'..='\u{1F}' => Piece::Char(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
                '\u{7F}' => Piece::Char('\u{2421}'),
                c => Piece::Escape(c as u32),
            })
        })
    }
}

/// How many bytes at the start of `s` print as they are: ASCII is looked
/// at byte by byte, other characters one by one.
fn clean_prefix(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_control() {
                return i;
            }
            i += 1;
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            if forbidden_char(c) {
                return i;
            }
            i += c.len_utf8();
        }
    }
    i
}

enum Piece<'a> {
    Text(&'a str),
    Char(char),
    Escape(u32),
}

impl Piece<'_> {
    fn width(&self) -> usize {
        match self {
            Piece::Text(t) => t.width(),
            Piece::Char(_) => 1,
            Piece::Escape(u) => format!("\\u{{{u:04X}}}").len(),
        }
    }
}

impl std::fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        for p in self.pieces() {
            match p {
                Piece::Text(t) => f.write_str(t)?,
                Piece::Char(c) => f.write_char(c)?,
                Piece::Escape(u) => write!(f, "\\u{{{u:04X}}}")?,
            }
        }
        Ok(())
    }
}

/// Like [`visible`], line by line, keeping the line breaks.
pub fn visible_lines(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(body) => format!("{}\n", visible(body.strip_suffix('\r').unwrap_or(body))),
            None => visible(l),
        })
        .collect()
}

/// Byte offsets to line and column, for one source text.
#[derive(Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

/// Byte offsets where the lines of `text` start, the first at 0. A long
/// list's file has hundreds of thousands of lines: memchr finds the breaks
/// many bytes at a time, where a byte loop costs over ten instructions a byte.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 16 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            starts: line_starts(text),
        }
    }

    /// How many lines the text has (a final line break starts an empty one).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // Columns count characters so the caret lands under CJK text too.
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Pos {
            line: line + 1,
            column,
        }
    }

    /// The source text in a byte range, or "" when it is out of bounds.
    pub fn slice(&self, range: std::ops::Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_name_trims_folds_spaces_and_composes() {
        assert_eq!(
            clean_name("  Me\u{301}decins \t Sans  Frontie\u{300}res "),
            "Médecins Sans Frontières"
        );
    }

    #[test]
    fn is_clean_agrees_with_clean_name() {
        for s in [
            "Amnesty International",
            " A",
            "A ",
            "A  B",
            "A\tB",
            "A\u{a0}B",
            "Me\u{301}decins",
            "Médecins",
            "",
        ] {
            assert_eq!(is_clean(s), clean_name(s) == s, "{s:?}");
        }
    }

    #[test]
    fn visible_escapes_controls_and_bidi() {
        assert_eq!(visible("a\u{1b}[31mb\u{202E}c"), "a␛[31mb\\u{202E}c");
    }

    /// The stand-ins one character at a time, as `visible` was first written.
    fn visible_by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap()),
                '\u{7F}' => out.push('\u{2421}'),
                c if forbidden_char(c) => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn visible_by_runs_equals_visible_by_char(
            s in "([a-z ]|é|中|\u{1b}|\u{7f}|\u{85}|\u{202e}|\u{200b}|\u{e0041}|\n|\t){0,24}"
        ) {
            let v = Visible(&s);
            proptest::prop_assert_eq!(v.to_string(), visible_by_char(&s));
            // In terminal columns: "中" takes two.
            proptest::prop_assert_eq!(v.width(), visible_by_char(&s).as_str().width());
        }
    }

    #[test]
    fn line_starts_follow_each_line_break() {
        assert_eq!(line_starts(""), [0]);
        assert_eq!(line_starts("a\r\nbc\n名\n"), [0, 3, 6, 10]);
        assert_eq!(line_starts("a\nb"), [0, 2]);
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "a = 1\n名字 = 2\n";
        let idx = LineIndex::new(text);
        let off = text.find("= 2").unwrap();
        assert_eq!(idx.pos(off), Pos { line: 2, column: 4 });
        assert_eq!(idx.line_text(2), "名字 = 2");
    }
}
