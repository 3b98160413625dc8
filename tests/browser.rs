//! The HTML export in a real browser: headless Chromium shows every name as itself and runs nothing.

mod common;

use common::{Scratch, fixture, stderr, stdout};
use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").ok(),
        Some("/usr/bin/chromium".into()),
        Some("/usr/bin/chromium-browser".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_html_fragment_renders_every_name_as_itself_in_chromium() {
    let Some(browser) = chromium() else {
        // .ci/run installs Chromium, so in CI a missing browser is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium: .ci/run installs it"
        );
        eprintln!("skipped: no chromium (apt-get install chromium, or set CHROMIUM)");
        return;
    };
    let s = Scratch::new();
    s.cmd()
        .args(["new", "web", "--title", "Free them <b>now</b>"])
        .assert()
        .success();
    for line in fixture("hostile-names.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let (raw, _) = line.rsplit_once(" # ").unwrap();
        let name = raw.replace("\\\\", "\u{0}BS").replace("\\u{", "\u{0}U{");
        // Names with escapes are covered by the export tests; here, the ones a page must survive as written.
        if name.contains('\u{0}') {
            continue;
        }
        let _ = s
            .cmd()
            .args(["add", "web", "--"])
            .arg(&name)
            .output()
            .unwrap();
    }
    s.cmd()
        .args([
            "add",
            "web",
            "Kwame Mensah",
            "--kind",
            "individual",
            "--affiliation",
            "Universidad <Central>",
        ])
        .assert()
        .success();
    let out = s
        .cmd()
        .args(["export", "web", "--format", "text"])
        .output()
        .unwrap();
    let expected: Vec<String> = stdout(&out)
        .split("\n\n")
        .flat_map(|sec| sec.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| !l.starts_with("* "))
        .collect();
    assert!(expected.len() > 25, "{expected:?}");
    let out = s
        .cmd()
        .args(["export", "web", "--format", "html", "--heading"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let fragment = stdout(&out);

    // A page as a press officer would make it: the fragment pasted between two scripts.
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title>\
         <script>window.ran = []; window.alert = (x) => window.ran.push(String(x));</script></head><body>\n\
         {fragment}\n<script>\
         const sec = document.querySelector('section.signatories');\
         const out = {{ items: [...sec.querySelectorAll('li')].map(li => li.innerText), \
           heading: sec.querySelector('h2').innerText, \
           footnote: (sec.querySelector('p.footnote') || {{innerText: ''}}).innerText, \
           elements: [...sec.querySelectorAll('*')].map(e => e.tagName.toLowerCase()).filter((t, i, a) => a.indexOf(t) === i).sort(), \
           ran: window.ran }};\
         const pre = document.createElement('pre'); pre.id = 'result'; pre.textContent = JSON.stringify(out);\
         document.body.appendChild(pre);</script></body></html>"
    );
    let page_path = s.tmp.path().join("page.html");
    std::fs::write(&page_path, page).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page_path.display()))
        .output()
        .expect("chromium runs");
    let dom = stdout(&out);
    let start = dom
        .find("<pre id=\"result\">")
        .unwrap_or_else(|| panic!("no result in the page: {}", stderr(&out)))
        + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let result: serde_json::Value = serde_json::from_str(&unescape_html(&dom[start..end])).unwrap();

    let items: Vec<String> = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(items, expected, "every name shows as itself, in order");
    assert_eq!(
        result["heading"]
            .as_str()
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .split(' ')
            .nth(1),
        Some("organisations")
    );
    assert_eq!(
        result["footnote"],
        "* Affiliation for identification purposes only"
    );
    assert_eq!(
        result["elements"],
        serde_json::json!(["bdi", "h2", "li", "p", "ul"]),
        "no markup from any name"
    );
    assert_eq!(
        result["ran"],
        serde_json::json!([]),
        "no script from any name ran"
    );
}
