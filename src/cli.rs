//! The command line, as clap derive types only; commands/ turns them into work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "undersigned",
    version,
    about = "Keep the signatory lists of joint statements: add, alphabetise, check and export",
    long_about = "Keep the signatory lists of joint statements (sign-on letters) in TOML files: \
add signers in their alphabetical place, refuse duplicates, keep the list in a real Unicode \
collation order, check files in CI and export press-ready lists.\n\n\
A STATEMENT is an id, looked up as <DIR>/<id>.toml; a file name <id>.toml, the file in the \
working directory when there is one, else <DIR>/<id>.toml; or a path (holding a /). Private \
contacts files (*.private.toml) named among several statements, as a glob names them, are skipped \
with a note.\n\n\
<DIR> is --dir, else UNDERSIGNED_DIR, else the nearest statements/ folder in the working directory \
or above it, up to the repository root (the folder holding .git), as git and cargo find their files.",
    after_help = "Exit status: 0 all good, 1 problems found (or a duplicate refused), 2 an error (bad usage, a file that cannot be read or parsed)."
)]
pub struct Cli {
    /// Directory holding the statement files [default: the nearest statements/ from the working directory up to the repository root].
    #[arg(long, global = true, env = "UNDERSIGNED_DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// When to colour output: auto colours on a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new statement file.
    #[command(
        after_help = "Examples:\n  undersigned new huang-wang-2023 --title \"China must release Huang Xueqin and Wang Jianbing now\" --date 2023-09-21\n  undersigned new mining-letter --title \"Stop the mine\" --language fr --status open --deadline 2024-05-01"
    )]
    New(NewArgs),
    /// Add a signer at its alphabetical place.
    #[command(
        after_help = "Example:\n  undersigned add huang-wang-2023 \"Human Rights Watch\" --acronym HRW --country US"
    )]
    Add(Box<AddArgs>),
    /// Add many signers from a CSV export, a pasted list, a Markdown page or a folder of one file per signer.
    #[command(
        after_help = "Examples:\n  undersigned import huang-wang-2023 form-responses.csv --dry-run\n  pbpaste | undersigned import huang-wang-2023 - --format text\n  undersigned import huang-wang-2023 sheet.csv --map name=\"Org\" --map country=3\n  undersigned import huang-wang-2023 form.csv --date-order dmy --map consent=\"Do you sign?\"\n  undersigned import huang-wang-2023 _data/signed --kind individual --dry-run"
    )]
    Import(ImportArgs),
    /// Every group of duplicates in a statement, certain or possible, with the reason.
    #[command(
        after_help = "Examples:\n  undersigned dupes huang-wang-2023\n  undersigned dupes huang-wang-2023 --format json"
    )]
    Dupes(DupesArgs),
    /// Fold one entry into another: the dropped name becomes an alias, so it is recognised next time.
    #[command(
        after_help = "Examples:\n  undersigned merge huang-wang-2023 \"Amnesty International\" \"Amnesty Intl\"\n  undersigned merge huang-wang-2023 \"PEN Canada@89\" \"PEN Canada@92\""
    )]
    Merge(MergeArgs),
    /// Record that two entries are different signers, so the pair is never suggested again.
    #[command(
        after_help = "Example:\n  undersigned distinct huang-wang-2023 \"PEN Canada\" \"PEN Català\""
    )]
    Distinct(DistinctArgs),
    /// Mark pending signers as confirmed, with the evidence that they authorised it.
    #[command(
        after_help = "Examples:\n  undersigned confirm huang-wang-2023 \"PEN Canada\" RSF \"Front Line Defenders\"\n  undersigned confirm huang-wang-2023 --from confirmed.txt\n  undersigned confirm huang-wang-2023 RSF --evidence \"email from the director, 3 Dec\" --by \"Jane Doe, Director\"\n  undersigned list huang-wang-2023 --status pending"
    )]
    Confirm(ConfirmArgs),
    /// Withdraw signers: each kept as a tombstone, never exported, never silently re-added.
    #[command(
        after_help = "Example:\n  undersigned withdraw huang-wang-2023 \"PEN Canada\" --reason \"asked by email\" --on 2023-10-02"
    )]
    Withdraw(WithdrawArgs),
    /// Delete entries and their contact details outright, leaving no tombstone (mistakes, erasure requests).
    #[command(
        after_help = "Example:\n  undersigned remove huang-wang-2023 \"Changsha Funeng\" --force\n\nTo keep a record of a signer who changed their mind, use `undersigned withdraw`.\nEarlier versions of the file (git history, backups, published copies) still hold a removed name:\nsee docs/editing.md, \"Erasing a name\"."
    )]
    Remove(RemoveArgs),
    /// Change a signer's fields in place; a new name is kept as an alias.
    #[command(
        after_help = "Examples:\n  undersigned edit huang-wang-2023 \"Covenants Watch\" --website https://covenantswatch.org.tw --force\n  undersigned edit huang-wang-2023 \"Changsha Funeng\" --name \"Changsha Funeng Center\" --unset country --force"
    )]
    Edit(Box<EditArgs>),
    /// Set or remove the statement's own keys: title, date, status, deadline, language ...
    #[command(
        after_help = "Examples:\n  undersigned set huang-wang-2023 status=closed deadline=2023-10-01\n  undersigned set huang-wang-2023 url=https://example.org/statement language=\n\nKEY= (empty) removes an optional key."
    )]
    Set(SetArgs),
    /// Numbers at a glance: totals, signatures per day, time to the deadline.
    #[command(
        after_help = "Examples:\n  undersigned stats huang-wang-2023\n  undersigned stats huang-wang-2023 --svg signatures.svg --format json"
    )]
    Stats(StatsArgs),
    /// Who was added, withdrawn or changed since a git revision or a date.
    #[command(
        after_help = "Examples:\n  undersigned diff huang-wang-2023 --since HEAD~3\n  undersigned diff huang-wang-2023 --since 2023-09-15"
    )]
    Diff(DiffArgs),
    /// Every statement in the directory that an organisation signed.
    #[command(after_help = "Example:\n  undersigned who \"Amnesty International\"")]
    Who(WhoArgs),
    /// Show the signers as a table.
    #[command(
        after_help = "Examples:\n  undersigned list huang-wang-2023\n  undersigned list huang-wang-2023 --status pending --kind organisation"
    )]
    List(ListArgs),
    /// Put the signers in alphabetical order.
    #[command(
        after_help = "Examples:\n  undersigned sort huang-wang-2023\n  undersigned sort --check --diff statements/*.toml"
    )]
    Sort(SortArgs),
    /// Check statement files: schema, order, duplicates.
    #[command(
        after_help = "Examples:\n  undersigned check\n  undersigned check huang-wang-2023 --format github"
    )]
    Check(CheckArgs),
    /// Export the list of signers for publication.
    #[command(
        after_help = "Examples:\n  undersigned export huang-wang-2023 --format markdown\n  undersigned export huang-wang-2023 -o signers.csv\n  undersigned export huang-wang-2023 --format markdown -o site/signers.md --check"
    )]
    Export(ExportArgs),
    /// Rewrite statement files in the tool's canonical layout (same data).
    #[command(
        after_help = "Examples:\n  undersigned fmt huang-wang-2023\n  undersigned fmt --check"
    )]
    Fmt(FmtArgs),
    /// Print a shell completion script: it offers subcommands, flags, statement ids and signers' names.
    #[command(
        after_help = "Examples:\n  undersigned completions bash > ~/.local/share/bash-completion/completions/undersigned\n  undersigned completions fish > ~/.config/fish/completions/undersigned.fish\n\nzsh: add `source <(undersigned completions zsh)` to ~/.zshrc.\nAt each <Tab> the script asks undersigned for the statement ids and names as they are then\n(the same answer as `COMPLETE=bash undersigned`); write it again after upgrading undersigned."
    )]
    Completions(CompletionsArgs),
    /// Merge two versions of a statement as a git merge driver: the union of signers.
    #[command(
        after_help = "Set-up, once per clone:\n  git config merge.undersigned.name \"undersigned signer lists\"\n  git config merge.undersigned.driver \"undersigned merge-driver %O %A %B --marker-size %L\"\n  echo 'statements/*.toml merge=undersigned' >> .gitattributes"
    )]
    MergeDriver(MergeDriverArgs),
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  undersigned man > undersigned.1 && man ./undersigned.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// Our version (%A); the merged result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// Length of conflict markers (%L).
    #[arg(long, default_value_t = 7)]
    pub marker_size: usize,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The statements: .toml paths or ids; all files in the directory when none is named.
    pub statements: Vec<String>,
    /// Change nothing; exit 1 if a file is not in the canonical layout.
    #[arg(long)]
    pub check: bool,
    /// Print the change as a unified diff instead of writing it.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_parser = shells())]
    pub shell: clap_complete::Shell,
}

/// clap_complete's shells, named in the order the help has always listed them.
fn shells() -> impl clap::builder::TypedValueParser<Value = clap_complete::Shell> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["bash", "zsh", "fish", "powershell", "elvish"])
        .map(|name| name.parse().expect("a shell clap_complete knows"))
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Identifier of the statement: lower-case letters, digits and hyphens.
    pub id: String,
    /// Title of the statement.
    #[arg(long)]
    pub title: String,
    /// Date of the statement (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Deadline for signatures: a date, or an RFC 3339 date-time with its zone.
    #[arg(long)]
    pub deadline: Option<String>,
    /// Language of the statement and its press lists, a BCP 47 tag such as en, fr or zh-Hant.
    #[arg(long)]
    pub language: Option<String>,
    /// Status of the statement (default: draft).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::model::Status::NAMES))]
    pub status: Option<String>,
    /// Web address of the published statement.
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Organisation,
    Individual,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// Name of the signer, as it should be printed.
    pub name: String,
    #[command(flatten)]
    pub fields: SignerFieldArgs,
    /// Private: the contact person (kept in <id>.private.toml, never exported).
    #[arg(long)]
    pub contact_person: Option<String>,
    /// Private: contact email address.
    #[arg(long)]
    pub email: Option<String>,
    /// Private: contact phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// Private: an internal note about this signer.
    #[arg(long)]
    pub private_note: Option<String>,
    /// Add even when a signer with the same name is already there, or the statement is closed or published.
    #[arg(long)]
    pub force: bool,
    /// Add as pending: asked, not yet confirmed (not exported until confirmed).
    #[arg(long)]
    pub pending: bool,
    /// Put back a signer who had withdrawn.
    #[arg(long)]
    pub reinstate: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputEncoding {
    /// UTF-8, or UTF-16 with its byte order mark.
    Auto,
    Latin1,
    #[value(name = "windows-1252")]
    Windows1252,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The file to read, - for standard input, or a folder of one file per signer (.yml, .yaml, .json, .md with front matter).
    pub input: String,
    /// The input's format; guessed from the extension or the content when not given.
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Which column holds a field, by header or 1-based number, e.g. --map name="Org name" (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// Print the report and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The input's encoding, when it is not UTF-8.
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: InputEncoding,
    /// Import even into a closed or published statement.
    #[arg(long)]
    pub force: bool,
    /// The order of day and month in the dates of a form export, when no date in the column settles it.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// Import every signer as pending: asked, not yet confirmed (not exported until confirmed).
    #[arg(long)]
    pub pending: bool,
    /// Import every signer as this kind; with `individual`, a trailing "(…)" is an affiliation, never an acronym.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateOrderArg {
    /// Day, month, year: 05/11/2024 is 5 November.
    Dmy,
    /// Month, day, year: 05/11/2024 is 11 May.
    Mdy,
    /// Year, month, day.
    Ymd,
}

#[derive(Debug, Args)]
pub struct DupesArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The entry to keep (NAME@LINE picks one of several of that name).
    pub keep: String,
    /// The entry to fold into it and remove; the same name twice, when it names two entries, folds the later into the earlier.
    pub drop: String,
}

#[derive(Debug, Args)]
pub struct DistinctArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// One signer.
    pub a: String,
    /// Another signer that is not the same as the first.
    pub b: String,
}

#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The signers: a name, `Name (ACR)`, an acronym, another name of theirs, or NAME@LINE to pick one of several.
    #[arg(required_unless_present = "from")]
    pub names: Vec<String>,
    /// Also the names in this file, one a line (`-`: standard input); blank lines and lines starting with # are skipped.
    #[arg(long, value_name = "FILE")]
    pub from: Option<String>,
    /// Evidence that they authorised signing: a public http(s) address (the organisation's own post) goes in the statement; any other text in the private file.
    #[arg(long, value_name = "URL or TEXT")]
    pub evidence: Option<String>,
    /// Who authorised, e.g. "Jane Doe, Director"; kept in the private file.
    #[arg(long, value_name = "PERSON", requires = "evidence")]
    pub by: Option<String>,
    /// The day of the evidence (YYYY-MM-DD); default: today.
    #[arg(long, requires = "evidence")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The signers: a name, `Name (ACR)`, an acronym, another name of theirs, or NAME@LINE to pick one of several.
    #[arg(required_unless_present = "from")]
    pub names: Vec<String>,
    /// Also the names in this file, one a line (`-`: standard input); blank lines and lines starting with # are skipped.
    #[arg(long, value_name = "FILE")]
    pub from: Option<String>,
    /// Why the signer withdrew.
    #[arg(long)]
    pub reason: Option<String>,
    /// When (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The signers to remove.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Remove even from a closed or published statement.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// The signer to change.
    pub name: String,
    /// A new name; the old one is kept in `aliases`, so it is recognised next time.
    #[arg(long = "name", value_name = "NEW")]
    pub new_name: Option<String>,
    #[command(flatten)]
    pub fields: SignerFieldArgs,
    /// Remove a field from the entry, e.g. --unset country (repeatable).
    #[arg(long, value_name = "FIELD")]
    pub unset: Vec<String>,
    /// Change an entry of a closed or published statement.
    #[arg(long)]
    pub force: bool,
}

/// The signer's fields that `add` sets and `edit` changes.
#[derive(Debug, Args)]
pub struct SignerFieldArgs {
    /// Acronym, printed in parentheses after the name.
    #[arg(long)]
    pub acronym: Option<String>,
    /// The name in another script, e.g. 人權公約施行監督聯盟.
    #[arg(long)]
    pub local_name: Option<String>,
    /// Country as an ISO 3166-1 alpha-2 code, e.g. FR.
    #[arg(long)]
    pub country: Option<String>,
    /// Organisation or individual.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// An individual's affiliation.
    #[arg(long)]
    pub affiliation: Option<String>,
    /// A qualifier printed after the name.
    #[arg(long)]
    pub note: Option<String>,
    /// Web address of the signer.
    #[arg(long)]
    pub website: Option<String>,
    /// Date the signer signed (YYYY-MM-DD).
    #[arg(long)]
    pub signed: Option<String>,
    /// File this entry under another text.
    #[arg(long)]
    pub sort_as: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// KEY=VALUE pairs, e.g. status=published; KEY= removes an optional key.
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// Also write a small bar chart of signatures per day to this SVG file.
    #[arg(long)]
    pub svg: Option<PathBuf>,
    /// Count time to the deadline from this date (YYYY-MM-DD) instead of now.
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The statement: a .toml path or an id (its file must be in a git repository).
    pub statement: String,
    /// A git revision (HEAD~3, a tag, a commit) or a date (YYYY-MM-DD: the file as it was at the start of that day).
    #[arg(long)]
    pub since: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// The organisation's name (matched as duplicates are: case, spaces, aliases).
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// Also show the private contact details.
    #[arg(long)]
    pub include_private: bool,
    /// Only the signers of this status (`pending`: who is still to confirm).
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only organisations or only individuals.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Only the confirmed signers with no evidence of authorisation, public or private.
    #[arg(long, conflicts_with = "status")]
    pub without_evidence: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Pending,
    Confirmed,
    Withdrawn,
}

#[derive(Debug, Args)]
pub struct SortArgs {
    /// The statements: .toml paths or ids.
    #[arg(required = true)]
    pub statements: Vec<String>,
    /// Change nothing; exit 1 if a file is not in order, naming what to move.
    #[arg(long)]
    pub check: bool,
    /// Print the change as a unified diff instead of writing it.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FindingsFormat {
    Human,
    Json,
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The statements: .toml paths or ids; all files in the directory when none is named.
    pub statements: Vec<String>,
    /// How to print findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: FindingsFormat,
    /// Treat warnings as problems too.
    #[arg(long)]
    pub strict: bool,
    /// Report only what changed since a git revision (a branch, tag or commit,
    /// or a date YYYY-MM-DD): the entries added or changed, problems they
    /// make with other entries, and new problems with the file as a whole.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Country,
    Kind,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The statement: a .toml path or an id.
    pub statement: String,
    /// Output format; default: from the extension of -o (.md, .markdown, .csv, .txt, .json, .html, .htm).
    #[arg(long, short, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Names with a website become links (Markdown and HTML; only http and https addresses).
    #[arg(long)]
    pub links: bool,
    /// Include signers who have not confirmed yet.
    #[arg(long)]
    pub include_pending: bool,
    /// Sections with headings, by country or by kind (CSV gets a `section` column).
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,
    /// Number the signers.
    #[arg(long)]
    pub numbered: bool,
    /// Start with a line such as "32 organisations and 5 individuals, as of 21 September 2023".
    #[arg(long)]
    pub heading: bool,
    /// Language of headings and footnotes (en, fr, es, zh); default: the statement's `language`.
    #[arg(long)]
    pub locale: Option<String>,
    /// The date in the heading; default: the statement's date once closed or published, else today.
    #[arg(long)]
    pub as_of: Option<String>,
    /// CSV for Excel: start with a UTF-8 byte order mark so Chinese, Arabic and accents open correctly.
    #[arg(long)]
    pub excel: bool,
    /// Also export the private contact details (csv and json only). Never for publication.
    #[arg(long)]
    pub include_private: bool,
    /// With -o: write nothing; exit 1 if FILE differs from what the statement gives now.
    #[arg(long, requires = "output")]
    pub check: bool,
    /// Export even though `check` finds errors in the list (said on standard error).
    #[arg(long)]
    pub force: bool,
}
