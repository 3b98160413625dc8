//! Benchmarks of whole commands at 1,000, 10,000 and 100,000 signers, and on letters of 1,000 and 10,000 individuals, each next to a bare `toml` parse of the same file.
//!
//! Run with `benches/run.sh` (it builds the release binary first). Figures are
//! medians of several runs, each ratio against bare parses taken between the
//! runs it compares; peak memory is the child's maximum resident set size.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/individuals.rs"]
mod individuals;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    time: Duration,
    max_rss_kb: i64,
}

/// Runs the binary once, returning wall time and peak memory (from wait4).
// The child is reaped by wait4 below, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn run(bin: &Path, dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let child = Command::new(bin)
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    // SAFETY: rusage is plain data filled in by the kernel; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    let time = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) < 2,
        "{args:?} failed with status {status}"
    );
    Run {
        time,
        max_rss_kb: usage.ru_maxrss,
    }
}

/// Runs a command to its end: what it printed, and its peak memory in KB.
// The child is reaped by wait4 below, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn run_capture(bin: &Path, dir: &Path, args: &[&str]) -> (String, i64) {
    let child = Command::new(bin)
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.expect("piped"), &mut out).unwrap();
    let mut status = 0;
    // SAFETY: as in `run`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    (out, usage.ru_maxrss)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `bench --parse FILE REPS`: the bare parse, timed in a process of its own.
/// Run in the benchmark's own process, it would leave that process holding
/// the memory of a parsed document, and a child inherits its parent's peak
/// memory figure across fork and exec: every command measured after it
/// would show that peak.
fn bare_parse(file: &Path, reps: usize) {
    let text = std::fs::read_to_string(file).expect("readable file");
    let times = (0..reps)
        .map(|_| {
            let t = Instant::now();
            let v: toml::Table = toml::from_str(&text).expect("valid TOML");
            std::hint::black_box(v);
            t.elapsed()
        })
        .collect();
    println!("{}", median(times).as_nanos());
}

/// The git merge driver on a list of `n` signers to which each side added
/// `added` of its own, next to a `check` of our version: the runs taken in
/// turn, each merge starting from the same three files. The list has no
/// duplicate, so the merge is clean and the driver's whole path is timed.
fn merge_driver(bin: &Path, n: usize, added: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("statements")).unwrap();
    let full_path = dir.join("statements/full.toml");
    std::fs::write(&full_path, generate::distinct_statement(n + 2 * added, 42)).unwrap();
    run(bin, dir, &["sort", "full"]);
    let full = std::fs::read_to_string(&full_path).unwrap();
    let mut parts = full.split("\n[[signatory]]\n");
    let head = parts.next().unwrap();
    let entries: Vec<&str> = parts.collect();
    // Spread over the list: every `step`-th entry is ours only, the one
    // half a step after it theirs only.
    let step = entries.len() / added;
    let without = |gone: &dyn Fn(usize) -> bool| -> String {
        let mut t = head.to_string();
        for (_, e) in entries.iter().enumerate().filter(|(i, _)| !gone(*i)) {
            t.push_str("\n[[signatory]]\n");
            t.push_str(e);
        }
        t
    };
    let ours_only = |i: usize| i.is_multiple_of(step) && i / step < added;
    let theirs_only = |i: usize| i % step == step / 2 && i / step < added;
    let versions = [
        ("base", without(&|i| ours_only(i) || theirs_only(i))),
        ("ours", without(&theirs_only)),
        ("theirs", without(&ours_only)),
    ];
    let path = |v: &str| dir.join(format!("statements/{v}.toml"));
    let write_all = || {
        for (v, text) in &versions {
            std::fs::write(path(v), text).unwrap();
        }
    };
    write_all();
    let [b, o, t] = ["base", "ours", "theirs"].map(|v| path(v).to_string_lossy().into_owned());
    let merge_args = ["merge-driver", b.as_str(), o.as_str(), t.as_str()];
    let status = Command::new(bin)
        .current_dir(dir)
        .args(merge_args)
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success(), "the benchmark's merge is clean");
    assert_eq!(
        std::fs::read_to_string(path("ours")).unwrap(),
        full,
        "the merge is the whole list, in order"
    );
    let (mut checks, mut merges) = (Vec::new(), Vec::new());
    let mut rss = 0;
    for _ in 0..7 {
        write_all();
        checks.push(run(bin, dir, &["check", &o]).time);
        let r = run(bin, dir, &merge_args);
        merges.push(r.time);
        rss = rss.max(r.max_rss_kb);
    }
    let (check, merge) = (median(checks), median(merges));
    println!(
        "\n`merge-driver` on {n} signers, {added} added on each side: {:.1} ms, {:.2}× a `check` of our version ({:.1} ms); peak memory {:.1} MB (medians of 7 runs taken in turn)",
        ms(merge),
        merge.as_secs_f64() / check.as_secs_f64(),
        ms(check),
        rss as f64 / 1024.0
    );
}

/// Median time and peak memory of `args` run `reps` times, with the median
/// of bare parses of `file` taken between the runs.
fn timed(
    bin: &Path,
    dir: &Path,
    file: &Path,
    args: &[&str],
    reps: usize,
) -> (Duration, i64, Duration) {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let file_arg = file.to_string_lossy().into_owned();
    let (mut times, mut parses, mut rss) = (Vec::new(), Vec::new(), 0);
    for _ in 0..reps {
        let p = run_capture(&me, dir, &["--parse", &file_arg, "1"]);
        parses.push(Duration::from_nanos(
            p.0.trim().parse().expect("nanoseconds"),
        ));
        let r = run(bin, dir, args);
        times.push(r.time);
        rss = rss.max(r.max_rss_kb);
    }
    (median(times), rss, median(parses))
}

/// An open letter of `n` individuals, as signed by pull request (see
/// `support/individuals.rs`): `check`, `dupes` and the Markdown export of
/// the website, each against bare parses taken between its runs.
fn individuals(bin: &Path, n: usize, reps: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("statements")).unwrap();
    let file = dir.join("statements/letter.toml");
    let me = std::env::current_exe().expect("the benchmark's own path");
    let file_arg = file.to_string_lossy().into_owned();
    // Written by a process of its own, so that this one never holds the
    // letter (see `bare_parse`).
    run_capture(&me, dir, &["--write-letter", &n.to_string(), &file_arg]);
    run(bin, dir, &["sort", "letter"]);
    let size_kb = std::fs::metadata(&file).unwrap().len() as f64 / 1024.0;
    bare_row(
        &me,
        dir,
        &file_arg,
        reps,
        &format!("{n} individuals"),
        size_kb,
    );
    // The letter has its near-duplicates, so a plain export is refused after
    // the whole check; `--force` times the page actually written.
    let ops: [&[&str]; 3] = [
        &["check", "letter"],
        &["dupes", "letter"],
        &[
            "export", "letter", "--format", "markdown", "--links", "--force",
        ],
    ];
    for args in ops {
        let (t, rss, bare_here) = timed(bin, dir, &file, args, reps);
        println!(
            "| {n} individuals | `{}` | {:.1} ms | {:.2} | {:.1} MB | {:.1} |",
            args.join(" "),
            ms(t),
            t.as_secs_f64() / bare_here.as_secs_f64(),
            rss as f64 / 1024.0,
            rss as f64 / size_kb
        );
    }
    println!(
        "| {n} individuals | (file size) | {:.0} KB | | | |",
        size_kb
    );
}

/// The table of letters of individuals, 21 runs a figure.
fn people_table(bin: &Path, sizes: &[usize]) {
    println!("| N | operation | median | × bare toml parse | peak memory | memory ÷ file size |");
    println!("|--:|:--|--:|--:|--:|--:|");
    for &n in sizes {
        individuals(bin, n, 21);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--parse") {
        return bare_parse(Path::new(&args[2]), args[3].parse().expect("a count"));
    }
    if args.get(1).map(String::as_str) == Some("--write-letter") {
        let n = args[2].parse().expect("a count");
        return std::fs::write(&args[3], individuals::letter(n, 42)).expect("writable");
    }
    // `--individuals`: only the letters of individuals (1,000 and 10,000
    // people, or the sizes given).
    let only_people = args.iter().any(|a| a == "--individuals");
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/undersigned");
    assert!(
        bin.exists(),
        "build it first: cargo build --release (benches/run.sh does)"
    );
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect::<Vec<_>>();
    if only_people {
        let sizes = if sizes.is_empty() {
            vec![1_000, 10_000]
        } else {
            sizes
        };
        return people_table(&bin, &sizes);
    }
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    // First, while this process is small: its children start from its
    // peak memory, which the larger statements below raise.
    people_table(&bin, &[1_000, 10_000]);
    println!();
    let has_dupes = Command::new(&bin)
        .args(["dupes", "--help"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());

    println!("| N | operation | median | × bare toml parse | peak memory | memory ÷ file size |");
    println!("|--:|:--|--:|--:|--:|--:|");
    for &n in &sizes {
        let reps = match n {
            0..=2_000 => 21,
            2_001..=20_000 => 9,
            _ => 5,
        };
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir(dir.join("statements")).unwrap();
        let file = dir.join("statements/b.toml");
        std::fs::write(&file, generate::statement(n, 42)).unwrap();
        // A maintained statement is sorted; sort it once, outside the timings.
        run(&bin, dir, &["sort", "b"]);
        // Kept on disk, not in this process (see `bare_parse`).
        let pristine = dir.join("pristine.toml");
        std::fs::copy(&file, &pristine).unwrap();
        let size_kb = std::fs::metadata(&file).unwrap().len() as f64 / 1024.0;

        let me = std::env::current_exe().expect("the benchmark's own path");
        let file_arg = file.to_string_lossy().into_owned();
        bare_row(&me, dir, &file_arg, reps, &n.to_string(), size_kb);

        let csv = dir.join("rows.csv");
        std::fs::write(&csv, generate::csv(n, 7)).unwrap();
        let mut ops: Vec<Vec<&str>> = vec![
            vec!["check", "b"],
            vec!["sort", "--check", "b"],
            vec!["add", "b", "Benchmark Newcomer Organisation"],
            vec!["export", "b", "--format", "csv"],
            vec!["import", "e", "rows.csv"],
        ];
        if has_dupes {
            ops.insert(2, vec!["dupes", "b"]);
        }
        for args in ops {
            let mut times = Vec::new();
            let mut parses = Vec::new();
            let mut rss = 0;
            for _ in 0..reps {
                // A bare parse next to every run: on a shared machine the
                // load moves, and a ratio of figures taken minutes apart
                // would measure that too.
                let p = run_capture(&me, dir, &["--parse", &file_arg, "1"]);
                parses.push(Duration::from_nanos(
                    p.0.trim().parse().expect("nanoseconds"),
                ));
                // Commands that write start from the same file every time.
                if args[0] == "add" {
                    std::fs::copy(&pristine, &file).unwrap();
                }
                if args[0] == "import" {
                    std::fs::write(
                        dir.join("statements/e.toml"),
                        "title = \"Empty\"\nstatus = \"open\"\n",
                    )
                    .unwrap();
                    // The contacts of the rows go to the private file: each
                    // run starts without the last run's.
                    let _ = std::fs::remove_file(dir.join("statements/e.private.toml"));
                }
                let r = run(&bin, dir, &args);
                times.push(r.time);
                rss = rss.max(r.max_rss_kb);
            }
            let t = median(times);
            let bare_here = median(parses);
            let mem_mb = rss as f64 / 1024.0;
            println!(
                "| {n} | `{}` | {:.1} ms | {:.2} | {:.1} MB | {:.1} |",
                args.join(" "),
                ms(t),
                t.as_secs_f64() / bare_here.as_secs_f64(),
                mem_mb,
                rss as f64 / size_kb
            );
        }
        println!("| {n} | (file size) | {:.0} KB | | | |", size_kb);
    }
    merge_driver(&bin, 20_000, 100);
    if !has_dupes || sizes.len() < 2 {
        return;
    }
    // Growth: the sizes taken in turn, run after run, so that each ratio
    // compares runs made under the same load.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("statements")).unwrap();
    for &n in &sizes {
        std::fs::write(
            dir.join(format!("statements/g{n}.toml")),
            generate::statement(n, 42),
        )
        .unwrap();
        run(&bin, dir, &["sort", &format!("g{n}")]);
    }
    let mut growth: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
    for _ in 0..7 {
        for (k, &n) in sizes.iter().enumerate() {
            growth[k].push(run(&bin, dir, &["dupes", &format!("g{n}")]).time);
        }
    }
    let medians: Vec<Duration> = growth.into_iter().map(median).collect();
    for k in 1..sizes.len() {
        let (n1, n2) = (sizes[k - 1], sizes[k]);
        println!(
            "\n`dupes` growth: {n1} → {n2} signers ({}×) costs {:.1}× the time ({:.1} ms → {:.1} ms, medians of 7 runs taken in turn)",
            n2 / n1,
            medians[k].as_secs_f64() / medians[k - 1].as_secs_f64(),
            ms(medians[k - 1]),
            ms(medians[k])
        );
    }
}

/// Times the bare parse of `file` in a process of its own and prints its
/// row, labelled `label` (the other rows' ratios use parses taken between their runs).
fn bare_row(me: &Path, dir: &Path, file: &str, reps: usize, label: &str, size_kb: f64) {
    let parse_run = run_capture(me, dir, &["--parse", file, &reps.to_string()]);
    let bare = Duration::from_nanos(parse_run.0.trim().parse().expect("nanoseconds"));
    println!(
        "| {label} | bare `toml` parse (in a process of its own) | {:.1} ms | 1.0 | {:.1} MB | {:.1} |",
        ms(bare),
        parse_run.1 as f64 / 1024.0,
        parse_run.1 as f64 / size_kb
    );
}
