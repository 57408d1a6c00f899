//! The command line: arguments (clap derive) and the dispatch to one module per command.
//!
//! Every command returns an exit code; errors carry their chain up to `main`, which prints them.
//! Add a command as a `Command` variant, a match arm in [`run`], and a file of its own.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::archive::{load_archive, Loaded};
use crate::index;

mod add;
mod bulk;
mod config;
mod eval;
mod progress;
mod quotes;
mod reindex;
mod search;
mod serve;
mod status;
mod user;

/// Lectern: an archive of lectures, talks and event reports with Dutch-aware search.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about)]
pub struct Cli {
    /// The archive folder: one Markdown file per item (the source of truth).
    #[arg(
        long,
        global = true,
        env = "LECTERN_ARCHIVE",
        default_value = "archive"
    )]
    pub archive: PathBuf,
    /// The index folder (derived from the archive; safe to delete and rebuild).
    #[arg(long, global = true, env = "LECTERN_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// A settings file (TOML); by default `lectern.toml` in the working folder, if there is one.
    #[arg(long, global = true, env = "LECTERN_CONFIG")]
    pub config: Option<PathBuf>,
    /// Log lines as readable text or as JSON objects (one per line).
    #[arg(long, global = true, env = "LECTERN_LOG_FORMAT", value_enum)]
    pub log_format: Option<crate::config::LogFormat>,
    /// Which logs to show, as a tracing filter: `info`, `debug`, `info,lectern=debug`.
    #[arg(long, global = true, env = "LECTERN_LOG")]
    pub log: Option<String>,
    /// The settings resolved from flags, environment and file (filled in by `main`).
    #[arg(skip)]
    pub settings: Option<crate::config::Config>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring the index up to date with the archive; report every bad file.
    Index {
        /// Rebuild the whole index in a new generation instead of updating changed items.
        #[arg(long)]
        full: bool,
    },
    /// Search the index.
    Search(SearchArgs),
    /// Validate every file in the archive without indexing.
    Check,
    /// Rebuild the whole index in a new generation beside the live one, then switch to it.
    Reindex,
    /// Compare the index with the archive and this binary; exit 0 only when it is current.
    Status {
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the effective settings and where each came from.
    Config,
    /// Index if needed, then serve the web pages and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LECTERN_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Only read: serve the index's current generation and follow `index/CURRENT`, never build,
        /// sync or edit (no watcher, no /admin). Run one writing `serve` (or `lectern index` by
        /// hand) and any number of these on the same index folder to scale out for visitors.
        #[arg(long, env = "LECTERN_READ_ONLY")]
        read_only: bool,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Add transcripts and reports (.md, .txt, .pdf, .vtt, .srt) and index them at once.
    Add(add::AddArgs),
    /// Import items from JSON Lines (one object a line; .gz is decompressed).
    Import {
        file: PathBuf,
        /// Overwrite existing items whose content differs.
        #[arg(long)]
        replace: bool,
    },
    /// Export every item as JSON Lines (the format `import` reads).
    Export {
        /// Write to this file (gzip when it ends in .gz) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Manage the archivists who may use the web editor at /admin.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
    /// Measure the ranking on a relevance test collection (MAP, nDCG@10, P@10, P@30, R@100, R@1000).
    Eval(eval::EvalArgs),
    /// Print the quotations (with whom they are attributed to) and the people in a text file.
    Quotes(quotes::QuotesArgs),
}

/// Settings of the web editor at /admin.
#[derive(Debug, Args, Clone)]
pub struct AdminArgs {
    /// The users file (argon2 hashes) for /admin (default: users.toml beside the archive folder).
    #[arg(long, env = "LECTERN_USERS")]
    pub users: Option<PathBuf>,
    /// Send the session cookie without `Secure`, for plain-http use on localhost only.
    #[arg(long, env = "LECTERN_INSECURE_COOKIES")]
    pub insecure_cookies: bool,
    /// The largest upload the editor accepts, in megabytes.
    #[arg(long, env = "LECTERN_UPLOAD_LIMIT_MB", default_value_t = 20)]
    pub upload_limit_mb: usize,
    /// A reverse proxy in front of the server (its address as the server sees it; repeat, or
    /// commas in the environment): only from these is `X-Forwarded-For` believed, for the
    /// sign-in throttle. None by default: the header is then ignored.
    #[arg(
        long = "trusted-proxy",
        env = "LECTERN_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "phrases", -exclusions and prefixes such as spreker:, jaar:2018..2022, thema:,
    /// citaat: (within quotations only).
    #[arg(default_value = "")]
    pub query: String,
    /// Only items with this speaker (repeat for any of several).
    #[arg(long)]
    pub speaker: Vec<String>,
    /// Only items with this person in them: speaker, quoted or mentioned (repeat for any).
    #[arg(long)]
    pub person: Vec<String>,
    /// A year (2022) or a range (2018..2022).
    #[arg(long)]
    pub year: Option<String>,
    /// Only items with this theme (repeat for any of several).
    #[arg(long)]
    pub theme: Vec<String>,
    /// Only items in this series.
    #[arg(long)]
    pub series: Vec<String>,
    /// Only items of this kind (lecture, report, essay, interview, panel, other).
    #[arg(long)]
    pub kind: Vec<String>,
    /// Only items in this language (nl, en).
    #[arg(long)]
    pub lang: Vec<String>,
    /// Order: relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print exactly what /api/search returns.
    #[arg(long)]
    pub json: bool,
}

/// Runs a parsed command line; the result is the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Index { full } => index_command(&cli.archive, &cli.index, full),
        Command::Search(args) => search::run(&cli.index, args, ranking(&cli.settings)),
        Command::Check => check_command(&cli.archive),
        Command::Serve {
            addr,
            read_only,
            admin,
        } => serve::run(
            &cli.archive,
            &cli.index,
            addr,
            admin,
            read_only,
            ranking(&cli.settings),
            cli.settings
                .as_ref()
                .map(|c| c.identity.clone())
                .unwrap_or_default(),
        ),
        Command::Add(args) => add::run(&cli.archive, &cli.index, args),
        Command::Import { file, replace } => bulk::import(&cli.archive, &cli.index, &file, replace),
        Command::Export { output } => bulk::export(&cli.archive, output.as_ref()),
        Command::User { command } => user::run(&cli.archive, command),
        Command::Reindex => reindex::run(&cli.archive, &cli.index),
        Command::Status { json } => status::run(&cli.archive, &cli.index, json),
        Command::Config => config::run(cli.settings.as_ref()),
        Command::Eval(args) => eval::run(args),
        Command::Quotes(args) => quotes::run(args),
    }
}

/// The ranking searches use: the default, with pseudo-relevance feedback when the `feedback`
/// setting is on.
fn ranking(settings: &Option<crate::config::Config>) -> crate::search::Ranking {
    let mut ranking = crate::search::Ranking::default();
    if settings.as_ref().is_some_and(|c| c.feedback.value) {
        ranking.feedback = Some(crate::search::Feedback::default());
    }
    ranking
}

pub(crate) fn load(archive: &Path) -> Result<Loaded> {
    load_archive(archive).with_context(|| {
        format!(
            "cannot read the archive folder {} (set --archive or LECTERN_ARCHIVE)",
            archive.display()
        )
    })
}

pub(crate) fn report_errors(loaded: &Loaded) {
    for error in &loaded.errors {
        eprintln!("{error}");
    }
}

fn check_command(archive: &Path) -> Result<i32> {
    let loaded = load(archive)?;
    report_errors(&loaded);
    println!(
        "{} items valid, {} problems",
        loaded.items.len(),
        loaded.errors.len()
    );
    Ok(i32::from(!loaded.errors.is_empty()))
}

fn index_command(archive: &Path, index_root: &Path, full: bool) -> Result<i32> {
    if full {
        return reindex::run(archive, index_root);
    }
    let started = Instant::now();
    let progress = progress::for_stderr();
    let report = index::sync_archive(index_root, archive, progress.as_ref())
        .with_context(|| format!("cannot index the archive {}", archive.display()))?;
    print_summary(&report, started);
    Ok(i32::from(!report.errors.is_empty()))
}

pub(crate) fn print_summary(report: &index::SyncReport, started: Instant) {
    for error in &report.errors {
        eprintln!("{error}");
    }
    for path in &report.temp_removed {
        eprintln!("removed {path}: a temporary file left by an interrupted write to the archive");
    }
    println!(
        "{} items in the archive: {} added, {} updated, {} removed, {} unchanged{}; {} errors; {:.2} s",
        report.items,
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        if report.rebuilt { " (full rebuild)" } else { "" },
        report.errors.len(),
        started.elapsed().as_secs_f64()
    );
}
