//! The word tables: places, abbreviations, spelling variants, legal forms and word kinds, read once from `data/dedupe/`.

use super::normalize::{RawWords, WordKind, raw_words};
use crate::tables;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../data/dedupe/words.toml");
const PLACES: &str = include_str!("../../data/dedupe/places.tsv");

/// A phrase table keyed by its first word; longest phrase wins.
pub(super) struct Phrases {
    by_first: HashMap<String, Vec<Phrase>>,
}

pub(super) struct Phrase {
    words: Vec<String>,
    /// The replacement words.
    to: Vec<String>,
    /// Only matches words written in capitals (ISO codes, "UK").
    caps: bool,
}

impl Phrases {
    fn new() -> Self {
        Self {
            by_first: HashMap::default(),
        }
    }

    fn add(&mut self, from: &str, to: Vec<String>, caps: bool) {
        let words: Vec<String> = raw_words(from)
            .0
            .iter()
            .map(|w| w.text.to_string())
            .collect();
        if words.is_empty() {
            return;
        }
        let list = self.by_first.entry(words[0].clone()).or_default();
        if list.iter().any(|p| p.words == words && p.caps == caps) {
            return;
        }
        list.push(Phrase { words, to, caps });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// The longest phrase starting at `i`: (words consumed, replacement).
    pub(super) fn longest(
        &self,
        words: &RawWords,
        i: usize,
        caps_ok: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, &[String])> {
        let list = self.by_first.get(words.get(i).text)?;
        list.iter()
            .find(|p| {
                p.words.len() <= words.len() - i
                    && p.words
                        .iter()
                        .zip(words.iter().skip(i))
                        .all(|(a, b)| *a == b.text)
                    && (!p.caps || (i..i + p.words.len()).all(caps_ok))
            })
            .map(|p| (p.words.len(), p.to.as_slice()))
    }
}

/// The word tables, parsed once.
pub struct Tables {
    pub(super) places: Phrases,
    /// Spellings of `Info::canonical`.
    canonical: Vec<Vec<String>>,
    suffixes: Vec<(String, String)>,
    /// Positions in `suffixes` by their last three bytes: a word is tried
    /// only against the endings it could have (every ending is that long).
    suffix_tails: HashMap<[u8; 3], Vec<usize>>,
    legal: Vec<Vec<String>>,
    shared_hosts: HashSet<String>,
    /// Every word some table names, with all the tables say of it: each
    /// word of every name is looked up once, not once per table.
    words: HashMap<String, Info>,
}

/// What the word tables say of one word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Info {
    pub(super) kind: WordKind,
    pub(super) stop: bool,
    pub(super) section: bool,
    /// A word of some legal form: most names end in none, a quick reject.
    pub(super) legal: bool,
    /// Some place phrase starts with it.
    pub(super) place_start: bool,
    /// Its position in `Tables::canonical`, when it is an abbreviation or
    /// spelling variant.
    pub(super) canonical: Option<u32>,
}

pub(super) fn toml_list(doc: &toml_edit::DocumentMut, key: &str) -> Vec<String> {
    doc["lists"][key]
        .as_array()
        .unwrap_or_else(|| panic!("data/dedupe/words.toml: lists.{key} must be an array"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Words of a table entry, normalised like a name.
pub(super) fn entry_words(s: &str) -> Vec<String> {
    raw_words(s).0.iter().map(|w| w.text.to_string()).collect()
}

pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let doc: toml_edit::DocumentMut =
            WORDS.parse().expect("data/dedupe/words.toml is valid TOML");
        let mut canonical: Vec<(String, Vec<String>)> = Vec::new();
        if let Some(t) = doc["canonical"].as_table() {
            for (k, v) in t.iter() {
                if let Some(v) = v.as_str() {
                    canonical.push((k.to_string(), entry_words(v)));
                }
            }
        }
        let (suffixes, suffix_tails) = suffix_table(&doc);
        let (places, place_words) = place_table();
        let legal: Vec<Vec<String>> = toml_list(&doc, "legal_forms")
            .iter()
            .map(|s| entry_words(s))
            .filter(|w| !w.is_empty())
            .collect();
        let words = word_infos(&doc, &place_words, &places, &legal, &canonical);
        Tables {
            words,
            places,
            canonical: canonical.into_iter().map(|(_, to)| to).collect(),
            suffixes,
            suffix_tails,
            legal,
            shared_hosts: toml_list(&doc, "shared_hosts").into_iter().collect(),
        }
    })
}

/// Word endings and their respellings, longest first, with the positions
/// of each ending's last three bytes (see `Tables::suffix_tails`).
type Suffixes = (Vec<(String, String)>, HashMap<[u8; 3], Vec<usize>>);

fn suffix_table(doc: &toml_edit::DocumentMut) -> Suffixes {
    let mut suffixes: Vec<(String, String)> = doc["suffixes"]
        .as_table()
        .map(|t| {
            t.iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    // Longest ending first, so "isations" wins over "isation".
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
    let mut suffix_tails: HashMap<[u8; 3], Vec<usize>> = HashMap::default();
    for (i, (from, _)) in suffixes.iter().enumerate() {
        let tail = tail3(from).expect("word endings are three bytes or longer");
        suffix_tails.entry(tail).or_default().push(i);
    }
    (suffixes, suffix_tails)
}

/// The place phrases, and every canonical word of a place.
fn place_table() -> (Phrases, HashSet<String>) {
    // Places: every country's English name and ISO code from the shared
    // country table, plus data/dedupe/places.tsv. A country's canonical
    // word is its English name without spaces, so "UK", "GB", "United
    // Kingdom" and "Great Britain" are all "unitedkingdom".
    let countries = tables::countries();
    let country_word =
        |code: &str| -> Option<String> { countries.get(code).map(|n| entry_words(n).concat()) };
    let mut places = Phrases::new();
    let mut place_words = HashSet::default();
    for (code, name) in countries.iter() {
        let w = entry_words(name).concat();
        places.add(name, vec![w.clone()], false);
        places.add(code, vec![w.clone()], true);
        place_words.insert(w);
    }
    for line in PLACES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let Some((phrase, code)) = line.split_once('\t') else {
            continue;
        };
        let code = code.trim();
        let to = if code == "-" {
            entry_words(phrase).concat()
        } else {
            match country_word(code) {
                Some(w) => w,
                None => continue,
            }
        };
        let caps = phrase.chars().any(|c| c.is_uppercase());
        places.add(phrase, vec![to.clone()], caps);
        place_words.insert(to);
    }
    (places, place_words)
}

/// What every table says of each word it names, in one map.
fn word_infos(
    doc: &toml_edit::DocumentMut,
    place_words: &HashSet<String>,
    places: &Phrases,
    legal: &[Vec<String>],
    canonical: &[(String, Vec<String>)],
) -> HashMap<String, Info> {
    let set = |key: &str| -> HashSet<String> {
        toml_list(doc, key)
            .iter()
            .flat_map(|s| entry_words(s))
            .collect()
    };
    let generic = set("generic_words");
    let languages = set("languages");
    let mut words: HashMap<String, Info> = HashMap::default();
    // Lowest precedence first, so a place that is also a language or a
    // generic word stays a place, as the chain of checks in `kind` had it.
    for (list, kind) in [
        (&generic, WordKind::Generic),
        (&languages, WordKind::Language),
        (place_words, WordKind::Place),
    ] {
        for w in list {
            words.entry(w.clone()).or_default().kind = kind;
        }
    }
    for w in set("stop_words") {
        words.entry(w).or_default().stop = true;
    }
    for w in set("section_words") {
        words.entry(w).or_default().section = true;
    }
    for w in legal.iter().flatten() {
        words.entry(w.clone()).or_default().legal = true;
    }
    for w in places.by_first.keys() {
        words.entry(w.clone()).or_default().place_start = true;
    }
    for (i, (from, _)) in canonical.iter().enumerate() {
        words.entry(from.clone()).or_default().canonical = Some(i as u32);
    }
    words
}

impl Tables {
    pub(super) fn info(&self, word: &str) -> Info {
        self.words.get(word).copied().unwrap_or_default()
    }

    pub fn kind(&self, word: &str) -> WordKind {
        self.info(word).kind
    }

    /// A word that marks a section or chapter ("Section", "Branch").
    pub fn is_section(&self, word: &str) -> bool {
        self.info(word).section
    }

    pub fn is_shared_host(&self, host: &str) -> bool {
        self.shared_hosts.contains(host)
    }

    /// The canonical word for a place written as a code or phrase ("UK" -> "unitedkingdom").
    pub fn place_of(&self, text: &str) -> Option<String> {
        let (words, _) = raw_words(text);
        if words.is_empty() {
            return None;
        }
        let (n, to) = self.places.longest(&words, 0, &|i| words.get(i).upper)?;
        (n == words.len()).then(|| to.concat())
    }

    /// Appends the canonical spelling of `w` (whose tables' entry is
    /// `info`) to `out`, each word with its own entry.
    pub(super) fn canonical_word<'a>(&'a self, w: &'a str, info: Info, out: &mut Canon<'a>) {
        if let Some(i) = info.canonical {
            out.extend(
                self.canonical[i as usize]
                    .iter()
                    .map(|t| (Cow::Borrowed(t.as_str()), self.info(t))),
            );
            return;
        }
        let endings = tail3(w).and_then(|t| self.suffix_tails.get(&t));
        for (from, to) in endings.into_iter().flatten().map(|&i| &self.suffixes[i]) {
            if w.len() > from.len() + 2
                && let Some(stem) = w.strip_suffix(from.as_str())
            {
                let spelt = format!("{stem}{to}");
                let info = self.info(&spelt);
                out.push((Cow::Owned(spelt), info));
                return;
            }
        }
        out.push((Cow::Borrowed(w), info));
    }

    /// Legal form at the start (`at_end == false`) or end: words it covers.
    pub(super) fn legal_at(&self, words: &[(Cow<str>, Info)], at_end: bool) -> usize {
        let edge = if at_end { words.last() } else { words.first() };
        if !edge.is_some_and(|(_, info)| info.legal) {
            return 0;
        }
        self.legal
            .iter()
            .filter(|f| {
                let n = f.len();
                n < words.len() && {
                    let part = if at_end {
                        &words[words.len() - n..]
                    } else {
                        &words[..n]
                    };
                    part.iter().zip(f.iter()).all(|((w, _), l)| w == l)
                }
            })
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }
}

/// Canonical words with what the tables say of each.
pub(super) type Canon<'a> = smallvec::SmallVec<[(Cow<'a, str>, Info); 12]>;

/// The last three bytes of a word, if it has that many.
pub(super) fn tail3(w: &str) -> Option<[u8; 3]> {
    w.as_bytes().last_chunk::<3>().copied()
}
