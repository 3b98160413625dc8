//! `undersigned dupes`: every group of duplicate signers in a statement, certain or possible.

use super::{Outcome, read_valid, resolve, write_json};
use crate::cli::{DupesArgs, ReportFormat};
use crate::dedupe::{self, Tier};
use crate::error::Result;
use crate::text::visible;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Group {
    /// The signer names, as written in the file.
    names: Vec<String>,
    /// The lines of their `name` keys.
    lines: Vec<usize>,
    tier: Tier,
    reason: String,
}

pub fn run(dir: &Path, args: &DupesArgs, out: &mut dyn Write) -> Result<Outcome> {
    let loaded = read_valid(&resolve(dir, &args.statement))?;
    let sigs = &loaded.statement.signatories;
    let groups: Vec<Group> = dedupe::find_duplicates(sigs)
        .into_iter()
        .map(|f| Group {
            names: f.members.iter().map(|&i| sigs[i].name.clone()).collect(),
            lines: f.members.iter().map(|&i| sigs[i].pos.line).collect(),
            tier: f.tier,
            reason: f.reason,
        })
        .collect();
    match args.format {
        ReportFormat::Json => write_json(&groups, out)?,
        ReportFormat::Human => {
            let out = &mut std::io::BufWriter::new(out);
            for g in &groups {
                let tier = match g.tier {
                    Tier::Certain => "certain",
                    Tier::Possible => "possible",
                };
                writeln!(out, "{tier}: {}", visible(&g.reason))?;
                for (n, l) in g.names.iter().zip(&g.lines) {
                    writeln!(out, "  {}:{l}  {}", loaded.name, visible(n))?;
                }
            }
            let certain = groups.iter().filter(|g| g.tier == Tier::Certain).count();
            writeln!(
                out,
                "{certain} certain, {} possible duplicate group{}",
                groups.len() - certain,
                if groups.len() - certain == 1 { "" } else { "s" }
            )
            .and_then(|()| out.flush())?;
        }
    }
    Ok(if groups.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
