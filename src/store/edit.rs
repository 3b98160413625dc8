//! Editing a statement file: inserting, appending, reordering and removing signatories, setting values, and splicing a new entry into the text.

use super::Loaded;
use crate::diagnostics::Finding;
use crate::model::Signatory;
use crate::model::fields::Field;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

impl Loaded {
    /// Inserts a signatory as entry `index` (0-based, at most the count).
    pub fn insert_signatory(&mut self, index: usize, s: &Signatory) {
        if let Some(text) = self.spliced(index, s) {
            // The new entry written into the text where toml_edit would put
            // it: one `add` to a long list builds no document.
            self.edited = Some(text);
            self.layout = None;
            self.line_starts = std::sync::OnceLock::new();
            self.dirty = true;
            self.statement.signatories.insert(index, s.clone());
            return;
        }
        self.dirty = true;
        let root = self.doc_mut().as_table_mut();
        match root.get_mut("signatory") {
            Some(Item::Value(Value::Array(arr))) => insert_inline(arr, index, s),
            Some(Item::ArrayOfTables(aot)) => insert_table(aot, index, s),
            _ => {
                // No signatories yet: start an array of tables after what is there.
                let mut aot = ArrayOfTables::new();
                let mut t = signatory_table(s);
                let has_content = !root.is_empty();
                t.decor_mut()
                    .set_prefix(if has_content { "\n" } else { "" });
                aot.push(t);
                root.insert("signatory", Item::ArrayOfTables(aot));
            }
        }
        self.statement.signatories.insert(index, s.clone());
    }

    /// Appends entries at the end, laid out like the file's others.
    pub fn append_signatories(&mut self, new: &[Signatory]) {
        let Some(first) = new.first() else { return };
        let n = self.statement.signatories.len();
        self.insert_signatory(n, first);
        self.dirty = true;
        match self.doc_mut().as_table_mut().get_mut("signatory") {
            Some(Item::ArrayOfTables(aot)) => {
                let sep = separator(aot);
                for s in &new[1..] {
                    let mut t = signatory_table(s);
                    t.decor_mut().set_prefix(sep.clone());
                    aot.push(t);
                }
            }
            Some(Item::Value(Value::Array(arr))) => {
                for s in &new[1..] {
                    let len = arr.len();
                    insert_inline(arr, len, s);
                }
            }
            _ => {}
        }
        self.statement.signatories.extend(new[1..].iter().cloned());
    }

    /// Puts the entries in the given order: `order[k]` is the current index of
    /// the entry that becomes entry `k`, each index once. Blank lines and
    /// comment blocks that stand apart keep their place; a comment directly
    /// above an entry moves with it.
    pub fn reorder(&mut self, order: &[usize]) {
        self.dirty = true;
        match self.doc_mut().as_table_mut().get_mut("signatory") {
            Some(Item::Value(Value::Array(arr))) => reorder_inline(arr, order),
            Some(Item::ArrayOfTables(aot)) => reorder_tables(aot, order),
            _ => {}
        }
        let old = std::mem::take(&mut self.statement.signatories);
        self.statement.signatories = permuted(old, order);
    }

    /// The text with `s` inserted as entry `index`, byte for byte what
    /// `insert_table` and toml_edit would write, for a file read by the fast
    /// reader and not yet edited (`tests/splice.rs` holds the two to that).
    /// `None` where that path is not sure to agree: line ends other than LF,
    /// no final line break, no entry yet, or a header written other than
    /// `[[signatory]]` (toml_edit redraws headers like the first one).
    fn spliced(&self, index: usize, s: &Signatory) -> Option<String> {
        let layout = self.layout.as_ref()?;
        if self.doc.get().is_some()
            || self.dirty
            || self.text().contains('\r')
            || !self.text().ends_with('\n')
            || layout.entries.is_empty()
            || !layout.plain_headers
            || index > layout.entries.len()
        {
            return None;
        }
        let text = self.text();
        let prefix = |k: usize| -> &str {
            let from = if k == 0 {
                layout.root_end
            } else {
                layout.entries[k - 1].1
            };
            &text[from..layout.entries[k].0]
        };
        let sep = separator_of((1..layout.entries.len()).map(prefix));
        let table = |prefix: &str| -> String {
            let mut t = signatory_table(s);
            t.decor_mut().set_prefix(prefix);
            let mut aot = ArrayOfTables::new();
            aot.push(t);
            let mut doc = DocumentMut::new();
            doc.insert("signatory", Item::ArrayOfTables(aot));
            doc.to_string()
        };
        let (at, new) = if index == 0 {
            // The new first entry goes below what stands apart above the
            // list, and the old first keeps its own comment lines.
            let (_, attached) = split_prefix(prefix(0));
            (layout.entries[0].0 - attached.len(), table("") + &sep)
        } else {
            (layout.entries[index - 1].1, table(&sep))
        };
        let mut out = String::with_capacity(text.len() + new.len());
        out.push_str(&text[..at]);
        out.push_str(&new);
        out.push_str(&text[at..]);
        Some(out)
    }
}

impl Loaded {
    fn signatory_table_mut(&mut self, index: usize) -> Option<&mut dyn toml_edit::TableLike> {
        match self.doc_mut().as_table_mut().get_mut("signatory")? {
            Item::ArrayOfTables(aot) => aot
                .get_mut(index)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            Item::Value(Value::Array(arr)) => arr
                .get_mut(index)
                .and_then(Value::as_inline_table_mut)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            _ => None,
        }
    }

    /// Sets (or with `None` removes) one key of entry `index`, keeping the
    /// layout of the line when it is already there.
    pub fn set_signatory_value(&mut self, index: usize, key: &str, value: Option<Value>) {
        self.dirty = true;
        let Some(t) = self.signatory_table_mut(index) else {
            return;
        };
        set_value(t, key, value);
    }

    /// Changes entry `index`'s status, with the date and reason of a withdrawal.
    pub fn set_status(
        &mut self,
        index: usize,
        status: crate::model::SignerStatus,
        on: Option<chrono::NaiveDate>,
        reason: Option<&str>,
    ) {
        use crate::model::SignerStatus;
        let status_value =
            (status != SignerStatus::Confirmed).then(|| Value::from(status.as_str()));
        self.set_signatory_value(index, "status", status_value);
        self.set_signatory_value(
            index,
            "withdrawn_on",
            on.map(|d| Value::from(toml_date(&d))),
        );
        self.set_signatory_value(index, "withdrawal_reason", reason.map(Value::from));
        if let Some(s) = self.statement.signatories.get_mut(index) {
            s.status = status;
            s.rare.withdrawn_on = on;
            s.rare.withdrawal_reason = reason.map(Into::into);
        }
    }

    /// Sets (or with `None` removes) one key of the statement.
    pub fn set_statement_value(&mut self, key: &str, value: Option<Value>) {
        self.dirty = true;
        set_value(self.doc_mut().as_table_mut(), key, value);
    }

    /// Removes entry `index`; the comment block set apart above it stays.
    pub fn remove_signatory(&mut self, index: usize) {
        self.dirty = true;
        match self.doc_mut().as_table_mut().get_mut("signatory") {
            Some(Item::ArrayOfTables(aot)) if index < aot.len() => {
                let gone = aot.remove(index);
                let p = prefix_of(&gone);
                let detached = split_prefix(&p).0.to_string();
                if let Some(next) = aot.get_mut(index) {
                    let np = prefix_of(next);
                    let attached = split_prefix(&np).1.to_string();
                    next.decor_mut().set_prefix(format!("{detached}{attached}"));
                }
            }
            Some(Item::Value(Value::Array(arr))) if index < arr.len() => {
                arr.remove(index);
            }
            _ => return,
        }
        self.statement.signatories.remove(index);
    }
}

impl Loaded {
    /// Writes field `f` of entry `index` as `s` holds it (removing the key
    /// when `s` has no value for it), and takes `s` as the entry. The line
    /// of a key already there keeps its place and its comment.
    pub fn set_signatory_field(&mut self, index: usize, f: &Field, s: &Signatory) {
        self.set_signatory_value(index, f.key, field_value(f, s));
        if let Some(e) = self.statement.signatories.get_mut(index) {
            *e = Signatory {
                pos: e.pos,
                ..s.clone()
            };
        }
    }

    /// Moves entry `from` to place `to` (counted once it is out of the
    /// list), its own comment lines with it (see [`Loaded::reorder`]).
    pub fn move_signatory(&mut self, from: usize, to: usize) {
        let mut order: Vec<usize> = (0..self.statement.signatories.len())
            .filter(|&k| k != from)
            .collect();
        order.insert(to, from);
        if order.iter().enumerate().any(|(k, &i)| k != i) {
            self.reorder(&order);
        }
    }

    /// Whether the file would be written differently from how it was read.
    pub fn changed(&self) -> bool {
        self.render() != self.original
    }

    /// The file as it would be written, read again as `load` reads it: what
    /// an edit is checked with before it is saved, so a value is held to
    /// exactly the rules of a file on load.
    pub fn reread(&self) -> Result<Loaded, Finding> {
        super::parse(&self.path, self.render().into_bytes())
    }
}

pub(super) fn toml_date(d: &chrono::NaiveDate) -> toml_edit::Datetime {
    d.format("%Y-%m-%d")
        .to_string()
        .parse()
        .expect("chrono writes ISO dates, which TOML accepts")
}

fn set_value(t: &mut dyn toml_edit::TableLike, key: &str, value: Option<Value>) {
    match value {
        None => {
            t.remove(key);
        }
        Some(new) => match t.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                // Keep the comment after the old value.
                let decor = old.decor().clone();
                *old = new;
                *old.decor_mut() = decor;
            }
            None => {
                t.insert(key, Item::Value(new));
            }
        },
    }
}

/// Keys of a new entry in the order a person would write them (the field
/// table's, lists last); a choice is written only when not its default.
pub(super) fn signatory_fields(s: &Signatory) -> Vec<(&'static str, Value)> {
    crate::model::fields::written_order()
        .filter_map(|f| Some((f.key, field_value(f, s)?)))
        .collect()
}

/// The value field `f` of `s` is written as; `None` when it is not written
/// (unset, an empty list, or a choice at its default).
fn field_value(f: &Field, s: &Signatory) -> Option<Value> {
    use crate::model::fields::{Get, Type};
    Some(match (f.get(s), f.ty) {
        (Get::Text(Some(t)), _) => t.into(),
        (Get::Date(Some(d)), _) => toml_date(&d).into(),
        (Get::Choice(c), Type::Choice { default, .. }) if c != default => c.into(),
        (Get::List(list), _) if !list.is_empty() => {
            Value::Array(list.iter().map(String::as_str).collect())
        }
        _ => return None,
    })
}

pub(super) fn signatory_table(s: &Signatory) -> Table {
    let mut t = Table::new();
    for (k, v) in signatory_fields(s) {
        t.insert(k, Item::Value(v));
    }
    t
}

/// Splits the text above a `[[signatory]]` header into the part that stands
/// apart (up to the last blank line) and the comment lines attached to the entry.
pub(super) fn split_prefix(prefix: &str) -> (&str, &str) {
    let mut cut = 0;
    let mut offset = 0;
    for line in prefix.split_inclusive('\n') {
        offset += line.len();
        // Only a whole empty line counts; the indentation before a header does not.
        if line.ends_with('\n') && line.trim().is_empty() {
            cut = offset;
        }
    }
    prefix.split_at(cut)
}

pub(super) fn prefix_of(t: &Table) -> String {
    t.decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string()
}

/// The separator the file puts between entries: the most common detached
/// prefix after the first entry, or one blank line.
fn separator(aot: &ArrayOfTables) -> String {
    let prefixes: Vec<String> = aot.iter().skip(1).map(prefix_of).collect();
    separator_of(prefixes.iter().map(String::as_str))
}

/// `separator` from the prefixes of the entries after the first.
fn separator_of<'a>(prefixes: impl Iterator<Item = &'a str>) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in prefixes {
        let detached = split_prefix(p).0.to_string();
        match counts.iter_mut().find(|(d, _)| *d == detached) {
            Some((_, n)) => *n += 1,
            None => counts.push((detached, 1)),
        }
    }
    counts
        .into_iter()
        // On a tie, a blank line between entries is the likelier house style.
        .max_by_key(|(d, n)| (*n, !d.is_empty()))
        .map_or_else(|| "\n".to_string(), |(d, _)| d)
}

fn insert_table(aot: &mut ArrayOfTables, index: usize, s: &Signatory) {
    let sep = separator(aot);
    let mut t = signatory_table(s);
    if index == 0 {
        if let Some(first) = aot.get_mut(0) {
            // The new first entry takes over whatever stood above the list.
            let p = prefix_of(first);
            let (detached, attached) = split_prefix(&p);
            t.decor_mut().set_prefix(detached.to_string());
            t.set_position(first.position());
            first.decor_mut().set_prefix(format!("{sep}{attached}"));
        }
    } else {
        t.decor_mut().set_prefix(sep);
        // A table without a position is written after the one before it.
    }
    aot.insert(index, t);
}

/// `items` in the given order (see `Loaded::reorder`), each moved, not
/// copied: a long list's entries are hundreds of thousands of allocations.
fn permuted<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&i| items[i].take().expect("an order names each entry once"))
        .collect()
}

fn reorder_tables(aot: &mut ArrayOfTables, order: &[usize]) {
    let tables: Vec<Table> = std::mem::take(aot).into_iter().collect();
    let prefixes: Vec<String> = tables.iter().map(prefix_of).collect();
    let mut positions: Vec<Option<isize>> = tables.iter().map(Table::position).collect();
    positions.sort();
    for (slot, mut t) in permuted(tables, order).into_iter().enumerate() {
        let src = order[slot];
        let detached = split_prefix(&prefixes[slot]).0;
        let attached = split_prefix(&prefixes[src]).1;
        t.decor_mut().set_prefix(format!("{detached}{attached}"));
        t.set_position(positions[slot]);
        aot.push(t);
    }
}

fn insert_inline(arr: &mut Array, index: usize, s: &Signatory) {
    let mut t = InlineTable::new();
    for (k, v) in signatory_fields(s) {
        t.insert(k, v);
    }
    // Lay the new element out like its neighbour (same indentation).
    let neighbour = arr.get(index).or_else(|| arr.get(index.wrapping_sub(1)));
    let decor = neighbour.map(|v| v.decor().clone());
    let mut value = Value::InlineTable(t);
    if let Some(d) = decor {
        *value.decor_mut() = d;
    }
    arr.insert_formatted(index, value);
}

fn reorder_inline(arr: &mut Array, order: &[usize]) {
    // Copied out, not taken: the array keeps its own layout (trailing comma,
    // comments before the closing bracket).
    let values: Vec<Value> = arr.iter().cloned().collect();
    let decors: Vec<toml_edit::Decor> = values.iter().map(|v| v.decor().clone()).collect();
    arr.clear();
    for (slot, mut v) in permuted(values, order).into_iter().enumerate() {
        *v.decor_mut() = decors[slot].clone();
        arr.push_formatted(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_prefix_keeps_attached_comments_with_the_entry() {
        assert_eq!(
            split_prefix("\n# Signatories\n\n# lead\n"),
            ("\n# Signatories\n\n", "# lead\n")
        );
        assert_eq!(split_prefix("\n"), ("\n", ""));
        assert_eq!(split_prefix("# lead\n"), ("", "# lead\n"));
    }
}
