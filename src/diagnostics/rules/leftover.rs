//! Rule `leftover`: temporary files a crashed write left, and copies kept from a refused save.

use crate::diagnostics::{Code, Finding};
use crate::store;
use std::path::PathBuf;

/// A warning per leftover file (`store::leftovers` finds them): full copies
/// of a list or of its contacts that git must not take.
pub fn check(leftovers: &[PathBuf]) -> Vec<Finding> {
    leftovers
        .iter()
        .map(|p| {
            let shown = store::display(p);
            let what = if shown.contains(".conflict-") {
                "a copy kept when a save found a hand edit: compare it with the file, then delete it"
            } else {
                "a temporary copy left by an interrupted write: the next write removes it, or delete it"
            };
            Finding::warning(&shown, Code::Leftover, what)
        })
        .collect()
}
