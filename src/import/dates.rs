//! Dates of a form export's timestamp column: ISO, or day and month in an order the column proves or the user names.

use crate::error::{Error, Result};
use chrono::NaiveDate;

/// The order of a date's numbers, as `--date-order` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl DateOrder {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Dmy => "day first",
            Self::Mdy => "month first",
            Self::Ymd => "year first",
        }
    }

    pub fn option(self) -> &'static str {
        match self {
            Self::Dmy => "--date-order dmy",
            Self::Mdy => "--date-order mdy",
            Self::Ymd => "--date-order ymd",
        }
    }
}

/// How the order of a column's dates was settled, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// Named with `--date-order`.
    Given(DateOrder),
    /// Proven by a date that reads only one way: its line and text.
    Proven(DateOrder, usize, String),
    /// Every date is ISO, or reads the same either way.
    Unneeded,
}

#[derive(Debug)]
pub struct Dates {
    pub dates: Vec<Option<NaiveDate>>,
    pub settled: Settled,
}

/// The date part of a cell (`9/21/2023` of `9/21/2023 14:03:22`) as three
/// numbers, with how many digits the first one has.
fn parts(v: &str) -> Option<(&str, u32, u32, i32, usize)> {
    let date = v.split_whitespace().next()?;
    let mut it = date.split(['/', '.', '-']);
    let first = it.next()?;
    let (a, b, c) = (
        first.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    );
    it.next().is_none().then_some((date, a, b, c, first.len()))
}

fn iso(v: &str) -> Option<NaiveDate> {
    let d = v.trim().get(..10)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(d, "%Y/%m/%d"))
        .ok()
}

fn year(y: i32) -> i32 {
    if y < 100 { 2000 + y } else { y }
}

fn read(a: u32, b: u32, c: i32, order: DateOrder) -> Option<NaiveDate> {
    match order {
        DateOrder::Dmy => NaiveDate::from_ymd_opt(year(c), b, a),
        DateOrder::Mdy => NaiveDate::from_ymd_opt(year(c), a, b),
        DateOrder::Ymd => NaiveDate::from_ymd_opt(year(a as i32), b, c.try_into().ok()?),
    }
}

/// The dates of a column, given as (line, cell). ISO dates and dates whose
/// year comes first read one way. For the rest the order is `given`, or else
/// decided for the whole column by a date that reads one way only (a first
/// number over 12 is a day, a second over 12 too). A column whose dates read
/// both ways (no day over 12) is refused: a silent guess would put 11 May on
/// the list for 5 November. A cell that is no date at all gives `None`.
pub fn parse_timestamps(values: &[(usize, &str)], given: Option<DateOrder>) -> Result<Dates> {
    let mut day_first = None;
    let mut month_first = None;
    let mut both_ways = None;
    for &(line, v) in values {
        if iso(v).is_some() {
            continue;
        }
        let Some((text, a, b, _, digits)) = parts(v) else {
            continue;
        };
        if digits == 4 {
            continue;
        }
        if a > 12 && b <= 12 {
            day_first.get_or_insert((line, text));
        } else if b > 12 && a <= 12 {
            month_first.get_or_insert((line, text));
        } else if a != b && a <= 12 && b <= 12 {
            both_ways.get_or_insert((line, text));
        }
    }
    let settled = match (given, day_first, month_first) {
        (Some(order), _, _) => Settled::Given(order),
        (None, Some((l1, d)), Some((l2, m))) => {
            return Err(Error::msg(format!(
                "line {l1} has \"{d}\", a date day first, and line {l2} \"{m}\", a date month first: \
                 the column mixes orders; fix those rows, or name the order with --date-order dmy or --date-order mdy"
            )));
        }
        (None, Some((l, d)), None) => Settled::Proven(DateOrder::Dmy, l, d.to_string()),
        (None, None, Some((l, m))) => Settled::Proven(DateOrder::Mdy, l, m.to_string()),
        (None, None, None) => match both_ways {
            Some((l, d)) => return Err(ambiguous(l, d)),
            None => Settled::Unneeded,
        },
    };
    let order = match &settled {
        Settled::Given(o) | Settled::Proven(o, _, _) => *o,
        // Each remaining date has day and month equal: either order reads it.
        Settled::Unneeded => DateOrder::Dmy,
    };
    let mut dates = Vec::with_capacity(values.len());
    for &(line, v) in values {
        let date = match (iso(v), parts(v)) {
            (Some(d), _) => Some(d),
            (None, Some((_, a, b, c, 4))) => read(a, b, c, DateOrder::Ymd),
            (None, Some((text, a, b, c, _))) => Some(read(a, b, c, order).ok_or_else(|| {
                Error::msg(format!(
                    "line {line}: \"{text}\" is not a date read {} ({}); check the order",
                    order.describe(),
                    order.option()
                ))
            })?),
            (None, None) => None,
        };
        dates.push(date);
    }
    Ok(Dates { dates, settled })
}

fn ambiguous(line: usize, text: &str) -> Error {
    let show = |order| {
        parts(text)
            .and_then(|(_, a, b, c, _)| read(a, b, c, order))
            .map_or(String::new(), |d| d.format("%-d %B %Y").to_string())
    };
    Error::msg(format!(
        "line {line}: \"{text}\" is {} day first and {} month first, and no date in the column settles which: \
         add --date-order dmy (day first) or --date-order mdy (month first)",
        show(DateOrder::Dmy),
        show(DateOrder::Mdy)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn lines<'a>(v: &[&'a str]) -> Vec<(usize, &'a str)> {
        v.iter().enumerate().map(|(i, s)| (i + 2, *s)).collect()
    }

    #[test]
    fn a_column_that_proves_its_order_is_read_so() {
        let r =
            parse_timestamps(&lines(&["9/21/2023 14:03:22", "9/2/2023 9:00:00"]), None).unwrap();
        assert_eq!(r.dates, vec![d("2023-09-21"), d("2023-09-02")]);
        assert_eq!(
            r.settled,
            Settled::Proven(DateOrder::Mdy, 2, "9/21/2023".into())
        );
        let r = parse_timestamps(&lines(&["02/09/2023 9:00", "21/09/2023 14:03"]), None).unwrap();
        assert_eq!(r.dates, vec![d("2023-09-02"), d("2023-09-21")]);
        assert_eq!(
            r.settled,
            Settled::Proven(DateOrder::Dmy, 3, "21/09/2023".into())
        );
        let r = parse_timestamps(&lines(&["2023-09-21 14:03:22 UTC", "", "soon"]), None).unwrap();
        assert_eq!(r.dates, vec![d("2023-09-21"), None, None]);
        assert_eq!(r.settled, Settled::Unneeded);
    }

    #[test]
    fn a_column_that_reads_both_ways_is_refused_without_an_order() {
        let v = lines(&["05/11/2024 10:00:00", "07/11/2024 11:00:00"]);
        let e = parse_timestamps(&v, None).unwrap_err().reason();
        assert!(e.contains("line 2: \"05/11/2024\""), "{e}");
        assert!(e.contains("--date-order dmy"), "{e}");
        let r = parse_timestamps(&v, Some(DateOrder::Dmy)).unwrap();
        assert_eq!(r.dates, vec![d("2024-11-05"), d("2024-11-07")]);
        let r = parse_timestamps(&v, Some(DateOrder::Mdy)).unwrap();
        assert_eq!(r.dates, vec![d("2024-05-11"), d("2024-07-11")]);
        // Day and month equal: the same date either way.
        let r = parse_timestamps(&lines(&["05/05/2024"]), None).unwrap();
        assert_eq!(r.dates, vec![d("2024-05-05")]);
    }

    #[test]
    fn a_column_mixing_orders_or_contradicting_the_option_is_an_error() {
        let e = parse_timestamps(&lines(&["21/09/2023", "9/21/2023"]), None)
            .unwrap_err()
            .reason();
        assert!(e.contains("mixes orders"), "{e}");
        let e = parse_timestamps(&lines(&["21/09/2023"]), Some(DateOrder::Mdy))
            .unwrap_err()
            .reason();
        assert!(
            e.contains("line 2: \"21/09/2023\" is not a date read month first"),
            "{e}"
        );
        let r =
            parse_timestamps(&lines(&["24/11/05", "2024/11/06"]), Some(DateOrder::Ymd)).unwrap();
        assert_eq!(r.dates, vec![d("2024-11-05"), d("2024-11-06")]);
    }
}
