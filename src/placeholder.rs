//! Placeholder names (`N/A`, `-`, `TBD`, `Your organisation`): entries that stand in for a name, from data/placeholders.txt.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::fold_words as fold;

fn table() -> &'static HashSet<String> {
    static T: OnceLock<HashSet<String>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../data/placeholders.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect()
    })
}

/// Whether `name` is a placeholder rather than a signer's name: made only of
/// punctuation and symbols, or one of the table's entries. Checked by import,
/// and meant for `add` and `check` too, so one table decides everywhere.
pub fn is_placeholder(name: &str) -> bool {
    let folded = fold(name);
    // A cell of dashes, dots or question marks: a required field got past.
    folded.is_empty() && !name.trim().is_empty() || table().contains(&folded)
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
        ] {
            assert!(!is_placeholder(n), "{n}");
        }
    }
}
