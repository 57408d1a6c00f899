//! Opening index generations, their versions, the writer, and the id -> hash map.
//!
//! Writer ownership: whoever syncs (the CLI, or the server's archive watcher) opens the writer
//! for the length of one sync and drops it; tantivy's lock file makes a second writer wait
//! (we retry for a while) instead of corrupting anything. Syncing is idempotent: it compares
//! content hashes, so two processes syncing one after the other converge. Building and
//! switching generations lives in `generations`, incremental syncing in `sync`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::indexer::IndexWriterOptions;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

use super::schema::{build_schema, Fields, SCHEMA_VERSION};
use crate::analysis::quotes::QUOTES_VERSION;
use crate::analysis::{register, ANALYZER_VERSION};
use crate::archive::{FileError, ThemeList};

pub(super) const CURRENT: &str = "CURRENT";
pub(super) const WRITER_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("there is no index in {0}: run `lectern index` to build it")]
    Missing(PathBuf),
    #[error(
        "the index in {path} was built by another version of Lectern (analyzer v{found_analyzer}, schema v{found_schema}; this one needs analyzer v{ANALYZER_VERSION}, schema v{SCHEMA_VERSION}): run `lectern index --full` to rebuild it"
    )]
    Outdated {
        path: PathBuf,
        found_analyzer: u32,
        found_schema: u32,
    },
    #[error("another process kept the index in {0} locked for {WRITER_WAIT:?}: try again when it is done")]
    Busy(PathBuf),
    #[error("another `lectern reindex` (pid {1}) kept the rebuild lock {0} for {WRITER_WAIT:?}: try again when it is done")]
    RebuildBusy(PathBuf, String),
    #[error("index error: {0}")]
    Tantivy(#[from] TantivyError),
    #[error("index folder: {0}")]
    Io(#[from] std::io::Error),
}

/// What the commit payload records about how a generation was built.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Versions {
    pub analyzer: u32,
    pub schema: u32,
    /// The quotation extraction's version (`analysis::quotes::QUOTES_VERSION`): the index
    /// stores what it found, so another version rebuilds like another analyzer.
    #[serde(default)]
    pub quotes: u32,
    /// Seconds since the Unix epoch of the last commit.
    #[serde(default)]
    pub updated: u64,
    /// The archive's bilingual theme list as of the last commit (searches expand with it).
    #[serde(default)]
    pub themes: ThemeList,
}

impl Versions {
    pub(super) fn now(themes: &ThemeList) -> Versions {
        Versions {
            themes: themes.clone(),
            analyzer: ANALYZER_VERSION,
            schema: SCHEMA_VERSION,
            quotes: QUOTES_VERSION,
            updated: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        }
    }
}

/// One opened generation: the tantivy index, a reader, and the field handles.
#[derive(Clone)]
pub struct Generation {
    pub name: String,
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub versions: Versions,
    /// Built by another analyzer version (same fields): served only while a rebuild runs.
    pub outdated: bool,
    /// Facet values by segment and ordinal, read on first use.
    pub facet_names: super::facet_names::FacetNames,
}

/// What a sync or rebuild did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub rebuilt: bool,
    /// Items in the archive (valid ones).
    pub items: usize,
    /// Files that could not be read or parsed; they are not in the index.
    pub errors: Vec<FileError>,
    /// The theme list changed (it rides in the commit payload, so a commit stores it).
    pub themes_changed: bool,
    /// Temporary files of interrupted archive writes that this run removed (paths in the
    /// archive; `archive::scan::remove_stale_temp_files`).
    pub temp_removed: Vec<String>,
}

impl SyncReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0 || self.rebuilt || self.themes_changed
    }
}

/// The generation that `CURRENT` names, if any.
pub fn current_generation(root: &Path) -> Option<String> {
    let name = std::fs::read_to_string(root.join(CURRENT)).ok()?;
    let name = name.trim().to_string();
    (!name.is_empty() && root.join(&name).is_dir()).then_some(name)
}

/// Opens the live generation for searching; refuses an index of another version.
pub fn open(root: &Path) -> Result<Generation, IndexError> {
    let name = current_generation(root).ok_or_else(|| IndexError::Missing(root.to_path_buf()))?;
    open_generation(root, &name, false)
}

/// Like [`open`], but also opens a generation that only an analyzer upgrade made outdated
/// (its fields are the ones this binary expects), marked `outdated`. The server uses it to
/// keep answering while it rebuilds; nothing else should.
pub fn open_for_serving(root: &Path) -> Result<Generation, IndexError> {
    let name = current_generation(root).ok_or_else(|| IndexError::Missing(root.to_path_buf()))?;
    open_generation(root, &name, true)
}

fn open_generation(
    root: &Path,
    name: &str,
    allow_outdated: bool,
) -> Result<Generation, IndexError> {
    let path = root.join(name);
    let index = Index::open_in_dir(&path)?;
    register(index.tokenizers());
    let versions = read_versions(&index)?;
    let outdated_error = || IndexError::Outdated {
        path: root.to_path_buf(),
        found_analyzer: versions.analyzer,
        found_schema: versions.schema,
    };
    let (schema, fields) = build_schema();
    if index.schema() != schema {
        return Err(outdated_error());
    }
    let outdated = versions.analyzer != ANALYZER_VERSION
        || versions.schema != SCHEMA_VERSION
        || versions.quotes != QUOTES_VERSION;
    if outdated && !allow_outdated {
        return Err(outdated_error());
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Generation {
        name: name.to_string(),
        path,
        index,
        reader,
        fields,
        versions,
        outdated,
        facet_names: Default::default(),
    })
}

/// The versions a generation folder was built with, without opening a reader.
pub fn generation_versions(root: &Path, name: &str) -> Result<Versions, IndexError> {
    read_versions(&Index::open_in_dir(root.join(name))?)
}

fn read_versions(index: &Index) -> Result<Versions, IndexError> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or(Versions {
            analyzer: 0,
            schema: 0,
            quotes: 0,
            updated: 0,
            themes: ThemeList::default(),
        }))
}

pub(super) fn open_writer(
    index: &Index,
    root: &Path,
    threads: usize,
) -> Result<IndexWriter<TantivyDocument>, IndexError> {
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .num_merge_threads(1)
        .memory_budget_per_thread(if threads > 1 { 200_000_000 } else { 50_000_000 })
        .build();
    let started = Instant::now();
    loop {
        match index.writer_with_options(options.clone()) {
            Ok(writer) => {
                // A writer killed after writing a commit's files but before `meta.json` left
                // them behind; the next one starts from the same opstamp, wants the same names
                // (`<segment>.<opstamp>.del`) and tantivy refuses to overwrite them, for ever.
                // So first remove every file the last commit does not use (what each commit
                // does anyway). Found by scripts/fault-injection.sh.
                writer.garbage_collect_files().wait()?;
                return Ok(writer);
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _))
                if started.elapsed() < WRITER_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(IndexError::Busy(root.to_path_buf()))
            }
            Err(e) => return Err(e.into()),
        }
    }
}

pub(super) fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    themes: &ThemeList,
) -> Result<(), IndexError> {
    let payload = serde_json::to_string(&Versions::now(themes)).expect("versions serialise");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// id -> content hash of every live document, read from fast fields (no stored documents).
pub fn indexed_hashes(generation: &Generation) -> Result<HashMap<String, u64>, IndexError> {
    generation.reader.reload()?;
    let searcher = generation.reader.searcher();
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let hashes = segment.fast_fields().u64("hash")?;
        let Some(ids) = segment.fast_fields().str("id")? else {
            continue;
        };
        // All ids of the segment in one pass over its dictionary (ord order); looking each up
        // with `ord_to_str` costs a block search per document.
        let mut by_ord: Vec<String> = Vec::with_capacity(ids.num_terms());
        let mut terms = ids.dictionary().stream()?;
        while terms.advance() {
            by_ord.push(String::from_utf8_lossy(terms.key()).into_owned());
        }
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            let Some(id) = ids
                .term_ords(doc)
                .next()
                .and_then(|ord| by_ord.get(ord as usize))
            else {
                continue;
            };
            out.insert(id.clone(), hashes.first(doc).unwrap_or(0));
        }
    }
    Ok(out)
}
