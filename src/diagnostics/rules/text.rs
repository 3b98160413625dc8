//! Rules `unicode`, `formula`, `privacy` (and `schema` for length): what a text field may hold, characters rejected outright, and the warnings a name earns.

use crate::diagnostics::Code;
use crate::text::forbidden_char;
use crate::text::{is_mark, is_nfkc, nfc, nfkc};

/// Longest name or field accepted, in characters; longer is a paste gone wrong.
pub const MAX_TEXT_CHARS: usize = 500;
/// And in bytes, so stacked combining marks cannot hide a huge field.
pub const MAX_TEXT_BYTES: usize = 2000;

/// A rejected character or length: the finding code and the reason.
pub type Rejection = (Code, String);

/// What every text field must be: no character that breaks or disguises output,
/// no private-use or noncharacter code point, and not absurdly long.
pub fn check_text(s: &str) -> Result<(), Rejection> {
    // Far too long is said before any character is looked at: a pasted
    // file in one cell is refused at once, whatever it holds.
    if s.len() > MAX_TEXT_BYTES {
        return Err((
            Code::Schema,
            format!(
                "is {} bytes long; the limit is {MAX_TEXT_CHARS} characters and {MAX_TEXT_BYTES} bytes",
                s.len()
            ),
        ));
    }
    // Of ASCII, only the control characters are refused (a test holds the
    // two rules together): most text is checked a byte at a time.
    let ascii = s.is_ascii();
    let bad = if ascii {
        s.bytes().find(u8::is_ascii_control).map(char::from)
    } else {
        s.chars().find(|&c| forbidden_char(c) || unusable(c))
    };
    if let Some(c) = bad {
        return Err((
            Code::Unicode,
            format!(
                "contains U+{:04X} ({}), which would break or disguise it in every list",
                c as u32,
                char_class(c)
            ),
        ));
    }
    let chars = if ascii { s.len() } else { s.chars().count() };
    if chars > MAX_TEXT_CHARS || s.len() > MAX_TEXT_BYTES {
        return Err((
            Code::Schema,
            format!(
                "is {chars} characters ({} bytes) long; the limit is {MAX_TEXT_CHARS} characters and {MAX_TEXT_BYTES} bytes",
                s.len()
            ),
        ));
    }
    Ok(())
}

/// Private-use code points render differently on every machine; noncharacters are not text.
fn unusable(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

fn char_class(c: char) -> &'static str {
    match c {
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => "a bidi control",
        '\u{2028}' | '\u{2029}' => "a line separator",
        '\u{E0000}'..='\u{E007F}' => "a tag character",
        c if c.is_control() => "a control character",
        c if unusable(c) => "a private-use or noncharacter code point",
        _ => "an invisible character",
    }
}

/// A warning: its finding code and what to tell the user.
pub type Warning = (Code, String);

/// Things in a name that are allowed but deserve a second look.
pub fn name_warnings(name: &str) -> Vec<Warning> {
    let mut out = Vec::new();
    if name.is_ascii() {
        // Invisible characters, compatibility forms, other scripts, mojibake and
        // stacked marks are all outside ASCII: only these checks can apply.
        ascii_warnings(name, &mut out);
        return out;
    }
    for (c, what) in [
        ('\u{200D}', "ZERO WIDTH JOINER"),
        ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ] {
        if name.contains(c) {
            out.push((
                Code::Unicode,
                format!(
                    "contains U+{:04X} {what}: right in Persian or Indic names, invisible anywhere else",
                    c as u32
                ),
            ));
        }
    }
    // A quick-check "yes" means the name is already NFKC, so NFKC and NFC
    // both leave it as it is: most names never need normalising here.
    let nfkc: Option<String> = (!is_nfkc(name)).then(|| nfkc(name).into_owned());
    if let Some(nfkc) = nfkc.filter(|k| *k != *nfc(name)) {
        out.push((
            Code::Unicode,
            format!("has compatibility characters (fullwidth letters, ligatures…): it reads as \"{nfkc}\""),
        ));
    }
    for word in name.split_whitespace() {
        if !crate::text::is_single_script(word) {
            out.push((
                Code::Unicode,
                format!(
                    "the word \"{word}\" mixes letters of different scripts: is one a look-alike?"
                ),
            ));
        }
    }
    ascii_warnings(name, &mut out);
    if let Some(fixed) = mojibake(name) {
        out.push((
            Code::Unicode,
            format!("looks like text decoded with the wrong encoding; did you mean \"{fixed}\"?"),
        ));
    } else if name.contains('\u{FFFD}') {
        out.push((
            Code::Unicode,
            "contains U+FFFD REPLACEMENT CHARACTER: something was lost when this text was decoded"
                .to_string(),
        ));
    }
    let stacked = max_stacked_marks(name);
    if stacked >= 4 {
        out.push((
            Code::Unicode,
            format!("has {stacked} combining marks stacked on one letter"),
        ));
    }
    out
}

/// The warnings that apply to any name, ASCII or not.
fn ascii_warnings(name: &str, out: &mut Vec<Warning>) {
    if let Some(c) = name.chars().next().filter(|c| "=+-@|%".contains(*c)) {
        out.push((
            Code::Formula,
            format!(
                "starts with '{c}', which a spreadsheet may run as a formula (CSV exports guard it)"
            ),
        ));
    }
    if looks_like_email(name) {
        out.push((
            Code::Privacy,
            "contains what looks like an email address: contact details belong in the private file"
                .to_string(),
        ));
    } else if looks_like_url(name) {
        out.push((
            Code::Privacy,
            "looks like a web address; put it in `website`".to_string(),
        ));
    }
}

fn looks_like_email(s: &str) -> bool {
    // Most names have no '@': one quick scan says so.
    if !s.contains('@') {
        return false;
    }
    s.split(|c: char| c.is_whitespace() || "<>()[],;".contains(c))
        .any(|w| {
            w.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !host.ends_with('.')
            })
        })
}

fn looks_like_url(s: &str) -> bool {
    let starts = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts("http://") || starts("https://") || starts("www.")
}

fn max_stacked_marks(s: &str) -> usize {
    let (mut run, mut max) = (0, 0);
    for c in s.chars() {
        if is_mark(c) {
            run += 1;
            max = max.max(run);
        } else {
            run = 0;
        }
    }
    max
}

/// The characters Windows-1252 puts at bytes 0x80–0x9F.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The character a Windows-1252 byte stands for.
pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// UTF-8 that was read as Windows-1252 ("Ã©" for "é"): if the text maps back
/// to bytes that are valid UTF-8 with multi-byte characters, returns the repair.
pub fn mojibake(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = match c as u32 {
            0..=0x7F | 0xA0..=0xFF => c as u32 as u8,
            _ => CP1252_HIGH
                .iter()
                .position(|&h| h == c)
                .map(|i| 0x80 + i as u8)?,
        };
        bytes.push(b);
    }
    if bytes.is_ascii() {
        return None;
    }
    let fixed = String::from_utf8(bytes).ok()?;
    (fixed != s).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(name: &str) -> Vec<&'static str> {
        name_warnings(name)
            .into_iter()
            .map(|(c, _)| c.as_str())
            .collect()
    }

    #[test]
    fn a_text_over_the_byte_limit_is_refused_before_its_characters_are_read() {
        // The bell at the end would be found only by a scan of the whole
        // text: the reason shows that none was made.
        for len in [MAX_TEXT_BYTES + 1, 10 * MAX_TEXT_BYTES, 1 << 20] {
            let text = format!("{}\u{7}", "x".repeat(len));
            let (code, why) = check_text(&text).unwrap_err();
            assert_eq!(code.as_str(), "schema", "{why}");
            assert_eq!(
                why,
                format!(
                    "is {} bytes long; the limit is {MAX_TEXT_CHARS} characters and {MAX_TEXT_BYTES} bytes",
                    len + 1
                )
            );
        }
    }

    #[test]
    fn rejects_what_breaks_output_and_names_the_code_point() {
        for (s, cp) in [
            ("a\u{202E}b", "U+202E"),
            ("a\u{1b}b", "U+001B"),
            ("a\u{85}b", "U+0085"),
            ("a\u{2028}b", "U+2028"),
            ("a\u{AD}b", "U+00AD"),
            ("a\u{E0041}b", "U+E0041"),
            ("a\u{E000}b", "U+E000"),
            ("a\u{FFFF}b", "U+FFFF"),
        ] {
            let (_, why) = check_text(s).unwrap_err();
            assert!(why.contains(cp), "{s:?}: {why}");
        }
        assert!(check_text(&"x".repeat(MAX_TEXT_CHARS + 1)).is_err());
        assert!(
            check_text(&format!("Z{}", "\u{336}".repeat(1200))).is_err(),
            "bytes count too"
        );
        assert!(check_text("Médecins Sans Frontières").is_ok());
    }

    #[test]
    fn warns_about_lookalikes_formulas_contacts_and_mojibake() {
        assert_eq!(codes("Оxfam"), ["unicode"], "Cyrillic O in a Latin word");
        assert_eq!(codes("ＰＥＮ Canada"), ["unicode"]);
        assert_eq!(codes("=HYPERLINK(1)"), ["formula"]);
        assert_eq!(codes("Ana López <ana@example.org>"), ["privacy"]);
        assert_eq!(codes("www.example.org"), ["privacy"]);
        assert_eq!(codes("CafÃ© Coop"), ["unicode"]);
        assert_eq!(mojibake("CafÃ© Coop").as_deref(), Some("Café Coop"));
        assert_eq!(
            codes("علی\u{200C}رضا"),
            ["unicode"],
            "ZWNJ is allowed, with a note"
        );
        assert!(codes("Médecins Sans Frontières").is_empty());
        assert!(codes("Мемориал").is_empty(), "one script is fine");
        assert!(codes("人權公約施行監督聯盟").is_empty());
        assert!(mojibake("Zoë Ångström-Núñez").is_none());
    }

    #[test]
    fn of_ascii_only_control_characters_are_refused() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(
                forbidden_char(c) || unusable(c),
                b.is_ascii_control(),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn web_and_email_addresses_are_found_in_any_case_and_only_there() {
        assert!(looks_like_url("HTTPS://Example.org/about"));
        assert!(looks_like_url("WWW.example.org"));
        assert!(looks_like_url("http://x"));
        assert!(!looks_like_url("www"));
        assert!(!looks_like_url("wwwé.example.org"));
        assert!(!looks_like_url("The World Wide Web Fund"));
        assert!(looks_like_email("Write to info@example.org"));
        assert!(looks_like_email("(a@b.c)"));
        assert!(!looks_like_email("a@b"));
        assert!(!looks_like_email("@ the office."));
        assert!(!looks_like_email("No address here"));
    }
}
