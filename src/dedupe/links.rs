//! A signer's website or handle as a comparable key: the same link written two ways is one key, a link that identifies nobody is none.

use super::normalize::tables;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const LINKS: &str = include_str!("../../data/dedupe/links.toml");

/// The tables of data/dedupe/links.toml.
struct LinkTables {
    placeholder_hosts: HashSet<String>,
    placeholder_links: HashSet<String>,
    account_after: HashSet<String>,
    host_aliases: HashMap<String, String>,
}

fn link_tables() -> &'static LinkTables {
    static TABLES: OnceLock<LinkTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let doc: toml_edit::DocumentMut =
            LINKS.parse().expect("data/dedupe/links.toml is valid TOML");
        let list = |key: &str| -> HashSet<String> {
            doc[key]
                .as_array()
                .unwrap_or_else(|| panic!("data/dedupe/links.toml: {key} must be an array"))
                .iter()
                .filter_map(|v| v.as_str().map(str::to_lowercase))
                .collect()
        };
        let host_aliases = doc["host_aliases"]
            .as_table()
            .map(|t| {
                t.iter()
                    .filter_map(|(k, v)| Some((k.to_lowercase(), v.as_str()?.to_lowercase())))
                    .collect()
            })
            .unwrap_or_default();
        LinkTables {
            placeholder_hosts: list("placeholder_hosts"),
            placeholder_links: list("placeholder_links"),
            account_after: list("account_after"),
            host_aliases,
        }
    })
}

/// A link's keys: `site` says which site it is (the host, or the account on
/// a shared platform), `page` which page (the site plus the rest of the path
/// off a platform, where a person's page is often one of many on a host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    pub site: String,
    pub page: String,
    /// Whether the link names one page rather than a bare site: an account
    /// on a platform, "/~name", or any path. Only such a link can be a person's own.
    pub personal: bool,
}

/// The keys of a website or handle as given, or None when it identifies
/// nobody: scheme, "www.", a trailing slash, the query and the case of the
/// host make no difference; on a shared platform ("github.com/JDoe",
/// "twitter.com/jdoe") neither does the case of the account, nor anything
/// after it. A bare platform ("github.com"), a placeholder (example.org,
/// GitHub's "ghost" account) or a text without a host gives None.
pub(super) fn link(url: &str) -> Option<Link> {
    read(url).ok()
}

/// Why a link gives no key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nobody {
    /// No host at all: not a link.
    NotALink,
    /// A link that stands in for one: a documentation example, a form, a
    /// bare platform, a platform's own page, GitHub's "ghost" account.
    Placeholder,
}

/// Whether `url` is a link that identifies nobody although it looks like
/// one (a placeholder or a bare platform), which a signer's website should
/// never be. A text without a host is not a link at all, and is not one.
pub fn is_placeholder_link(url: &str) -> bool {
    read(url) == Err(Nobody::Placeholder)
}

/// The key two websites share when they are one link (the same page, or
/// the same account on a platform), and whether it names one page rather
/// than a bare site; None for a link that identifies nobody.
pub fn link_key(url: &str) -> Option<(String, bool)> {
    link(url).map(|l| (l.page, l.personal))
}

fn read(url: &str) -> Result<Link, Nobody> {
    let t = link_tables();
    let raw = url.trim();
    let raw = raw.split_once("://").map_or(raw, |(_, r)| r);
    let end = raw.find(['/', '?', '#']).unwrap_or(raw.len());
    let host = raw[..end]
        .rsplit('@')
        .next()
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = t.host_aliases.get(host).map_or(host, String::as_str);
    // A placeholder's subdomains are placeholders too ("blog.example.org").
    let placeholder = std::iter::successors(Some(host), |h| h.split_once('.').map(|(_, r)| r))
        .any(|h| t.placeholder_hosts.contains(h));
    if host.is_empty() || !host.contains('.') {
        return Err(Nobody::NotALink);
    }
    if placeholder {
        return Err(Nobody::Placeholder);
    }
    let path = raw[end..].split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let first = segments.next();
    // An account on a platform: the first part of the path, or the next
    // one after a kind of page; on any host, "/@name" and "/~name".
    let shared = tables().is_shared_host(host);
    let personal = first.is_some_and(|s| s.starts_with(['@', '~']));
    if shared || personal {
        let first = first.ok_or(Nobody::Placeholder)?.to_lowercase();
        let mut account = first.trim_start_matches('@').to_string();
        if shared && t.account_after.contains(&format!("{host}/{first}")) {
            let next = segments.next().ok_or(Nobody::Placeholder)?;
            account = format!("{first}/{}", next.to_lowercase());
        }
        let key = format!("{host}/{account}");
        if account.is_empty() || t.placeholder_links.contains(&key) {
            return Err(Nobody::Placeholder);
        }
        return Ok(Link {
            site: key.clone(),
            page: key,
            personal: true,
        });
    }
    let rest: Vec<&str> = std::iter::once(first).flatten().chain(segments).collect();
    let page = if rest.is_empty() {
        host.to_string()
    } else {
        format!("{host}/{}", rest.join("/"))
    };
    Ok(Link {
        site: host.to_string(),
        personal: !rest.is_empty(),
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Option<String> {
        link(url).map(|l| l.page)
    }

    fn site(url: &str) -> Option<String> {
        link(url).map(|l| l.site)
    }

    #[test]
    fn scheme_www_trailing_slash_and_the_hosts_case_make_no_difference() {
        let one = page("https://yohannvalentin.com");
        assert_eq!(one.as_deref(), Some("yohannvalentin.com"));
        for same in [
            "https://yohannvalentin.com/",
            "http://www.YohannValentin.com/",
            "yohannvalentin.com?ref=letter",
        ] {
            assert_eq!(page(same), one, "{same}");
        }
        // Off a platform, the path names a page of its own.
        assert_ne!(
            page("https://uni.example.edu.au/people/jdoe"),
            page("https://uni.example.edu.au/people/asmith")
        );
        assert_eq!(
            site("https://uni.example.edu.au/people/jdoe"),
            site("https://uni.example.edu.au/people/asmith")
        );
    }

    #[test]
    fn a_platform_account_is_the_key_whatever_its_case_or_what_follows() {
        assert_eq!(
            page("https://github.com/JKirchartz"),
            page("github.com/jkirchartz/dotfiles")
        );
        assert_eq!(page("https://x.com/Jdoe"), page("twitter.com/jdoe/"));
        assert_ne!(page("github.com/alice"), page("github.com/bob"));
        // The account after a kind of page, not the kind.
        assert_ne!(
            page("https://www.linkedin.com/in/jfaugier/"),
            page("https://www.linkedin.com/in/guillaume-augier-29928452/")
        );
        // "@name" and "~name" are accounts on any host.
        assert_ne!(
            page("https://social.coop/@alice"),
            page("https://social.coop/@bob")
        );
        assert_ne!(site("https://sr.ht/~alice"), site("https://sr.ht/~bob"));
    }

    #[test]
    fn placeholders_and_bare_platforms_identify_nobody() {
        for nobody in [
            "https://github.com/ghost",
            "github.com",
            "https://gitlab.com/",
            "twitter.com",
            "https://example.org/me",
            "http://www.example.com",
            "https://blog.example.org/about",
            "https://www.linkedin.com/in/",
            "https://docs.google.com/forms/d/e/1FAIpQL/viewform",
            "n/a",
            "",
        ] {
            assert_eq!(link(nobody), None, "{nobody}");
        }
    }

    #[test]
    fn a_placeholder_link_is_told_from_a_text_that_is_no_link() {
        for placeholder in [
            "https://github.com/ghost",
            "https://GitHub.com/Ghost/",
            "https://github.com/",
            "http://www.github.com",
            "https://example.com",
            "https://blog.example.org/about",
            "https://www.linkedin.com/in/",
            "https://twitter.com/intent/tweet?text=x",
            "https://social.coop/@",
        ] {
            assert!(is_placeholder_link(placeholder), "{placeholder}");
        }
        for not_one in [
            "n/a",
            "",
            "localhost",
            "https://github.com/ghostwriter",
            "https://gnome.org",
            "https://x.com/jdoe",
        ] {
            assert!(!is_placeholder_link(not_one), "{not_one}");
        }
    }

    #[test]
    fn one_link_written_two_ways_has_one_key() {
        assert_eq!(
            link_key("https://GitHub.com/JDoe/"),
            Some(("github.com/jdoe".to_string(), true))
        );
        assert_eq!(
            link_key("http://www.gnome.org/"),
            link_key("https://gnome.org")
        );
        assert_eq!(link_key("https://gnome.org").map(|k| k.1), Some(false));
        assert_eq!(link_key("https://github.com/ghost"), None);
    }
}
