//! Relevance evaluation: index a test collection with the archive's own analyzers and ranking,
//! run its queries, and score the run with trec_eval's measures.
//!
//! The collection is indexed in a temporary folder (removed afterwards) as archive items of one
//! language, and every query is run with any word allowed to match, 1000 deep. Depends on
//! `index` and `search`; knows nothing of the command line or HTTP.

pub(crate) mod collection;
pub(crate) mod grid;
pub(crate) mod metrics;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::archive::load::LoadedItem;
use crate::archive::{Language, Loaded};
use crate::index;
use crate::search::ranked::{ranked, Ids};
use crate::search::Ranking;
pub use collection::Collection;
pub use metrics::{Measures, DEPTH};

/// What an evaluation measured.
pub struct Evaluation {
    pub measures: Measures,
    /// Queries with at least one relevant document (the ones averaged over).
    pub judged: usize,
    pub queries: usize,
    pub documents: usize,
    /// query id -> (doc id, score), in trec order, at most [`DEPTH`] long.
    pub run: BTreeMap<String, Vec<(String, f32)>>,
    pub index_time: Duration,
    pub search_time: Duration,
}

impl Evaluation {
    /// The run in TREC format: `query Q0 doc rank score tag`.
    pub fn trec_run(&self, tag: &str) -> String {
        let mut out = String::new();
        for (query, docs) in &self.run {
            for (rank, (doc, score)) in docs.iter().enumerate() {
                let _ = writeln!(out, "{query} Q0 {doc} {} {score:.6} {tag}", rank + 1);
            }
        }
        out
    }
}

/// A collection indexed in a temporary folder (removed on drop), ready to run rankings on.
pub struct Indexed<'c> {
    pub collection: &'c Collection,
    generation: index::Generation,
    ids: Ids,
    pub index_time: Duration,
    _temp: tempfile::TempDir,
}

/// Indexes `collection` in a temporary folder with the archive's analyzers and schema.
pub fn index_collection(collection: &Collection) -> Result<Indexed<'_>> {
    let started = Instant::now();
    let temp = tempfile::TempDir::new().context("cannot create a temporary index folder")?;
    let loaded = Loaded {
        items: collection
            .items
            .iter()
            .map(|item| LoadedItem {
                item: item.clone(),
                hash: 0,
                changed: std::time::SystemTime::UNIX_EPOCH,
            })
            .collect(),
        ..Loaded::default()
    };
    index::rebuild(temp.path(), &loaded).context("indexing the collection")?;
    let generation = index::open(temp.path())?;
    let ids = Ids::read(&generation)?;
    Ok(Indexed {
        collection,
        generation,
        ids,
        index_time: started.elapsed(),
        _temp: temp,
    })
}

impl Indexed<'_> {
    /// Runs every query with `ranking` and scores the run.
    pub fn run(&self, ranking: &Ranking) -> Result<Evaluation> {
        let collection = self.collection;
        let started = Instant::now();
        let mut run = BTreeMap::new();
        for (id, text) in &collection.queries {
            let mut ranked: Vec<(String, f32)> = ranked(&self.generation, text, DEPTH, ranking)
                .with_context(|| format!("running query {id}"))?
                .into_iter()
                .map(|(address, score)| (self.ids.of(address).to_string(), score))
                .collect();
            metrics::trec_order(&mut ranked);
            run.insert(id.clone(), ranked);
        }
        let search_time = started.elapsed();
        let ids: BTreeMap<String, Vec<String>> = run
            .iter()
            .map(|(q, docs)| (q.clone(), docs.iter().map(|(d, _)| d.clone()).collect()))
            .collect();
        let (measures, judged) = metrics::mean(&ids, &collection.qrels);
        Ok(Evaluation {
            measures,
            judged,
            queries: collection.queries.len(),
            documents: collection.items.len(),
            run,
            index_time: self.index_time,
            search_time,
        })
    }
}

/// Indexes `collection` in a temporary folder and runs every query against it with `ranking`.
pub fn evaluate(collection: &Collection, ranking: &Ranking) -> Result<Evaluation> {
    index_collection(collection)?.run(ranking)
}

/// Reads the collection in `dir` as items of `language` and evaluates the default ranking.
pub fn evaluate_dir(dir: &std::path::Path, language: Language) -> Result<Evaluation> {
    evaluate(&Collection::read(dir, language)?, &Ranking::default())
}
