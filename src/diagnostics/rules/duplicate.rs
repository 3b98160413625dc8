//! Rules `duplicate` and `possible-duplicate`: the same signer listed twice, certainly or perhaps.

use crate::dedupe::{self, Tier};
use crate::diagnostics::{Code, Finding};
use crate::model::Signatory;
use crate::store::Loaded;

/// Certain duplicates are errors; possible ones are warnings naming the rule
/// and how to record that they differ.
pub fn check(loaded: &Loaded, sigs: &[Signatory]) -> Vec<Finding> {
    let groups = dedupe::find_duplicates(sigs);
    group_findings(loaded, sigs, &groups)
}

/// The findings of some duplicate groups, in order.
pub fn group_findings(
    loaded: &Loaded,
    sigs: &[Signatory],
    groups: &[dedupe::DuplicateGroup],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for group in groups {
        let first = &sigs[group.members[0]];
        for &i in &group.members[1..] {
            let s = &sigs[i];
            let (code, is, then) = match group.tier {
                Tier::Certain => (
                    Code::Duplicate,
                    "is",
                    "remove one, or fold them with `undersigned merge`",
                ),
                Tier::Possible => (
                    Code::PossibleDuplicate,
                    "may be",
                    "if they differ, record it with `undersigned distinct`",
                ),
            };
            let f = Finding::new(
                &loaded.name,
                code,
                format!(
                    "\"{}\" {is} the same signer as \"{}\" (line {}): {}; {then}",
                    s.name, first.name, first.pos.line, group.reason
                ),
            )
            .involving(first.pos.line);
            out.push(loaded.finding_at(f, s.pos, s.name.chars().count() + 2));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;
    use std::path::Path;

    #[test]
    fn every_certain_group_gives_one_error_at_its_second_entry() {
        // 4,200 pairs of one name written twice.
        let mut text = String::from("title = \"T\"\n");
        for i in 0..4200 {
            for name in [format!("Harbour Union {i}"), format!("harbour union {i}")] {
                text.push_str(&format!("\n[[signatory]]\nname = \"{name}\"\n"));
            }
        }
        let loaded = store::parse(Path::new("s.toml"), text.into_bytes()).unwrap();
        let sigs = &loaded.statement.signatories;
        let groups = dedupe::find_duplicates(sigs);
        assert!(groups.len() >= 4096, "{} groups", groups.len());
        let shared = check(&loaded, sigs);
        assert_eq!(shared.len(), groups.len());
        assert!(
            shared
                .iter()
                .all(|f| f.code == Code::Duplicate && f.is_error())
        );
        let lines: Vec<usize> = shared.iter().map(|f| f.line).collect();
        let seconds: Vec<usize> = groups.iter().map(|g| sigs[g.members[1]].pos.line).collect();
        assert_eq!(lines, seconds);
    }
}
