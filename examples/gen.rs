//! Writes a realistic benchmark statement: `cargo run --release --example gen -- N [FILE]`.

#[path = "support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        eprintln!("usage: gen N [FILE]   (writes a statement with N signers)");
        std::process::exit(2)
    });
    let text = generate::statement(n, 42);
    match args.next() {
        Some(path) => std::fs::write(&path, text).unwrap_or_else(|e| {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(2)
        }),
        None => print!("{text}"),
    }
}
