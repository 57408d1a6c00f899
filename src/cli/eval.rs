//! `lectern eval`: the archive's ranking on relevance test collections, in trec_eval's measures;
//! with several collections or settings, every combination and the leave-one-collection-out
//! choice (`eval::grid`).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::archive::{write::write_atomically, Language};
use crate::eval::{self, grid, Collection, Measures};
use crate::search::Ranking;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A folder with docs.jsonl, queries.tsv and qrels.trec (like ../shared/data/relevance/cacm);
    /// repeat it to measure several collections.
    #[arg(long, required = true)]
    pub collection: Vec<PathBuf>,
    /// The language to index the documents in (nl or en).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Also write the run in TREC format to this file (one collection and one setting).
    #[arg(long)]
    pub run: Option<PathBuf>,
    /// Pseudo-relevance feedback (RM3) on top of the default ranking (as `--set feedback=on`).
    #[arg(long)]
    pub feedback: bool,
    /// Change a ranking setting: `name=value`, or `name=v1,v2,...` to try each (every
    /// combination of all --set values is measured). Settings: k1, b, length, title, summary, themes,
    /// context, speakers, proximity, slop, typo, feedback, fb-docs, fb-terms, fb-weight.
    #[arg(long = "set", value_name = "NAME=VALUES")]
    pub set: Vec<String>,
}

pub fn run(args: EvalArgs) -> Result<i32> {
    let language = Language::parse(&args.lang)
        .with_context(|| format!("--lang {}: use nl or en", args.lang))?;
    let mut axes = args
        .set
        .iter()
        .map(|s| grid::parse_axis(s).with_context(|| format!("--set {s}")))
        .collect::<Result<Vec<_>>>()?;
    if args.feedback {
        axes.push(grid::parse_axis("feedback=on")?);
    }
    let settings = grid::combinations(&axes)?;
    if args.collection.len() == 1 && settings.len() == 1 {
        return single(
            &args.collection[0],
            language,
            &settings[0].1,
            args.run.as_ref(),
        );
    }
    if args.run.is_some() {
        bail!("--run writes one run: give one --collection and no --set with several values");
    }
    let mut results: Vec<Vec<Measures>> = vec![Vec::new(); settings.len()];
    let mut names = Vec::new();
    for dir in &args.collection {
        let collection = Collection::read(dir, language)?;
        let indexed = eval::index_collection(&collection)?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        eprintln!(
            "{name}: {} documents indexed in {:.1} s; {} settings",
            collection.items.len(),
            indexed.index_time.as_secs_f64(),
            settings.len()
        );
        for (row, (_, ranking)) in results.iter_mut().zip(&settings) {
            row.push(indexed.run(ranking)?.measures);
        }
        names.push(name);
    }
    print!("{}", grid_report(&names, &settings, &results));
    Ok(0)
}

/// One collection, one ranking: the measures (and the run file).
fn single(
    dir: &std::path::Path,
    language: Language,
    ranking: &Ranking,
    run_file: Option<&PathBuf>,
) -> Result<i32> {
    let evaluation = eval::evaluate(&Collection::read(dir, language)?, ranking)?;
    println!(
        "{}: {} documents, {} queries ({} judged); indexed in {:.1} s, searched in {:.1} s",
        dir.display(),
        evaluation.documents,
        evaluation.queries,
        evaluation.judged,
        evaluation.index_time.as_secs_f64(),
        evaluation.search_time.as_secs_f64()
    );
    for (name, value) in Measures::NAMES.iter().zip(evaluation.measures.values()) {
        println!("{name:<8} {value:.4}");
    }
    if let Some(path) = run_file {
        write_atomically(path, evaluation.trec_run("lectern").as_bytes())
            .with_context(|| format!("cannot write the run to {}", path.display()))?;
        println!("run written to {}", path.display());
    }
    Ok(0)
}

/// Every setting's MAP and nDCG@10 per collection, then per collection the setting chosen on
/// the others (held out) and the one chosen on all (tuned).
fn grid_report(
    names: &[String],
    settings: &[(String, Ranking)],
    results: &[Vec<Measures>],
) -> String {
    use std::fmt::Write as _;
    let label = |i: usize| match settings[i].0.as_str() {
        "" => "default".to_string(),
        l => l.to_string(),
    };
    let mut out = String::new();
    let _ = write!(out, "setting");
    for name in names {
        let _ = write!(out, "\t{name} MAP\t{name} nDCG@10");
    }
    let _ = writeln!(out, "\tobjective");
    let all: Vec<usize> = (0..names.len()).collect();
    for (i, row) in results.iter().enumerate() {
        let _ = write!(out, "{}", label(i));
        for m in row {
            let _ = write!(out, "\t{:.4}\t{:.4}", m.map, m.ndcg_10);
        }
        let mean = all.iter().map(|&c| grid::objective(&row[c])).sum::<f64>() / all.len() as f64;
        let _ = writeln!(out, "\t{mean:.4}");
    }
    let tuned = grid::choose(results, &all);
    let _ = writeln!(
        out,
        "\ntuned on all ({}): chosen by the mean of (MAP + nDCG@10) / 2",
        label(tuned)
    );
    if names.len() > 1 {
        let _ = writeln!(
            out,
            "held out\tchosen on the others\tMAP\tnDCG@10\ttuned MAP\ttuned nDCG@10"
        );
        for (c, chosen) in grid::leave_one_out(results, names.len())
            .into_iter()
            .enumerate()
        {
            let (held, all) = (&results[chosen][c], &results[tuned][c]);
            let _ = writeln!(
                out,
                "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
                names[c],
                label(chosen),
                held.map,
                held.ndcg_10,
                all.map,
                all.ndcg_10
            );
        }
    }
    out
}
