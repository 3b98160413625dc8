//! Names for the tests of matching: many sharing words, a hard case for blocking.

use crate::model::Signatory;

pub(crate) fn sig(name: &str) -> Signatory {
    Signatory::new(name)
}

/// Names from a small vocabulary, so many share words: a hard case for blocking.
pub(crate) fn generated(n: usize) -> Vec<Signatory> {
    const A: &[&str] = &[
        "Human", "Rights", "Green", "Lantern", "Harbour", "River", "Justice", "Labour", "Women",
        "Youth", "Press", "Freedom", "Media", "Legal", "Peace", "Health", "Land", "Water",
        "Forest", "Climate", "Workers", "Students", "Teachers", "Farmers", "Writers", "Lawyers",
        "Doctors", "Artists", "Refugees", "Children", "Elders", "Miners", "Fishers", "Nurses",
        "Citizens", "Voters", "Readers",
    ];
    const B: &[&str] = &[
        "Network",
        "Watch",
        "Alliance",
        "Coalition",
        "Foundation",
        "Fund",
        "Centre",
        "Institute",
        "Union",
        "Council",
        "Forum",
        "Project",
        "Initiative",
        "Trust",
        "League",
        "Collective",
        "Action",
        "Voice",
    ];
    const C: &[&str] = &[
        "Kenya", "Canada", "Ireland", "Iceland", "Peru", "Nepal", "UK", "Brazil", "Ghana", "Chile",
        "", "", "", "", "", "",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|i| {
            let (a1, a2, b, c) = (
                A[next(A.len())],
                A[next(A.len())],
                B[next(B.len())],
                C[next(C.len())],
            );
            // A serial word keeps most names distinct, as in a real list.
            let serial = ["Alpha", "Bravo", "Delta", "Omega", "Sierra"][next(5)];
            let name = format!("{a1} {a2} {b} {c} {serial}{}", i / 7);
            sig(name.trim())
        })
        .collect()
}
