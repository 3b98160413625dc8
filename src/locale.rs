//! Words of press-ready lists per language, loaded from data/locales.toml.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::OnceLock;

const LOCALES: &str = include_str!("../data/locales.toml");
const COUNTRY_NAMES: &str = include_str!("../data/country-names.tsv");

/// The words one language uses in headings, sections and footnotes.
#[derive(Debug, Clone)]
pub struct Words {
    pub tag: String,
    words: HashMap<String, String>,
    months: Vec<String>,
}

struct Table {
    locales: Vec<Words>,
    local_name_languages: Vec<String>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let doc: toml_edit::DocumentMut = LOCALES.parse().expect("data/locales.toml is valid TOML");
        let mut locales = Vec::new();
        let mut local_name_languages = Vec::new();
        for (tag, item) in doc.iter() {
            let Some(t) = item.as_table() else { continue };
            if tag == "local_name" {
                local_name_languages = strings(t.get("languages"));
                continue;
            }
            let words = t
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.to_string(), s.to_string())))
                .collect();
            locales.push(Words {
                tag: tag.to_string(),
                words,
                months: strings(t.get("months")),
            });
        }
        Table {
            locales,
            local_name_languages,
        }
    })
}

fn strings(item: Option<&toml_edit::Item>) -> Vec<String> {
    item.and_then(toml_edit::Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The primary language subtag of a tag: `zh-Hant` → `zh`.
fn language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Languages with words for lists.
pub fn supported() -> Vec<&'static str> {
    table().locales.iter().map(|w| w.tag.as_str()).collect()
}

/// The words for `tag` (by its language), if the data has them.
pub fn words(tag: &str) -> Option<&'static Words> {
    let lang = language(tag);
    table().locales.iter().find(|w| w.tag == lang)
}

/// Whether lists in this language print a signer's `local_name`.
pub fn shows_local_name(tag: &str) -> bool {
    let lang = language(tag);
    table().local_name_languages.contains(&lang)
}

impl Words {
    pub fn get(&self, key: &str) -> &str {
        self.words.get(key).map_or("", String::as_str)
    }

    fn count(&self, n: usize, one: &str, many: &str) -> String {
        self.get(if n == 1 { one } else { many })
            .replace("{n}", &n.to_string())
    }

    pub fn date(&self, d: NaiveDate) -> String {
        let month = self
            .months
            .get(d.month0() as usize)
            .map_or("", String::as_str);
        self.get("date")
            .replace("{day}", &d.day().to_string())
            .replace("{month}", month)
            .replace("{year}", &d.year().to_string())
    }

    /// "32 organisations and 5 individuals, as of 21 September 2023".
    pub fn heading(&self, orgs: usize, people: usize, as_of: NaiveDate) -> String {
        let o = self.count(orgs, "organisation", "organisations");
        let p = self.count(people, "individual", "individuals");
        let counts = match (orgs, people) {
            (_, 0) => o,
            (0, _) => p,
            _ => self
                .get("both")
                .replace("{orgs}", &o)
                .replace("{people}", &p),
        };
        self.get("as_of")
            .replace("{counts}", &counts)
            .replace("{date}", &self.date(as_of))
    }
}

/// Which names a list gives countries: those of its language where
/// data/country-names.tsv has them (CLDR), else the English ones of
/// data/countries.tsv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CountryNames {
    /// The column of data/country-names.tsv; `None` for English.
    column: Option<usize>,
}

/// The columns' language tags, and each code's names in column order.
struct CountryTable {
    tags: Vec<&'static str>,
    names: HashMap<&'static str, Vec<&'static str>>,
}

fn country_table() -> &'static CountryTable {
    static T: OnceLock<CountryTable> = OnceLock::new();
    T.get_or_init(|| {
        let mut lines = COUNTRY_NAMES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t'));
        let tags = lines
            .next()
            .map(|h| h.skip(1).collect())
            .unwrap_or_default();
        let names = lines
            .filter_map(|mut cells| Some((cells.next()?, cells.collect())))
            .collect();
        CountryTable { tags, names }
    })
}

impl CountryNames {
    /// The names for a list in `tag`: `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO`
    /// take the traditional characters, other `zh` tags the simplified ones.
    pub fn for_tag(tag: &str) -> Self {
        let lang = language(tag);
        let traditional = tag
            .split(['-', '_'])
            .skip(1)
            .any(|p| ["hant", "tw", "hk", "mo"].contains(&p.to_ascii_lowercase().as_str()));
        let wanted = if lang == "zh" && traditional {
            "zh-Hant".to_string()
        } else {
            lang
        };
        Self {
            column: country_table().tags.iter().position(|t| *t == wanted),
        }
    }

    /// The country's name for a code of data/countries.tsv.
    pub fn name(self, code: &str) -> Option<&'static str> {
        match self.column {
            None => crate::tables::countries().get(code).copied(),
            Some(c) => country_table()
                .names
                .get(code)
                .and_then(|n| n.get(c).copied()),
        }
    }

    /// The language the names are in, for their collation order.
    pub fn language(self) -> &'static str {
        self.column.map_or("en", |c| country_table().tags[c])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 9, 21).unwrap()
    }

    #[test]
    fn headings_in_each_language() {
        assert_eq!(
            words("en").unwrap().heading(32, 5, d()),
            "32 organisations and 5 individuals, as of 21 September 2023"
        );
        assert_eq!(
            words("en-GB").unwrap().heading(1, 0, d()),
            "1 organisation, as of 21 September 2023"
        );
        assert_eq!(
            words("fr").unwrap().heading(32, 5, d()),
            "32 organisations et 5 personnes, au 21 septembre 2023"
        );
        assert_eq!(
            words("es").unwrap().heading(32, 1, d()),
            "32 organizaciones y 1 persona, a 21 de septiembre de 2023"
        );
        assert_eq!(
            words("zh-Hant").unwrap().heading(32, 5, d()),
            "截至2023年9月21日，共32个组织和5位个人"
        );
        assert!(words("xx").is_none());
    }

    #[test]
    fn country_names_in_each_language_for_every_code() {
        let name = |tag, code| CountryNames::for_tag(tag).name(code);
        assert_eq!(name("fr", "BY"), Some("Biélorussie"));
        assert_eq!(name("fr-CA", "GB"), Some("Royaume-Uni"));
        assert_eq!(name("es", "GB"), Some("Reino Unido"));
        assert_eq!(name("zh", "GB"), Some("英国"));
        assert_eq!(name("zh-Hant", "GB"), Some("英國"));
        assert_eq!(name("zh-TW", "GB"), Some("英國"));
        assert_eq!(name("en", "GB"), Some("United Kingdom"));
        // A language without names of its own keeps the English ones.
        assert_eq!(name("de", "GB"), Some("United Kingdom"));
        assert_eq!(CountryNames::for_tag("de").language(), "en");
        for tag in ["es", "fr", "zh", "zh-Hant"] {
            let names = CountryNames::for_tag(tag);
            assert_eq!(names.language(), tag);
            for code in crate::tables::countries().keys() {
                assert!(
                    names.name(code).is_some_and(|n| !n.is_empty()),
                    "{tag} {code}"
                );
            }
        }
    }

    #[test]
    fn every_language_has_every_key() {
        let en = words("en").unwrap();
        for tag in supported() {
            let w = words(tag).unwrap();
            for k in en.words.keys() {
                assert!(!w.get(k).is_empty(), "{tag} lacks {k}");
            }
            assert_eq!(w.months.len(), 12, "{tag}");
        }
        assert!(shows_local_name("zh-Hant") && !shows_local_name("en"));
    }
}
