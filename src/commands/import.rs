//! `undersigned import`: many signers at once, each through the same checks as `add`, reported in a table, written once.

use super::{Outcome, collation_of, open_valid, resolve};
use crate::cli::{DateOrderArg, ImportArgs, ImportFormat, InputEncoding, KindArg};
use crate::collate::Collation;
use crate::dedupe::{self, Tier};
use crate::error::{Error, Result};
use crate::import::{self, ColumnRead, DateOrder, Encoding, Importer, InputFormat, Parsed};
use crate::model::counts::{self, Counts};
use crate::model::fields::{Import, SIGNER_FIELDS};
use crate::model::{Contact, Kind, Signatory, SignerStatus, Status};
use crate::store;
use crate::text::visible;
use comfy_table::Table;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// A signer the matcher knows: one already in the file, or one this import took in.
struct Known {
    shown: String,
    file_line: usize,
    import_line: Option<usize>,
    withdrawn: bool,
}

/// What became of one row.
enum Fate {
    /// Its remarks, and whether it went in as pending.
    Added(Vec<String>, bool),
    Skipped(String),
    Rejected(String),
}

/// The rows judged against the list: each row's line, name and fate in the
/// source's order, the signers taken in, and their contact details.
struct Judged {
    fates: Vec<(usize, String, Fate)>,
    accepted: Vec<Signatory>,
    contacts: Vec<Contact>,
}

pub fn run(
    dir: &Path,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let mut parsed = read_source(args)?;
    let path = resolve(dir, &args.statement);
    let (_lock, mut loaded) = open_target(&path, args)?;
    let collation = collation_of(&loaded.statement)?;
    // Compared entry by entry, not keyed: a key costs tens of microseconds,
    // and a long list takes a few rows.
    let in_order = collation.in_order(&loaded.statement.signatories);
    let columns = std::mem::take(&mut parsed.columns);
    let sources = Sources(std::mem::take(&mut parsed.sources));
    let notes = std::mem::take(&mut parsed.notes);
    let judged = judge(&loaded.statement.signatories, parsed, &sources);
    place(&mut loaded, &collation, in_order, &judged.accepted);

    let tally = Tally::of(&judged.fates);
    write_columns(out, &columns)?;
    writeln!(out, "{}", table(&judged.fates, &sources))?;
    for n in &notes {
        writeln!(out, "{n}")?;
    }
    writeln!(out, "{}", tally.summary(&loaded, args.dry_run))?;
    if !args.dry_run && tally.added > 0 {
        // The contacts and the statement are written together, or neither is.
        let private = if judged.contacts.is_empty() {
            None
        } else {
            let mut private = store::load_private(&path)?;
            for c in &judged.contacts {
                private.add(c);
            }
            Some(private)
        };
        loaded.save_with(private.as_ref())?;
        writeln!(err, "Wrote {}", loaded.name)?;
        if !in_order {
            writeln!(
                err,
                "warning: {} was not in alphabetical order, so the new signers were appended; run `undersigned sort {}`",
                loaded.name, loaded.name
            )?;
        }
    } else if args.dry_run {
        writeln!(err, "Dry run: nothing was written")?;
    }
    Ok(if tally.rejected > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// What the report calls the rows: lines of a file, or a folder's files.
struct Sources(Vec<String>);

impl Sources {
    /// "line 4", or the file the row came from.
    fn at(&self, line: usize) -> String {
        match self.0.get(line.wrapping_sub(1)) {
            Some(f) => visible(f),
            None => format!("line {line}"),
        }
    }

    /// The row's cell in the report's first column.
    fn cell(&self, line: usize) -> String {
        match self.0.get(line.wrapping_sub(1)) {
            Some(f) => visible(f),
            None => line.to_string(),
        }
    }
}

/// The kind `--kind` gives every signer.
fn forced_kind(args: &ImportArgs) -> Option<Kind> {
    args.kind.map(|k| match k {
        KindArg::Organisation => Kind::Organisation,
        KindArg::Individual => Kind::Individual,
    })
}

/// A folder of one file per signer, read in the order of the files' paths.
fn read_folder(args: &ImportArgs) -> Result<Parsed> {
    if args.format.is_some() || !args.map.is_empty() {
        return Err(Error::msg(
            "--format and --map are for a single file; a folder's files are read by their extensions and keys",
        ));
    }
    let root = Path::new(&args.input);
    let files = store::folder_files(root, import::is_signer_file)?;
    let parsed = import::parse_folder(files, forced_kind(args));
    if parsed.sources.is_empty() {
        return Err(Error::msg(format!(
            "{}: no signer files in this folder (.yml, .yaml, .json, .md with front matter)",
            store::display(root)
        )));
    }
    Ok(parsed)
}

/// The source read as the options say: decoded, its format named or
/// guessed, every row a candidate, a rejection or a declined row.
fn read_source(args: &ImportArgs) -> Result<Parsed> {
    if store::is_folder(&args.input) {
        let mut parsed = read_folder(args)?;
        if args.pending {
            for c in &mut parsed.candidates {
                c.signer.status = SignerStatus::Pending;
            }
        }
        return Ok(parsed);
    }
    let map: Vec<(String, String)> = args
        .map
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(f, c)| (f.trim().to_string(), c.trim().to_string()))
                .ok_or_else(|| Error::msg(format!("--map takes FIELD=COLUMN, not \"{m}\"")))
        })
        .collect::<Result<_>>()?;
    let bytes = store::read_input(&args.input)?;
    let encoding = match args.encoding {
        InputEncoding::Auto => Encoding::Auto,
        InputEncoding::Latin1 => Encoding::Latin1,
        InputEncoding::Windows1252 => Encoding::Windows1252,
    };
    let source = if args.input == "-" {
        "standard input"
    } else {
        &args.input
    };
    let input = import::decode(&bytes, encoding).map_err(|e| e.about(&format!("{source}: ")))?;
    let format = match args.format {
        Some(ImportFormat::Csv) => InputFormat::Csv,
        Some(ImportFormat::Text) => InputFormat::Text,
        Some(ImportFormat::Markdown) => InputFormat::Markdown,
        None => import::guess_format((args.input != "-").then(|| Path::new(&args.input)), &input),
    };
    let parsed = match format {
        InputFormat::Csv => import::Csv {
            date_order: args.date_order.map(|o| match o {
                DateOrderArg::Dmy => DateOrder::Dmy,
                DateOrderArg::Mdy => DateOrder::Mdy,
                DateOrderArg::Ymd => DateOrder::Ymd,
            }),
            kind: forced_kind(args),
        }
        .parse(&input, &map),
        _ => import::importer(format, forced_kind(args)).parse(&input, &map),
    };
    let mut parsed = parsed.map_err(|e| e.about(&format!("{source}: ")))?;
    if args.pending {
        for c in &mut parsed.candidates {
            c.signer.status = SignerStatus::Pending;
        }
    }
    Ok(parsed)
}

/// The statement to import into: valid, locked unless this is a dry run,
/// and open for signers unless `--force`.
fn open_target(path: &Path, args: &ImportArgs) -> Result<(Option<store::Lock>, store::Loaded)> {
    // A dry run, too, refuses what is not a regular file (a FIFO, a device).
    store::check_regular(path)?;
    let (lock, loaded) = open_valid(path, !args.dry_run)?;
    let status = loaded.statement.status;
    if matches!(status, Status::Closed | Status::Published) && !args.force {
        return Err(Error::refused(format!(
            "{} is {}: it takes no more signers; nothing was imported (use --force if these must go in)",
            loaded.name,
            status.as_str()
        )));
    }
    Ok((lock, loaded))
}

/// Each candidate matched against the list and against the rows taken in
/// before it: a certain duplicate is skipped, a possible one taken in with a
/// remark.
fn judge(list: &[Signatory], parsed: Parsed, sources: &Sources) -> Judged {
    let existing = list.len();
    let mut known: Vec<Known> = list
        .iter()
        .map(|s| Known {
            shown: s.display_name(),
            file_line: s.pos.line,
            import_line: None,
            withdrawn: s.status == SignerStatus::Withdrawn,
        })
        .collect();
    let mut fates: Vec<(usize, String, Fate)> = Vec::new();
    let mut contacts = Vec::new();
    for r in &parsed.rejected {
        fates.push((r.line, r.text.clone(), Fate::Rejected(r.reason.clone())));
    }
    for r in &parsed.declined {
        fates.push((r.line, r.text.clone(), Fate::Skipped(r.reason.clone())));
    }
    let (signers, rows): (Vec<_>, Vec<_>) = parsed
        .candidates
        .into_iter()
        .map(|c| (c.signer, (c.line, c.contact, c.remarks)))
        .unzip();
    known.extend(signers.iter().zip(&rows).map(|(s, row)| Known {
        shown: s.display_name(),
        file_line: 0,
        import_line: Some(row.0),
        withdrawn: false,
    }));
    let mut rows: Vec<Option<_>> = rows.into_iter().map(Some).collect();
    let mut present = Present::of(list, &signers);
    let mut taken = vec![false; signers.len()];
    dedupe::match_in_turn(list, &signers, |j, matches| {
        let Some((line, contact, mut remarks)) = rows[j].take() else {
            return false;
        };
        let shown = known[existing + j].shown.clone();
        let why = certain_duplicate(&known, &matches, sources).or_else(|| {
            present
                .take(&signers[j])
                .map(|i| already_in_list(&known[i]))
        });
        if let Some(why) = why {
            fates.push((line, shown, Fate::Skipped(why)));
            return false;
        }
        remarks.extend(possible_duplicates(&known, &matches, sources));
        remarks.extend(
            crate::diagnostics::rules::text::name_warnings(&signers[j].name)
                .into_iter()
                .map(|(_, w)| w),
        );
        if !contact.is_empty() {
            contacts.push(contact);
        }
        let pending = signers[j].status == SignerStatus::Pending;
        fates.push((line, shown, Fate::Added(remarks, pending)));
        taken[j] = true;
        true
    });
    let accepted: Vec<Signatory> = signers
        .into_iter()
        .zip(taken)
        .filter_map(|(s, t)| t.then_some(s))
        .collect();
    fates.sort_by_key(|(line, _, _)| *line);
    Judged {
        fates,
        accepted,
        contacts,
    }
}

/// Why a row is skipped, when one of its matches is certain.
fn certain_duplicate(
    known: &[Known],
    matches: &[(usize, Tier, String)],
    sources: &Sources,
) -> Option<String> {
    let (i, _, reason) = matches.iter().find(|m| m.1 == Tier::Certain)?;
    let k = &known[*i];
    Some(match k.import_line {
        Some(l) => format!("same signer as {} of this import ({reason})", sources.at(l)),
        None if k.withdrawn => withdrew(k),
        None => format!(
            "already there as \"{}\" (line {}): {reason}",
            k.shown, k.file_line
        ),
    })
}

/// The list's entries by their published content, counted: a row is an entry
/// when it has the entry's name and kind and each field the row gives equals
/// the entry's (the entry may hold more: a country added by hand since). Each
/// entry is one row at most, so a list with two people of the same name,
/// imported again, is already there twice, while a third row of that name is
/// new. The name alone is only ever a possible match (`dedupe`), so without
/// this a second run of the same list of people would add them all again.
struct Present {
    /// Name and kind → the entries that bear them, in the file's order, with
    /// their other published fields.
    entries: HashMap<(String, &'static str), Vec<(usize, Content)>>,
}

/// An entry's published fields besides its name and kind, in the table's order.
type Content = Vec<Option<String>>;

impl Present {
    /// Every entry that bears the name of a row, withdrawn ones too: a
    /// withdrawn signer is never re-added. The names choose the entries
    /// first, so a few rows cost a lookup per entry, not a key.
    fn of(list: &[Signatory], rows: &[Signatory]) -> Self {
        let names: HashSet<&str> = rows.iter().map(|s| s.name.as_str()).collect();
        let mut entries: HashMap<_, Vec<_>> = HashMap::new();
        for (i, s) in list.iter().enumerate() {
            if names.contains(s.name.as_str()) {
                entries
                    .entry((s.name.clone(), s.kind.as_str()))
                    .or_default()
                    .push((i, content(s)));
            }
        }
        Self { entries }
    }

    /// The entry a row is, when the list holds one that no earlier row was
    /// already counted as: the first identical to it, else the first that
    /// holds all it says and more.
    fn take(&mut self, s: &Signatory) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let entries = self.entries.get_mut(&(s.name.clone(), s.kind.as_str()))?;
        let row = content(s);
        let holds =
            |entry: &[Option<String>]| row.iter().zip(entry).all(|(r, e)| r.is_none() || r == e);
        let at = entries
            .iter()
            .position(|(_, e)| *e == row)
            .or_else(|| entries.iter().position(|(_, e)| holds(e)))?;
        Some(entries.remove(at).0)
    }
}

/// What an entry publishes of the fields an import writes (affiliation,
/// website, note…) besides its name and kind; its status is not part of it.
fn content(s: &Signatory) -> Content {
    SIGNER_FIELDS
        .iter()
        .filter(|f| f.public && f.import != Import::No && !["name", "kind"].contains(&f.key))
        .map(|f| f.shown(s).map(String::from))
        .collect()
}

/// Why a row identical to an entry of the list is skipped.
fn already_in_list(k: &Known) -> String {
    if k.withdrawn {
        withdrew(k)
    } else {
        format!("already in the list (line {})", k.file_line)
    }
}

/// Why a row that is a signer who withdrew is skipped.
fn withdrew(k: &Known) -> String {
    format!(
        "\"{}\" withdrew (line {}); use `add --reinstate` to put them back",
        k.shown, k.file_line
    )
}

/// A remark for each possible duplicate of a row taken in.
fn possible_duplicates<'a>(
    known: &'a [Known],
    matches: &'a [(usize, Tier, String)],
    sources: &'a Sources,
) -> impl Iterator<Item = String> + 'a {
    matches
        .iter()
        .filter(|m| m.1 == Tier::Possible)
        .map(|(i, _, reason)| {
            let k = &known[*i];
            let at = match k.import_line {
                Some(l) => format!("{} of this import", sources.at(l)),
                None => format!("line {}", k.file_line),
            };
            format!("possible duplicate of \"{}\" ({at}): {reason}", k.shown)
        })
}

/// All new signers are appended at once, then put in their places in one
/// pass: the file's own entries keep their order, each new one goes where
/// `add` would have put it. The new ones are keyed, to order those that go
/// in at one place. A list out of order gets them at its end.
fn place(
    loaded: &mut store::Loaded,
    collation: &Collation,
    in_order: bool,
    accepted: &[Signatory],
) {
    let existing = loaded.statement.signatories.len();
    let placed = in_order.then(|| {
        let list = &loaded.statement.signatories;
        use rayon::prelude::*;
        (accepted.par_iter().enumerate().with_min_len(256))
            .map(|(j, s)| (collation.place_among(list, s), j))
            .collect::<Vec<_>>()
    });
    loaded.append_signatories(accepted);
    if let Some(mut placed) = placed.filter(|p| !p.is_empty()) {
        let new_keys = collation.keys(accepted);
        placed.sort_by(|a, b| (a.0, &new_keys[a.1].total).cmp(&(b.0, &new_keys[b.1].total)));
        let mut order = Vec::with_capacity(existing + placed.len());
        let mut next = placed.iter().peekable();
        for i in 0..=existing {
            while let Some(&&(at, j)) = next.peek() {
                if at != i {
                    break;
                }
                order.push(existing + j);
                next.next();
            }
            if i < existing {
                order.push(i);
            }
        }
        loaded.reorder(&order);
    }
}

/// How many rows went each way.
struct Tally {
    added: usize,
    pending: usize,
    skipped: usize,
    rejected: usize,
}

impl Tally {
    fn of(fates: &[(usize, String, Fate)]) -> Self {
        let count = |f: fn(&Fate) -> bool| fates.iter().filter(|x| f(&x.2)).count();
        Self {
            added: count(|f| matches!(f, Fate::Added(..))),
            pending: count(|f| matches!(f, Fate::Added(_, true))),
            skipped: count(|f| matches!(f, Fate::Skipped(_))),
            rejected: count(|f| matches!(f, Fate::Rejected(_))),
        }
    }

    /// The report's last line.
    fn summary(&self, loaded: &store::Loaded, dry_run: bool) -> String {
        let total = Counts::of(&loaded.statement.signatories);
        let (verb, then) = if dry_run {
            ("would be", "would then have")
        } else {
            (counts::was(self.added), "now has")
        };
        let (added, pending) = (self.added, self.pending);
        let as_pending = if pending > 0 && pending < added {
            format!(" ({pending} as pending)")
        } else if pending > 0 {
            " as pending".to_string()
        } else {
            String::new()
        };
        format!(
            "{added} {verb} added{as_pending}, {} skipped, {} rejected; {} {then} {total}",
            self.skipped, self.rejected, loaded.name
        )
    }
}

/// One line per row of the source: what became of it, and why.
fn table(fates: &[(usize, String, Fate)], sources: &Sources) -> Table {
    let mut table = super::report_table([
        if sources.0.is_empty() { "Line" } else { "File" },
        "Signer",
        "Result",
        "Why",
    ]);
    for (line, name, fate) in fates {
        let (result, why) = match fate {
            Fate::Added(r, false) => ("added", r.join("; ")),
            Fate::Added(r, true) => ("added as pending", r.join("; ")),
            Fate::Skipped(w) => ("skipped", w.clone()),
            Fate::Rejected(w) => ("rejected", w.clone()),
        };
        table.add_row([
            sources.cell(*line),
            visible(name),
            result.to_string(),
            visible(&why),
        ]);
    }
    table
}

/// The opening of a table's report: each column, the field read from it, or "ignored".
fn write_columns(out: &mut dyn Write, columns: &[ColumnRead]) -> Result<()> {
    if columns.is_empty() {
        return Ok(());
    }
    writeln!(out, "Columns read:")?;
    for c in columns {
        let field = c.field.unwrap_or("ignored");
        let how = c
            .how
            .as_deref()
            .map_or(String::new(), |h| format!(" ({})", visible(h)));
        writeln!(
            out,
            "  {:>2}. \"{}\" → {field}{how}",
            c.number,
            visible(&import::clip(&c.header))
        )?;
    }
    Ok(())
}
