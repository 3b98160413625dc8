//! Rule `deadline`: a signer who signed after the statement's deadline.

use crate::diagnostics::{Code, Finding};
use crate::store::Loaded;

/// One warning per signer whose `signed` date misses the deadline.
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let st = &loaded.statement;
    let Some(deadline) = &st.deadline else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for s in &st.signatories {
        if let Some(signed) = s.signed.filter(|&d| deadline.missed_by(d)) {
            let f = Finding::warning(
                &loaded.name,
                Code::Deadline,
                format!(
                    "\"{}\" signed on {signed}, after the deadline ({})",
                    s.display_name(),
                    deadline.describe()
                ),
            );
            findings.push(loaded.finding_at(f, s.pos, s.name.chars().count() + 2));
        }
    }
    findings
}
