//! The rules `check` runs on a file that was read: each in its own file, each pure (given what was read, the findings).
//!
//! The reader's own findings (`io`, `encoding`, `syntax`, `schema`) are made
//! where the file is read (`store`, `schema`); the text rules are run there
//! too, on every field as it is read.

pub mod deadline;
pub mod duplicate;
pub mod evidence;
pub mod leftover;
pub mod order;
pub mod orphan_contact;
pub mod placeholder;
pub mod shared_website;
pub mod text;

pub use order::order_findings;

use super::{Code, Finding};
use crate::collate::Collation;
use crate::model::Signatory;
use crate::store::Loaded;
use std::borrow::Cow;

/// Everything wrong with one loaded file: what the reader found, then the
/// order, duplicate, shared-website, deadline and placeholder rules.
pub fn check_loaded(loaded: &Loaded) -> Vec<Finding> {
    let mut findings = loaded.findings.clone();
    let st = &loaded.statement;
    // Entries without a usable name were reported by the schema; leave them out here.
    let named: Vec<usize> = (0..st.signatories.len())
        .filter(|&i| !st.signatories[i].name.is_empty())
        .collect();
    match Collation::for_statement(st) {
        Ok(c) => {
            // Borrowed in the usual case where every entry has a name.
            let sigs: Cow<[Signatory]> = if named.len() == st.signatories.len() {
                Cow::Borrowed(&st.signatories)
            } else {
                Cow::Owned(named.iter().map(|&i| st.signatories[i].clone()).collect())
            };
            // The order is checked beside duplicate detection: it is one
            // core's work, and detection leaves a core idle in its serial steps.
            let (order, duplicates) = rayon::join(
                || order::check(loaded, &sigs, &c),
                || {
                    // One run of detection serves both rules: a link shared
                    // by a known duplicate is `duplicate`'s to report.
                    let groups = crate::dedupe::find_duplicates(&sigs);
                    let mut found = duplicate::group_findings(loaded, &sigs, &groups);
                    found.extend(shared_website::check(loaded, &sigs, &groups));
                    found
                },
            );
            findings.extend(order);
            findings.extend(duplicates);
        }
        Err(e) => findings.push(Finding::error(&loaded.name, Code::Schema, e.reason())),
    }
    findings.extend(deadline::check(loaded));
    findings.extend(placeholder::check(loaded));
    findings
}

/// A file's findings from top to bottom, those at one place in the order
/// they were found. A long list has tens of thousands, each a few hundred
/// bytes: their places are sorted, and each finding moved once.
pub fn top_to_bottom(found: Vec<Finding>) -> impl Iterator<Item = Finding> {
    let mut order: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (f.line, f.column, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Finding>> = found.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(move |(_, _, i)| slots[i].take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_go_top_to_bottom_and_those_at_one_place_keep_their_order() {
        let at = |line, column, msg: &str| {
            Finding::warning("s.toml", Code::Schema, msg).at(line, column, "", 1)
        };
        let found = vec![
            at(9, 1, "a"),
            at(2, 5, "b"),
            at(2, 5, "c"),
            at(2, 1, "d"),
            at(9, 1, "e"),
            Finding::error("s.toml", Code::Schema, "f"),
        ];
        let order: Vec<String> = top_to_bottom(found).map(|f| f.message).collect();
        assert_eq!(order, ["f", "d", "b", "c", "a", "e"]);
    }
}
