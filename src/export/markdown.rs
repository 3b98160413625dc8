//! Markdown export: a list whose every item renders as exactly the published line, escaped only where CommonMark would read markup.

use super::{Exporter, LineParts, ListDoc, Row, render_lines};

pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, doc: &ListDoc) -> Vec<u8> {
        let marker = |n: usize| match doc.numbered {
            true => format!("{n}. "),
            false => "- ".to_string(),
        };
        render_lines(
            doc,
            &LineParts {
                heading: &|h| format!("{}\n\n", escape(h)),
                section: &|i, title| match title {
                    Some(t) => format!("### {}\n\n", escape_heading(t)),
                    // A comment ends the previous list, so two sections never merge into one.
                    None if i > 0 => "<!-- -->\n\n".to_string(),
                    None => String::new(),
                },
                row: &|n, r| format!("{}{}\n", marker(n), item(r, doc.links)),
                footnote: &|f| format!("\n\\* {}\n", escape_inline(f)),
            },
        )
    }
}

/// One signer's line; with `links`, the name links to the signer's website
/// (`[Name](https://…) (ACR), note`) when it has a web address. The line is
/// escaped as a whole, so markup cannot pair across the link.
fn item(r: &Row, links: bool) -> String {
    let line = r.line();
    let name = &r.signatory.name;
    match links.then(|| r.link()).flatten() {
        Some(url) if line.starts_with(name.as_str()) => {
            let text = render(&line, Context::BlockStart, Some(name.chars().count()));
            let (text, rest) = text.split_at(text.find('\u{0}').unwrap_or(text.len()));
            let rest = rest.trim_start_matches('\u{0}');
            format!("[{text}]({}){rest}", destination(url))
        }
        _ => escape(&line),
    }
}

/// Escapes text that starts a block (a list item, a paragraph) so a CommonMark
/// or GFM renderer shows exactly it: block markers at its start (`#`, `>`,
/// `- `, `1.`, a thematic break), and inline markup that would take effect
/// (emphasis that has a partner, brackets that pair, code, math, raw HTML and
/// autolinks, entities, backslashes, edge spaces). Everything else, such as
/// `Al-Haq`, `(AI)` or a lone `&`, is left as written.
pub fn escape(s: &str) -> String {
    render(s, Context::BlockStart, None)
}

/// The same for a heading's text: a trailing `#` run or `{…}` would be eaten as
/// a closing sequence or attributes.
fn escape_heading(s: &str) -> String {
    render(s, Context::Heading, None)
}

/// Escapes text that follows other text on a line: no block markers.
fn escape_inline(s: &str) -> String {
    render(s, Context::Inline, None)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    BlockStart,
    Heading,
    Inline,
}

/// The escaped text; with `link` (the link text's length in characters), a
/// NUL marks where the link text ends (a NUL never reaches a name) and every
/// bracket is escaped, as one would end or nest the link.
fn render(s: &str, ctx: Context, link: Option<usize>) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut esc = vec![false; chars.len()];
    if ctx == Context::BlockStart && link.is_none() {
        block_markers(&chars, &mut esc);
    }
    inline_markup(&chars, &mut esc, link.is_some());
    if ctx == Context::Heading {
        heading_end(&chars, &mut esc);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        if link == Some(i) {
            out.push('\u{0}');
        }
        // A space or tab at either end is dropped by the renderer (and four at
        // the start make code); as a character reference it stays text.
        let edge = (i == 0 && ctx != Context::Inline) || i == last;
        match c {
            ' ' | '\t' if edge => out.push_str(if c == ' ' { "&#32;" } else { "&#9;" }),
            c if esc[i] => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if link == Some(chars.len()) {
        out.push('\u{0}');
    }
    out
}

/// What the start of a line would make a block of: an ATX heading, a block
/// quote, a bullet or ordered list item, a thematic break.
fn block_markers(chars: &[char], esc: &mut [bool]) {
    let Some(&first) = chars.first() else { return };
    let blank_at = |i: usize| chars.get(i).is_none_or(|c| matches!(c, ' ' | '\t'));
    match first {
        '#' => {
            let run = chars.iter().take_while(|&&c| c == '#').count();
            esc[0] = run <= 6 && blank_at(run);
        }
        '>' => esc[0] = true,
        '-' | '+' | '*' if blank_at(1) => esc[0] = true,
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits <= 9 && matches!(chars.get(digits), Some('.' | ')')) && blank_at(digits + 1) {
                esc[digits] = true;
            }
        }
        _ => {}
    }
    // Behind the bullet `- `, two dashes are already three.
    let needed = if first == '-' { 2 } else { 3 };
    let thematic = matches!(first, '-' | '*' | '_')
        && chars.iter().all(|&c| c == first || c == ' ' || c == '\t')
        && chars.iter().filter(|&&c| c == first).count() >= needed;
    if thematic {
        esc[0] = true;
    }
}

/// Inline markup that would take effect.
fn inline_markup(chars: &[char], esc: &mut [bool], in_link: bool) {
    let count = |x: char| chars.iter().filter(|&&c| c == x).count();
    // Code spans, strikethrough, subscript, superscript and math need a
    // closing partner: one alone stays text.
    let paired: Vec<char> = ['`', '~', '^', '$']
        .into_iter()
        .filter(|&x| count(x) >= 2)
        .collect();
    let brackets = in_link || (count('[') > 0 && count(']') > 0);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        esc[i] |= match c {
            '\\' => true,
            '[' | ']' => brackets,
            // Inline HTML and autolinks end with `>`; an HTML block needs only its start.
            '<' => {
                chars[i + 1..].contains(&'>')
                    || next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
            }
            '&' => is_entity(&chars[i + 1..]),
            c => paired.contains(&c),
        };
    }
    emphasis(chars, esc, '*');
    emphasis(chars, esc, '_');
}

/// `&name;`, `&#123;` or `&#x1F;` after an `&`: a character reference.
fn is_entity(after: &[char]) -> bool {
    let end = after.iter().position(|&c| c == ';');
    let Some(body) = end.map(|e| &after[..e]) else {
        return false;
    };
    match body {
        ['#', 'x' | 'X', hex @ ..] => {
            (1..=6).contains(&hex.len()) && hex.iter().all(char::is_ascii_hexdigit)
        }
        ['#', dec @ ..] => (1..=7).contains(&dec.len()) && dec.iter().all(char::is_ascii_digit),
        [first, rest @ ..] => {
            first.is_ascii_alphabetic()
                && rest.len() < 32
                && rest.iter().all(char::is_ascii_alphanumeric)
        }
        [] => false,
    }
}

/// Runs of `*` or `_` that could open emphasis with a later run that could
/// close it, and that one too. A run with spaces on both sides is inert, and
/// so is `_` inside a word (`snake_case`); an opener without a closer (or a
/// closer without an opener, such as the footnote mark `Name*`) stays text.
fn emphasis(chars: &[char], esc: &mut [bool], d: char) {
    let blank = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
    let mut runs = Vec::new(); // (start, end, can open, can close)
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != d || esc[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == d && !esc[i] {
            i += 1;
        }
        let (before, after) = (
            start.checked_sub(1).and_then(|p| chars.get(p)),
            chars.get(i),
        );
        let in_word = d == '_'
            && before.is_some_and(|c| c.is_alphanumeric())
            && after.is_some_and(|c| c.is_alphanumeric());
        if !in_word {
            runs.push((start, i, !blank(after), !blank(before)));
        }
    }
    for (k, &(start, end, opens, closes)) in runs.iter().enumerate() {
        let closer_after = opens && runs[k + 1..].iter().any(|r| r.3);
        let opener_before = closes && runs[..k].iter().any(|r| r.2);
        if closer_after || opener_before {
            esc[start..end].iter_mut().for_each(|e| *e = true);
        }
    }
}

/// A heading's closing `#` sequence (after a space) and trailing `{…}`
/// attributes would not be shown.
fn heading_end(chars: &[char], esc: &mut [bool]) {
    let run = chars.iter().rev().take_while(|&&c| c == '#').count();
    if run > 0 {
        let start = chars.len() - run;
        if start == 0 || matches!(chars[start - 1], ' ' | '\t') {
            esc[start] = true;
        }
    }
    if chars.last() == Some(&'}') {
        for (i, &c) in chars.iter().enumerate() {
            esc[i] |= c == '{';
        }
    }
}

/// A link's destination: checked as http(s) before it gets here; a space,
/// angle bracket, parenthesis or double quote becomes its percent code, and
/// other ASCII punctuation a renderer could read (an entity's `&`, a code
/// span's backtick, math's `$`…) is escaped with a backslash, which the
/// destination drops again.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '"' => out.push_str("%22"),
            c if c.is_ascii_punctuation() && !"/:.-?=#%+,;@!'".contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_defuses_links_html_and_emphasis_and_leaves_plain_punctuation() {
        assert_eq!(
            escape("[a](b) <b>*x*</b> &amp; 1."),
            "\\[a\\](b) \\<b>\\*x\\*\\</b> \\&amp; 1."
        );
        assert_eq!(escape("Al-Haq (AH) & Co."), "Al-Haq (AH) & Co.");
        assert_eq!(escape("1. Mai Verein"), "1\\. Mai Verein");
        assert_eq!(escape("snake_case Org"), "snake_case Org");
        assert_eq!(escape("Name, Univ*"), "Name, Univ*");
    }
}
