//! Opening, syncing and rebuilding index generations.
//!
//! Writer ownership: whoever syncs (the CLI, or the server's archive watcher) opens the writer
//! for the length of one sync and drops it; tantivy's lock file makes a second writer wait
//! (we retry for a while) instead of corrupting anything. Syncing is idempotent: it compares
//! content hashes, so two processes syncing one after the other converge.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::indexer::IndexWriterOptions;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use super::schema::{build_schema, to_document, Fields, SCHEMA_VERSION};
use crate::analysis::{register, ANALYZER_VERSION};
use crate::archive::load::{Loaded, LoadedItem};

const CURRENT: &str = "CURRENT";
const WRITER_WAIT: Duration = Duration::from_secs(30);

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
    /// Seconds since the Unix epoch of the last commit.
    #[serde(default)]
    pub updated: u64,
}

impl Versions {
    fn now() -> Versions {
        Versions {
            analyzer: ANALYZER_VERSION,
            schema: SCHEMA_VERSION,
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
}

/// What a sync or rebuild did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub rebuilt: bool,
}

impl SyncReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0 || self.rebuilt
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
    open_generation(root, &name)
}

fn open_generation(root: &Path, name: &str) -> Result<Generation, IndexError> {
    let path = root.join(name);
    let index = Index::open_in_dir(&path)?;
    register(index.tokenizers());
    let versions = read_versions(&index)?;
    if versions.analyzer != ANALYZER_VERSION || versions.schema != SCHEMA_VERSION {
        return Err(IndexError::Outdated {
            path: root.to_path_buf(),
            found_analyzer: versions.analyzer,
            found_schema: versions.schema,
        });
    }
    let (schema, fields) = build_schema();
    if index.schema() != schema {
        return Err(IndexError::Outdated {
            path: root.to_path_buf(),
            found_analyzer: versions.analyzer,
            found_schema: versions.schema,
        });
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
    })
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
            updated: 0,
        }))
}

/// Brings the index up to date with the loaded archive, touching only changed items.
/// Builds a fresh generation when there is none or the live one has other versions.
pub fn sync(root: &Path, loaded: &Loaded) -> Result<SyncReport, IndexError> {
    let generation = match open(root) {
        Ok(generation) => generation,
        Err(IndexError::Missing(_)) | Err(IndexError::Outdated { .. }) => {
            return rebuild(root, loaded)
        }
        Err(e) => return Err(e),
    };
    let indexed = indexed_hashes(&generation)?;
    let mut report = SyncReport::default();
    let mut changes: Vec<&LoadedItem> = Vec::new();
    for loaded_item in &loaded.items {
        match indexed.get(&loaded_item.item.id) {
            Some(hash) if *hash == indexed_hash(loaded, loaded_item) => report.unchanged += 1,
            Some(_) => {
                report.updated += 1;
                changes.push(loaded_item);
            }
            None => {
                report.added += 1;
                changes.push(loaded_item);
            }
        }
    }
    let keep: std::collections::HashSet<&str> =
        loaded.items.iter().map(|l| l.item.id.as_str()).collect();
    let removed: Vec<&String> = indexed
        .keys()
        .filter(|id| !keep.contains(id.as_str()))
        .collect();
    report.removed = removed.len();
    if !report.changed() {
        return Ok(report);
    }
    let mut writer = open_writer(&generation.index, root, 1)?;
    let fields = &generation.fields;
    for id in removed {
        writer.delete_term(Term::from_field_text(fields.id, id));
    }
    for change in changes {
        writer.delete_term(Term::from_field_text(fields.id, &change.item.id));
        writer.add_document(document(fields, loaded, change))?;
    }
    commit(&mut writer)?;
    Ok(report)
}

/// Builds a new generation from the whole archive and switches `CURRENT` to it.
pub fn rebuild(root: &Path, loaded: &Loaded) -> Result<SyncReport, IndexError> {
    std::fs::create_dir_all(root)?;
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let name = format!("gen-{stamp}-{}", std::process::id());
    let path = root.join(&name);
    std::fs::create_dir_all(&path)?;
    let (schema, fields) = build_schema();
    let index = Index::create_in_dir(&path, schema)?;
    register(index.tokenizers());
    let threads = if loaded.items.len() > 500 {
        std::thread::available_parallelism()
            .map(|n| n.get().min(4))
            .unwrap_or(1)
    } else {
        1
    };
    let mut writer = open_writer(&index, root, threads)?;
    for item in &loaded.items {
        writer.add_document(document(&fields, loaded, item))?;
    }
    commit(&mut writer)?;
    writer.wait_merging_threads()?;
    switch_current(root, &name)?;
    remove_other_generations(root, &name);
    Ok(SyncReport {
        added: loaded.items.len(),
        rebuilt: true,
        ..SyncReport::default()
    })
}

/// The content hash the index keeps for an item: its file's hash mixed with the speaker list's,
/// so that editing `speakers.toml` re-indexes items under their new names.
fn indexed_hash(loaded: &Loaded, item: &LoadedItem) -> u64 {
    item.hash ^ loaded.speakers.fingerprint.rotate_left(17)
}

/// The document for an item, with canonical speaker names.
fn document(fields: &Fields, loaded: &Loaded, item: &LoadedItem) -> TantivyDocument {
    let canonical = loaded.speakers.apply(&item.item);
    to_document(fields, &canonical, indexed_hash(loaded, item))
}

fn open_writer(
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
            Ok(writer) => return Ok(writer),
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

fn commit(writer: &mut IndexWriter<TantivyDocument>) -> Result<(), IndexError> {
    let payload = serde_json::to_string(&Versions::now()).expect("versions serialise");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// Points `CURRENT` at `name` atomically: write a temporary file, fsync, rename.
fn switch_current(root: &Path, name: &str) -> std::io::Result<()> {
    crate::archive::write::write_atomically(&root.join(CURRENT), name.as_bytes())
}

/// Removes every generation folder but `keep`: older ones and leftovers of crashed rebuilds.
fn remove_other_generations(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("gen-") && name != keep {
            if let Err(e) = std::fs::remove_dir_all(entry.path()) {
                tracing::warn!("could not remove old index generation {name}: {e}");
            }
        }
    }
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
        let alive = segment.alive_bitset();
        let mut id = String::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            let Some(ord) = ids.term_ords(doc).next() else {
                continue;
            };
            id.clear();
            ids.ord_to_str(ord, &mut id)?;
            out.insert(id.clone(), hashes.first(doc).unwrap_or(0));
        }
    }
    Ok(out)
}
