//! Rules `orphan-contact` and `private`: contacts that name no signer, and a contacts file that cannot be read.

use crate::diagnostics::{Code, Finding};
use crate::store::{self, Loaded, Private};

/// Contacts in the private file (`None`: it could not be read) that name no
/// signer of the statement. Only the place is given: the private file's
/// text is never shown.
pub fn check(loaded: &Loaded, private: Option<&Private>) -> Vec<Finding> {
    let file = store::display(&store::private_path(&loaded.path));
    let Some(private) = private else {
        return vec![Finding::warning(
            &file,
            Code::Private,
            "the contacts file cannot be read; `undersigned list --include-private` says why",
        )];
    };
    private
        .orphans(&loaded.statement)
        .into_iter()
        .map(|c| {
            let mut f = Finding::warning(
                &file,
                Code::OrphanContact,
                format!(
                    "this contact names no signer of {}; remove it, or correct its `signatory`",
                    loaded.name
                ),
            );
            (f.line, f.column) = (c.pos.line, c.pos.column);
            f
        })
        .collect()
}
