//! Handles (`@octocat`, `@user@mastodon.social`, `github: octocat`) as the address of the signer's profile on its platform.

use super::fold;
use crate::error::Error;
use std::sync::OnceLock;

/// data/import-folder.toml's `[handles]`: platform key (folded) → address
/// template, in the file's order (the order a file's handles are tried in).
pub fn platforms() -> &'static [(String, String)] {
    static T: OnceLock<Vec<(String, String)>> = OnceLock::new();
    T.get_or_init(|| {
        let doc: toml_edit::DocumentMut = include_str!("../../data/import-folder.toml")
            .parse()
            .expect("data/import-folder.toml is valid TOML");
        let table = doc["handles"].as_table().expect("a [handles] table");
        table
            .iter()
            .filter_map(|(k, v)| Some((fold(k), v.as_str()?.to_string())))
            .collect()
    })
}

/// The characters of a user name on these platforms ("lady_ada_king", "sashadev-sky", "jane.bsky.social").
fn is_user(s: &str) -> bool {
    (1..=64).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && !s.starts_with(['.', '-'])
        && !s.ends_with('.')
}

/// `user@host` (the leading `@` taken off) as the address of a fediverse profile.
fn fediverse(h: &str) -> Option<String> {
    let (user, host) = h.split_once('@')?;
    let host_ok = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c));
    (is_user(user) && host_ok).then(|| format!("https://{host}/@{user}"))
}

/// The profile address of `value`, given under the key of `platform` (folded);
/// a value that is already an address is kept. `Err` says why it is not a handle.
pub fn profile(platform: &str, value: &str) -> crate::error::Result<String> {
    let value = value.trim();
    if value.contains("://") {
        return Ok(value.to_string());
    }
    let template = platforms()
        .iter()
        .find(|(k, _)| k == platform)
        .map(|(_, t)| t.as_str())
        .ok_or_else(|| Error::msg(format!("{platform} is not a platform this tool knows")))?;
    let h = value.strip_prefix('@').unwrap_or(value);
    if template == "fediverse" {
        return fediverse(h)
            .ok_or_else(|| Error::msg(format!("{platform} \"{value}\" is not @user@server")));
    }
    if is_user(h) {
        Ok(template.replace("{}", h))
    } else {
        Err(Error::msg(format!(
            "{platform} \"{value}\" is not a user name"
        )))
    }
}

/// A handle written in a list (`@torgo`, `@sed@social.restless.systems`): the
/// address of its profile. A bare `@name` is a GitHub account, as in the
/// letters signed by pull request that write them so; `@user@host` is a
/// fediverse account. `None` when it is not a handle, or not one GitHub
/// allows (letters of other platforms: "@lady_ada_king").
pub fn written(token: &str) -> Option<String> {
    let h = token.strip_prefix('@')?;
    if h.contains('@') {
        return fediverse(h);
    }
    // GitHub: letters, digits and single hyphens, at most 39.
    let github = h.len() <= 39
        && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !h.starts_with('-')
        && !h.contains("--");
    (github && !h.is_empty()).then(|| format!("https://github.com/{h}"))
}

/// Whether `token` is written as a handle: `@name` or `@user@host`.
pub fn is_handle(token: &str) -> bool {
    token
        .strip_prefix('@')
        .is_some_and(|h| match h.split_once('@') {
            Some(_) => fediverse(h).is_some(),
            None => is_user(h),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_become_profile_addresses() {
        assert_eq!(
            profile("github", "octocat").unwrap(),
            "https://github.com/octocat"
        );
        assert_eq!(
            profile("github", "@octocat").unwrap(),
            "https://github.com/octocat"
        );
        assert_eq!(
            profile("mastodon", "@user@mastodon.social").unwrap(),
            "https://mastodon.social/@user"
        );
        assert!(profile("mastodon", "user").is_err());
        assert!(profile("github", "two words").is_err());
        assert_eq!(
            profile("twitter", "https://x.com/a").unwrap(),
            "https://x.com/a"
        );
        assert_eq!(
            written("@torgo").as_deref(),
            Some("https://github.com/torgo")
        );
        assert_eq!(
            written("@sed@social.restless.systems").as_deref(),
            Some("https://social.restless.systems/@sed")
        );
        assert_eq!(written("@lady_ada_king"), None);
        assert!(is_handle("@lady_ada_king"));
        assert!(!is_handle("someone@example.org"));
    }
}
