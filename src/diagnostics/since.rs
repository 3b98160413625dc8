//! `check --since`: which of a file's findings concern what changed since an earlier version of it.
//!
//! An entry is unchanged when the earlier version held an entry with the
//! same text and the same fields (`Signatory::same_fields`), wherever it
//! stood: entries are matched by name, not by place, since an insertion
//! shifts every line below it. The text counts as well as the fields because
//! the parser leaves out what it cannot use (an unknown key, a value not
//! allowed), and that is what the findings are about. A finding is kept when
//! it is about a new or changed entry, or about the file as a whole and not
//! already found in the earlier version; every order finding is kept when
//! the statement's order itself changed.

use super::{Code, Finding};
use crate::collate::{self, Collation};
use crate::model::Statement;
use crate::store::Loaded;
use std::collections::{HashMap, HashSet};

/// The findings of `now` (all of them, as `check` finds them) that concern
/// what changed since `then`; `then` absent (the file is new, or could not be
/// read there) keeps them all.
pub fn relative(now: &Loaded, then: Option<&Loaded>, findings: Vec<Finding>) -> Vec<Finding> {
    let Some(then) = then else {
        return findings;
    };
    let matched = match_entries(now, then);
    let starts = now.entry_lines();
    let entry_at = |line: usize| entry_at(&starts, line);
    // Worked out only when there is an order finding to judge.
    let old_disorder = if findings.iter().any(|f| f.code == Code::Order)
        && same_order(&now.statement, &then.statement)
    {
        old_disorder(now, &matched)
    } else {
        Vec::new()
    };
    let old_statement_findings = statement_findings(then);
    let changed = |i: usize| matched[i].is_none();
    let rule = order_rule(&findings);
    let kept = findings
        .into_iter()
        .filter(|f| {
            // Findings on other files (contacts, leftovers): git holds no earlier version of them.
            if f.file != now.name || matches!(f.code, Code::Io | Code::Encoding | Code::Syntax) {
                return true;
            }
            let Some(i) = entry_at(f.line) else {
                return !old_statement_findings.contains(&(f.code, f.message.clone()));
            };
            changed(i)
                || f.related.and_then(entry_at).is_some_and(changed)
                // An unchanged entry put out of order by the change: by an
                // entry inserted next to it, or by being moved.
                || (f.code == Code::Order && !old_disorder.get(i).copied().unwrap_or(false))
        })
        .collect();
    with_order_rule(kept, rule)
}

/// The order rule `check` states once per file, with its first order finding.
fn order_rule(findings: &[Finding]) -> Option<String> {
    let first = findings.iter().find(|f| f.code == Code::Order)?;
    first
        .message
        .rfind(RULE)
        .map(|at| first.message[at..].to_string())
}

const RULE: &str = " [order: ";

/// The findings kept, the rule stated with the first order finding among
/// them, when the one that stated it was left out.
fn with_order_rule(mut kept: Vec<Finding>, rule: Option<String>) -> Vec<Finding> {
    if let (Some(rule), Some(first)) = (rule, kept.iter_mut().find(|f| f.code == Code::Order))
        && !first.message.contains(RULE)
    {
        first.message.push_str(&rule);
    }
    kept
}

/// For each entry of `now`, the entry of `then` with the same text and
/// fields, if any; each entry of `then` answers for one entry of `now`
/// only, so a third copy of a name written twice before is new.
fn match_entries(now: &Loaded, then: &Loaded) -> Vec<Option<usize>> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, s) in then.statement.signatories.iter().enumerate().rev() {
        by_name.entry(s.name.as_str()).or_default().push(j);
    }
    let old = &then.statement.signatories;
    let (old_texts, texts) = (then.entry_texts(), now.entry_texts());
    now.statement
        .signatories
        .iter()
        .zip(&texts)
        .map(|(s, text)| {
            let candidates = by_name.get_mut(s.name.as_str())?;
            // Nearest to the top first (pushed in reverse, popped from the end).
            let k = candidates
                .iter()
                .rposition(|&j| old_texts[j] == *text && old[j].same_fields(s))?;
            Some(candidates.remove(k))
        })
        .collect()
}

/// Whether the keys that set the order (the collation, `ignore_articles`,
/// `individuals_by`) are as they were: when one changed, an entry out of
/// order now may have been in order before, so no order finding is old.
fn same_order(now: &Statement, then: &Statement) -> bool {
    now.collation == then.collation
        && now.ignore_articles == then.ignore_articles
        && now.individuals_by.unwrap_or_default() == then.individuals_by.unwrap_or_default()
}

/// The entry whose lines hold `line`; `None` above the first entry (the
/// statement's own keys) and for line 0 (no place in the file).
fn entry_at(starts: &[usize], line: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    starts.partition_point(|&s| s <= line).checked_sub(1)
}

/// For each entry of `now`, whether an order finding on it is an old
/// problem: the entry is unchanged, the change did not move it among the
/// other unchanged entries, and it is out of order with one of them, as it
/// already was at the earlier revision. Which entry of an out-of-order pair
/// the order rule names can change when entries are inserted, so the pair
/// is what is compared, not the entry named.
fn old_disorder(now: &Loaded, matched: &[Option<usize>]) -> Vec<bool> {
    let sigs = &now.statement.signatories;
    let mut old = vec![false; sigs.len()];
    let Ok(collation) = Collation::for_statement(&now.statement) else {
        return old;
    };
    let kept: Vec<usize> = (0..sigs.len())
        .filter(|&i| matched[i].is_some() && !sigs[i].name.is_empty())
        .collect();
    // Entries out of sequence with their old places were moved by the change.
    let places: Vec<Option<usize>> = kept.iter().map(|&i| matched[i]).collect();
    let moved: HashSet<usize> = collate::moves(&places)
        .into_iter()
        .map(|m| kept[m.index])
        .collect();
    let still: Vec<usize> = kept.into_iter().filter(|i| !moved.contains(i)).collect();
    let keys: Vec<Vec<u8>> = still
        .iter()
        .map(|&i| collation.primary_key(&sigs[i]))
        .collect();
    // Out of order with one of them: a greater key above, or a smaller below.
    let mut smallest_below: Vec<Option<&[u8]>> = vec![None; keys.len() + 1];
    for k in (0..keys.len()).rev() {
        smallest_below[k] = Some(match smallest_below[k + 1] {
            Some(m) if m < keys[k].as_slice() => m,
            _ => keys[k].as_slice(),
        });
    }
    let mut greatest_above: Option<&[u8]> = None;
    for (k, key) in keys.iter().enumerate() {
        let key = key.as_slice();
        old[still[k]] = greatest_above.is_some_and(|g| g > key)
            || smallest_below[k + 1].is_some_and(|m| m < key);
        greatest_above = greatest_above.max(Some(key));
    }
    old
}

/// The findings `then` had about the statement itself (above its first
/// entry, or of no place), by code and message: an old problem with the
/// statement's keys that the change does not touch is not reported again.
fn statement_findings(then: &Loaded) -> HashSet<(Code, String)> {
    let starts = then.entry_lines();
    let first = starts.first().copied().unwrap_or(usize::MAX);
    let mut out: HashSet<(Code, String)> = then
        .findings
        .iter()
        .filter(|f| f.line < first)
        .map(|f| (f.code, f.message.clone()))
        .collect();
    if let Err(e) = Collation::for_statement(&then.statement) {
        // `check` reports an unusable collation as a schema error of no place.
        out.insert((Code::Schema, e.reason()));
    }
    out
}
