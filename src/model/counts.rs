//! The one count of a list every command prints: the confirmed signers, then the pending and the withdrawn apart.
//!
//! A total that mixes statuses is the number a press officer repeats
//! wrongly ("50 signatories" where the list shows 48), so every summary line
//! (`add`, `import`, `list`, `stats`, `export`, `sort`, `merge`, `remove`,
//! `confirm`, `withdraw`) words its count through [`Counts`].

use super::{Kind, Signatory, SignerStatus};
use std::fmt;

/// How many entries of a list are in each state; the organisations and
/// individuals are those of the confirmed signers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub confirmed: usize,
    pub pending: usize,
    pub withdrawn: usize,
    pub organisations: usize,
    pub individuals: usize,
}

impl Counts {
    pub fn of(signatories: &[Signatory]) -> Self {
        let mut c = Self::default();
        for s in signatories {
            match s.status {
                SignerStatus::Confirmed => {
                    c.confirmed += 1;
                    match s.kind {
                        Kind::Organisation => c.organisations += 1,
                        Kind::Individual => c.individuals += 1,
                    }
                }
                SignerStatus::Pending => c.pending += 1,
                SignerStatus::Withdrawn => c.withdrawn += 1,
            }
        }
        c
    }

    /// "48 signatories, not counting 1 pending and 1 withdrawn"; with
    /// `pending_listed` (an export with `--include-pending`) the pending are
    /// part of what is told: "48 signatories and 1 pending, not counting 1 withdrawn".
    pub fn phrase(&self, pending_listed: bool) -> String {
        let mut told = counted(self.confirmed, "signatory", "signatories");
        let mut apart = Vec::new();
        if self.pending > 0 {
            if pending_listed {
                told.push_str(&format!(" and {} pending", self.pending));
            } else {
                apart.push(format!("{} pending", self.pending));
            }
        }
        if self.withdrawn > 0 {
            apart.push(format!("{} withdrawn", self.withdrawn));
        }
        if !apart.is_empty() {
            told.push_str(&format!(", not counting {}", apart.join(" and ")));
        }
        told
    }

    /// The same with the confirmed signers by kind, as `list` and `stats`
    /// print it: "48 signatories (30 organisations, 18 individuals), not counting 1 pending".
    pub fn by_kind(&self) -> String {
        let kinds = format!(
            " ({}, {})",
            counted(self.organisations, "organisation", "organisations"),
            counted(self.individuals, "individual", "individuals")
        );
        let told = counted(self.confirmed, "signatory", "signatories");
        let whole = self.phrase(false);
        format!("{told}{kinds}{}", &whole[told.len()..])
    }
}

/// "48 signatories, not counting 1 pending and 1 withdrawn".
impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(false))
    }
}

/// A number and its noun, singular for one: "1 signatory", "0 signatories".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The verb for a count: "1 was added", "2 were added".
pub fn was(n: usize) -> &'static str {
    if n == 1 { "was" } else { "were" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(statuses: &[(SignerStatus, Kind)]) -> Vec<Signatory> {
        statuses
            .iter()
            .map(|&(status, kind)| Signatory {
                status,
                kind,
                ..Signatory::new("x")
            })
            .collect()
    }

    #[test]
    fn pending_and_withdrawn_are_told_apart_from_the_signatories() {
        use {Kind::*, SignerStatus::*};
        let mut shape = vec![(Confirmed, Organisation); 30];
        shape.extend([(Confirmed, Individual); 18]);
        shape.extend([(Pending, Organisation), (Withdrawn, Individual)]);
        let c = Counts::of(&list(&shape));
        assert_eq!(
            c.to_string(),
            "48 signatories, not counting 1 pending and 1 withdrawn"
        );
        assert_eq!(
            c.phrase(true),
            "48 signatories and 1 pending, not counting 1 withdrawn"
        );
        assert_eq!(
            c.by_kind(),
            "48 signatories (30 organisations, 18 individuals), not counting 1 pending and 1 withdrawn"
        );
    }

    #[test]
    fn one_is_singular_and_nothing_apart_is_not_mentioned() {
        use {Kind::*, SignerStatus::*};
        let c = Counts::of(&list(&[(Confirmed, Individual)]));
        assert_eq!(c.to_string(), "1 signatory");
        assert_eq!(c.by_kind(), "1 signatory (0 organisations, 1 individual)");
        let c = Counts::of(&list(&[(Confirmed, Organisation), (Pending, Individual)]));
        assert_eq!(c.to_string(), "1 signatory, not counting 1 pending");
        assert_eq!(Counts::of(&[]).to_string(), "0 signatories");
        assert_eq!((was(1), was(2)), ("was", "were"));
    }
}
