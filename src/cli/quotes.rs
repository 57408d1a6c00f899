//! `lectern quotes FILE`: the quotations and people that `analysis::quotes` finds in a text
//! file, as lines for a reader or as JSON for a measuring script (`scripts/quotes-eval.py`).
//!
//! Offsets are characters (Unicode scalar values) into the file as read, end exclusive, the
//! units Python's `str` indexing uses. The JSON shape is documented in docs/quotes.md.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use serde::Serialize;

use crate::analysis::quotes::{self, Extraction, KnownPeople};
use crate::archive::{language::detect_language, Language};

/// The largest file `lectern quotes` reads (docs/security.md).
pub const MAX_QUOTES_FILE_BYTES: u64 = 16 << 20;

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// A UTF-8 text file (a report, a transcript, a chapter).
    pub file: PathBuf,
    /// The text's language (nl or en); detected from the text when not given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Print JSON (one object: file, language, version, quotes, people).
    #[arg(long)]
    pub json: bool,
}

/// What `--json` prints.
#[derive(Serialize)]
struct Output<'a> {
    file: String,
    language: &'a str,
    /// `analysis::quotes::QUOTES_VERSION`: the rules that produced this.
    version: u32,
    chars: usize,
    #[serde(flatten)]
    extraction: &'a Extraction,
}

pub fn run(args: QuotesArgs) -> Result<i32> {
    let text = read_text(&args.file)?;
    let language = match &args.lang {
        Some(lang) => {
            Language::parse(lang).with_context(|| format!("--lang {lang}: use nl or en"))?
        }
        None => detect_language(&text),
    };
    let found = quotes::extract(&text, language, &KnownPeople::default());
    if args.json {
        let output = Output {
            file: args.file.display().to_string(),
            language: language.code(),
            version: quotes::QUOTES_VERSION,
            chars: text.chars().count(),
            extraction: &found,
        };
        println!("{}", serde_json::to_string_pretty(&output)?);
    } else {
        print_plain(&found);
    }
    Ok(0)
}

fn read_text(path: &Path) -> Result<String> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_QUOTES_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_QUOTES_FILE_BYTES {
        bail!(
            "{} is larger than {} MB: refused (lectern quotes reads at most that)",
            path.display(),
            MAX_QUOTES_FILE_BYTES >> 20
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid bytes at byte {}): save it as UTF-8 and try again",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn print_plain(found: &Extraction) {
    println!("{} quotations", found.quotes.len());
    for q in &found.quotes {
        let who = match (&q.speaker, &q.as_written, q.mention, q.kind) {
            (speaker, Some(written), Some(m), Some(kind)) => format!(
                "{} (as written \"{}\" at {}..{}, {})",
                speaker.as_deref().unwrap_or("?"),
                written,
                m.start,
                m.end,
                serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
            _ => "unattributed".to_string(),
        };
        println!("{}..{}  {}  — {}", q.span.start, q.span.end, q.text, who);
    }
    println!("{} people", found.people.len());
    for p in &found.people {
        let spans: Vec<String> = p
            .mentions
            .iter()
            .map(|m| format!("{}..{}", m.start, m.end))
            .collect();
        println!(
            "{}{}  {}",
            p.name,
            if p.known { " (known)" } else { "" },
            spans.join(" ")
        );
    }
}
