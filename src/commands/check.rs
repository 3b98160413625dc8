//! `undersigned check`: validate statement files (schema, order, exact duplicates) and report every finding.

use super::{Outcome, io, targets};
use crate::check::{Finding, Severity, render_human_styled, render_json};
use crate::cli::{CheckArgs, FindingsFormat};
use crate::collate::{self, Collation};
use crate::dedupe::{self, Tier};
use crate::error::Result;
use crate::model::Signatory;
use crate::store::{self, Loaded};
use crate::text::visible;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

pub fn run(
    dir: &Path,
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let paths = targets(dir, &args.statements)?;
    // Files found by listing the directory, not named: a link out of it is not followed.
    let listed = args.statements.is_empty();

    let mut findings = Vec::new();
    let mut failed = false;
    for path in &paths {
        let read = if listed {
            store::stays_in(dir, path).and_then(|()| store::load(path))
        } else {
            store::load(path)
        };
        match read {
            Ok(loaded) => {
                findings.extend(top_to_bottom(check_loaded(&loaded)));
                findings.extend(orphan_contacts(&loaded));
            }
            Err(f) => {
                failed = true;
                findings.push(f);
            }
        }
        findings.extend(leftover_files(path));
    }

    // Buffered, not gathered: a long list's report is larger than its file.
    // Flushed before the summary goes to the other stream.
    let mut buf = std::io::BufWriter::new(&mut *out);
    match args.format {
        FindingsFormat::Human => render_human_styled(&findings, &mut buf, color),
        FindingsFormat::Json => render_json(&findings, &mut buf),
        FindingsFormat::Github => render_github(&findings, &mut buf),
    }
    .and_then(|()| buf.flush())
    .map_err(io)?;
    drop(buf);

    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    writeln!(
        err,
        "checked {} file{}: {errors} error{}, {warnings} warning{}",
        paths.len(),
        plural(paths.len()),
        plural(errors),
        plural(warnings)
    )
    .map_err(io)?;
    Ok(if failed {
        Outcome::Failed
    } else if errors > 0 || (args.strict && warnings > 0) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// A file's findings from top to bottom, those at one place in the order
/// they were found. A long list has tens of thousands, each a few hundred
/// bytes: their places are sorted, and each finding moved once.
fn top_to_bottom(found: Vec<Finding>) -> impl Iterator<Item = Finding> {
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

/// Temporary files a crashed write left, and copies kept from a refused
/// save: full copies of a list or of its contacts that git must not take.
fn leftover_files(statement: &Path) -> Vec<Finding> {
    store::leftovers(statement)
        .into_iter()
        .map(|p| {
            let shown = store::display(&p);
            let what = if shown.contains(".conflict-") {
                "a copy kept when a save found a hand edit: compare it with the file, then delete it"
            } else {
                "a temporary copy left by an interrupted write: the next write removes it, or delete it"
            };
            Finding::warning(&shown, "leftover", what)
        })
        .collect()
}

/// Contacts in the private file that name no signer of the statement. Only
/// the place is given: the private file's text is never shown.
fn orphan_contacts(loaded: &Loaded) -> Vec<Finding> {
    let file = store::display(&store::private_path(&loaded.path));
    let private = match store::load_private(&loaded.path) {
        Ok(p) => p,
        Err(_) => {
            return vec![Finding::warning(
                &file,
                "private",
                "the contacts file cannot be read; `undersigned list --include-private` says why",
            )];
        }
    };
    private
        .orphans(&loaded.statement)
        .into_iter()
        .map(|c| {
            let mut f = Finding::warning(
                &file,
                "orphan-contact",
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Everything wrong with one loaded file.
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
            let order = || {
                if c.in_order(&sigs) {
                    return Vec::new();
                }
                let primary: Vec<Vec<u8>> = sigs.iter().map(|s| c.primary_key(s)).collect();
                order_findings(loaded, &sigs, &primary, &c)
            };
            let (order, duplicates) = rayon::join(order, || duplicate_findings(loaded, &sigs));
            findings.extend(order);
            findings.extend(duplicates);
        }
        Err(e) => findings.push(Finding::error(&loaded.name, "schema", e)),
    }
    if let Some(deadline) = &st.deadline {
        for s in &st.signatories {
            if let Some(signed) = s.signed.filter(|&d| deadline.missed_by(d)) {
                let f = Finding::warning(
                    &loaded.name,
                    "deadline",
                    format!(
                        "\"{}\" signed on {signed}, after the deadline ({})",
                        s.display_name(),
                        deadline.describe()
                    ),
                );
                findings.push(loaded.finding_at(f, s.pos, s.name.chars().count() + 2));
            }
        }
    }
    findings
}

/// One finding per entry that must move, saying where it belongs.
pub fn order_findings<K: Ord>(
    loaded: &Loaded,
    sigs: &[crate::model::Signatory],
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
                "order",
                format!(
                    "\"{}\"{filed} is out of alphabetical order: {target}{rule}",
                    s.display_name()
                ),
            );
            loaded.finding_at(f, s.pos, s.name.chars().count() + 2)
        })
        .collect()
}

/// Certain duplicates are errors; possible ones are warnings naming the rule
/// and how to record that they differ.
fn duplicate_findings(loaded: &Loaded, sigs: &[crate::model::Signatory]) -> Vec<Finding> {
    let groups = dedupe::find_duplicates(sigs);
    group_findings(loaded, sigs, &groups)
}

/// The findings of some duplicate groups, in order.
fn group_findings(
    loaded: &Loaded,
    sigs: &[crate::model::Signatory],
    groups: &[dedupe::DuplicateGroup],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for group in groups {
        let first = &sigs[group.members[0]];
        for &i in &group.members[1..] {
            let s = &sigs[i];
            let f = match group.tier {
                Tier::Certain => Finding::error(
                    &loaded.name,
                    "duplicate",
                    format!(
                        "\"{}\" is the same signer as \"{}\" (line {}): {}; remove one, or fold them with `undersigned merge`",
                        s.name, first.name, first.pos.line, group.reason
                    ),
                ),
                Tier::Possible => Finding::warning(
                    &loaded.name,
                    "possible-duplicate",
                    format!(
                        "\"{}\" may be the same signer as \"{}\" (line {}): {}; if they differ, record it with `undersigned distinct`",
                        s.name, first.name, first.pos.line, group.reason
                    ),
                ),
            };
            out.push(loaded.finding_at(f, s.pos, s.name.chars().count() + 2));
        }
    }
    out
}

/// GitHub Actions workflow commands, so findings show on the pull request.
fn render_github(findings: &[Finding], out: &mut impl Write) -> std::io::Result<()> {
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_property(&f.file));
        if f.line > 0 {
            props.push_str(&format!(",line={},col={}", f.line, f.column));
        }
        props.push_str(&format!(",title=undersigned {}", f.code));
        writeln!(
            out,
            "::{level} {props}::{}",
            escape_data(&visible(&f.message))
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_go_top_to_bottom_and_those_at_one_place_keep_their_order() {
        let at =
            |line, column, msg: &str| Finding::warning("s.toml", "x", msg).at(line, column, "", 1);
        let found = vec![
            at(9, 1, "a"),
            at(2, 5, "b"),
            at(2, 5, "c"),
            at(2, 1, "d"),
            at(9, 1, "e"),
            Finding::error("s.toml", "y", "f"),
        ];
        let order: Vec<String> = top_to_bottom(found).map(|f| f.message).collect();
        assert_eq!(order, ["f", "d", "b", "c", "a", "e"]);
    }

    #[test]
    fn many_duplicate_groups_give_the_findings_one_core_gives() {
        // 4,200 pairs of one name written twice: enough groups to be
        // shared over the cores.
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
        let shared = duplicate_findings(&loaded, sigs);
        assert_eq!(shared.len(), groups.len());
        assert_eq!(shared, group_findings(&loaded, sigs, &groups));
    }
}
