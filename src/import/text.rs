//! Text import: a list pasted from a PDF or a press release, one signer per line.

use super::{Importer, Parsed, RawRow, Rejected, clip, is_heading};

pub struct Text;

/// Bullets, as typed or as a PDF's text layer gives them ("e " is a common extraction of "•").
const BULLETS: &[&str] = &[
    "•", "‣", "◦", "▪", "▫", "●", "○", "·", "–", "—", "-", "*", "+",
];

/// The line without a leading bullet or number ("1.", "12)", "(3)").
fn strip_marker(line: &str) -> &str {
    let l = line.trim();
    for b in BULLETS {
        if let Some(rest) = l.strip_prefix(b)
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    if let Some(rest) = l.strip_prefix("e ")
        && rest.starts_with(char::is_uppercase)
    {
        return rest;
    }
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    // Up to three digits: "1984. Committee" is a name, not item 1984.
    if digits > 0 && digits <= 3 {
        let rest = &l[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))
            && r.starts_with(char::is_whitespace)
        {
            return r.trim_start();
        }
    }
    if let Some(inner) = l.strip_prefix('(')
        && let Some((n, rest)) = inner.split_once(')')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return rest.trim_start();
    }
    l
}

impl Importer for Text {
    fn parse(&self, input: &str, _map: &[(String, String)]) -> Result<Parsed, String> {
        let mut parsed = Parsed::default();
        // Text above the list's first heading ("Undersigned:") is the statement, not signers.
        let first_heading = input.lines().position(|l| {
            let l = strip_marker(l);
            !l.is_empty() && is_heading(l)
        });
        for (i, raw) in input.lines().enumerate() {
            let line = strip_marker(raw);
            if line.is_empty() || is_heading(line) {
                continue;
            }
            // "Press contact: …" lists a contact, not a signer: reported by its
            // label alone, since the rest is an address or a number, never imported.
            if let Some((label, _)) = line.split_once(':')
                && label.split_whitespace().count() <= 3
                && label.to_lowercase().contains("contact")
            {
                parsed.rejected.push(Rejected {
                    line: i + 1,
                    text: format!("{}: …", label.trim()),
                    reason: "a contact line, not a signer".to_string(),
                });
                continue;
            }
            if first_heading.is_some_and(|h| i < h) {
                parsed.rejected.push(Rejected {
                    line: i + 1,
                    text: clip(line),
                    reason: "before the list's heading: not taken as a signer".to_string(),
                });
                continue;
            }
            parsed.take(RawRow::name(i + 1, line), None);
        }
        Ok(parsed)
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
