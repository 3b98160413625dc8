//! The private contacts file beside each statement: reading it, adding and re-pointing contacts.

use super::disk::{Replace, ensure_ignore_rules, remove_leftovers, replace_all};
use super::{BOM, decode, display, syntax_finding};
use crate::check::Finding;
use crate::error::{Error, Result};
use crate::schema;
use std::path::{Path, PathBuf};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

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
    pub contacts: Vec<crate::model::Contact>,
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
        contacts,
        original: Some(bytes.clone()),
        doc: doc.into_mut(),
    })
}

impl Private {
    /// The contact of the signer with this name (same exact key).
    pub fn for_name(&self, name: &str) -> Option<&crate::model::Contact> {
        let key = crate::dedupe::exact_key(name);
        self.contacts
            .iter()
            .find(|c| crate::dedupe::exact_key(&c.signatory) == key)
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
        changed
    }

    /// Adds a contact, unless the very same one is already there: a re-run
    /// of an add or import whose statement save was cut short (a crash after
    /// the contacts were written) must not record it twice.
    pub fn add(&mut self, c: &crate::model::Contact) {
        let key = crate::dedupe::exact_key(&c.signatory);
        let same = |o: &crate::model::Contact| {
            crate::dedupe::exact_key(&o.signatory) == key
                && (&o.person, &o.email, &o.phone, &o.notes)
                    == (&c.person, &c.email, &c.phone, &c.notes)
        };
        if self.contacts.iter().any(same) {
            return;
        }
        let mut t = Table::new();
        t.insert("signatory", Item::Value(c.signatory.as_str().into()));
        for (k, v) in [
            ("person", &c.person),
            ("email", &c.email),
            ("phone", &c.phone),
            ("notes", &c.notes),
        ] {
            if let Some(v) = v {
                t.insert(k, Item::Value(v.as_str().into()));
            }
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
        self.contacts.push(c.clone());
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
