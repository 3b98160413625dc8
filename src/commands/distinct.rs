//! `undersigned distinct`: record that two similar signers are different, so they are never flagged again.

use super::{Outcome, open_two, resolve};
use crate::cli::DistinctArgs;
use crate::dedupe;
use crate::error::Result;
use crate::text::visible;
use std::io::Write;
use std::path::Path;
use toml_edit::Value;

pub fn run(dir: &Path, args: &DistinctArgs, err: &mut dyn Write) -> Result<Outcome> {
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded, (a, b)) =
        open_two(&path, &args.a, &args.b, "the two names are the same entry")?;
    let other = loaded.statement.signatories[b].name.clone();
    let mut list = loaded.statement.signatories[a].rare.distinct_from.clone();
    if list
        .iter()
        .any(|x| dedupe::exact_key(x) == dedupe::exact_key(&other))
    {
        writeln!(err, "already recorded")?;
        return Ok(Outcome::Clean);
    }
    list.push(other.clone());
    loaded.set_signatory_value(
        a,
        "distinct_from",
        Some(Value::Array(list.iter().map(String::as_str).collect())),
    );
    loaded.save()?;
    writeln!(
        err,
        "Recorded that \"{}\" and \"{}\" are different signers",
        visible(&loaded.statement.signatories[a].name),
        visible(&other)
    )?;
    Ok(Outcome::Clean)
}
