//! `undersigned new`: create a statement file, never overwriting one.

use super::Outcome;
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::model::Deadline;
use crate::store;
use chrono::{DateTime, NaiveDate};
use std::io::Write;
use std::path::Path;
use toml_edit::{DocumentMut, value};

pub fn run(dir: &Path, args: &NewArgs, err: &mut dyn Write) -> Result<Outcome> {
    let id = args.id.as_str();
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if !valid_id {
        return Err(Error::msg(format!(
            "\"{id}\" is not a statement id; use lower-case letters, digits and hyphens, e.g. huang-wang-2023"
        )));
    }
    let title = crate::text::clean_name(&args.title);
    if title.is_empty() {
        return Err(Error::msg("the title is empty"));
    }
    crate::schema::check_text(&title).map_err(|(_, why)| Error::msg(format!("the title {why}")))?;

    let mut doc = DocumentMut::new();
    doc["title"] = value(title.as_str());
    if let Some(d) = &args.date {
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            Error::msg(format!(
                "--date must be a date such as 2023-09-21, not \"{d}\""
            ))
        })?;
        doc["date"] = value(toml_datetime(&date.format("%Y-%m-%d").to_string()));
    }
    doc["status"] = value(args.status.as_deref().unwrap_or("draft"));
    if let Some(d) = &args.deadline {
        let deadline = parse_deadline(d)?;
        let text = match deadline {
            Deadline::Date(d) => d.format("%Y-%m-%d").to_string(),
            Deadline::DateTime(t) => t.to_rfc3339(),
        };
        doc["deadline"] = value(toml_datetime(&text));
    }
    for (key, v) in [("language", &args.language), ("url", &args.url)] {
        if let Some(v) = v {
            doc[key] = value(crate::text::clean_name(v));
        }
    }
    let path = dir.join(format!("{id}.toml"));
    let text = doc.to_string();
    valid(&path, &text)?;
    store::create_new(&path, text.as_bytes())?;
    // Lock files and temporary files are not data, and private contact files must never reach git.
    store::ensure_ignore_rules(dir, true)?;
    writeln!(err, "Created {}", store::display(&path))?;
    Ok(Outcome::Clean)
}

/// The new file read as on load: a value its key does not take (a language
/// tag that is not one, an address that is not a web address) names the
/// flag and why, and no file is made.
fn valid(path: &Path, text: &str) -> Result<()> {
    let loaded = store::parse(path, text.as_bytes().to_vec()).map_err(|f| Error::msg(f.message))?;
    if let Some(f) = loaded.errors().next() {
        let flag = ["language", "url", "status"]
            .into_iter()
            .find(|k| f.message.starts_with(&format!("`{k}`")))
            .map_or(String::new(), |k| format!("--{k}: "));
        return Err(Error::msg(format!("{flag}{}", f.message)));
    }
    Ok(())
}

fn toml_datetime(s: &str) -> toml_edit::Datetime {
    // Both forms come from chrono's own formatting, which TOML accepts.
    s.parse()
        .expect("chrono writes RFC 3339, which TOML accepts")
}

pub fn parse_deadline(d: &str) -> Result<Deadline> {
    if let Ok(date) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        return Ok(Deadline::Date(date));
    }
    DateTime::parse_from_rfc3339(d).map(Deadline::DateTime).map_err(|_| {
        Error::msg(format!(
            "--deadline must be a date (2023-09-21) or a date and time with its zone (2023-09-21T18:00:00+08:00), not \"{d}\""
        ))
    })
}
