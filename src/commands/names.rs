//! Which entry a NAME argument means: any form of its name or a certain duplicate of it, `NAME@LINE` to pick one, the closest names when none.

use crate::dedupe::{self, Tier};
use crate::error::{Error, Result};
use crate::model::{Signatory, SignerStatus};
use crate::store::Loaded;
use crate::text::visible;
use rustc_hash::FxHashMap;

/// What a NAME argument finds in a list.
#[derive(Debug, PartialEq)]
pub enum Found {
    One(usize),
    /// Several entries, in list order: the argument must say which.
    Many(Vec<usize>),
    /// No entry; the closest names, best first.
    None(Vec<usize>),
    /// `NAME@LINE` whose name is not on that line: the entries it names.
    Elsewhere(Vec<usize>),
}

/// How many names "did you mean" offers.
const SUGGESTIONS: usize = 5;
/// How close a name must come to be offered (see [`closeness`]).
const CLOSE_ENOUGH: f64 = 0.75;
/// How far behind the closest name another may be and still be offered.
const NEAR_THE_BEST: f64 = 0.1;

/// Every entry's names as exact keys, worked out once for many lookups.
pub struct Keys<'a> {
    sigs: &'a [Signatory],
    /// The name and `Name (ACR)`; then the acronym, local name and aliases.
    ways: [FxHashMap<String, Vec<usize>>; 2],
}

impl<'a> Keys<'a> {
    pub fn new(sigs: &'a [Signatory]) -> Self {
        let mut ways: [FxHashMap<String, Vec<usize>>; 2] = Default::default();
        for (i, s) in sigs.iter().enumerate() {
            let own = [s.name.clone(), s.display_name()];
            for (way, forms) in [(0, own.to_vec()), (1, other_names(s))] {
                for f in forms {
                    let at = ways[way].entry(dedupe::exact_key(&f)).or_default();
                    if at.last() != Some(&i) {
                        at.push(i);
                    }
                }
            }
        }
        Self { sigs, ways }
    }

    /// The entries `query` names, by the strongest way any entry is named by
    /// it: the name itself or as `list` prints it (`Name (ACR)`); then the
    /// acronym, the name in another script or an alias; then a certain
    /// duplicate, as `add` would refuse it. A stronger way hides the weaker
    /// ones, so "PEN" names the entry called "PEN" before one whose acronym it is.
    pub fn named(&self, query: &str) -> Vec<usize> {
        self.each_way(query)
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    /// Every entry `query` names in any way, in list order: what a search
    /// across statements (`who`) shows.
    pub fn named_any_way(&self, query: &str) -> Vec<usize> {
        let mut all: Vec<usize> = self.each_way(query).flatten().collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The entries named by each way in turn, strongest first; each is only
    /// worked out when asked for.
    fn each_way<'q>(&'q self, query: &'q str) -> impl Iterator<Item = Vec<usize>> + 'q {
        let key = dedupe::exact_key(query);
        let steps = if key.is_empty() { 0 } else { 3 };
        (0..steps).map(move |step| match self.ways.get(step) {
            Some(way) => way.get(&key).cloned().unwrap_or_default(),
            None => certain(self.sigs, query),
        })
    }
}

/// The entries `add` would refuse `query` as a certain duplicate of, in list order.
fn certain(sigs: &[Signatory], query: &str) -> Vec<usize> {
    let mut found: Vec<usize> = dedupe::match_new(sigs, &probe(query))
        .into_iter()
        .filter(|m| m.1 == Tier::Certain)
        .map(|m| m.0)
        .collect();
    found.sort_unstable();
    found
}

/// An entry's names other than its own: acronym, local name, aliases.
fn other_names(s: &Signatory) -> Vec<String> {
    (s.acronym.iter().chain(&s.rare.local_name))
        .map(|a| a.to_string())
        .chain(s.rare.aliases.iter().cloned())
        .collect()
}

/// The signer `add` would make of the name typed: an organisation, a
/// trailing "(ACR)" taken as its acronym.
fn probe(query: &str) -> Signatory {
    let name = crate::text::clean_name(query);
    let mut s = Signatory::new(name.clone());
    if let Some((head, acr)) = crate::import::split_acronym(&name) {
        s.name = head;
        s.acronym = Some(acr.into());
    }
    s
}

/// What `arg` finds: [`Keys::named`], or with a `@LINE` at its end the entry of
/// that name whose `name` is on that line.
pub fn find(keys: &Keys, arg: &str) -> Found {
    let sigs = keys.sigs;
    if let Some((name, line)) = at_line(arg) {
        let here: Vec<usize> = (sigs.iter().enumerate())
            .filter(|(_, s)| s.pos.line == line)
            .map(|(i, _)| i)
            .collect();
        if let [i] = here[..]
            && is_named(&sigs[i], name)
        {
            return Found::One(i);
        }
        // A name that has an "@12" of its own is still found as written.
        if keys.named(arg).is_empty() {
            return match keys.named(name)[..] {
                [] => Found::None(closest(sigs, name)),
                ref elsewhere => Found::Elsewhere(elsewhere.to_vec()),
            };
        }
    }
    match keys.named(arg)[..] {
        [] => Found::None(closest(sigs, arg)),
        [i] => Found::One(i),
        ref many => Found::Many(many.to_vec()),
    }
}

/// `NAME@LINE` split in two; `None` when the argument has no line at its end.
fn at_line(arg: &str) -> Option<(&str, usize)> {
    let (name, line) = arg.rsplit_once('@')?;
    let digits = !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit());
    (digits && !name.trim().is_empty()).then_some(())?;
    Some((name, line.parse().ok()?))
}

/// Whether `name` names `s` in any of the ways [`Keys::named`] knows.
fn is_named(s: &Signatory, name: &str) -> bool {
    let key = dedupe::exact_key(name);
    let forms = [s.name.clone(), s.display_name()];
    forms
        .iter()
        .chain(&other_names(s))
        .any(|f| dedupe::exact_key(f) == key)
        || dedupe::compare(s, &probe(name)).is_some_and(|m| m.0 == Tier::Certain)
}

/// The entries whose names come closest to `query`, best first, as far as
/// they come close enough to be offered.
pub fn closest(sigs: &[Signatory], query: &str) -> Vec<usize> {
    let scored = best_of(closest_scored(sigs, query));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The entries close enough to `query` to be offered, with how close, in list order.
pub fn closest_scored(sigs: &[Signatory], query: &str) -> Vec<(f64, usize)> {
    let q = comparable(query);
    if q.is_empty() {
        return Vec::new();
    }
    (sigs.iter().enumerate())
        .filter_map(|(i, s)| {
            let best = std::iter::once(s.name.clone())
                .chain(other_names(s))
                .map(|f| closeness(&q, &comparable(&f)))
                .fold(0.0, f64::max);
            (best >= CLOSE_ENOUGH).then_some((best, i))
        })
        .collect()
}

/// The few best of scored names, best first; ties keep their order, so the
/// same query always offers the same names.
pub fn best_of<T: Ord>(mut scored: Vec<(f64, T)>) -> Vec<(f64, T)> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Names far behind the best are noise beside it.
    let floor = scored.first().map_or(0.0, |b| b.0 - NEAR_THE_BEST);
    scored.retain(|s| s.0 >= floor);
    scored.truncate(SUGGESTIONS);
    scored
}

/// A name as closeness compares it: folded as duplicates are, accents and
/// scripts read as Latin letters.
fn comparable(name: &str) -> String {
    let key = dedupe::exact_key(name);
    let latin = deunicode::deunicode_with_tofu(&key, "");
    latin.to_lowercase()
}

/// How close a typed name is to an entry's name, from 0 to 1: the better of
/// the whole strings' edit distance (a typo, a space left out) and of their
/// words, each typed word against its closest word of the name (a word
/// left out, added or misspelt, words in another order). The words typed
/// count most: "Amnesty" is close to "Amnesty International". Jaro–Winkler
/// is not used: it rates any two long names with the same start as close.
fn closeness(typed: &str, name: &str) -> f64 {
    let whole = strsim::normalized_damerau_levenshtein(typed, name);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (t, n) = (words(typed), words(name));
    if t.is_empty() || n.is_empty() {
        return whole;
    }
    let cover = |of: &[String], by: &[String]| {
        let best = |w: &String| {
            by.iter()
                .map(|b| strsim::normalized_damerau_levenshtein(w, b))
                .fold(0.0, f64::max)
        };
        of.iter().map(best).sum::<f64>() / of.len() as f64
    };
    whole.max(0.75 * cover(&t, &n) + 0.25 * cover(&n, &t))
}

/// The entry `arg` names in a loaded statement, or an error that lists the
/// entries it could mean or the names closest to it.
pub fn one(loaded: &Loaded, arg: &str) -> Result<usize> {
    one_of(loaded, &Keys::new(&loaded.statement.signatories), arg)
}

/// [`one`] with the list's keys worked out already, for many names.
pub fn one_of(loaded: &Loaded, keys: &Keys, arg: &str) -> Result<usize> {
    match find(keys, arg) {
        Found::One(i) => Ok(i),
        other => Err(unresolved(loaded, arg, &other)),
    }
}

/// The error for an argument that found several entries or none.
pub fn unresolved(loaded: &Loaded, arg: &str, found: &Found) -> Error {
    let sigs = &loaded.statement.signatories;
    let (name, line) = at_line(arg).unwrap_or((arg, 0));
    let items = |list: &[usize]| list.iter().map(|&i| entry_line(loaded, i)).collect();
    match found {
        Found::Many(many) => Error::Listed {
            message: format!(
                "\"{}\" names {} entries of {}; pick one by the line of its name, as \"{}@{}\"",
                visible(name),
                many.len(),
                loaded.name,
                visible(name),
                sigs[many[0]].pos.line
            ),
            items: items(many),
        },
        Found::Elsewhere(there) => Error::Listed {
            message: format!(
                "no entry of {} named \"{}\" has its name on line {line}; it names:",
                loaded.name,
                visible(name)
            ),
            items: items(there),
        },
        Found::None(close) if !close.is_empty() => Error::Listed {
            message: format!(
                "{} has no signatory named \"{}\"; did you mean:",
                loaded.name,
                visible(arg)
            ),
            items: items(close),
        },
        _ => Error::msg(format!(
            "{} has no signatory named \"{}\" (see `undersigned list`)",
            loaded.name,
            visible(arg)
        )),
    }
}

/// One entry as a choice: where it is, its name as `list` prints it, and
/// its status when it is not simply confirmed.
pub fn entry_line(loaded: &Loaded, i: usize) -> String {
    let s = &loaded.statement.signatories[i];
    let mut line = format!("{}:{}  {}", loaded.name, s.pos.line, s.display_name());
    if let Some(local) = &s.rare.local_name {
        line.push_str(&format!(" / {local}"));
    }
    if s.status != SignerStatus::Confirmed {
        line.push_str(&format!(" ({})", s.status.as_str()));
    }
    line
}

/// Two different entries of a statement, for commands that take two names
/// (`merge`, `distinct`). When the names could each mean several entries
/// but only one pair of two different entries fits both, that pair is
/// meant: `merge S X X` with X written twice folds the later into the earlier.
pub fn two(loaded: &Loaded, a: &str, b: &str, same: &str) -> Result<(usize, usize)> {
    let sigs = &loaded.statement.signatories;
    let keys = Keys::new(sigs);
    let (fa, fb) = (find(&keys, a), find(&keys, b));
    let options = |f: &Found| match f {
        Found::One(i) => vec![*i],
        Found::Many(m) => m.clone(),
        Found::None(_) | Found::Elsewhere(_) => Vec::new(),
    };
    let (oa, ob) = (options(&fa), options(&fb));
    if oa.is_empty() {
        return Err(unresolved(loaded, a, &fa));
    }
    if ob.is_empty() {
        return Err(unresolved(loaded, b, &fb));
    }
    let mut pairs: Vec<(usize, usize)> = (oa.iter())
        .flat_map(|&i| ob.iter().map(move |&j| (i, j)))
        .filter(|(i, j)| i != j)
        .collect();
    // The same two entries either way round are one pair; the earlier is kept first.
    pairs.sort_unstable_by_key(|&(i, j)| (i.min(j), i.max(j), i > j));
    pairs.dedup_by_key(|&mut (i, j)| (i.min(j), i.max(j)));
    match pairs[..] {
        [pair] => Ok(pair),
        [] => Err(Error::msg(same)),
        _ if oa.len() > 1 => Err(unresolved(loaded, a, &fa)),
        _ => Err(unresolved(loaded, b, &fb)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<Signatory> {
        (names.iter().enumerate())
            .map(|(i, n)| {
                let mut s = Signatory::new(*n);
                s.pos.line = 10 * (i + 1);
                s
            })
            .collect()
    }

    #[test]
    fn a_stronger_way_of_naming_hides_a_weaker_one() {
        let mut sigs = list(&["PEN International", "PEN"]);
        sigs[0].acronym = Some("PEN".into());
        let keys = Keys::new(&sigs);
        assert_eq!(keys.named("pen"), vec![1]);
        assert_eq!(keys.named("PEN International (PEN)"), vec![0]);
    }

    #[test]
    fn a_line_picks_one_of_several_and_a_wrong_line_lists_them() {
        let sigs = list(&["Harbour Union", "harbour  union"]);
        assert_eq!(
            find(&Keys::new(&sigs), "Harbour Union"),
            Found::Many(vec![0, 1])
        );
        assert_eq!(find(&Keys::new(&sigs), "Harbour Union@20"), Found::One(1));
        assert_eq!(
            find(&Keys::new(&sigs), "Harbour Union@30"),
            Found::Elsewhere(vec![0, 1])
        );
        assert_eq!(at_line("@12"), None);
        assert_eq!(at_line("A@"), None);
        assert_eq!(at_line("A@1x"), None);
    }

    #[test]
    fn closeness_favours_the_words_typed() {
        let amnesty = closeness("amnesty", "amnesty international");
        assert!(amnesty >= CLOSE_ENOUGH, "{amnesty}");
        let typo = closeness("human rights wach", "human rights watch");
        assert!(typo > closeness("human rights wach", "human rights now"));
        assert!(closeness("greenpeace", "amnesty international") < CLOSE_ENOUGH);
    }
}
