//! Word tables shipped in data/: country codes and names, leading articles.

use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ARTICLES: &str = include_str!("../data/articles.txt");
const COUNTRY_ALIASES: &str = include_str!("../data/country-aliases.tsv");
const SURNAME_PARTICLES: &str = include_str!("../data/surname-particles.txt");

/// Lines of a data file without comments and blank lines.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// ISO 3166-1 alpha-2 code to the English name a published list would print.
pub fn countries() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(COUNTRIES)
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// Other spellings of countries (folded: lower case, punctuation as spaces) to their code.
pub fn country_aliases() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(COUNTRY_ALIASES)
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// Leading articles, lower case; a trailing apostrophe marks an elided one (`l'`).
pub fn articles() -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<&'static str>> = OnceLock::new();
    TABLE.get_or_init(|| data_lines(ARTICLES).map(str::trim).collect())
}

/// Words around a family name and their role (`particle`, `prefix`, ...).
pub fn surname_particles() -> &'static [(&'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(SURNAME_PARTICLES)
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_table_has_every_iso_code_once() {
        let t = countries();
        assert!(t.len() >= 249, "{}", t.len());
        assert_eq!(t.get("TW"), Some(&"Taiwan"));
        assert_eq!(t.get("FR"), Some(&"France"));
        assert!(
            t.keys()
                .all(|k| k.len() == 2 && k.chars().all(|c| c.is_ascii_uppercase()))
        );
    }

    #[test]
    fn every_country_alias_points_at_a_known_code() {
        assert!(country_aliases().len() > 20);
        for (alias, code) in country_aliases() {
            assert!(countries().contains_key(code), "{alias} → {code}");
        }
    }

    #[test]
    fn every_surname_particle_has_a_known_role_and_is_lower_case() {
        let roles = ["particle", "prefix", "article", "conjunction", "suffix"];
        assert!(surname_particles().len() > 40);
        for (word, role) in surname_particles() {
            assert!(roles.contains(role), "{word}: {role}");
            assert_eq!(word.to_lowercase(), *word);
        }
    }

    #[test]
    fn article_table_is_loaded_without_comments() {
        assert!(articles().contains(&"the"));
        assert!(articles().contains(&"l'"));
        assert!(!articles().iter().any(|a| a.starts_with('#')));
    }
}
