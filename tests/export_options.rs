//! Export options: the format from `-o`'s extension, country names in the list's language, `--links`,
//! and Markdown that escapes only what would change the rendering.

mod common;

use common::{SEED, Scratch, stderr, stdout};

/// `export ARGS…` in the scratch directory.
fn export(s: &Scratch, args: &[&str]) -> std::process::Output {
    s.cmd().arg("export").args(args).output().unwrap()
}

#[test]
fn the_format_comes_from_the_output_extension_when_format_is_absent() {
    let s = Scratch::with_seed();
    for (file, format) in [
        ("l.md", "markdown"),
        ("l.markdown", "markdown"),
        ("l.csv", "csv"),
        ("L.CSV", "csv"),
        ("l.txt", "text"),
        ("l.json", "json"),
        ("l.html", "html"),
        ("l.htm", "html"),
    ] {
        let inferred = s.tmp.path().join(file);
        let out = export(&s, &[SEED, "-o", inferred.to_str().unwrap()]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let asked = export(&s, &[SEED, "--format", format]);
        assert_eq!(
            std::fs::read(&inferred).unwrap(),
            asked.stdout,
            "{file} is written as {format}"
        );
    }
    // An explicit --format wins over the extension.
    let target = s.tmp.path().join("list.txt");
    let out = export(
        &s,
        &[SEED, "--format", "csv", "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("\"name\"")
    );
}

#[test]
fn an_unknown_extension_without_format_exits_2_naming_the_known_ones() {
    let s = Scratch::with_seed();
    for file in ["list.xlsx", "list"] {
        let target = s.tmp.path().join(file);
        let out = export(&s, &[SEED, "-o", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.contains(file), "names the file: {err}");
        for ext in [".md", ".markdown", ".csv", ".txt", ".json", ".html", ".htm"] {
            assert!(err.contains(ext), "{ext} in {err}");
        }
        assert!(!target.exists(), "nothing written");
    }
}

#[test]
fn standard_output_without_format_still_exits_2_asking_for_format() {
    let s = Scratch::with_seed();
    let out = export(&s, &[SEED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("--format") && err.contains(".csv"), "{err}");
}

/// Every list item of a Markdown document: its text and the links it holds.
fn rendered(markdown: &str) -> Vec<(String, Vec<String>)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut items = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    let opts = Options::all().difference(Options::ENABLE_SMART_PUNCTUATION);
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Start(Tag::Item) => current = Some(Default::default()),
            Event::End(TagEnd::Item) => items.push(current.take().expect("in an item")),
            Event::Start(Tag::Link { dest_url, .. }) => {
                current.as_mut().unwrap().1.push(dest_url.to_string())
            }
            Event::Text(t) => current.as_mut().expect("text in an item").0.push_str(&t),
            Event::Start(Tag::List(_) | Tag::Paragraph)
            | Event::End(TagEnd::List(_) | TagEnd::Paragraph | TagEnd::Link) => {}
            other => panic!("markdown rendered more than text and links: {other:?}\n{markdown}"),
        }
    }
    items
}

/// A statement `x` with these signers (TOML inline tables), in order.
fn statement(s: &Scratch, signers: &[&str]) {
    let mut text = String::from("title = \"T\"\nsignatory = [\n");
    for sig in signers {
        text.push_str(&format!("  {{ {sig} }},\n"));
    }
    text.push_str("]\n");
    s.write("x", text);
    s.cmd().args(["sort", "x"]).assert().success();
}

#[test]
fn markdown_leaves_ordinary_punctuation_of_names_unescaped() {
    let s = Scratch::new();
    let names = [
        "Al-Haq",
        "Amnesty International (AI)",
        "Médecins Sans Frontières & Co",
        "C.I.V.I.C.U.S.",
        "Human Rights Watch: Asia, Division!",
        "O'Brien \"Trust\"",
        "snake_case Collective",
        "Rights @ Work",
        "50% Foundation",
        "A+B = Together",
        "Yes/No; Maybe?",
        "AT&T Workers Union",
    ];
    let signers: Vec<String> = names
        .iter()
        .map(|n| format!("name = {}", toml_edit::value(*n)))
        .collect();
    statement(&s, &signers.iter().map(String::as_str).collect::<Vec<_>>());
    let out = export(&s, &["x", "--format", "markdown"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    for name in names {
        assert!(
            md.contains(&format!("- {name}\n")),
            "{name:?} escaped:\n{md}"
        );
    }
    let texts: Vec<String> = rendered(&md).into_iter().map(|i| i.0).collect();
    assert_eq!(texts.len(), names.len());
    for name in names {
        assert!(
            texts.iter().any(|t| t == name),
            "{name:?} renders as itself"
        );
    }
}

#[test]
fn markdown_still_escapes_what_would_render_as_markup() {
    let s = Scratch::new();
    let cases = [
        ("1. Mai Verein", "1\\. Mai Verein"),
        ("# Hashtag Org", "\\# Hashtag Org"),
        ("> Quoted Org", "\\> Quoted Org"),
        ("+ Plus Org", "\\+ Plus Org"),
        ("*Star* Alliance", "\\*Star\\* Alliance"),
        ("__init__ Foundation", "\\_\\_init\\_\\_ Foundation"),
        ("[Link](x) Org", "\\[Link\\](x) Org"),
        ("Org &amp; Co", "Org \\&amp; Co"),
        ("Org <b>Bold</b>", "Org \\<b>Bold\\</b>"),
        ("Back\\slash Org", "Back\\\\slash Org"),
        ("`Code` Org", "\\`Code\\` Org"),
        ("~~Struck~~ Org", "\\~\\~Struck\\~\\~ Org"),
    ];
    let signers: Vec<String> = cases
        .iter()
        .map(|(n, _)| format!("name = {}", toml_edit::value(*n)))
        .collect();
    statement(&s, &signers.iter().map(String::as_str).collect::<Vec<_>>());
    let out = export(&s, &["x", "--format", "markdown", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    for (name, escaped) in cases {
        assert!(md.contains(&format!("- {escaped}\n")), "{name:?}:\n{md}");
    }
    let texts: Vec<String> = rendered(&md).into_iter().map(|i| i.0).collect();
    for (name, _) in cases {
        assert!(
            texts.iter().any(|t| t == name),
            "{name:?} renders as itself: {texts:?}"
        );
    }
}

#[test]
fn links_make_names_with_a_website_links_in_markdown_and_html_only_when_asked() {
    let s = Scratch::new();
    statement(
        &s,
        &[
            "name = \"Amnesty International\", acronym = \"AI\", website = \"https://www.amnesty.org/en/\"",
            "name = \"Plain Org\"",
            "name = \"Quote Org\", website = \"https://quote-org.net/a?b=1&c=\\\"><script>x</script>(y)\"",
        ],
    );
    let md = stdout(&export(&s, &["x", "--format", "markdown", "--links"]));
    assert!(
        md.contains("- [Amnesty International](https://www.amnesty.org/en/) (AI)\n"),
        "{md}"
    );
    assert!(md.contains("- Plain Org\n"), "{md}");
    let items = rendered(&md);
    assert_eq!(
        items[0],
        (
            "Amnesty International (AI)".to_string(),
            vec!["https://www.amnesty.org/en/".to_string()]
        )
    );
    assert_eq!(items[1], ("Plain Org".to_string(), vec![]));
    assert_eq!(items[2].0, "Quote Org");
    assert_eq!(
        items[2].1,
        vec!["https://quote-org.net/a?b=1&c=%22%3E%3Cscript%3Ex%3C/script%3E%28y%29".to_string()]
    );

    let html = stdout(&export(&s, &["x", "--format", "html", "--links"]));
    assert!(
        html.contains("<li><bdi><a href=\"https://www.amnesty.org/en/\">Amnesty International</a> (AI)</bdi></li>"),
        "{html}"
    );
    assert!(html.contains("<li><bdi>Plain Org</bdi></li>"), "{html}");
    assert!(
        html.contains("<a href=\"https://quote-org.net/a?b=1&amp;c=&quot;&gt;&lt;script&gt;x&lt;/script&gt;(y)\">Quote Org</a>"),
        "the address cannot leave its attribute: {html}"
    );

    // Off by default.
    for format in ["markdown", "html"] {
        let plain = stdout(&export(&s, &["x", "--format", format]));
        assert!(!plain.contains("amnesty.org"), "{format}: {plain}");
    }
}

#[test]
fn links_never_point_anywhere_but_http_or_https() {
    let s = Scratch::new();
    // A website that is not a web address is refused on load, so no export
    // can link to it.
    statement(&s, &["name = \"Evil Org\""]);
    let text = s.read("x").replace(
        "name = \"Evil Org\"",
        "name = \"Evil Org\", website = \"javascript:alert(1)\"",
    );
    s.write("x", text);
    for format in ["markdown", "html"] {
        let out = export(&s, &["x", "--format", format, "--links", "--force"]);
        assert!(!stdout(&out).contains("javascript"), "{format}");
    }
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "JAVASCRIPT://x.org",
        "https://",
        "https://a b.org",
        "//x.org",
    ] {
        assert!(!undersigned::export::is_web_link(bad), "{bad}");
    }
    assert!(undersigned::export::is_web_link("http://x.org/a"));
}

/// Section titles of a Markdown export grouped by country, in order.
fn country_sections(s: &Scratch, locale: &str) -> Vec<String> {
    let out = export(
        s,
        &[
            "x",
            "--format",
            "markdown",
            "--group-by",
            "country",
            "--locale",
            locale,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(str::to_string)
        .collect()
}

fn countries_statement(s: &Scratch) {
    statement(
        s,
        &[
            "name = \"Alpha\", country = \"GB\"",
            "name = \"Bravo\", country = \"BY\"",
            "name = \"Charlie\", country = \"EG\"",
            "name = \"Delta\", country = \"US\"",
            "name = \"Echo\", country = \"FR\"",
            "name = \"Foxtrot\", country = \"DE\"",
            "name = \"Golf\"",
        ],
    );
}

#[test]
fn country_sections_are_named_and_ordered_in_the_list_language() {
    let s = Scratch::new();
    countries_statement(&s);
    assert_eq!(
        country_sections(&s, "en"),
        [
            "Belarus",
            "Egypt",
            "France",
            "Germany",
            "United Kingdom",
            "United States",
            "No country given"
        ]
    );
    assert_eq!(
        country_sections(&s, "fr")[..6],
        [
            "Allemagne",
            "Biélorussie",
            "Égypte",
            "États-Unis",
            "France",
            "Royaume-Uni"
        ]
    );
    assert_eq!(
        country_sections(&s, "es")[..6],
        [
            "Alemania",
            "Bielorrusia",
            "Egipto",
            "Estados Unidos",
            "Francia",
            "Reino Unido"
        ]
    );
    // Chinese order is pinyin: āi, bái, dé, fǎ, měi, yīng.
    assert_eq!(
        country_sections(&s, "zh")[..6],
        ["埃及", "白俄罗斯", "德国", "法国", "美国", "英国"]
    );
    // Traditional characters, in stroke order (白 5, 法 8, 美 9, 英 9, 埃 10, 德 15).
    assert_eq!(
        country_sections(&s, "zh-Hant")[..6],
        ["白俄羅斯", "法國", "美國", "英國", "埃及", "德國"]
    );
}

#[test]
fn a_french_statement_names_its_countries_in_french_without_locale() {
    let s = Scratch::new();
    countries_statement(&s);
    let text = s
        .read("x")
        .replacen("title = \"T\"\n", "title = \"T\"\nlanguage = \"fr\"\n", 1);
    s.write("x", text);
    let out = export(&s, &["x", "--format", "text", "--group-by", "country"]);
    let text = stdout(&out);
    assert!(text.contains("Biélorussie\nBravo\n"), "{text}");
    assert!(text.contains("Royaume-Uni\nAlpha\n"), "{text}");
    assert!(!text.contains("United Kingdom"), "{text}");
}

#[test]
fn csv_has_a_country_name_column_in_the_list_language_after_the_code() {
    let s = Scratch::new();
    countries_statement(&s);
    let csv_of = |locale: &str| stdout(&export(&s, &["x", "--format", "csv", "--locale", locale]));
    let fr = csv_of("fr");
    let mut r = csv::Reader::from_reader(fr.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let at = |k: &str| header.iter().position(|h| h == k).unwrap();
    assert_eq!(at("country_name"), at("country") + 1);
    let rows: Vec<(String, String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[at("country")].to_string(),
                rec[at("country_name")].to_string(),
            )
        })
        .collect();
    assert!(
        rows.contains(&("Alpha".into(), "GB".into(), "Royaume-Uni".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("Bravo".into(), "BY".into(), "Biélorussie".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("Golf".into(), "".into(), "".into())),
        "{rows:?}"
    );
    assert!(csv_of("en").contains("\"GB\",\"United Kingdom\""));
    assert!(csv_of("zh").contains("\"GB\",\"英国\""));
}

/// `--links` made `github.com/ghost`, the account GitHub shows for deleted
/// users, into a link: a link that points to nobody is left as plain text.
#[test]
fn links_leave_a_placeholder_link_as_plain_text() {
    let s = Scratch::new();
    statement(
        &s,
        &[
            "name = \"Ada Lovelace\", kind = \"individual\", website = \"https://github.com/ada\"",
            "name = \"Kim Minji\", kind = \"individual\", website = \"https://github.com/ghost\"",
        ],
    );
    for (format, linked) in [
        ("markdown", "[Ada Lovelace](https://github.com/ada)"),
        ("html", "<a href=\"https://github.com/ada\">"),
    ] {
        let out = export(&s, &["x", "--format", format, "--links", "--force"]);
        let text = stdout(&out);
        assert!(text.contains(linked), "{format}: {text}");
        assert!(!text.contains("github.com/ghost"), "{format}: {text}");
        assert!(text.contains("Kim Minji"), "{format}: {text}");
    }
}
