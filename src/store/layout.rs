//! The canonical layout of a statement file (`fmt`): keys in schema order, one table per entry, comments carried over.

use super::edit::{prefix_of, signatory_fields, signatory_table, split_prefix, toml_date};
use super::{BOM, Loaded};
use crate::error::{Error, Result};
use crate::model::{Signatory, Statement};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

impl Loaded {
    /// The same data in the tool's layout: statement keys in schema order,
    /// then one `[[signatory]]` table per entry with keys in schema order,
    /// values re-encoded, one blank line between entries. Comments survive:
    /// each stays above (or after) the key or entry it was written with.
    pub fn canonical(&self) -> String {
        let old = self.doc().as_table();
        let mut doc = DocumentMut::new();
        let root = doc.as_table_mut();
        // The comment block that opens the file stays at the top, whichever key it sat on.
        let head_key = old.iter().next().map(|(k, _)| k.to_string());
        write_statement_keys(
            old,
            root,
            head_key.as_deref(),
            statement_keys(&self.statement),
        );
        let olds = old_entries(old);
        // Comments written above an inline `signatory = [...]` go above the first entry.
        let list_comments = match (old.get("signatory"), old.key("signatory")) {
            (Some(Item::Value(_)), Some(k)) if head_key.as_deref() != Some("signatory") => {
                comment_lines(decor_prefix(k.leaf_decor()))
            }
            _ => String::new(),
        };
        let aot = entry_tables(&self.statement.signatories, &olds, &list_comments);
        if !aot.is_empty() {
            root.insert("signatory", Item::ArrayOfTables(aot));
        }
        let tail = comment_lines(self.doc().trailing().as_str().unwrap_or(""));
        if !tail.is_empty() {
            doc.set_trailing(format!("\n{tail}"));
        }
        let mut text = doc.to_string();
        if self.crlf() {
            text = text.replace('\n', "\r\n");
        }
        if self.bom {
            text.insert_str(0, BOM);
        }
        text
    }

    /// Replaces the document with `text` (from [`Loaded::canonical`]) for saving.
    pub fn set_text(&mut self, text: &str) -> Result<()> {
        self.dirty = true;
        let body = text.strip_prefix(BOM).unwrap_or(text);
        let doc = body.parse::<DocumentMut>().map_err(|e| {
            Error::msg(format!(
                "internal error: the canonical layout did not parse: {e}"
            ))
        })?;
        self.doc = std::sync::OnceLock::from(doc);
        self.final_newline = true;
        Ok(())
    }
}

/// The statement's own keys with their values, in the table's order: a key
/// added to `STATEMENT_FIELDS` is written with no edit here.
fn statement_keys(st: &Statement) -> Vec<(&'static str, Value)> {
    use crate::model::fields::{STATEMENT_FIELDS, StatementValue};
    let value = |v: StatementValue| -> Option<Value> {
        Some(match v {
            StatementValue::Text(t) => t.as_str().into(),
            StatementValue::Bool(b) => b.into(),
            StatementValue::Date(d) => toml_date(&d).into(),
            StatementValue::Deadline(d) => d.describe().parse::<toml_edit::Datetime>().ok()?.into(),
        })
    };
    STATEMENT_FIELDS
        .iter()
        .filter_map(|k| Some((k.key, value((k.get)(st)?)?)))
        .collect()
}

/// Writes the statement's keys into `root` with the comments they had in
/// `old`; the comment block above `head_key`, the file's first key, goes
/// above `title`.
fn write_statement_keys(
    old: &Table,
    root: &mut Table,
    head_key: Option<&str>,
    top: Vec<(&'static str, Value)>,
) {
    let head = head_key
        .and_then(|k| old.key(k))
        .map(|k| comment_lines(decor_prefix(k.leaf_decor())))
        .unwrap_or_default();
    for (k, v) in top {
        root.insert(k, Item::Value(v));
        carry_comments(old, root, k);
        if head_key == Some(k)
            && let Some(mut key) = root.key_mut(k)
        {
            key.leaf_decor_mut().set_prefix("");
        }
    }
    if !head.is_empty()
        && let Some(mut key) = root.key_mut("title")
    {
        let own = decor_prefix(key.leaf_decor()).to_string();
        key.leaf_decor_mut().set_prefix(format!("{head}{own}"));
    }
}

/// The entries as written: the text above each and its table, for the comments they carry.
fn old_entries(old: &Table) -> Vec<(String, Option<&dyn toml_edit::TableLike>)> {
    match old.get("signatory") {
        Some(Item::ArrayOfTables(aot)) => aot
            .iter()
            .map(|t| (prefix_of(t), Some(t as &dyn toml_edit::TableLike)))
            .collect(),
        Some(Item::Value(Value::Array(arr))) => arr
            .iter()
            .map(|v| {
                // An element's prefix starts with the line break after the comma before it.
                let prefix = decor_prefix(v.decor()).trim_start_matches([' ', '\t']);
                let prefix = prefix.strip_prefix('\n').unwrap_or(prefix);
                let suffix = v.decor().suffix().and_then(|p| p.as_str()).unwrap_or("");
                (
                    format!("{prefix}{suffix}"),
                    v.as_inline_table().map(|t| t as &dyn toml_edit::TableLike),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// One `[[signatory]]` table per entry, each with the comments its entry had.
fn entry_tables(
    signatories: &[Signatory],
    olds: &[(String, Option<&dyn toml_edit::TableLike>)],
    list_comments: &str,
) -> ArrayOfTables {
    let mut aot = ArrayOfTables::new();
    for (i, s) in signatories.iter().enumerate() {
        let mut t = signatory_table(s);
        let (mut raw, old_t) = olds
            .get(i)
            .map_or((String::new(), None), |(r, t)| (r.clone(), *t));
        if i == 0 && !list_comments.is_empty() {
            raw = format!("{list_comments}\n{raw}");
        }
        // A comment block set apart by a blank line stays apart.
        let (detached, attached) = split_prefix(&raw);
        let detached = comment_lines(detached);
        let gap = if detached.is_empty() { "" } else { "\n" };
        t.decor_mut()
            .set_prefix(format!("\n{detached}{gap}{}", comment_lines(attached)));
        if let Some(ot) = old_t {
            for (k, _) in signatory_fields(s) {
                carry_comments(ot, &mut t, k);
            }
        }
        aot.push(t);
    }
    aot
}

fn decor_prefix(d: &toml_edit::Decor) -> &str {
    d.prefix().and_then(|p| p.as_str()).unwrap_or("")
}

/// Only the comment lines of a stretch of TOML whitespace, each ending in a line break.
fn comment_lines(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Copies the comments written above `key`, and after its value, from `old` to `new`.
fn carry_comments(old: &dyn toml_edit::TableLike, new: &mut dyn toml_edit::TableLike, key: &str) {
    let Some((old_key, old_item)) = old.get_key_value(key) else {
        return;
    };
    let above = comment_lines(decor_prefix(old_key.leaf_decor()));
    let after = old_item
        .as_value()
        .and_then(|v| v.decor().suffix())
        .and_then(|p| p.as_str())
        .map(str::trim)
        .filter(|c| c.starts_with('#'))
        .map(str::to_string);
    if !above.is_empty()
        && let Some(mut k) = new.key_mut(key)
    {
        k.leaf_decor_mut().set_prefix(above);
    }
    if let Some(c) = after
        && let Some(v) = new.get_mut(key).and_then(Item::as_value_mut)
    {
        v.decor_mut().set_suffix(format!(" {c}"));
    }
}
