//! Writes a realistic benchmark statement, or the rows the benchmark imports: `cargo run --release --example gen -- N [FILE] [--words | --csv | --individuals]`.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/individuals.rs"]
mod individuals;

fn main() {
    // `--words`: names end in a made-up word instead of a number.
    let words = std::env::args().any(|a| a == "--words");
    // `--csv`: the rows the benchmark imports, instead of a statement.
    let csv = std::env::args().any(|a| a == "--csv");
    // `--individuals`: an open letter of people, as signed by pull request.
    let people = std::env::args().any(|a| a == "--individuals");
    let mut args = std::env::args()
        .skip(1)
        .filter(|a| a != "--words" && a != "--csv" && a != "--individuals");
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        eprintln!(
            "usage: gen N [FILE] [--words | --csv | --individuals]   (writes a statement with N signers, or N rows to import)"
        );
        std::process::exit(2)
    });
    let text = if csv {
        generate::csv(n, 7)
    } else if people {
        individuals::letter(n, 42)
    } else {
        generate::statement_named(n, 42, words)
    };
    match args.next() {
        Some(path) => std::fs::write(&path, text).unwrap_or_else(|e| {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(2)
        }),
        None => print!("{text}"),
    }
}
