//! Rule `evidence`: a confirmed signer without evidence of authorisation, on a statement that requires it.

use crate::diagnostics::{Code, Finding};
use crate::model::SignerStatus;
use crate::store::{Loaded, Private};

/// One error per confirmed signer with neither a public `evidence` address
/// nor a record in the private file (`None`: it could not be read, and the
/// `private` warning says so; only public evidence then counts). The
/// private record is asked whether it exists, never for its text.
pub fn check(loaded: &Loaded, private: Option<&Private>) -> Vec<Finding> {
    let st = &loaded.statement;
    if !st.require_evidence {
        return Vec::new();
    }
    let id = loaded
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut findings = Vec::new();
    for s in &st.signatories {
        let private_record = private.is_some_and(|p| p.has_evidence(&s.name));
        if s.status != SignerStatus::Confirmed || s.has_public_evidence() || private_record {
            continue;
        }
        let name = s.display_name();
        let f = Finding::error(
            &loaded.name,
            Code::Evidence,
            format!(
                "\"{name}\" is confirmed with no evidence of authorisation, which this statement requires; record it: `undersigned confirm {id} \"{}\" --evidence URL-or-text`",
                s.name
            ),
        );
        findings.push(loaded.finding_at(f, s.pos, s.name.chars().count() + 2));
    }
    findings
}
