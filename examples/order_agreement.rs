//! How many adjacent pairs of published lists of people the filing order reproduces: `cargo run --example order_agreement -- LIST...`.
//!
//! A list is one signer a line in its published order; `#!` lines are its
//! header. What follows a name on its line (` (affiliation)`, `, role`,
//! ` - link`) is cut off first, as an import would keep it out of the name.

use undersigned::collate::Collation;
use undersigned::model::{IndividualsBy, Kind, Signatory, Statement};

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let names: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("#!") && !l.trim().is_empty())
            .map(|l| {
                let cut = [" (", ", ", " - ", " https://"]
                    .iter()
                    .filter_map(|p| l.find(p))
                    .min()
                    .unwrap_or(l.len());
                l[..cut].trim()
            })
            .collect();
        for by in [IndividualsBy::Family, IndividualsBy::Name] {
            let st = Statement {
                individuals_by: Some(by),
                ..Statement::default()
            };
            let c = Collation::for_statement(&st).expect("the root collation");
            let keys: Vec<Vec<u8>> = names
                .iter()
                .map(|n| {
                    let s = Signatory {
                        kind: Kind::Individual,
                        ..Signatory::new(*n)
                    };
                    c.key(&s).primary
                })
                .collect();
            let pairs = keys.len().saturating_sub(1);
            let kept = keys.windows(2).filter(|w| w[0] <= w[1]).count();
            println!(
                "{path}: individuals_by = \"{}\": {kept} of {pairs} adjacent pairs in order ({:.1}%)",
                by.as_str(),
                100.0 * kept as f64 / pairs.max(1) as f64
            );
            if std::env::var_os("SHOW").is_some() {
                for (i, w) in keys.windows(2).enumerate() {
                    if w[0] > w[1] {
                        println!("    {:?} before {:?}", names[i], names[i + 1]);
                    }
                }
            }
        }
    }
}
