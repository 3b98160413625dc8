//! `undersigned stats`: totals by status, kind and country, signatures per day, time to the deadline.

use super::{Outcome, date_arg, read_valid, resolve, write_json};
use crate::cli::{ReportFormat, StatsArgs};
use crate::error::Result;
use crate::model::counts::{Counts, counted};
use crate::model::{Deadline, Kind, SignerStatus, Statement};
use crate::store;
use crate::text::visible;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct Stats {
    pub title: String,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Confirmed signers per country code ("" when none is given).
    pub by_country: BTreeMap<String, usize>,
    /// Signatures (not withdrawn) per day, from the first signing day to the deadline (or the last signature).
    pub per_day: Vec<(NaiveDate, usize)>,
    pub deadline: Option<String>,
    /// Whole days from `as_of` to the deadline; negative once it has passed.
    pub days_left: Option<i64>,
}

pub fn compute(st: &Statement, as_of: NaiveDate) -> Stats {
    let mut by_status = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut by_country = BTreeMap::new();
    for s in &st.signatories {
        *by_status.entry(s.status.as_str()).or_insert(0) += 1;
        if s.status == SignerStatus::Confirmed {
            *by_kind.entry(s.kind.as_str()).or_insert(0) += 1;
            *by_country
                .entry(s.country.as_deref().unwrap_or_default().to_string())
                .or_insert(0) += 1;
        }
    }
    for k in ["pending", "confirmed", "withdrawn"] {
        by_status.entry(k).or_insert(0);
    }
    for k in [Kind::Organisation, Kind::Individual] {
        by_kind.entry(k.as_str()).or_insert(0);
    }
    let dates: Vec<NaiveDate> = st
        .signatories
        .iter()
        .filter(|s| s.status != SignerStatus::Withdrawn)
        .filter_map(|s| s.signed)
        .collect();
    let deadline_day = st.deadline.map(|d| match d {
        Deadline::Date(d) => d,
        Deadline::DateTime(t) => t.date_naive(),
    });
    let per_day = match dates.iter().min() {
        None => Vec::new(),
        Some(&first) => {
            let last = dates
                .iter()
                .copied()
                .chain(deadline_day)
                .max()
                .unwrap_or(first);
            first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|d| (d, dates.iter().filter(|&&x| x == d).count()))
                .collect()
        }
    };
    Stats {
        title: st.title.clone(),
        by_status,
        by_kind,
        by_country,
        per_day,
        deadline: st.deadline.map(|d| d.describe()),
        days_left: deadline_day.map(|d| (d - as_of).num_days()),
    }
}

/// One bar per value, eight heights; a day with none stays blank.
pub fn sparkline(values: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|&v| {
            if v == 0 {
                ' '
            } else {
                BARS[((v * 8).div_ceil(max)).clamp(1, 8) - 1]
            }
        })
        .collect()
}

/// A small bar chart of signatures per day.
pub fn svg(stats: &Stats) -> String {
    let (bar, gap, height) = (8, 2, 60);
    let max = stats
        .per_day
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let width = (stats.per_day.len() * (bar + gap)).max(1);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\" role=\"img\">\n<title>{}</title>\n",
        height + 14,
        height + 14,
        crate::export::escape_html(&format!("Signatures per day: {}", stats.title))
    );
    for (i, (day, n)) in stats.per_day.iter().enumerate() {
        let h = n * height / max;
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{bar}\" height=\"{h}\" fill=\"#3b6ea8\"><title>{day}: {n}</title></rect>\n",
            i * (bar + gap),
            height - h
        ));
    }
    if let (Some((first, _)), Some((last, _))) = (stats.per_day.first(), stats.per_day.last()) {
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"10\" font-family=\"sans-serif\">{first} – {last}</text>\n",
            height + 12
        ));
    }
    out.push_str("</svg>\n");
    out
}

pub fn run(
    dir: &Path,
    args: &StatsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let loaded = read_valid(&resolve(dir, &args.statement))?;
    let as_of = match &args.as_of {
        Some(d) => date_arg("--as-of", d)?,
        None => super::today(),
    };
    let stats = compute(&loaded.statement, as_of);
    if let Some(path) = &args.svg {
        store::write_atomic(path, svg(&stats).as_bytes())?;
        writeln!(err, "Wrote {}", store::display(path))?;
    }
    match args.format {
        ReportFormat::Json => write_json(&stats, out)?,
        ReportFormat::Human => out.write_all(human(&stats).as_bytes())?,
    }
    Ok(Outcome::Clean)
}

fn human(s: &Stats) -> String {
    let mut t = format!("{}\n", visible(&s.title));
    let count = |m: &BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0);
    let counts = Counts {
        confirmed: count(&s.by_status, "confirmed"),
        pending: count(&s.by_status, "pending"),
        withdrawn: count(&s.by_status, "withdrawn"),
        organisations: count(&s.by_kind, "organisation"),
        individuals: count(&s.by_kind, "individual"),
    };
    t.push_str(&format!("Signers:      {counts}\n"));
    t.push_str(&format!(
        "By kind:      {}, {}\n",
        counted(counts.organisations, "organisation", "organisations"),
        counted(counts.individuals, "individual", "individuals")
    ));
    let mut countries: Vec<(&String, &usize)> = s.by_country.iter().collect();
    countries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = countries
        .iter()
        .map(|(c, n)| {
            format!(
                "{} {n}",
                if c.is_empty() {
                    "none given"
                } else {
                    c.as_str()
                }
            )
        })
        .collect();
    t.push_str(&format!("By country:   {}\n", list.join(", ")));
    match (s.per_day.first(), s.per_day.last()) {
        (Some((first, _)), Some((last, _))) => {
            let values: Vec<usize> = s.per_day.iter().map(|(_, n)| *n).collect();
            t.push_str(&format!(
                "Per day:      {first} |{}| {last}\n",
                sparkline(&values)
            ));
        }
        _ => t.push_str("Per day:      no signing dates recorded\n"),
    }
    match (&s.deadline, s.days_left) {
        (Some(d), Some(left)) if left > 0 => t.push_str(&format!(
            "Deadline:     {d}, {} left\n",
            counted(left.unsigned_abs() as usize, "day", "days")
        )),
        (Some(d), Some(0)) => t.push_str(&format!("Deadline:     {d}, today\n")),
        (Some(d), Some(left)) => t.push_str(&format!(
            "Deadline:     {d}, passed {} ago\n",
            counted(left.unsigned_abs() as usize, "day", "days")
        )),
        _ => t.push_str("Deadline:     none set\n"),
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_busiest_day() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8]), " ▁▂▄█");
        assert_eq!(sparkline(&[]), "");
    }
}
