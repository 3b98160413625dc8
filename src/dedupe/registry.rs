//! The registry of well-known organisations (data/dedupe/registry.toml): names that are aliases of each other.

use super::normalize::normalize;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const REGISTRY: &str = include_str!("../../data/dedupe/registry.toml");

pub struct Org {
    /// The name the registry prints in a reason.
    pub name: String,
}

pub struct Registry {
    pub orgs: Vec<Org>,
    /// Normalised key and compact key of every name -> entries.
    by_key: HashMap<String, Vec<u32>>,
    /// Normalised acronym -> entries using it.
    by_acronym: HashMap<String, Vec<u32>>,
    ambiguous: HashSet<String>,
}

/// An acronym as a matching key: case-folded letters and digits only ("FORUM-ASIA" = "forumasia").
pub fn acronym_key(s: &str) -> String {
    normalize_acronym(s)
}

fn normalize_acronym(s: &str) -> String {
    super::normalize::raw_words(s)
        .0
        .iter()
        .map(|w| w.text)
        .collect()
}

pub fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let doc: toml_edit::DocumentMut = REGISTRY
            .parse()
            .expect("data/dedupe/registry.toml is valid TOML");
        let strings = |item: &toml_edit::Item| -> Vec<String> {
            item.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let ambiguous = doc
            .get("ambiguous_acronyms")
            .map(strings)
            .unwrap_or_default()
            .iter()
            .map(|a| normalize_acronym(a))
            .collect();
        let mut reg = Registry {
            orgs: Vec::new(),
            by_key: HashMap::default(),
            by_acronym: HashMap::default(),
            ambiguous,
        };
        let Some(orgs) = doc.get("org").and_then(|o| o.as_array_of_tables()) else {
            return reg;
        };
        for t in orgs.iter() {
            let Some(name) = t.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let id = reg.orgs.len() as u32;
            reg.orgs.push(Org {
                name: name.to_string(),
            });
            let mut names = vec![name.to_string()];
            if let Some(n) = t.get("names") {
                names.extend(strings(n));
            }
            for n in &names {
                let norm = normalize(n);
                if norm.words.is_empty() {
                    continue;
                }
                for k in [norm.key(), norm.compact()] {
                    let ids = reg.by_key.entry(k).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            if let Some(a) = t.get("acronyms") {
                for acr in strings(a) {
                    let k = normalize_acronym(&acr);
                    if k.is_empty() {
                        continue;
                    }
                    let ids = reg.by_acronym.entry(k).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        reg
    })
}

impl Registry {
    /// Entries one of whose names has this normalised (or compact) key.
    pub fn by_name(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The one entry a bare acronym stands for, if no other entry and no
    /// other well-known body uses it.
    pub fn by_unique_acronym(&self, acr: &str) -> Option<u32> {
        if self.ambiguous.contains(acr) {
            return None;
        }
        match self.by_acronym.get(acr).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    pub fn name(&self, id: u32) -> &str {
        &self.orgs[id as usize].name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_loads_many_organisations_with_unique_ids() {
        let r = registry();
        assert!(r.orgs.len() >= 60, "{}", r.orgs.len());
        let msf = r.by_name(&normalize("Doctors Without Borders").key());
        assert_eq!(msf.len(), 1);
        assert_eq!(r.by_name(&normalize("Ärzte ohne Grenzen").key()), msf);
        assert_eq!(r.by_unique_acronym("msf"), Some(msf[0]));
    }

    #[test]
    fn clashing_acronyms_are_never_unique() {
        let r = registry();
        // Two entries use HRF; ICJ is listed as ambiguous.
        assert_eq!(r.by_unique_acronym("hrf"), None);
        assert_eq!(r.by_unique_acronym("icj"), None);
    }
}
