//! Filing keys and ordering of signatories: CLDR collation through icu_collator, pure.

use crate::error::{Error, Result};
use crate::filing;
use crate::model::{IndividualsBy, Kind, Signatory, Statement};
use crate::tables;
use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;
use std::borrow::Cow;
use std::cmp::Ordering;

/// The ordering rule of one statement.
///
/// Word-by-word (a space sorts before any letter, "non-ignorable"), case and
/// accents below letters, numbers by value. `check` compares at primary
/// strength so a case or accent difference alone is never out of order;
/// `sort` orders by the full key, a total order, so its result passes `check`
/// and is the same whatever order the entries came in.
pub struct Collation {
    primary: CollatorBorrowed<'static>,
    tertiary: CollatorBorrowed<'static>,
    locale: String,
    ignore_articles: bool,
    /// Individuals file by family name (`individuals_by = "family"`).
    by_family: bool,
}

/// Keys computed once per signatory, so comparisons are byte comparisons.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    /// What `check` compares: letters only.
    pub primary: Vec<u8>,
    /// What `sort` orders by: every level of the filing text, then the
    /// published line's bytes (acronym and note break the last ties).
    pub total: (Vec<u8>, String),
}

impl Collation {
    pub fn new(locale: Option<&str>, ignore_articles: bool) -> Result<Self> {
        let tag = locale.unwrap_or("und");
        let unusable =
            |e: &dyn std::fmt::Display| Error::msg(format!("collation locale \"{tag}\": {e}"));
        let loc = Locale::try_from_str(tag).map_err(|e| unusable(&e))?;
        let build = |strength| {
            let mut prefs = CollatorPreferences::from(&loc);
            prefs.numeric_ordering = Some(CollationNumericOrdering::True);
            let mut options = CollatorOptions::default();
            options.strength = Some(strength);
            options.alternate_handling = Some(AlternateHandling::NonIgnorable);
            Collator::try_new(prefs, options).map_err(|e| unusable(&e))
        };
        Ok(Self {
            primary: build(Strength::Primary)?,
            tertiary: build(Strength::Tertiary)?,
            locale: tag.to_string(),
            ignore_articles,
            by_family: true,
        })
    }

    pub fn for_statement(st: &Statement) -> Result<Self> {
        let mut c = Self::new(st.collation.as_deref(), st.ignore_articles)?;
        c.by_family = st.individuals_by.unwrap_or_default() == IndividualsBy::Family;
        Ok(c)
    }

    /// The rule in words, printed with every order finding.
    pub fn describe(&self) -> String {
        let articles = if self.ignore_articles {
            "leading articles ignored"
        } else {
            "articles kept"
        };
        let individuals = if self.by_family {
            "individuals by family name"
        } else {
            "individuals as written"
        };
        format!(
            "Unicode collation, locale {}, word by word, case and accents ignored, numbers by value, {articles}, {individuals}",
            self.locale
        )
    }

    /// The text an entry is filed under: `sort_as`, else the name without
    /// the quotation marks and symbols that open it, less a leading article
    /// when the statement asks for that; an individual's family name first
    /// (`filing::family_first`), unless the statement files them as written.
    /// Runs of spaces count as one, so a stray double space cannot move an entry.
    pub fn filing_text<'a>(&self, s: &'a Signatory) -> Cow<'a, str> {
        let person = self.by_family && s.kind == Kind::Individual;
        let text = match &s.rare.sort_as {
            // A comma in an individual's `sort_as` ends the family name, as in a name.
            Some(k) if person && k.contains(',') => {
                return filing::family_first(k).map_or(Cow::Borrowed(&**k), Cow::Owned);
            }
            Some(k) => k,
            None if person => match filing::family_first(&s.name) {
                Some(key) => return Cow::Owned(key),
                None => filing::without_leading_symbols(&s.name),
            },
            None if self.ignore_articles => strip_article(filing::without_leading_symbols(&s.name)),
            None => filing::without_leading_symbols(&s.name),
        };
        if text.contains("  ") || text.starts_with(' ') || text.ends_with(' ') {
            Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
        } else {
            Cow::Borrowed(text)
        }
    }

    pub fn key(&self, s: &Signatory) -> SortKey {
        let filing = self.filing_text(s);
        let mut primary = Vec::new();
        let mut tertiary = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.primary.write_sort_key_to(&filing, &mut primary);
        let _ = self.tertiary.write_sort_key_to(&filing, &mut tertiary);
        SortKey {
            primary,
            total: (tertiary, s.display_line()),
        }
    }

    /// Only what `check` compares: one key instead of two.
    pub fn primary_key(&self, s: &Signatory) -> Vec<u8> {
        let mut primary = Vec::new();
        let _ = self
            .primary
            .write_sort_key_to(&self.filing_text(s), &mut primary);
        primary
    }

    /// Every signer's key, on all cores for a long list: a key costs tens
    /// of microseconds, and one is made for every signer.
    pub fn keys(&self, signatories: &[Signatory]) -> Vec<SortKey> {
        use rayon::prelude::*;
        signatories
            .par_iter()
            .with_min_len(2048)
            .map(|s| self.key(s))
            .collect()
    }

    /// Whether the list files in order at primary strength, which is what
    /// `check` asks. One comparison per neighbouring pair is far cheaper than
    /// a key per entry (names that share a prefix are compared from where
    /// they differ), and a list under review is usually in order: keys are
    /// needed only to say what moves when it is not.
    pub fn in_order(&self, signatories: &[Signatory]) -> bool {
        // Each filing text is made once (a person's is built), not once per pair.
        let mut texts = signatories.iter().map(|s| self.filing_text(s));
        let Some(mut prev) = texts.next() else {
            return true;
        };
        for text in texts {
            if self.cmp_primary(&prev, &text) == Ordering::Greater {
                return false;
            }
            prev = text;
        }
        true
    }

    /// Two filing texts at primary strength. In the root order, most pairs
    /// of names differ first at an ASCII letter, and that settles it
    /// (`root_primary_ascii`) without the collator.
    fn cmp_primary(&self, a: &str, b: &str) -> Ordering {
        if self.locale == "und"
            && let Some(order) = root_primary_ascii(a, b)
        {
            return order;
        }
        self.primary.compare(a, b)
    }

    /// Whether `sort` would leave the list as it is: every neighbouring pair
    /// already in the order of the full key.
    pub fn is_sorted(&self, signatories: &[Signatory]) -> bool {
        let mut entries = signatories.iter().map(|s| (s, self.filing_text(s)));
        let Some(mut prev) = entries.next() else {
            return true;
        };
        for next in entries {
            if self.cmp_filed(prev.0, &prev.1, next.0, &next.1) == Ordering::Greater {
                return false;
            }
            prev = next;
        }
        true
    }

    /// Two entries in the order of their `SortKey`s, without building either
    /// key: sorting a list that is already in order (the usual case) then
    /// costs one comparison per entry.
    pub fn cmp_total(&self, a: &Signatory, b: &Signatory) -> Ordering {
        self.cmp_filed(a, &self.filing_text(a), b, &self.filing_text(b))
    }

    /// [`Collation::cmp_total`] given the entries' filing texts.
    fn cmp_filed(&self, a: &Signatory, fa: &str, b: &Signatory, fb: &str) -> Ordering {
        self.cmp_primary(fa, fb)
            .then_with(|| self.tertiary.compare(fa, fb))
            .then_with(|| a.display_line().cmp(&b.display_line()))
    }

    /// Where `new` goes: its alphabetical place when the list is in order
    /// (at primary strength), else the end; the flag says which. The same
    /// place as `insertion_index` on the list's keys, found with a binary search
    /// that builds a key only for the entries it looks at.
    pub fn place_in(&self, signatories: &[Signatory], new: &Signatory) -> (usize, bool) {
        if !self.in_order(signatories) {
            return (signatories.len(), false);
        }
        (self.place_among(signatories, new), true)
    }

    /// Where `new` goes in a list that is in order: `place_in` without
    /// checking the order, for many new signers at once.
    pub fn place_among(&self, signatories: &[Signatory], new: &Signatory) -> usize {
        let filing = self.filing_text(new);
        let mut i = signatories
            .partition_point(|s| self.cmp_primary(&self.filing_text(s), &filing) == Ordering::Less);
        while i < signatories.len()
            && self.cmp_primary(&self.filing_text(&signatories[i]), &filing) == Ordering::Equal
            && self.cmp_total(&signatories[i], new) != Ordering::Greater
        {
            i += 1;
        }
        i
    }
}

/// The root order at primary strength (non-ignorable, numbers by value) of
/// two texts that are ASCII and the same, case aside, up to where they first
/// differ, and ASCII just after it: `None` otherwise, and the collator
/// decides. Up to there every character has the same primary weights in
/// both texts, so the first difference decides: two numbers by value, then
/// letters in alphabetical order, digits before every letter, and spaces,
/// punctuation and symbols before every digit.
fn root_primary_ascii(a: &str, b: &str) -> Option<Ordering> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let i = x
        .iter()
        .zip(y)
        .position(|(p, q)| !p.eq_ignore_ascii_case(q))?;
    let (p, q) = (x[i].to_ascii_lowercase(), y[i].to_ascii_lowercase());
    let printable = |c: u8| (b' '..=b'~').contains(&c);
    if !x[..i].is_ascii() || !printable(p) || !printable(q) {
        return None;
    }
    // What follows must be ASCII too: a mark or a digit of another script
    // would belong with the character before it.
    let ascii_after = |z: &[u8], at: usize| z.get(at).is_none_or(u8::is_ascii);
    // A number that goes on at the difference, in either text, is compared
    // by its value: it starts where the digits before the difference start.
    // (Where both numbers end before it, they are the same number.)
    if p.is_ascii_digit() || q.is_ascii_digit() {
        let start = i - x[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let run = |z: &[u8]| start + z[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        let (ea, eb) = (run(x), run(y));
        if !ascii_after(x, ea) || !ascii_after(y, eb) {
            return None;
        }
        let (na, nb) = (&x[start..ea], &y[start..eb]);
        return match (na.is_empty(), nb.is_empty()) {
            // Leading zeros do not count towards a value: the collator knows how.
            (false, false) if na[0] == b'0' || nb[0] == b'0' => None,
            (false, false) => Some(na.len().cmp(&nb.len()).then(na.cmp(nb))),
            (false, true) => Some(if q.is_ascii_lowercase() {
                Ordering::Less
            } else {
                Ordering::Greater
            }),
            (true, false) => Some(if p.is_ascii_lowercase() {
                Ordering::Greater
            } else {
                Ordering::Less
            }),
            (true, true) => None,
        };
    }
    if !ascii_after(x, i + 1) || !ascii_after(y, i + 1) {
        return None;
    }
    match (p.is_ascii_lowercase(), q.is_ascii_lowercase()) {
        (true, true) => Some(p.cmp(&q)),
        (true, false) => Some(Ordering::Greater),
        (false, true) => Some(Ordering::Less),
        (false, false) => None,
    }
}

/// The name without a leading article from data/articles.txt, if what is
/// left is a name.
fn strip_article(name: &str) -> &str {
    for article in tables::articles() {
        let (word, joined) = match article.strip_suffix('\'') {
            Some(w) => (w, true),
            None => (*article, false),
        };
        let Some(head) = name.get(..word.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(word) {
            continue;
        }
        let rest = &name[word.len()..];
        let rest = if joined {
            rest.strip_prefix('\'')
                .or_else(|| rest.strip_prefix('\u{2019}'))
        } else {
            rest.strip_prefix(' ')
        };
        if let Some(rest) = rest.map(str::trim_start)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    name
}

/// Where a new key goes in a list already in order at primary strength: after
/// everything that files before it, and among entries that file equally, by the full key.
pub fn insertion_index(keys: &[SortKey], new: &SortKey) -> usize {
    let mut i = keys.partition_point(|k| k.primary < new.primary);
    while i < keys.len() && keys[i].primary == new.primary && keys[i].total <= new.total {
        i += 1;
    }
    i
}

/// Entry indices in sorted order; ties keep their order in the file.
pub fn sorted_order<K: Ord>(keys: &[K]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order
}

/// One entry that must move for the list to be in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The entry to move.
    pub index: usize,
    /// The entry it belongs right after, or `None` when it belongs first.
    pub after: Option<usize>,
    /// When it belongs first: the entry it goes before.
    pub before: Option<usize>,
}

/// The fewest moves that put `keys` in order: every entry outside one longest
/// run already in order moves, and nothing else does.
pub fn moves<K: Ord>(keys: &[K]) -> Vec<Move> {
    let order = sorted_order(keys);
    let mut rank = vec![0; keys.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let keep = longest_increasing(&rank);
    let mut kept = vec![false; keys.len()];
    for i in keep {
        kept[i] = true;
    }
    (0..keys.len())
        .filter(|&i| !kept[i])
        .map(|i| {
            let r = rank[i];
            Move {
                index: i,
                after: r.checked_sub(1).map(|p| order[p]),
                before: if r == 0 { order.get(1).copied() } else { None },
            }
        })
        .collect()
}

/// Indices of one longest strictly increasing subsequence, O(n log n).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // tails[k]: index of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| values[t] < v);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied().unwrap_or(usize::MAX);
    while cur != usize::MAX {
        out.push(cur);
        cur = prev[cur];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Whenever the ASCII shortcut answers, the collator agrees: letters
        /// of both cases, digits and numbers, spaces, punctuation, symbols,
        /// and letters beyond ASCII, in texts that share a prefix.
        #[test]
        fn the_ascii_shortcut_agrees_with_the_collator(
            prefix in "[A-Za-z0-9 ,.'&()/_+-]{0,6}",
            a in "([A-Za-z0-9 ,.'&()/_+$^`|~:;!?@-]|[0-9]{2,4}|é|ß|ø|Æ|中|٢|\\u{301}){0,6}",
            b in "([A-Za-z0-9 ,.'&()/_+$^`|~:;!?@-]|[0-9]{2,4}|é|ß|ø|Æ|中|٢|\\u{301}){0,6}",
        ) {
            let c = root();
            let (a, b) = (format!("{prefix}{a}"), format!("{prefix}{b}"));
            if let Some(order) = root_primary_ascii(&a, &b) {
                proptest::prop_assert_eq!(order, c.primary.compare(&a, &b), "{:?} / {:?}", a, b);
            }
        }
    }

    #[test]
    fn the_ascii_shortcut_answers_for_most_names_and_leaves_the_rest() {
        let less = |a, b| root_primary_ascii(a, b) == Some(Ordering::Less);
        assert!(less("Amnesty Internacional", "Amnesty International"));
        assert!(less("amnesty", "Bread for the World"));
        assert!(less("PEN America", "PENAmerica"));
        assert!(less("Group 9 (North)", "Group 9 North"));
        assert!(less("Group 9", "Group 10"));
        assert!(less("Group 12 East", "Group 123"));
        assert!(less("Group 9", "Group North"));
        // Two marks, leading zeros, a digit or a mark of another script,
        // a name beyond ASCII, one name the start of the other.
        assert_eq!(root_primary_ascii("Human Rights", "Human-Rights"), None);
        assert_eq!(root_primary_ascii("Group 09", "Group 10"), None);
        assert_eq!(root_primary_ascii("Group 1\u{669}", "Group 13"), None);
        assert_eq!(root_primary_ascii("Cafe\u{301} B", "Cafa"), None);
        assert_eq!(root_primary_ascii("Émile", "Emilie"), None);
        assert_eq!(root_primary_ascii("Amnesty", "Amnesty International"), None);
        assert_eq!(root_primary_ascii("A-B", "A,B"), None);
        // A tailored order is always left to the collator.
        let sv = Collation::new(Some("sv"), false).unwrap();
        assert_eq!(
            sv.cmp_primary("Vasa", "Wasa"),
            sv.primary.compare("Vasa", "Wasa")
        );
    }

    fn sorted(names: &[&str], c: &Collation) -> Vec<String> {
        let sigs: Vec<Signatory> = names.iter().map(|n| Signatory::new(*n)).collect();
        let keys: Vec<_> = c.keys(&sigs).into_iter().map(|k| k.total).collect();
        sorted_order(&keys)
            .into_iter()
            .map(|i| names[i].to_string())
            .collect()
    }

    fn root() -> Collation {
        Collation::new(None, false).unwrap()
    }

    #[test]
    fn word_by_word_case_insensitive_the_kept() {
        let got = sorted(
            &[
                "Humanitarian China",
                "The Rights Practice",
                "Human Rights Now",
                "Hong Kong Watch",
                "HKers United",
            ],
            &root(),
        );
        assert_eq!(
            got,
            [
                "HKers United",
                "Hong Kong Watch",
                "Human Rights Now",
                "Humanitarian China",
                "The Rights Practice"
            ]
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            sorted(&["350.org", "10 Downing", "2Allies"], &root()),
            ["2Allies", "10 Downing", "350.org"]
        );
    }

    #[test]
    fn accented_letters_file_with_their_base_letter() {
        let got = sorted(
            &["Zeta", "Œuvre", "Ärzte", "Åland", "Oxfam", "Amnesty"],
            &root(),
        );
        assert_eq!(got, ["Åland", "Amnesty", "Ärzte", "Œuvre", "Oxfam", "Zeta"]);
    }

    #[test]
    fn swedish_tailoring_puts_a_ring_after_z() {
        let sv = Collation::new(Some("sv"), false).unwrap();
        assert_eq!(
            sorted(&["Åland", "Zeta", "Amnesty"], &sv),
            ["Amnesty", "Zeta", "Åland"]
        );
    }

    #[test]
    fn every_script_gets_a_stable_place() {
        let names = [
            "Мемориал",
            "人權公約施行監督聯盟",
            "\"Quoted\" Group",
            "Amnesty",
            "منظمة",
            "1 Up",
        ];
        let a = sorted(&names, &root());
        let mut rev = names;
        rev.reverse();
        assert_eq!(a, sorted(&rev, &root()));
        assert_eq!(a[0], "1 Up", "digits first");
        assert_eq!(a[1], "Amnesty", "then Latin");
        assert_eq!(a[2], "\"Quoted\" Group", "a quotation mark is not filed");
    }

    fn people(names: &[&str], c: &Collation) -> Vec<String> {
        let sigs: Vec<Signatory> = names
            .iter()
            .map(|n| Signatory {
                kind: Kind::Individual,
                ..Signatory::new(*n)
            })
            .collect();
        let keys: Vec<_> = c.keys(&sigs).into_iter().map(|k| k.total).collect();
        sorted_order(&keys)
            .into_iter()
            .map(|i| names[i].to_string())
            .collect()
    }

    #[test]
    fn a_family_name_files_before_longer_ones_that_start_with_it() {
        // Word by word: "New, Arthur" before "New Deal" (Chicago 16.61).
        assert_eq!(
            people(
                &[
                    "Smith Jones, Al",
                    "Ann Smith-Jones",
                    "Zed Smith",
                    "Bo Smithson"
                ],
                &root()
            ),
            [
                "Zed Smith",
                "Smith Jones, Al",
                "Ann Smith-Jones",
                "Bo Smithson"
            ]
        );
        let c = root();
        for (a, b) in [
            ("Smith\tZed", "Smith Jones\tAl"),
            ("Smith\tZed", "Smith\tZed Jr"),
        ] {
            assert_eq!(c.primary.compare(a, b), Ordering::Less, "{a:?} {b:?}");
        }
    }

    #[test]
    fn individuals_file_by_family_name_and_organisations_as_written() {
        let c = root();
        let mut person = Signatory::new("Ludwig van Beethoven");
        person.kind = Kind::Individual;
        assert_eq!(c.filing_text(&person), "Beethoven\tLudwig van");
        let org = Signatory::new("Ludwig van Beethoven");
        assert_eq!(c.filing_text(&org), "Ludwig van Beethoven");
        person.rare.sort_as = Some("Beethoven, Ludwig".into());
        assert_eq!(c.filing_text(&person), "Beethoven\tLudwig");
        let st = Statement {
            individuals_by: Some(IndividualsBy::Name),
            ..Statement::default()
        };
        let as_written = Collation::for_statement(&st).unwrap();
        person.rare.sort_as = None;
        assert_eq!(as_written.filing_text(&person), "Ludwig van Beethoven");
    }

    #[test]
    fn ignore_articles_files_the_under_the_next_word() {
        let c = Collation::new(None, true).unwrap();
        assert_eq!(strip_article("The Rights Practice"), "Rights Practice");
        assert_eq!(strip_article("L'Œuvre d'Orient"), "Œuvre d'Orient");
        assert_eq!(strip_article("Theatre Uncut"), "Theatre Uncut");
        assert_eq!(strip_article("The"), "The");
        assert_eq!(
            sorted(
                &["The Rights Practice", "Safeguard Defenders", "Reporters"],
                &c
            ),
            ["Reporters", "The Rights Practice", "Safeguard Defenders"]
        );
    }

    #[test]
    fn sort_as_overrides_the_name() {
        let mut a = Signatory::new("Zebra Trust");
        a.rare.sort_as = Some("Aardvark".into());
        let b = Signatory::new("Beta");
        let c = root();
        assert!(c.key(&a) < c.key(&b));
    }

    #[test]
    fn primary_ignores_case_total_does_not() {
        let c = root();
        let a = c.key(&Signatory::new("ACAT-France"));
        let b = c.key(&Signatory::new("Acat-France"));
        assert_eq!(a.primary, b.primary);
        assert_ne!(a.total, b.total);
    }

    #[test]
    fn insertion_goes_after_equal_primary_by_full_key() {
        let c = root();
        let keys: Vec<SortKey> = ["Alpha", "Beta", "Gamma"]
            .iter()
            .map(|n| c.key(&Signatory::new(*n)))
            .collect();
        assert_eq!(insertion_index(&keys, &c.key(&Signatory::new("Delta"))), 2);
        assert_eq!(
            insertion_index(&keys, &c.key(&Signatory::new("Aardvark"))),
            0
        );
        assert_eq!(insertion_index(&keys, &c.key(&Signatory::new("Zeta"))), 3);
        assert_eq!(
            insertion_index(&keys, &c.key(&Signatory::new("beta"))),
            1,
            "lower case files before upper"
        );
    }

    #[test]
    fn moves_are_the_fewest_that_fix_the_order() {
        // One entry far out of place: only it moves, not its neighbours.
        let keys = [1, 2, 9, 3, 4, 5, 6];
        let m = moves(&keys);
        assert_eq!(
            m,
            vec![Move {
                index: 2,
                after: Some(6),
                before: None
            }]
        );
        // Belongs first.
        let m = moves(&[2, 3, 1]);
        assert_eq!(
            m,
            vec![Move {
                index: 2,
                after: None,
                before: Some(0)
            }]
        );
        assert!(moves(&[1, 1, 2]).is_empty());
    }
}
