//! undersigned: keep the signatory lists of joint statements in TOML files.

pub mod cli;
pub mod collate;
pub mod commands;
pub mod dedupe;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod filing;
pub mod import;
pub mod locale;
pub mod model;
pub mod placeholder;
pub mod schema;
pub mod store;
pub mod tables;
pub mod text;
