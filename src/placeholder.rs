//! Placeholder names (`N/A`, `-`, `TBD`, `Your organisation`): entries that stand in for a name, from data/placeholders.txt.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::fold_words as fold;

/// The table, and the most letters and digits an entry of it holds.
struct Table {
    entries: HashSet<String>,
    longest: usize,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let entries: HashSet<String> = include_str!("../data/placeholders.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        let longest = entries.iter().map(|e| alphanumerics(e)).max().unwrap_or(0);
        Table { entries, longest }
    })
}

fn alphanumerics(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Whether `name` is a placeholder rather than a signer's name: made only of
/// punctuation and symbols, or one of the table's entries. One table decides
/// for `add`, `import` and `check`.
pub fn is_placeholder(name: &str) -> bool {
    // Folding keeps every letter and digit and adds none (lower case maps a
    // letter to letters), so a name with more of them than any entry is none
    // of the table's: `check` on a long list folds almost no name.
    let letters = alphanumerics(name);
    if letters > table().longest {
        return false;
    }
    if letters == 0 {
        // A cell of dashes, dots or question marks: a required field got past.
        return !name.trim().is_empty();
    }
    table().entries.contains(&fold(name)) && !initials(name)
}

/// Capital letters each followed by a dot ("N.D.", "N. A."): a person who
/// signs with their initials, as one did on a real open letter, and not the
/// "n/d" or "N/A" they fold to. A lower-case letter ("k.A.", "n.a.") is
/// still the placeholder.
fn initials(name: &str) -> bool {
    let mut chars = name.trim().chars().filter(|c| !c.is_whitespace());
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_uppercase() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_any_case_and_punctuation_are_recognised() {
        for p in [
            "N/A",
            "n/a",
            "n / a",
            "NA",
            "-",
            "—",
            "...",
            "?",
            "none",
            "None.",
            "TBD",
            "test",
            "Test",
            "Your organisation",
            "Your Organization",
            "Organisation name",
            "Organization Name:",
            "néant",
            "Su organización",
            "k.A.",
            "n.a.",
            "N/D",
            "Your Name",
            "Your Name Here",
            "Your Organisation Name",
            "Name Surname",
            "First Last",
            "Firstname Lastname",
            "Firstname, Lastname",
            "Name (Affiliation)",
            "Affiliation",
            "asdf",
            "Prénom Nom",
            "Nombre y apellidos",
            "Nome e sobrenome",
            "Vorname Nachname",
            "姓名",
            "機構名稱",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn real_names_that_look_close_are_not_placeholders() {
        for n in [
            "Nature Action",
            "NAACP",
            "Test Valley Community Trust",
            "None of the Above Collective",
            "Anonymous",
            "Organisation Internationale de la Francophonie",
            "X",
            "",
            "John Doe",
            "Jane Doe",
            "Tim Cook",
            "ABC",
            "AAA",
            "Cargo",
            "Firma",
            "Name Surname Foundation",
            "Affiliation Network",
            "Ghost Foundation",
            "张三",
            // Initials, as a signer of a real letter wrote them.
            "N.D.",
            "N. A.",
        ] {
            assert!(!is_placeholder(n), "{n}");
        }
    }
}
