//! `lectern eval`: the archive's ranking on a relevance test collection, in trec_eval's measures.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use crate::archive::{write::write_atomically, Language};
use crate::eval::{self, Measures};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A folder with docs.jsonl, queries.tsv and qrels.trec (like ../shared/data/relevance/cacm).
    #[arg(long)]
    pub collection: PathBuf,
    /// The language to index the documents in (nl or en).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Also write the run in TREC format to this file.
    #[arg(long)]
    pub run: Option<PathBuf>,
}

pub fn run(args: EvalArgs) -> Result<i32> {
    let language = Language::parse(&args.lang)
        .with_context(|| format!("--lang {}: use nl or en", args.lang))?;
    let evaluation = eval::evaluate_dir(&args.collection, language)?;
    println!(
        "{}: {} documents, {} queries ({} judged); indexed in {:.1} s, searched in {:.1} s",
        args.collection.display(),
        evaluation.documents,
        evaluation.queries,
        evaluation.judged,
        evaluation.index_time.as_secs_f64(),
        evaluation.search_time.as_secs_f64()
    );
    for (name, value) in Measures::NAMES.iter().zip(evaluation.measures.values()) {
        println!("{name:<8} {value:.4}");
    }
    if let Some(path) = &args.run {
        write_atomically(path, evaluation.trec_run("lectern").as_bytes())
            .with_context(|| format!("cannot write the run to {}", path.display()))?;
        println!("run written to {}", path.display());
    }
    Ok(0)
}
