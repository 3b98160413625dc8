//! Rule `order`: every signer where the statement's collation files it, or a finding saying where it belongs.

use crate::collate::{self, Collation};
use crate::diagnostics::{Code, Finding};
use crate::model::Signatory;
use crate::store::Loaded;

/// The order findings of named signers `sigs`; none when they are in order.
pub fn check(loaded: &Loaded, sigs: &[Signatory], collation: &Collation) -> Vec<Finding> {
    if collation.in_order(sigs) {
        return Vec::new();
    }
    let primary: Vec<Vec<u8>> = sigs.iter().map(|s| collation.primary_key(s)).collect();
    order_findings(loaded, sigs, &primary, collation)
}

/// One finding per entry that must move, saying where it belongs.
pub fn order_findings<K: Ord>(
    loaded: &Loaded,
    sigs: &[Signatory],
    keys: &[K],
    collation: &Collation,
) -> Vec<Finding> {
    let rule = collation.describe();
    collate::moves(keys)
        .into_iter()
        .enumerate()
        .map(|(n, m)| {
            let s = &sigs[m.index];
            let target = match (m.after, m.before) {
                (Some(a), _) => format!(
                    "move it after \"{}\" (line {})",
                    sigs[a].display_name(),
                    sigs[a].pos.line
                ),
                (None, Some(b)) => format!(
                    "move it to the top, before \"{}\" (line {})",
                    sigs[b].display_name(),
                    sigs[b].pos.line
                ),
                (None, None) => "move it to the top".to_string(),
            };
            // The rule is stated once per file, with its first finding.
            let rule = if n == 0 {
                format!(" [order: {rule}]")
            } else {
                String::new()
            };
            // A person filed by family name, or a name filed without its
            // opening quotation mark, says what it is filed under.
            let filed = collation.filing_text(s);
            let filed = if *filed == *s.name {
                String::new()
            } else {
                let filed = filed.replace(crate::filing::FAMILY_END, ", ");
                format!(" (filed under \"{filed}\")")
            };
            let f = Finding::error(
                &loaded.name,
                Code::Order,
                format!(
                    "\"{}\"{filed} is out of alphabetical order: {target}{rule}",
                    s.display_name()
                ),
            );
            loaded.finding_at(f, s.pos, s.name.chars().count() + 2)
        })
        .collect()
}
