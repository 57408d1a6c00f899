//! Query mixes (JSON lines written by the harness) and result pages as Lectern computes them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

use lectern::index::Generation;
use lectern::search::{search, Filters, SearchRequest, YearRange};

use crate::measure::{self, Pager};

/// One query of a mix: words and `"phrases"` plus optional filters.
#[derive(Deserialize, Clone, Debug)]
pub struct MixQuery {
    pub q: String,
    pub speaker: Option<String>,
    pub years: Option<(u16, u16)>,
    pub theme: Option<String>,
}

#[derive(clap::Args)]
pub struct PagesArgs {
    #[arg(long)]
    pub index: PathBuf,
    /// The fixed mix, timed `rounds` times.
    #[arg(long)]
    pub mix: PathBuf,
    /// Distinct queries, each run once.
    #[arg(long)]
    pub distinct: Option<PathBuf>,
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
}

pub fn read_mix(path: &Path) -> Result<Vec<MixQuery>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))
        })
        .collect()
}

pub fn read_mixes(args: &PagesArgs) -> Result<(Vec<MixQuery>, Vec<MixQuery>)> {
    let fixed = read_mix(&args.mix)?;
    let distinct = match &args.distinct {
        Some(path) => read_mix(path)?,
        None => Vec::new(),
    };
    Ok((fixed, distinct))
}

struct LecternPager(Generation);

impl Pager for LecternPager {
    /// The result page: top 10 with snippets, the total and all facet counts.
    fn page(&self, query: &MixQuery) -> Result<usize> {
        let request = SearchRequest {
            query: query.q.clone(),
            filters: Filters {
                speakers: query.speaker.iter().cloned().collect(),
                years: query.years.map(|(from, to)| YearRange { from, to }),
                themes: query.theme.iter().cloned().collect(),
                ..Filters::default()
            },
            limit: 10,
            ..SearchRequest::default()
        };
        Ok(search(&self.0, &request)?.total)
    }
}

pub fn lectern_pages(args: &PagesArgs) -> Result<()> {
    let (fixed, distinct) = read_mixes(args)?;
    let generation = lectern::index::open(&args.index)?;
    let result = measure::run(
        &LecternPager(generation),
        &fixed,
        &distinct,
        args.rounds,
        args.threads,
    )?;
    measure::emit(result);
    Ok(())
}
