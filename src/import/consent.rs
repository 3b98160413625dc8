//! The consent column of a form export: which header asks whether the signer endorses, and how its answers read.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What one answer in the consent column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Imported.
    Yes,
    /// Skipped as declined.
    No,
    /// Blank, hedged or unreadable: imported as pending, with a warning.
    Unclear,
}

/// Lower case, punctuation to spaces, spaces folded; as [`super::fold`].
fn words(s: &str) -> Vec<String> {
    super::fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Word lists of a data file, each entry as its folded words.
type Lists = HashMap<String, Vec<Vec<String>>>;

fn lists(text: &str) -> Lists {
    let doc: toml_edit::DocumentMut = text.parse().expect("data file is valid TOML");
    doc.iter()
        .filter_map(|(k, v)| {
            let entries = v
                .as_array()?
                .iter()
                .filter_map(|e| e.as_str())
                .map(words)
                .filter(|w| !w.is_empty())
                .collect();
            Some((k.to_string(), entries))
        })
        .collect()
}

fn headers() -> &'static Lists {
    static T: OnceLock<Lists> = OnceLock::new();
    T.get_or_init(|| lists(include_str!("../../data/import-headers.toml")))
}

fn answers() -> &'static Lists {
    static T: OnceLock<Lists> = OnceLock::new();
    T.get_or_init(|| lists(include_str!("../../data/consent-answers.toml")))
}

/// Whether `entry`'s words appear in `text` in a row.
fn has(text: &[String], entry: &[String]) -> bool {
    text.windows(entry.len()).any(|w| w == entry)
}

fn has_any(text: &[String], list: &str, table: &Lists) -> bool {
    table
        .get(list)
        .is_some_and(|l| l.iter().any(|e| has(text, e)))
}

fn starts_with_any(text: &[String], list: &str, table: &Lists) -> bool {
    table
        .get(list)
        .is_some_and(|l| l.iter().any(|e| text.starts_with(e)))
}

/// Whether a header no other field claimed asks for consent: a question
/// ("Do you endorse this statement?", "Will your organisation sign?") with a
/// word of consent in it, and not one about something else ("Do you agree to
/// be contacted?"). Exact headers ("Consent") are in the header table itself.
pub fn asks_consent(header: &str) -> bool {
    let w = words(header);
    let t = headers();
    let question = header.contains(['?', '¿']) || starts_with_any(&w, "consent_question_starts", t);
    question && has_any(&w, "consent_words", t) && !has_any(&w, "consent_not", t)
}

/// How an answer reads, by the rules written in data/consent-answers.toml.
pub fn answer(text: &str) -> Answer {
    let w = words(text);
    let t = answers();
    if w.is_empty() || has_any(&w, "unsure", t) {
        return Answer::Unclear;
    }
    let negated = has_any(&w, "negation", t);
    let yes = starts_with_any(&w, "yes", t);
    let no = starts_with_any(&w, "no", t);
    // A leading "no" with a word of consent after it that nothing negates
    // ("No problem, happy to sign") is no refusal: a row wrongly skipped as
    // declined is lost, one imported as pending is only held back.
    let rest_negated = has_any(&w[1..], "negation", t);
    if yes && !negated {
        Answer::Yes
    } else if no && !rest_negated && has_any(&w, "yes", t) {
        Answer::Unclear
    } else if no || negated && !yes {
        Answer::No
    } else {
        Answer::Unclear
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_questions_about_endorsing_are_consent_columns() {
        for h in [
            "Do you endorse this statement?",
            "Does your organisation wish to sign on to this letter?",
            "Will your organization co-sign?",
            "I agree to add my organisation's name to the letter",
            "¿Su organización firma la carta?",
            "Votre organisation signe-t-elle la déclaration ?",
        ] {
            assert!(asks_consent(h), "{h}");
        }
        for h in [
            "Do you agree to be contacted about future campaigns?",
            "Would you like to receive our newsletter?",
            "Name of signing organisation",
            "Anything else?",
            "Support",
        ] {
            assert!(!asks_consent(h), "{h}");
        }
    }

    #[test]
    fn answers_read_as_yes_no_or_unclear() {
        for (a, want) in [
            ("Yes, we endorse", Answer::Yes),
            ("yes", Answer::Yes),
            ("Oui", Answer::Yes),
            ("Sí, firmamos", Answer::Yes),
            ("TRUE", Answer::Yes),
            ("No, we cannot endorse", Answer::No),
            ("Not at this time", Answer::No),
            ("We cannot sign this", Answer::No),
            ("Non", Answer::No),
            ("Need to check with board", Answer::Unclear),
            ("Yes, once our board approves", Answer::Unclear),
            ("Not sure yet", Answer::Unclear),
            ("Yes, but we can't be named", Answer::Unclear),
            ("", Answer::Unclear),
            ("Ask Maria", Answer::Unclear),
        ] {
            assert_eq!(answer(a), want, "{a}");
        }
    }

    /// "N/A" read as the words "n a", and a leading "no" of "No problem,
    /// happy to sign", were refusals: the rows were skipped as declined.
    #[test]
    fn a_leading_n_or_no_that_refuses_nothing_is_not_a_refusal() {
        for (a, want) in [
            ("N/A", Answer::Unclear),
            ("n/a", Answer::Unclear),
            ("No problem, happy to sign", Answer::Unclear),
            ("No objection, we endorse it", Answer::Unclear),
            ("No, we will not sign", Answer::No),
            ("No, we cannot endorse", Answer::No),
            ("No", Answer::No),
            ("N", Answer::No),
        ] {
            assert_eq!(answer(a), want, "{a}");
        }
    }
}
