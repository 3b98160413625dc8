//! A realistic statement of N signers for benchmarks: multilingual names, acronyms, notes, countries, dates, near-duplicates.
// Shared by the gen and bench examples; each uses part of it.
#![allow(dead_code)]

/// A small deterministic generator, so every run measures the same file.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const KINDS: &[&str] = &[
    "Association",
    "Centre",
    "Coalition",
    "Committee",
    "Council",
    "Foundation",
    "Forum",
    "Institute",
    "League",
    "Network",
    "Alliance",
    "Union",
    "Federation",
    "Initiative",
    "Project",
    "Society",
    "Trust",
    "Watch",
    "Collective",
    "Observatory",
];
const TOPICS: &[&str] = &[
    "Human Rights",
    "Press Freedom",
    "Workers' Rights",
    "Civil Liberties",
    "Democracy",
    "Justice",
    "Women's Rights",
    "Indigenous Peoples",
    "Refugees",
    "Digital Rights",
    "Environmental Defenders",
    "Legal Aid",
    "Peace",
    "Religious Freedom",
    "Children's Rights",
    "Media Development",
    "Anti-Torture",
    "Disability Rights",
    "Free Expression",
    "Labour Standards",
];
const PLACES: &[&str] = &[
    "Asia",
    "Africa",
    "Europe",
    "Latin America",
    "the Pacific",
    "Hong Kong",
    "Taiwan",
    "Kenya",
    "Brazil",
    "México",
    "Côte d'Ivoire",
    "Türkiye",
    "Ukraine",
    "Nepal",
    "the Andes",
    "Bretagne",
    "Catalunya",
    "Québec",
    "Zürich",
    "Lagos",
];
const PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "The ",
    "International ",
    "Global ",
    "Regional ",
    "National ",
];
const CHINESE: &[&str] = &[
    "人權", "勞工", "法律", "自由", "民主", "婦女", "記者", "和平", "正義", "公民",
];
const CHINESE_END: &[&str] = &["協會", "聯盟", "中心", "基金會", "觀察", "網絡"];
const ARABIC: &[&str] = &["مركز", "جمعية", "مؤسسة", "شبكة", "منظمة"];
const ARABIC_TOPIC: &[&str] = &[
    "حقوق الإنسان",
    "حرية الصحافة",
    "العدالة",
    "الديمقراطية",
    "المرأة",
];
const CYRILLIC: &[&str] = &["Центр", "Фонд", "Союз", "Комитет", "Сеть"];
const CYRILLIC_TOPIC: &[&str] = &[
    "защиты прав человека",
    "свободы слова",
    "правовой помощи",
    "гражданских инициатив",
];
const COUNTRIES: &[&str] = &[
    "FR", "DE", "GB", "US", "HK", "TW", "KE", "BR", "MX", "UA", "NP", "JP", "ZA", "IN", "CA", "AU",
    "CH", "NL", "SE", "ES",
];
const NOTES: &[&str] = &[
    "within the framework of the Observatory for the Protection of Human Rights Defenders",
    "on behalf of its members",
    "in a personal capacity",
];

/// A made-up word for the `i`-th signer, of five syllables: neighbours in
/// the list get unrelated words.
fn made_up_word(i: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lu", "me", "ri", "to", "sa", "ne", "bo", "vi", "da", "go", "pe", "zu", "fa", "ni",
        "ro",
    ];
    let mut n = (i as u64).wrapping_mul(2_654_435_761) % (1 << 32);
    let mut word = String::new();
    for _ in 0..5 {
        word.push_str(SYLLABLES[(n % 16) as usize]);
        n /= 16;
    }
    word[..1].to_uppercase() + &word[1..]
}

/// One signer as TOML lines, and its name (`words`: ends in a made-up word,
/// not a number).
fn signer(r: &mut Rng, i: usize, words: bool) -> (String, String) {
    let script = r.below(20);
    let mut name = match script {
        0 => format!(
            "{}{}{}",
            r.pick(CHINESE),
            r.pick(CHINESE),
            r.pick(CHINESE_END)
        ),
        1 => format!("{} {}", r.pick(ARABIC), r.pick(ARABIC_TOPIC)),
        2 => format!("{} {}", r.pick(CYRILLIC), r.pick(CYRILLIC_TOPIC)),
        _ => format!(
            "{}{} for {} in {}",
            r.pick(PREFIXES),
            r.pick(KINDS),
            r.pick(TOPICS),
            r.pick(PLACES)
        ),
    };
    // Make names unique without looking generated: a number as many real groups have.
    if words {
        name.push(' ');
        name.push_str(&made_up_word(i + 1));
    } else {
        name.push_str(&format!(" {}", i + 1));
    }
    let mut t = format!("\n[[signatory]]\nname = {}\n", toml_string(&name));
    if script > 2 && r.below(4) == 0 {
        let acronym: String = name
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if acronym.len() >= 2 {
            t.push_str(&format!("acronym = {}\n", toml_string(&acronym)));
        }
    }
    if r.below(3) > 0 {
        t.push_str(&format!("country = \"{}\"\n", r.pick(COUNTRIES)));
    }
    if r.below(25) == 0 {
        t.push_str(&format!("note = {}\n", toml_string(r.pick(NOTES))));
    }
    if r.below(2) == 0 {
        t.push_str(&format!("signed = 2023-09-{:02}\n", 1 + r.below(28)));
    }
    (t, name)
}

/// TOML basic string; the generator's names hold no control characters.
pub fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A statement file with `n` signers. About 2% are near-duplicates of an
/// earlier one (case, spacing or an abbreviation changed), as real lists have.
/// The file is unsorted when `sorted` is false (signers in arrival order).
pub fn statement(n: usize, seed: u64) -> String {
    statement_named(n, seed, false)
}

/// `statement`, each name ending in a made-up word instead of a number when
/// `words` is set: hundreds of names then share all their words but one,
/// the hard case for duplicate detection.
pub fn statement_named(n: usize, seed: u64, words: bool) -> String {
    let mut r = Rng::new(seed);
    let mut out = String::from(
        "# Generated for benchmarks.\ntitle = \"Benchmark statement\"\ndate = 2023-09-21\nstatus = \"open\"\ndeadline = 2023-09-30\nlanguage = \"en\"\n",
    );
    let mut names: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        if i > 10 && r.below(50) == 0 {
            let base = names[r.below(names.len() as u64) as usize].clone();
            let variant = match r.below(3) {
                0 => base.to_uppercase(),
                1 => base
                    .replace(' ', "  ")
                    .replace("  ", " ")
                    .replace("International", "Intl."),
                _ => base.replace("Centre", "Center"),
            };
            out.push_str(&format!(
                "\n[[signatory]]\nname = {}\n",
                toml_string(&variant)
            ));
            names.push(variant);
            continue;
        }
        let (t, name) = signer(&mut r, i, words);
        out.push_str(&t);
        names.push(name);
    }
    out
}

/// The same signers as CSV rows (for import benchmarks): name, country, email.
pub fn csv(n: usize, seed: u64) -> String {
    let mut r = Rng::new(seed ^ 0xC5);
    let mut out = String::from("Organisation name,Country,Email address\n");
    for i in 0..n {
        let (_, name) = signer(&mut r, i + 1_000_000, false);
        out.push_str(&format!(
            "\"{}\",{},contact{i}@example.invalid\n",
            name.replace('"', "\"\""),
            r.pick(COUNTRIES)
        ));
    }
    out
}

/// A statement of `n` signers no two of which are the same signer: no
/// near-duplicates and no acronyms (generated ones collide), so a check of
/// it finds no duplicate and a merge of two branches of it can be clean.
pub fn distinct_statement(n: usize, seed: u64) -> String {
    let mut r = Rng::new(seed);
    let mut out =
        String::from("title = \"Benchmark statement\"\nstatus = \"open\"\nlanguage = \"en\"\n");
    for i in 0..n {
        let (t, _) = signer(&mut r, i, false);
        for line in t.lines().filter(|l| !l.starts_with("acronym")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
