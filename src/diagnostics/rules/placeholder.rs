//! Rule `placeholder`: a name that stands in for one (`Your Name`, `N/A`), an error; a website that identifies nobody (`github.com/ghost`), a warning.

use crate::dedupe::is_placeholder_link;
use crate::diagnostics::{Code, Finding};
use crate::placeholder::is_placeholder;
use crate::store::Loaded;

/// One finding per entry whose name is a placeholder, and one per entry
/// whose website is. A placeholder name is an error: the list would publish
/// a template's leftover as a signer. A placeholder link on a real name is a
/// warning: the signer may be real, only the link says nothing, and it would
/// make every entry that gives it look like one signer.
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let mut findings = Vec::new();
    for s in &loaded.statement.signatories {
        let width = s.name.chars().count() + 2;
        if !s.name.is_empty() && is_placeholder(&s.name) {
            let f = Finding::error(
                &loaded.name,
                Code::Placeholder,
                format!(
                    "\"{}\" is a placeholder, not a signer's name: find out who signed and correct it with `undersigned edit`, or take the entry out with `undersigned remove`",
                    s.name
                ),
            );
            findings.push(loaded.finding_at(f, s.pos, width));
        }
        if let Some(w) = s.website.as_deref().filter(|w| is_placeholder_link(w)) {
            let f = Finding::warning(
                &loaded.name,
                Code::Placeholder,
                format!(
                    "the website of \"{}\", {w}, identifies nobody (a placeholder, or a platform without an account): give the signer's own page, or unset it",
                    s.name
                ),
            );
            findings.push(loaded.finding_at(f, s.pos, width));
        }
    }
    findings
}
