//! Building a whole new generation beside the live one and switching `CURRENT` to it.
//!
//! A rebuild holds `index/rebuild.lock` (an OS file lock, `flock` on Linux) from start to end.
//! The kernel drops that lock when its process dies, even by `kill -9`, so a stale lock cannot
//! outlive a crashed rebuild and needs no clean-up. Holding the lock, a rebuild first removes
//! every generation folder that `CURRENT` does not name (leftovers of killed rebuilds: no other
//! rebuild can be writing one), builds its own, switches `CURRENT` atomically (write + fsync +
//! rename) and removes the generation it replaced. A server still reading the replaced one keeps
//! its open files (Linux unlinks files under an mmap safely) until it notices the switch.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::progress::Progress;
use super::schema::{build_schema, Fields};
use super::store::{commit, current_generation, open_writer, IndexError, SyncReport, WRITER_WAIT};
use crate::analysis::register;
use crate::archive::load::{Loaded, LoadedItem};
use crate::archive::{SpeakerNames, ThemeList};

const LOCK: &str = "rebuild.lock";
const LAST_REINDEX: &str = "last-reindex.json";

/// Held while a rebuild runs; dropping it releases the lock.
pub struct RebuildLock {
    _file: File,
}

/// Takes the rebuild lock, waiting up to `wait` for another rebuild to finish.
pub fn lock_rebuild(root: &Path, wait: Duration) -> Result<RebuildLock, IndexError> {
    std::fs::create_dir_all(root)?;
    let path = root.join(LOCK);
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(IndexError::RebuildBusy(path, holder.trim().to_string()));
            }
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
    }
    file.set_len(0)?;
    write!(file, "{}", std::process::id())?;
    Ok(RebuildLock { _file: file })
}

/// The pid of a running rebuild, if one holds the lock now.
pub fn rebuild_running(root: &Path) -> Option<String> {
    let path = root.join(LOCK);
    let file = OpenOptions::new().read(true).write(true).open(&path).ok()?;
    match file.try_lock() {
        Ok(()) => None,
        Err(_) => Some(
            std::fs::read_to_string(&path)
                .unwrap_or_default()
                .trim()
                .to_string(),
        ),
    }
}

/// Builds a new generation from the loaded archive and switches `CURRENT` to it.
pub fn rebuild(root: &Path, loaded: &Loaded) -> Result<SyncReport, IndexError> {
    let lock = lock_rebuild(root, WRITER_WAIT)?;
    rebuild_locked(
        &lock,
        root,
        &loaded.items,
        (&loaded.speakers, &loaded.themes),
        &super::progress::Quiet,
    )
}

/// The rebuild itself; the caller holds the lock.
pub(super) fn rebuild_locked(
    lock: &RebuildLock,
    root: &Path,
    items: &[LoadedItem],
    (speakers, themes): (&SpeakerNames, &ThemeList),
    progress: &dyn Progress,
) -> Result<SyncReport, IndexError> {
    let mut generation = NewGeneration::start(lock, root, items.len())?;
    progress.begin("indexing", items.len() as u64);
    let fields = generation.fields.clone();
    let adding = &mut generation;
    super::prepare::in_parallel(
        &fields,
        |sink| {
            items.iter().try_for_each(|item| {
                progress.advance(1);
                sink(speakers, item)
            })
        },
        move |_, document| adding.add_document(document),
    )?;
    progress.finish();
    generation.finish(themes, progress)
}

/// A generation being built beside the live one, under the rebuild lock: items are added one
/// at a time (the caller may stream them from the archive), then [`NewGeneration::finish`]
/// commits it and switches `CURRENT` to it. Dropped unfinished, it is left for the next
/// rebuild to remove, and the live generation is untouched.
pub(super) struct NewGeneration<'l> {
    _lock: &'l RebuildLock,
    root: PathBuf,
    name: String,
    fields: Fields,
    writer: IndexWriter,
    started: Instant,
    items: usize,
}

impl<'l> NewGeneration<'l> {
    /// Creates the folder and the writer; `expected` items decide how many indexing threads.
    pub(super) fn start(
        lock: &'l RebuildLock,
        root: &Path,
        expected: usize,
    ) -> Result<NewGeneration<'l>, IndexError> {
        let started = Instant::now();
        let live = current_generation(root);
        remove_generations_except(root, live.as_deref());
        let name = format!("gen-{}-{}", epoch().as_millis(), std::process::id());
        let path = root.join(&name);
        std::fs::create_dir_all(&path)?;
        let (schema, fields) = build_schema();
        let index = Index::create_in_dir(&path, schema)?;
        register(index.tokenizers());
        let threads = if expected > 500 {
            std::thread::available_parallelism()
                .map(|n| n.get().min(4))
                .unwrap_or(1)
        } else {
            1
        };
        let writer = open_writer(&index, root, threads)?;
        Ok(NewGeneration {
            _lock: lock,
            root: root.to_path_buf(),
            name,
            fields,
            writer,
            started,
            items: 0,
        })
    }

    /// The fields of the new generation's schema.
    pub(super) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Adds an item's document (`sync::document`, prepared by `prepare`).
    pub(super) fn add_document(&mut self, document: TantivyDocument) -> Result<(), IndexError> {
        self.writer.add_document(document)?;
        self.items += 1;
        Ok(())
    }

    /// Commits, switches `CURRENT` to the new generation and removes the one it replaced.
    pub(super) fn finish(
        mut self,
        themes: &ThemeList,
        progress: &dyn Progress,
    ) -> Result<SyncReport, IndexError> {
        // The writer's threads may still be analysing queued documents: commit waits for them.
        progress.begin("committing", 1);
        commit(&mut self.writer, themes)?;
        self.writer.wait_merging_threads()?;
        progress.advance(1);
        progress.finish();
        let root = &self.root;
        crate::archive::write::write_atomically(
            &root.join(super::store::CURRENT),
            self.name.as_bytes(),
        )?;
        remove_generations_except(root, Some(&self.name));
        let record = LastReindex {
            generation: self.name,
            finished: epoch().as_secs(),
            seconds: self.started.elapsed().as_secs_f64(),
            items: self.items,
        };
        let json = serde_json::to_vec(&record).expect("a record serialises");
        crate::archive::write::write_atomically(&root.join(LAST_REINDEX), &json)?;
        Ok(SyncReport {
            added: self.items,
            rebuilt: true,
            items: self.items,
            ..SyncReport::default()
        })
    }
}

/// What the last full rebuild did, kept in `index/last-reindex.json` for status and metrics.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LastReindex {
    pub generation: String,
    /// Seconds since the Unix epoch when it finished.
    pub finished: u64,
    pub seconds: f64,
    pub items: usize,
}

pub fn last_reindex(root: &Path) -> Option<LastReindex> {
    serde_json::from_slice(&std::fs::read(root.join(LAST_REINDEX)).ok()?).ok()
}

/// Generation folders other than the live one: a rebuild in progress, or leftovers of one
/// that was killed (removed by the next rebuild).
pub fn other_generations(root: &Path) -> Vec<String> {
    let live = current_generation(root);
    let mut names: Vec<String> = generation_folders(root)
        .into_iter()
        .filter(|name| Some(name) != live.as_ref())
        .collect();
    names.sort();
    names
}

/// Bytes on disk below `path`.
pub fn size_on_disk(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(m) if m.is_dir() => size_on_disk(&entry.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn generation_folders(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("gen-"))
        .collect()
}

/// Removes every generation folder but `keep`. Only called with the rebuild lock held.
fn remove_generations_except(root: &Path, keep: Option<&str>) {
    for name in generation_folders(root) {
        if Some(name.as_str()) == keep {
            continue;
        }
        let path: PathBuf = root.join(&name);
        match std::fs::remove_dir_all(&path) {
            Ok(()) => tracing::info!("removed index generation {name}"),
            Err(e) => tracing::warn!("could not remove index generation {name}: {e}"),
        }
    }
}

fn epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}
