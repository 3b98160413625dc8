//! A generated open letter of N individuals, in the shape of letters signed by pull request: people's names from many cultures, affiliations, forge profiles, about 1% near-duplicates.
// Used by the gen and bench examples next to generate.rs, whose Rng it shares.

use super::generate::{Rng, toml_string};

/// Given and family names of one naming culture, written given name first as
/// such letters print them. No two given names of a culture are one typo
/// apart, so distinct people are never close calls by construction; the
/// near-duplicates below are made on purpose.
struct Culture {
    given: &'static [&'static str],
    family: &'static [&'static str],
}

const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            "James",
            "Emily",
            "Oliver",
            "Charlotte",
            "Henry",
            "Grace",
            "Samuel",
            "Victoria",
            "Edward",
            "Rebecca",
            "Thomas",
            "Hannah",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Thompson", "Robinson",
            "Walker", "Wright", "Hughes", "Edwards", "Clarke", "Bennett",
        ],
    },
    Culture {
        given: &[
            "Jürgen", "Anna", "Lukas", "Sabine", "Matthias", "Katrin", "Stefan", "Birgit",
            "Tobias", "Ulrike", "Florian", "Heike",
        ],
        family: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Richter",
            "Wolf",
            "Krüger",
            "Zimmermann",
            "Braun",
        ],
    },
    Culture {
        given: &[
            "José",
            "María",
            "Alejandro",
            "Lucía",
            "Javier",
            "Carmen",
            "Diego",
            "Pilar",
            "Andrés",
            "Beatriz",
            "Gonzalo",
            "Inés",
        ],
        family: &[
            "García Márquez",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
        ],
    },
    Culture {
        given: &[
            "Amélie",
            "François",
            "Camille",
            "Benoît",
            "Hélène",
            "Sébastien",
            "Margaux",
            "Jérôme",
            "Océane",
            "Thibault",
            "Solène",
            "Grégoire",
        ],
        family: &[
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Lambert",
            "Fontaine",
            "Rousseau",
            "Chevalier",
            "Mercier",
            "Blanchard",
            "Gauthier",
            "Perrin",
            "de La Tour",
            "Le Goff",
        ],
    },
    Culture {
        given: &[
            "Hiroshi", "Yuki", "Takeshi", "Aiko", "Kenji", "Sakura", "Daisuke", "Naomi", "Ryo",
            "Emiko", "Shota", "Haruka",
        ],
        family: &[
            "Tanaka",
            "Suzuki",
            "Takahashi",
            "Watanabe",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Yoshida",
            "Yamada",
            "Sasaki",
            "Matsumoto",
            "Inoue",
            "Kimura",
            "Hayashi",
        ],
    },
    Culture {
        given: &[
            "Chidi",
            "Ngozi",
            "Adéwálé",
            "Folake",
            "Emeka",
            "Amaka",
            "Tunde",
            "Yetunde",
            "Obinna",
            "Chiamaka",
            "Kelechi",
            "Funmilayo",
        ],
        family: &[
            "Okonkwo",
            "Oyèláràn",
            "Adeyemi",
            "Nwosu",
            "Okafor",
            "Balogun",
            "Eze",
            "Obi",
            "Adebayo",
            "Okeke",
            "Afolabi",
            "Nnamdi",
            "Olawale",
            "Chukwu",
        ],
    },
    Culture {
        given: &[
            "Priya",
            "Arjun",
            "Ananya",
            "Rohan",
            "Kavya",
            "Vikram",
            "Meera",
            "Siddharth",
            "Lakshmi",
            "Rahul",
            "Divya",
            "Aditya",
        ],
        family: &[
            "Sharma",
            "Patel",
            "Iyer",
            "Reddy",
            "Nair",
            "Gupta",
            "Mukherjee",
            "Banerjee",
            "Krishnan",
            "Menon",
            "Chatterjee",
            "Rao",
            "Desai",
            "Kulkarni",
        ],
    },
    Culture {
        given: &[
            "Ahmed", "Fatima", "Omar", "Layla", "Youssef", "Nour", "Karim", "Salma", "Hassan",
            "Rania", "Tariq", "Yasmin",
        ],
        family: &[
            "El-Masri",
            "Haddad",
            "Khalil",
            "Mansour",
            "Nasser",
            "Saleh",
            "bin Laden",
            "Abu Zaid",
            "Farouk",
            "Hamdan",
            "Qureshi",
            "Aziz",
            "Rahman",
            "Bakr",
        ],
    },
    Culture {
        given: &[
            "Oleksandr",
            "Natalia",
            "Dmytro",
            "Iryna",
            "Andriy",
            "Svitlana",
            "Serhiy",
            "Olena",
            "Mykola",
            "Tetiana",
            "Bohdan",
            "Kateryna",
        ],
        family: &[
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Boyko",
            "Moroz",
            "Lysenko",
            "Marchenko",
            "Rudenko",
            "Savchenko",
            "Petrenko",
            "Klymenko",
        ],
    },
    Culture {
        given: &[
            "Wei", "Xiaoling", "Jun", "Mingyu", "Hao", "Yating", "Zhiwei", "Lihua", "Tao",
            "Shuang", "Peng", "Xinyi",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu", "Xu",
            "Sun", "Ma", "Zhu",
        ],
    },
    Culture {
        given: &[
            "João", "Ana", "Pedro", "Mariana", "Rafael", "Juliana", "Thiago", "Camila", "Bruno",
            "Letícia", "Gustavo", "Fernanda",
        ],
        family: &[
            "da Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Carvalho",
            "Almeida",
            "Ribeiro",
            "Gonçalves",
            "Araújo",
            "Barbosa",
            "Cardoso",
            "Teixeira",
        ],
    },
    Culture {
        given: &[
            "Agnieszka",
            "Piotr",
            "Małgorzata",
            "Krzysztof",
            "Zofia",
            "Tomasz",
            "Joanna",
            "Paweł",
            "Ewa",
            "Grzegorz",
            "Magdalena",
            "Łukasz",
        ],
        family: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Krawczyk",
        ],
    },
];

/// Names written in their own script, which such letters carry too: filed
/// as written (the family name comes first already).
const OWN_SCRIPT: &[&str] = &[
    "王小明",
    "李静",
    "张伟",
    "刘洋",
    "陈晨",
    "김민지",
    "이서준",
    "박지은",
    "최우진",
    "田中裕子",
    "山本健",
    "Ольга Смирнова",
    "Иван Петров",
    "Анна Соколова",
    "محمد العلي",
    "ليلى حسن",
];

const AFFILIATIONS: &[&str] = &[
    "Universität Bonn",
    "MIT",
    "Free Software Foundation Europe",
    "University of Lagos",
    "Debian",
    "KDE e.V.",
    "Sorbonne Université",
    "Universidad de Buenos Aires",
    "The Tor Project",
    "IIT Bombay",
    "GNOME Foundation",
    "Mozilla",
    "Universidade de São Paulo",
    "Kyoto University",
    "Codeberg e.V.",
    "Software Freedom Conservancy",
];

/// Employers' sites that a few signers give instead of a page of their own,
/// by the affiliation they go with.
const EMPLOYER_SITES: &[(&str, &str)] = &[
    ("Universität Bonn", "https://www.uni-bonn.de"),
    ("Mozilla", "https://www.mozilla.org"),
    ("Sorbonne Université", "https://www.sorbonne-universite.fr"),
    ("University of Lagos", "https://unilag.edu.ng"),
];

const FORGES: &[&str] = &[
    "https://github.com/",
    "https://github.com/",
    "https://github.com/",
    "https://gitlab.com/",
    "https://codeberg.org/",
];

/// The `p`-th distinct name: first the pairs of a given and a family name
/// of one culture, then pairs across cultures (diaspora, marriage), so no
/// two generated people share a name and none is another's name with a word
/// added (which `check` rightly asks about).
fn person_name(p: usize) -> String {
    let mut same_culture = p;
    for c in CULTURES {
        let (g, f) = (c.given.len(), c.family.len());
        if same_culture < g * f {
            return format!(
                "{} {}",
                c.given[same_culture % g],
                c.family[same_culture / g]
            );
        }
        same_culture -= g * f;
    }
    let given: Vec<(usize, &str)> = CULTURES
        .iter()
        .enumerate()
        .flat_map(|(k, c)| c.given.iter().map(move |g| (k, *g)))
        .collect();
    let family: Vec<(usize, &str)> = CULTURES
        .iter()
        .enumerate()
        .flat_map(|(k, c)| c.family.iter().map(move |f| (k, *f)))
        .collect();
    let (ng, nf) = (given.len(), family.len());
    // Pairs (g, f) in a mixed order, each once; those of one culture were
    // taken above and are skipped.
    let mut left = same_culture;
    for k in 0..ng * nf {
        let (gc, g) = given[k % ng];
        let (fc, f) = family[(k / ng + 37 * (k % ng)) % nf];
        if gc != fc {
            if left == 0 {
                return format!("{g} {f}");
            }
            left -= 1;
        }
    }
    panic!("more people than the name lists can make distinct")
}

/// A handle as people make theirs: the name in lower-case ASCII letters,
/// accents dropped, words joined by hyphens.
fn handle(name: &str, i: usize) -> String {
    let mut h = String::new();
    for ch in name.chars() {
        let base = match ch {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'ą' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'È' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' | 'ń' => 'n',
            'ç' | 'ć' => 'c',
            'ł' | 'Ł' => 'l',
            'ś' => 's',
            'ż' | 'ź' => 'z',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            ' ' | '-' => '-',
            _ => continue,
        };
        if base != '-' || !h.ends_with('-') {
            h.push(base);
        }
    }
    let h = h.trim_matches('-').to_string();
    // Names in other scripts give no ASCII handle: people pick one.
    if h.len() < 3 { format!("user{i}") } else { h }
}

/// One signer as TOML lines: name, kind, affiliation, website, signed.
fn entry(r: &mut Rng, name: &str, i: usize) -> String {
    let mut t = format!(
        "\n[[signatory]]\nname = {}\nkind = \"individual\"\n",
        toml_string(name)
    );
    let affiliation = (r.below(5) == 0).then(|| r.pick(AFFILIATIONS));
    if let Some(a) = affiliation {
        t.push_str(&format!("affiliation = {}\n", toml_string(a)));
    }
    let employer = affiliation
        .and_then(|a| EMPLOYER_SITES.iter().find(|(org, _)| *org == a))
        .map(|(_, site)| *site);
    match (r.below(200), employer) {
        // A few give their employer's site.
        (0..=9, Some(site)) => t.push_str(&format!("website = \"{site}\"\n")),
        (0..=99, _) => t.push_str(&format!(
            "website = \"{}{}\"\n",
            r.pick(FORGES),
            handle(name, i)
        )),
        (100..=109, _) => t.push_str(&format!("website = \"https://{}.net\"\n", handle(name, i))),
        _ => {}
    }
    if r.below(3) > 0 {
        t.push_str(&format!(
            "signed = 2021-{:02}-{:02}\n",
            3 + r.below(2),
            1 + r.below(28)
        ));
    }
    t
}

/// A near-duplicate of an earlier entry, as such letters get them: the same
/// person signing again in a second pull request, in capitals, without the
/// accents, or with a typo in the given name.
fn near_duplicate(r: &mut Rng, earlier: &str) -> String {
    let (head, rest) = earlier.split_once("\nkind").expect("an entry has its kind");
    let name = head
        .trim_start_matches("\n[[signatory]]\nname = \"")
        .trim_end_matches('"');
    let website = rest
        .lines()
        .find(|l| l.starts_with("website"))
        .map(|l| format!("{l}\n"))
        .unwrap_or_default();
    let (variant, website) = match r.below(4) {
        0 => (name.to_string(), website),
        1 => (name.to_uppercase(), website),
        2 => (handle(name, 0).replace('-', " "), website),
        _ => {
            // A typo: two letters of the given name swapped.
            let mut chars: Vec<char> = name.chars().collect();
            if chars.len() > 3 {
                chars.swap(1, 2);
            }
            (chars.into_iter().collect(), String::new())
        }
    };
    format!(
        "\n[[signatory]]\nname = {}\nkind = \"individual\"\n{website}",
        toml_string(&variant)
    )
}

/// A letter of `n` individuals, in arrival order (as pull requests append
/// them), with about 1% near-duplicates of earlier signers.
pub fn letter(n: usize, seed: u64) -> String {
    let mut r = Rng::new(seed ^ 0x1D);
    let mut out = String::from(
        "# Generated for benchmarks: an open letter signed by individuals.\ntitle = \"An open letter\"\ndate = 2021-03-23\nstatus = \"open\"\nlanguage = \"en\"\n",
    );
    let mut entries: Vec<String> = Vec::with_capacity(n);
    let mut people = 0;
    let mut own_script = 0;
    for i in 0..n {
        let e = if i > 10 && r.below(100) == 0 {
            let earlier = entries[r.below(entries.len() as u64) as usize].clone();
            near_duplicate(&mut r, &earlier)
        } else if r.below(100) == 0 && own_script < OWN_SCRIPT.len() {
            own_script += 1;
            entry(&mut r, OWN_SCRIPT[own_script - 1], i)
        } else {
            people += 1;
            entry(&mut r, &person_name(people - 1), i)
        };
        out.push_str(&e);
        entries.push(e);
    }
    out
}
