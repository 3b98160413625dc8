//! Helpers for driving the real binary against a scratch statements directory.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const SEED: &str = "huang-wang-2023";

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory holding a `statements/` folder.
pub struct Scratch {
    pub tmp: TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        let tmp = TempDir::new().expect("temp dir");
        fs::create_dir(tmp.path().join("statements")).expect("statements dir");
        Self { tmp }
    }

    /// With the shipped example statement copied in, reopened for signatures:
    /// it is `published`, which refuses additions, and most tests add to it.
    pub fn with_seed() -> Self {
        let s = Self::with_published_seed();
        let text = s
            .read(SEED)
            .replace("status = \"published\"", "status = \"open\"");
        fs::write(s.path(SEED), text).expect("reopen seed");
        s
    }

    /// With the shipped example statement copied in as it is.
    pub fn with_published_seed() -> Self {
        let s = Self::new();
        let seed = manifest_dir()
            .join("statements")
            .join(format!("{SEED}.toml"));
        fs::copy(seed, s.path(SEED)).expect("copy seed");
        s
    }

    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("statements")
    }

    pub fn path(&self, id: &str) -> PathBuf {
        self.dir().join(format!("{id}.toml"))
    }

    pub fn write(&self, id: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(id);
        fs::write(&p, bytes).expect("write fixture");
        p
    }

    pub fn read(&self, id: &str) -> String {
        fs::read_to_string(self.path(id)).expect("read statement")
    }

    pub fn bytes(&self, id: &str) -> Vec<u8> {
        fs::read(self.path(id)).expect("read statement")
    }

    /// The binary, run in the scratch directory with a fixed, colourless terminal.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin!("undersigned"));
        c.current_dir(self.tmp.path())
            .env_remove("UNDERSIGNED_DIR")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200");
        c
    }
}

impl Scratch {
    /// The binary as a plain process, for tests that spawn several at once or kill one.
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("undersigned"));
        c.current_dir(self.tmp.path())
            .env_remove("UNDERSIGNED_DIR")
            .env("NO_COLOR", "1");
        c
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

pub fn fixture(name: &str) -> String {
    fs::read_to_string(manifest_dir().join("tests/fixtures").join(name)).expect("fixture")
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// Real git in a test repository, with a fixed identity and, when given, a fixed date.
pub fn git(dir: &Path, args: &[&str], date: Option<&str>) -> std::process::Output {
    let mut c = std::process::Command::new("git");
    c.current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid");
    if let Some(d) = date {
        c.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    c.output().expect("git runs")
}

/// The fixture's names: each line split on its last ` # `; `\u{...}` is one code point, `\\` one backslash.
pub fn hostile_names() -> Vec<(String, String)> {
    fixture("hostile-names.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (name, why) = l.rsplit_once(" # ").expect("name # why");
            (unescape(name), why.to_string())
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        if let Some(hex) = tail.strip_prefix("u{") {
            let end = hex.find('}').expect("closing brace");
            out.push(char::from_u32(u32::from_str_radix(&hex[..end], 16).unwrap()).unwrap());
            rest = &hex[end + 1..];
        } else if let Some(t) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = t;
        } else {
            out.push('\\');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}
