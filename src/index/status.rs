//! How the index compares with the archive and with this binary: what `lectern status` shows.
//!
//! Reads only: hashes every item file, parses only those whose hash the index does not have,
//! and never takes the writer or the rebuild lock.

use std::collections::HashMap;
use std::path::Path;

use super::generations::LastReindex;
use super::generations::{last_reindex, other_generations, rebuild_running, size_on_disk};
use super::progress::Quiet;
use super::store::{self, current_generation, indexed_hashes, IndexError, Versions};
use super::sync::{read_archive, KnownFiles};
use super::SCHEMA_VERSION;
use crate::analysis::ANALYZER_VERSION;
use crate::archive::scan::{self, TempFile};

/// The index against the archive and this binary.
#[derive(Debug, Clone)]
pub struct Status {
    /// The live generation `CURRENT` names.
    pub generation: Option<String>,
    /// What the live generation was built with (`updated` is its last commit).
    pub versions: Option<Versions>,
    /// Versions this binary needs.
    pub analyzer: u32,
    pub schema: u32,
    pub archive_items: usize,
    pub indexed_items: usize,
    /// Items whose file changed since it was indexed.
    pub stale: Vec<String>,
    /// Items in the archive that the index lacks.
    pub missing: Vec<String>,
    /// Items in the index whose file is gone (or no longer parses).
    pub removed: Vec<String>,
    /// Files with problems (never indexed).
    pub errors: usize,
    pub size_bytes: u64,
    pub last_reindex: Option<LastReindex>,
    /// Pid of a rebuild holding the lock now.
    pub rebuild_running: Option<String>,
    /// Generation folders beside the live one (a rebuild in progress or a killed one's leftover).
    pub other_generations: Vec<String>,
    /// Temporary files of archive writes: in progress, or left by interrupted ones (stale).
    pub temp_files: Vec<TempFile>,
    /// Item files whose `[[quotes]]` corrections match no quotation, with those corrections'
    /// texts (warnings: the items are indexed).
    pub quote_warnings: Vec<(String, Vec<String>)>,
}

impl Status {
    pub fn outdated(&self) -> bool {
        self.versions.as_ref().is_none_or(|v| {
            v.analyzer != self.analyzer
                || v.schema != self.schema
                || v.quotes != crate::analysis::quotes::QUOTES_VERSION
        })
    }

    /// Whether searches answer with exactly what the archive holds.
    pub fn current(&self) -> bool {
        self.generation.is_some()
            && !self.outdated()
            && self.stale.is_empty()
            && self.missing.is_empty()
            && self.removed.is_empty()
    }
}

pub fn status(root: &Path, archive: &Path) -> Result<Status, IndexError> {
    let generation = current_generation(root);
    let mut status = Status {
        generation: generation.clone(),
        versions: None,
        analyzer: ANALYZER_VERSION,
        schema: SCHEMA_VERSION,
        archive_items: 0,
        indexed_items: 0,
        stale: Vec::new(),
        missing: Vec::new(),
        removed: Vec::new(),
        errors: 0,
        size_bytes: size_on_disk(root),
        last_reindex: last_reindex(root),
        rebuild_running: rebuild_running(root),
        other_generations: other_generations(root),
        temp_files: scan::temp_files(archive).unwrap_or_default(),
        quote_warnings: Vec::new(),
    };
    let indexed: HashMap<String, u64> = match store::open_for_serving(root) {
        Ok(live) => {
            status.versions = Some(live.versions.clone());
            status.quote_warnings = unmatched_quotes(&live)?;
            indexed_hashes(&live)?
        }
        Err(IndexError::Missing(_)) => HashMap::new(),
        Err(IndexError::Outdated { .. }) => {
            let name = generation.as_deref().unwrap_or_default();
            status.versions = store::generation_versions(root, name).ok();
            HashMap::new()
        }
        Err(e) => return Err(e),
    };
    let read = read_archive(archive, Some(&indexed), &mut KnownFiles::default(), &Quiet)?;
    status.indexed_items = indexed.len();
    status.archive_items = read.unchanged.len() + read.changed.len();
    status.errors = read.errors.len();
    for item in &read.changed {
        if indexed.contains_key(&item.item.id) {
            status.stale.push(item.item.id.clone());
        } else {
            status.missing.push(item.item.id.clone());
        }
    }
    let present: std::collections::HashSet<&str> = read
        .unchanged
        .iter()
        .map(String::as_str)
        .chain(read.changed.iter().map(|l| l.item.id.as_str()))
        .collect();
    status.removed = indexed
        .keys()
        .filter(|id| !present.contains(id.as_str()))
        .cloned()
        .collect();
    status.removed.sort();
    Ok(status)
}

/// The items whose `[[quotes]]` corrections matched nothing: their paths and those texts.
fn unmatched_quotes(live: &store::Generation) -> Result<Vec<(String, Vec<String>)>, IndexError> {
    use tantivy::schema::Value;
    let searcher = live.reader.searcher();
    let query = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(live.fields.flags, super::UNMATCHED_QUOTE_FLAG),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let found = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
    let mut out = Vec::new();
    for address in found {
        let doc: tantivy::TantivyDocument = searcher.doc(address)?;
        let item = doc
            .get_first(live.fields.item)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str::<crate::archive::Item>(json).ok());
        if let Some(item) = item {
            out.push((item.path, item.attributions.unmatched));
        }
    }
    out.sort();
    Ok(out)
}
