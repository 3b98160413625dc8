//! Email addresses and phone numbers found in a field that is published, moved to the signer's private contact.

use super::pasted::top_level;
use crate::model::Contact;

/// Whether `s` is an email address: one `@` with something before it and a dotted domain after.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Whether `s` is a phone number: digits, spaces, `+`, `-` and brackets, seven digits or more,
/// and not a span of years ("2009-2015", "(1998 - 2004)"), which an affiliation often ends with.
fn is_phone(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 7
        && !is_years(s)
}

/// Two years joined by a dash: "2009-2015", "(1998 - 2004)".
fn is_years(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    let Some((a, b)) = s.split_once('-') else {
        return false;
    };
    let year = |t: &str| {
        let t = t.trim();
        t.len() == 4
            && t.chars().all(|c| c.is_ascii_digit())
            && (t.starts_with("19") || t.starts_with("20"))
    };
    year(a) && year(b)
}

/// Whether `s` is an email address or a phone number, and so may not be published.
pub fn is_contact(s: &str) -> bool {
    let s = s.trim();
    is_email(s) || is_phone(s)
}

/// The brackets a mail program or a web page puts an address in, each with
/// the ends it is closed by: "Name <a@b>", "Name ‹a@b›", and "Name &lt;a@b>"
/// as a page's source escapes it.
const BRACKETS: [(&str, &[&str]); 5] = [
    ("<", &[">"]),
    ("\u{2039}", &["\u{203a}", ">"]),
    ("&lt;", &["&gt;", ">"]),
    ("(", &[")"]),
    ("[", &["]"]),
];

/// The end of `s` in brackets, if it has one: what is before it, and inside it.
fn bracketed(s: &str) -> Option<(&str, &str)> {
    BRACKETS.iter().find_map(|(open, closes)| {
        closes.iter().find_map(|close| {
            let body = s.strip_suffix(close)?;
            let at = body.rfind(open)?;
            Some((&s[..at], &body[at + open.len()..]))
        })
    })
}

/// "Jane Roe <jane@example.org>", "Yan Yu, yan@example.org": a name with an
/// email address after it, as mail programs and sign-up forms write it. The
/// name and the address, or `None` when `name` does not end in one (or is
/// nothing else).
pub fn split_email(name: &str) -> Option<(String, String)> {
    let s = name.trim_end();
    let (head, tail) = bracketed(s).or_else(|| {
        let at = s.rfind(char::is_whitespace)?;
        Some((&s[..at], &s[at..]))
    })?;
    let tail = tail.trim();
    let email = tail.strip_prefix("mailto:").unwrap_or(tail);
    let head = head
        .trim_end()
        .trim_end_matches([',', ';', ':', '|', '-', '\u{2013}', '\u{2014}'])
        .trim_end();
    (is_email(email) && !head.is_empty()).then(|| (head.to_string(), email.to_string()))
}

/// `value` without its comma-separated parts that are an email address or a phone
/// number (`None` when nothing else is left). Each such part goes into `contact` (its email or
/// phone, else its private notes) and a remark naming `field`, never the value, goes to `remarks`.
pub fn keep_private(
    value: String,
    field: &str,
    contact: &mut Contact,
    remarks: &mut Vec<String>,
) -> Option<String> {
    let mut cuts = vec![0];
    cuts.extend(top_level(&value, ", ").into_iter().map(|at| at + 2));
    let parts: Vec<&str> = cuts
        .iter()
        .enumerate()
        .map(|(i, &from)| {
            let to = cuts.get(i + 1).map_or(value.len(), |&next| next - 2);
            value[from..to].trim()
        })
        .collect();
    if !parts.iter().any(|p| is_contact(p)) {
        return Some(value);
    }
    let mut kept = Vec::new();
    for part in parts {
        let (slot, what) = if is_email(part) {
            (&mut contact.email, "an email address")
        } else if is_phone(part) {
            (&mut contact.phone, "a phone number")
        } else {
            kept.push(part);
            continue;
        };
        match (slot.is_none(), contact.notes.as_mut()) {
            (true, _) => *slot = Some(part.to_string()),
            (false, Some(notes)) => *notes = format!("{notes}; {part}"),
            (false, None) => contact.notes = Some(part.to_string()),
        }
        remarks.push(format!(
            "{what} in the {field} was moved to the private contacts file, not published"
        ));
    }
    (!kept.is_empty()).then(|| kept.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Karsten Gerloff (former president, FSFE, 2009-2015)" lost its years
    /// to the private file as a phone number.
    #[test]
    fn a_span_of_years_is_no_phone_number() {
        for years in ["2009-2015", "(1998 - 2004)", "2019-2023"] {
            assert!(!is_contact(years), "{years}");
        }
        for phone in ["+44 20 7946 0958", "020-7946-0958", "(555) 123-4567"] {
            assert!(is_contact(phone), "{phone}");
        }
    }

    #[test]
    fn emails_and_phones_are_told_from_names_handles_and_numbers() {
        for s in ["press@amnesty.org", "+44 20 7946 0999", "(022) 555-0199"] {
            assert!(is_contact(s), "{s}");
        }
        for s in [
            "@handle",
            "a@b",
            "Article 19",
            "1984 Committee",
            "12 345",
            "PEN",
        ] {
            assert!(!is_contact(s), "{s}");
        }
    }

    #[test]
    fn an_email_after_a_name_is_split_off_in_any_of_its_brackets() {
        for s in [
            "Jane Roe <jane@x.example>",
            "Jane Roe \u{2039}jane@x.example\u{203a}",
            "Jane Roe \u{2039}jane@x.example>",
            "Jane Roe &lt;jane@x.example&gt;",
            "Jane Roe &lt;jane@x.example>",
            "Jane Roe <mailto:jane@x.example>",
            "Jane Roe (jane@x.example)",
            "Jane Roe, jane@x.example",
            "Jane Roe jane@x.example",
            "Jane Roe - jane@x.example ",
        ] {
            let (name, email) = split_email(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(
                (name.as_str(), email.as_str()),
                ("Jane Roe", "jane@x.example"),
                "{s}"
            );
        }
        for s in [
            "Jane Roe",
            "Jane Roe (Acme)",
            "<jane@x.example>",
            "jane@x.example",
            "Jane Roe <not an address>",
            "Jane Roe @jroe",
        ] {
            assert_eq!(split_email(s), None, "{s}");
        }
    }

    #[test]
    fn contact_parts_move_to_the_contact_and_the_rest_stays() {
        let (mut c, mut r) = (Contact::default(), Vec::new());
        let kept = keep_private(
            "Lecturer, +44 20 7946 0999, x@y.org, z@y.org".to_string(),
            "affiliation",
            &mut c,
            &mut r,
        );
        assert_eq!(kept.as_deref(), Some("Lecturer"));
        assert_eq!(c.phone.as_deref(), Some("+44 20 7946 0999"));
        assert_eq!(c.email.as_deref(), Some("x@y.org"));
        assert_eq!(c.notes.as_deref(), Some("z@y.org"));
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|m| !m.contains('@') && !m.contains("7946")));
    }
}
