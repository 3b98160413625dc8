//! Rule `shared-website`: one website or handle given by signers of different names that duplicate detection does not already hold as one signer.

use crate::dedupe::{DuplicateGroup, Tier, exact_key, link_key};
use crate::diagnostics::{Code, Finding};
use crate::model::{Kind, Signatory};
use crate::store::Loaded;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How many earlier holders of a link an entry is compared with: enough for
/// any real case, and a link given by thousands stays linear.
const EARLIER: usize = 16;

/// A warning on each entry that gives the link an earlier entry of another
/// name gave, unless the two are already a duplicate group (certain or
/// possible: `duplicate` reports them) or recorded as `distinct_from`.
///
/// Links are compared as duplicate detection reads them (scheme, "www.",
/// a trailing slash and the host's case aside; on a platform, the account).
/// A bare site given by a person is left out: it is an employer's or a
/// project's, which colleagues give too. Between organisations, or as a
/// profile or a page of its own, one link under two names is a spoof, one
/// signer twice, or a link given by mistake.
pub fn check(loaded: &Loaded, sigs: &[Signatory], groups: &[DuplicateGroup]) -> Vec<Finding> {
    let shared = shared_links(sigs);
    if shared.is_empty() {
        return Vec::new();
    }
    let known = Known::of(groups);
    let mut findings = Vec::new();
    for (key, holders) in shared {
        for (k, &m) in holders.iter().enumerate().skip(1) {
            let Some(&e) = holders[..k]
                .iter()
                .take(EARLIER)
                .find(|&&e| !known.related(sigs, e, m))
            else {
                continue;
            };
            let (a, b) = (&sigs[e as usize], &sigs[m as usize]);
            let f = Finding::warning(
                &loaded.name,
                Code::SharedWebsite,
                format!(
                    "\"{}\" and \"{}\" (line {}) give the same website, {key}: one signer under two names, or a link given by mistake? If they are different signers, record it with `undersigned distinct`",
                    b.name, a.name, a.pos.line
                ),
            );
            // Under `check --since`, reported when either entry is new.
            findings.push(
                loaded
                    .finding_at(f, b.pos, b.name.chars().count() + 2)
                    .involving(a.pos.line),
            );
        }
    }
    findings
}

/// The links more than one entry gives, each with its holders in list
/// order; the links in the order their first holder comes.
fn shared_links(sigs: &[Signatory]) -> Vec<(String, Vec<u32>)> {
    let mut first: HashMap<String, u32> = HashMap::default();
    let mut more: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, s) in sigs.iter().enumerate() {
        let Some((key, personal)) = s.website.as_deref().and_then(link_key) else {
            continue;
        };
        if !personal && s.kind == Kind::Individual {
            continue;
        }
        let i = i as u32;
        match first.get(&key) {
            Some(&f) => more.entry(f).or_default().push(i),
            None => {
                first.insert(key, i);
            }
        }
    }
    let mut out: Vec<(String, Vec<u32>)> = first
        .into_iter()
        .filter_map(|(key, f)| {
            let rest = more.remove(&f)?;
            Some((key, std::iter::once(f).chain(rest).collect()))
        })
        .collect();
    out.sort_unstable_by_key(|(_, holders)| holders[0]);
    out
}

/// What duplicate detection already says: each entry's certain group, and
/// the pairs of groups it reported as possibly one.
struct Known {
    root: HashMap<u32, u32>,
    possible: HashSet<(u32, u32)>,
}

impl Known {
    fn of(groups: &[DuplicateGroup]) -> Self {
        let mut root = HashMap::default();
        for g in groups.iter().filter(|g| g.tier == Tier::Certain) {
            for &m in &g.members {
                root.insert(m as u32, g.members[0] as u32);
            }
        }
        let mut known = Known {
            root,
            possible: HashSet::default(),
        };
        for g in groups.iter().filter(|g| g.tier == Tier::Possible) {
            for (k, &a) in g.members.iter().enumerate() {
                for &b in &g.members[k + 1..] {
                    let pair = known.pair(a as u32, b as u32);
                    known.possible.insert(pair);
                }
            }
        }
        known
    }

    fn root(&self, i: u32) -> u32 {
        self.root.get(&i).copied().unwrap_or(i)
    }

    fn pair(&self, a: u32, b: u32) -> (u32, u32) {
        let (a, b) = (self.root(a), self.root(b));
        (a.min(b), a.max(b))
    }

    /// Whether two entries are one signer, perhaps one, or recorded as two.
    fn related(&self, sigs: &[Signatory], a: u32, b: u32) -> bool {
        let pair = self.pair(a, b);
        if pair.0 == pair.1 || self.possible.contains(&pair) {
            return true;
        }
        let (x, y) = (&sigs[a as usize], &sigs[b as usize]);
        let (kx, ky) = (exact_key(&x.name), exact_key(&y.name));
        let reviewed =
            |s: &Signatory, other: &str| s.rare.distinct_from.iter().any(|d| exact_key(d) == other);
        kx == ky || reviewed(x, &ky) || reviewed(y, &kx)
    }
}
