//! The private contacts file beside each statement: reading it, adding and re-pointing contacts.

use super::disk::{Replace, replace_all};
use super::leftovers::{ensure_ignore_rules, remove_leftovers};
use super::read::{decode, syntax_finding};
use super::{BOM, display};
use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use crate::schema;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// Whether a file is a statement's private contacts file (`<id>.private.toml`).
pub fn is_private(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".private.toml"))
}

/// `x.toml` → `x.private.toml`, beside it.
pub fn private_path(statement: &Path) -> PathBuf {
    let name = statement
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".toml").unwrap_or(&name);
    statement.with_file_name(format!("{stem}.private.toml"))
}

const PRIVATE_HEADER: &str = "# Private contact details of signers. Never commit or publish this file:\n# undersigned keeps it out of git and out of every export.\n";

/// The contact details of one statement's signers, from `<id>.private.toml`.
pub struct Private {
    pub path: PathBuf,
    /// The path as shown in messages.
    name: String,
    contacts: Vec<crate::model::Contact>,
    /// Exact key of a signer's name → its contacts' places in `contacts`:
    /// an import adds thousands, and each looks for its signer's contacts.
    by_key: HashMap<String, Vec<usize>>,
    /// The bytes read, or `None` when the file does not exist yet.
    original: Option<Vec<u8>>,
    doc: DocumentMut,
}

/// Reads the private file beside a statement; a missing one is empty.
pub fn load_private(statement: &Path) -> Result<Private> {
    let path = private_path(statement);
    let name = display(&path);
    let bytes = match super::read_regular(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Private {
                path,
                name,
                contacts: Vec::new(),
                by_key: HashMap::new(),
                original: None,
                doc: DocumentMut::new(),
            });
        }
        Err(e) => return Err(Error::msg(format!("cannot read {name}: {e}"))),
    };
    // Its lines hold contact details: errors name the place and the key, never quote them.
    let text = decode(&name, &bytes).map_err(schema::unquoted)?;
    let body = text.strip_prefix(BOM).unwrap_or(text);
    let doc = toml_edit::Document::parse(body)
        .map_err(|e| schema::unquoted(syntax_finding(&name, body, &e)))?;
    let (contacts, findings) = schema::read_private(&name, body, &doc);
    let errors: Vec<Finding> = findings.into_iter().filter(|f| f.is_error()).collect();
    if !errors.is_empty() {
        return Err(Error::Findings(errors));
    }
    Ok(Private {
        path,
        name,
        by_key: index(&contacts),
        contacts,
        original: Some(bytes.clone()),
        doc: doc.into_mut(),
    })
}

/// Places of the contacts by the exact key of their signer's name.
fn index(contacts: &[crate::model::Contact]) -> HashMap<String, Vec<usize>> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in contacts.iter().enumerate() {
        by_key
            .entry(crate::dedupe::exact_key(&c.signatory))
            .or_default()
            .push(i);
    }
    by_key
}

impl Private {
    /// The contact of the signer with this name (same exact key).
    pub fn for_name(&self, name: &str) -> Option<&crate::model::Contact> {
        let places = self.by_key.get(&crate::dedupe::exact_key(name))?;
        places.first().map(|&i| &self.contacts[i])
    }

    /// Points the contacts of `from` at `to` (after a merge). Whether any changed.
    pub fn rename_signatory(&mut self, from: &str, to: &str) -> bool {
        let key = crate::dedupe::exact_key(from);
        let mut changed = false;
        if let Some(aot) = self
            .doc
            .as_table_mut()
            .get_mut("contact")
            .and_then(Item::as_array_of_tables_mut)
        {
            for t in aot.iter_mut() {
                if t.get("signatory")
                    .and_then(Item::as_str)
                    .is_some_and(|s| crate::dedupe::exact_key(s) == key)
                {
                    t.insert("signatory", Item::Value(to.into()));
                    changed = true;
                }
            }
        }
        for c in &mut self.contacts {
            if crate::dedupe::exact_key(&c.signatory) == key {
                c.signatory = to.to_string();
            }
        }
        self.by_key = index(&self.contacts);
        changed
    }

    /// Deletes every contact of the signer named `name` (same exact key),
    /// with the comment lines directly above each. How many went.
    pub fn remove_signatory(&mut self, name: &str) -> usize {
        let key = crate::dedupe::exact_key(name);
        let ours = |t: &Table| {
            t.get("signatory")
                .and_then(Item::as_str)
                .is_some_and(|s| crate::dedupe::exact_key(s) == key)
        };
        let root = self.doc.as_table_mut();
        let mut removed = 0;
        if let Some(aot) = root
            .get_mut("contact")
            .and_then(Item::as_array_of_tables_mut)
        {
            let mut i = 0;
            while i < aot.len() {
                if !aot.get(i).is_some_and(ours) {
                    i += 1;
                    continue;
                }
                let gone = aot.remove(i);
                removed += 1;
                // What stood apart above the contact (the file's header) stays.
                let p = super::edit::prefix_of(&gone);
                let detached = super::edit::split_prefix(&p).0.to_string();
                if let Some(next) = aot.get_mut(i) {
                    let np = super::edit::prefix_of(next);
                    let attached = super::edit::split_prefix(&np).1.to_string();
                    next.decor_mut().set_prefix(format!("{detached}{attached}"));
                }
            }
            if aot.is_empty() {
                root.remove("contact");
            }
        }
        self.contacts
            .retain(|c| crate::dedupe::exact_key(&c.signatory) != key);
        self.by_key = index(&self.contacts);
        removed
    }

    /// Adds a contact, unless the very same one is already there: a re-run
    /// of an add or import whose statement save was cut short (a crash after
    /// the contacts were written) must not record it twice.
    pub fn add(&mut self, c: &crate::model::Contact) {
        let key = crate::dedupe::exact_key(&c.signatory);
        let same = |o: &crate::model::Contact| {
            (&o.person, &o.email, &o.phone, &o.notes) == (&c.person, &c.email, &c.phone, &c.notes)
        };
        let places = self.by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        if places.iter().any(|&i| same(&self.contacts[i])) {
            return;
        }
        let mut t = Table::new();
        t.insert("signatory", Item::Value(c.signatory.as_str().into()));
        for (k, v) in [
            ("person", &c.person),
            ("email", &c.email),
            ("phone", &c.phone),
            ("notes", &c.notes),
            ("evidence", &c.evidence),
            ("evidence_by", &c.evidence_by),
        ] {
            if let Some(v) = v {
                t.insert(k, Item::Value(v.as_str().into()));
            }
        }
        if let Some(d) = &c.evidence_on {
            t.insert("evidence_on", Item::Value(super::edit::toml_date(d).into()));
        }
        let root = self.doc.as_table_mut();
        // A new file opens with a word on what it is.
        let first = self.original.is_none() && !root.contains_key("contact");
        t.decor_mut().set_prefix(if first {
            format!("{PRIVATE_HEADER}\n")
        } else {
            "\n".to_string()
        });
        match root
            .get_mut("contact")
            .and_then(Item::as_array_of_tables_mut)
        {
            Some(aot) => aot.push(t),
            None => {
                let mut aot = ArrayOfTables::new();
                aot.push(t);
                root.insert("contact", Item::ArrayOfTables(aot));
            }
        }
        self.by_key
            .entry(key)
            .or_default()
            .push(self.contacts.len());
        self.contacts.push(c.clone());
    }

    /// Whether a contact of the signer named `name` records evidence of
    /// authorisation. Only whether: the record itself is never shown.
    pub fn has_evidence(&self, name: &str) -> bool {
        let places = self.by_key.get(&crate::dedupe::exact_key(name));
        places.is_some_and(|p| p.iter().any(|&i| self.contacts[i].has_evidence()))
    }

    /// Records evidence of authorisation for the signer `c.signatory`, as
    /// `c`'s evidence fields hold it, on the signer's first contact (the
    /// one `list --include-private` shows), or on a new one. An earlier
    /// record there is replaced whole; whether one that said otherwise was.
    pub fn set_evidence(&mut self, c: &crate::model::Contact) -> bool {
        let key = crate::dedupe::exact_key(&c.signatory);
        let Some(&first) = self.by_key.get(&key).and_then(|p| p.first()) else {
            self.add(c);
            return false;
        };
        // The file's tables are the contacts, in the same order.
        let ours = |t: &&mut Table| {
            t.get("signatory")
                .and_then(Item::as_str)
                .is_some_and(|s| crate::dedupe::exact_key(s) == key)
        };
        let table = (self.doc.as_table_mut().get_mut("contact"))
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|aot| aot.iter_mut().find(ours));
        if let Some(t) = table {
            for (k, v) in [("evidence", &c.evidence), ("evidence_by", &c.evidence_by)] {
                match v {
                    Some(v) => t.insert(k, Item::Value(v.as_str().into())),
                    None => t.remove(k),
                };
            }
            match &c.evidence_on {
                Some(d) => t.insert("evidence_on", Item::Value(super::edit::toml_date(d).into())),
                None => t.remove("evidence_on"),
            };
        }
        let old = &mut self.contacts[first];
        let same = (&old.evidence, &old.evidence_by, &old.evidence_on)
            == (&c.evidence, &c.evidence_by, &c.evidence_on);
        let replaced = old.has_evidence() && !same;
        old.evidence.clone_from(&c.evidence);
        old.evidence_by.clone_from(&c.evidence_by);
        old.evidence_on = c.evidence_on;
        replaced
    }

    /// The contacts that name no signer of `statement`, by their place in
    /// the file (their values are never shown).
    pub fn orphans(&self, statement: &crate::model::Statement) -> Vec<&crate::model::Contact> {
        if self.contacts.is_empty() {
            return Vec::new();
        }
        let names: std::collections::HashSet<String> = statement
            .signatories
            .iter()
            .map(|s| crate::dedupe::exact_key(&s.name))
            .collect();
        self.contacts
            .iter()
            .filter(|c| !c.signatory.is_empty())
            .filter(|c| !names.contains(&crate::dedupe::exact_key(&c.signatory)))
            .collect()
    }

    /// The file as a write for [`replace_all`]: always 0600, and never over a
    /// file that changed since it was read.
    pub(super) fn replacement(&self) -> Replace<'_> {
        Replace {
            path: &self.path,
            name: &self.name,
            bytes: self.doc.to_string().into_bytes(),
            expected: self.original.as_deref(),
            mode: Some(0o600),
        }
    }

    /// Writes the contacts alone, as [`super::Loaded::save_with`] writes them
    /// with their statement. The caller holds the statement's lock.
    pub fn save(&self) -> Result<()> {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        ensure_ignore_rules(dir, true)?;
        remove_leftovers(&self.path, std::time::SystemTime::now());
        replace_all(&[self.replacement()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    fn contact(signatory: &str, email: &str) -> Contact {
        Contact {
            signatory: signatory.to_string(),
            email: Some(email.to_string()),
            ..Contact::default()
        }
    }

    /// The index by name that keeps an import of thousands of contacts
    /// linear (each add used to scan every contact) must answer as the scan
    /// did: after adds, a repeated add and a re-pointing merge.
    #[test]
    fn the_contacts_index_answers_as_a_scan_after_adds_and_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = load_private(&dir.path().join("s.toml")).unwrap();
        p.add(&contact("Beta Org", "a@beta.org"));
        p.add(&contact("Gamma", "g@gamma.org"));
        p.add(&contact("BETA  org", "a@beta.org")); // the same contact again
        p.add(&contact("Beta Org", "b@beta.org")); // a second one, kept
        assert_eq!(p.contacts.len(), 3);
        assert_eq!(
            p.for_name("beta org").and_then(|c| c.email.as_deref()),
            Some("a@beta.org")
        );
        assert!(p.rename_signatory("Beta Org", "Delta"));
        assert!(p.for_name("Beta Org").is_none());
        assert_eq!(
            p.for_name("Delta").and_then(|c| c.email.as_deref()),
            Some("a@beta.org")
        );
        p.add(&contact("Delta", "b@beta.org")); // already there under its new name
        assert_eq!(p.contacts.len(), 3);
        let text = p.doc.to_string();
        assert_eq!(text.matches("signatory = \"Delta\"").count(), 2, "{text}");
    }
}
