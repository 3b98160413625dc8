//! Where `check` spends its time, phase by phase, on one file: `cargo run --release --example phases -- FILE`.

use std::time::Instant;
use undersigned::{collate, dedupe, store};

/// Resident and peak memory of this process (Linux), in MB.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok())
            .map_or("?".to_string(), |kb| format!("{:.0}", kb / 1024.0))
    };
    format!("rss {} MB, peak {} MB", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("usage: phases FILE [--no-bare]"));
    // Without the bare parses, the memory figures are the tool's own.
    let bare = args.next().as_deref() != Some("--no-bare");
    let bytes = std::fs::read(&path).expect("readable file");
    if bare {
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let t = Instant::now();
        let v: toml::Table = toml::from_str(&text).expect("TOML");
        std::hint::black_box(v);
        println!(
            "bare toml parse        {:>8.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        let t = Instant::now();
        let d = toml_edit::Document::parse(text.as_str()).expect("TOML");
        std::hint::black_box(&d);
        println!(
            "toml_edit parse        {:>8.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let loaded = store::parse(&path, bytes).expect("statement");
    println!(
        "store::parse (+schema) {:>8.1} ms  (fast reader, no document; {})",
        t.elapsed().as_secs_f64() * 1e3,
        memory()
    );
    let sigs = &loaded.statement.signatories;
    let t = Instant::now();
    let c = collate::Collation::for_statement(&loaded.statement).unwrap();
    println!(
        "collator               {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let in_order = c.in_order(sigs);
    println!(
        "order (neighbours)     {:>8.1} ms  (in order: {in_order})",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let f = dedupe::find_duplicates(sigs);
    println!(
        "find_duplicates        {:>8.1} ms  ({} groups; {})",
        t.elapsed().as_secs_f64() * 1e3,
        f.len(),
        memory()
    );
    let t = Instant::now();
    let pairs = dedupe::candidate_pairs(sigs);
    println!(
        "candidate pairs        {:>8.1} ms  ({pairs} pairs verified)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let _ = loaded.render();
    println!(
        "render (no edit)       {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}
