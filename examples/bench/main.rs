//! The benchmark driver: imports the UN General Debate corpus as Lectern items, builds indexes and
//! times result pages, for Lectern and for bare tantivy (the reference). `scripts/bench.sh` runs it
//! (release build) together with the SQLite FTS5 and HTTP measurements; see docs/benchmarks.md.
//!
//! Every subcommand prints one JSON object on stdout so the harness can collect the numbers.
//! Uses only the `lectern` library and tantivy; knows nothing of the web layer.

mod measure;
mod mix;
mod reference;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use serde::Deserialize;
use serde_json::json;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes each speech of a JSONL file as a Markdown item below `out`.
    Import {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        limit: Option<usize>,
        /// Write the corpus this many times (in folders copy-0, copy-1, ...).
        #[arg(long, default_value_t = 1)]
        copies: usize,
    },
    /// Loads an archive and builds a fresh Lectern index of it.
    Build {
        #[arg(long)]
        archive: PathBuf,
        #[arg(long)]
        index: PathBuf,
    },
    /// Times result pages for a query mix on a Lectern index.
    Pages(mix::PagesArgs),
    /// Builds a bare tantivy index (default tokenizer) of the same speeches.
    RefBuild {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        index: PathBuf,
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, default_value_t = 1)]
        copies: usize,
    },
    /// Times result pages for a query mix on the bare tantivy index.
    RefPages(mix::PagesArgs),
}

/// One line of the corpus.
#[derive(Deserialize, Clone)]
pub struct Speech {
    pub id: String,
    pub country: Option<String>,
    pub session: Option<u32>,
    pub year: u16,
    pub speaker: Option<String>,
    pub text: String,
}

impl Speech {
    pub fn title(&self) -> String {
        let country = self.country.as_deref().unwrap_or("unknown country");
        let session = self
            .session
            .map(|s| format!(", session {s}"))
            .unwrap_or_default();
        format!("General Debate {}: {country}{session}", self.year)
    }

    pub fn speaker_name(&self) -> Option<&str> {
        self.speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// Reads up to `limit` speeches.
pub fn read_corpus(path: &Path, limit: Option<usize>) -> Result<Vec<Speech>> {
    let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
        let line = line?;
        let speech: Speech = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a speech", path.display(), n + 1))?;
        out.push(speech);
    }
    Ok(out)
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Import {
            corpus,
            out,
            limit,
            copies,
        } => import(&corpus, &out, limit, copies),
        Command::Build { archive, index } => build(&archive, &index),
        Command::Pages(args) => mix::lectern_pages(&args),
        Command::RefBuild {
            corpus,
            index,
            limit,
            copies,
        } => reference::build(&corpus, &index, limit, copies),
        Command::RefPages(args) => reference::pages(&args),
    }
}

/// A TOML basic string: JSON's escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn item_file(speech: &Speech) -> String {
    let mut out = String::with_capacity(speech.text.len() + 300);
    out.push_str("+++\n");
    out.push_str(&format!("title = {}\n", toml_string(&speech.title())));
    out.push_str(&format!("date = \"{}\"\n", speech.year));
    out.push_str("kind = \"lecture\"\nlanguage = \"en\"\nseries = \"UN General Debate\"\n");
    if let Some(speaker) = speech.speaker_name() {
        out.push_str(&format!("speakers = [{}]\n", toml_string(speaker)));
    }
    if let Some(country) = &speech.country {
        out.push_str(&format!("themes = [{}]\n", toml_string(country)));
    }
    out.push_str("+++\n\n");
    out.push_str(&speech.text);
    out.push('\n');
    out
}

fn import(corpus: &Path, out: &Path, limit: Option<usize>, copies: usize) -> Result<()> {
    let started = Instant::now();
    let speeches = read_corpus(corpus, limit)?;
    let mut bytes = 0u64;
    for copy in 0..copies {
        let folder = out.join(format!("copy-{copy}"));
        std::fs::create_dir_all(&folder)?;
        for speech in &speeches {
            let text = item_file(speech);
            bytes += text.len() as u64;
            let path = folder.join(format!("{}.md", speech.id.to_lowercase()));
            std::fs::File::create(&path)?.write_all(text.as_bytes())?;
        }
    }
    measure::emit(json!({
        "items": speeches.len() * copies,
        "bytes": bytes,
        "seconds": started.elapsed().as_secs_f64(),
    }));
    Ok(())
}

/// Lectern's full rebuild as `lectern reindex` runs it: the archive streamed into the writer
/// (each file hashed, parsed and added as it is read), so peak memory is the writer's budget
/// plus one item, whatever the archive's size.
fn build(archive: &Path, index: &Path) -> Result<()> {
    let started = Instant::now();
    let report = lectern::index::reindex(index, archive, &lectern::index::Quiet)?;
    anyhow::ensure!(
        report.errors.is_empty(),
        "{} archive errors, first: {:?}",
        report.errors.len(),
        report.errors.first().map(|e| &e.message)
    );
    let total_s = started.elapsed().as_secs_f64();
    measure::emit(json!({
        "items": report.items,
        "text_bytes": measure::dir_bytes(archive),
        "load_s": 0.0,
        "index_s": total_s,
        "total_s": total_s,
        "peak_rss_mb": measure::peak_rss_mb(),
        "index_mb": measure::dir_mb(index),
    }));
    Ok(())
}
