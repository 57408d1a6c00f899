//! Bringing the index up to date with the archive, touching only what changed.
//!
//! [`sync_archive`] hashes every item file's bytes first and compares them with the id -> hash
//! map read from the index's fast fields (the id comes from the path), so only new or changed
//! files are parsed and only they are written; a run with nothing to do reads bytes and stats,
//! nothing more. Deleted items, and items whose file no longer parses, leave the index in the
//! same commit. [`reindex`] builds a whole new generation instead (see `generations`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tantivy::{TantivyDocument, Term};

use super::generations::{lock_rebuild, NewGeneration, RebuildLock};
use super::prepare;
use super::progress::Progress;
use super::schema::{to_document, Fields};
use super::store::{commit, indexed_hashes, open, open_writer, Generation, IndexError, SyncReport};
use crate::archive::load::{fnv1a, load_file, Loaded, LoadedItem};
use crate::archive::scan::{self, Stamp};
use crate::archive::{FileError, Item, SpeakerNames, ThemeList};

/// How long a sync that needs a full rebuild waits for another rebuild to finish.
const REBUILD_WAIT: Duration = Duration::from_secs(3600);

/// Brings the index up to date with the archive folder, parsing only changed files.
/// Builds a fresh generation when there is none or the live one has other versions. Also
/// removes the temporary files that interrupted archive writes left (older than
/// `scan::STALE_TEMP_AGE`), listed in the report. (The server's watcher does that on its own
/// schedule, `index::live`.)
pub fn sync_archive(
    root: &Path,
    archive: &Path,
    progress: &dyn Progress,
) -> Result<SyncReport, IndexError> {
    let temp_removed = remove_temp_files(archive);
    let mut report = sync_archive_known(root, archive, &mut KnownFiles::default(), progress)?;
    report.temp_removed = temp_removed;
    Ok(report)
}

/// Removes stale temporary files of ours from the archive; returns their paths. A failure to
/// list the archive is left to the sync that follows to report.
pub(super) fn remove_temp_files(archive: &Path) -> Vec<String> {
    scan::remove_stale_temp_files(archive)
        .map(|removed| removed.into_iter().map(|temp| temp.path).collect())
        .unwrap_or_default()
}

/// Content hashes from an earlier read, by path and stamp: a file whose stamp has not changed
/// (and had settled) is not read again. The server's watcher keeps one between syncs.
#[derive(Debug, Default)]
pub struct KnownFiles {
    hashes: HashMap<PathBuf, (Stamp, u64)>,
    /// A listing the caller has just taken: used once instead of walking the archive again.
    pub listing: Option<BTreeMap<PathBuf, Stamp>>,
}

/// [`sync_archive`], skipping reads of files `known` already hashed; updates `known`.
pub fn sync_archive_known(
    root: &Path,
    archive: &Path,
    known: &mut KnownFiles,
    progress: &dyn Progress,
) -> Result<SyncReport, IndexError> {
    let generation = match open(root) {
        Ok(generation) => generation,
        Err(IndexError::Missing(_)) | Err(IndexError::Outdated { .. }) => {
            let lock = lock_rebuild(root, REBUILD_WAIT)?;
            // Another process may have rebuilt it while we waited for the lock.
            if open(root).is_ok() {
                drop(lock);
                return sync_archive_known(root, archive, known, progress);
            }
            return rebuild_from_archive(&lock, root, archive, known, progress);
        }
        Err(e) => return Err(e),
    };
    let started = std::time::Instant::now();
    let indexed = indexed_hashes(&generation)?;
    let hashed = started.elapsed();
    let read = read_archive(archive, Some(&indexed), known, progress)?;
    tracing::debug!(
        "sync: index hashes in {hashed:?}, archive read in {:?}",
        started.elapsed() - hashed
    );
    let mut keep: HashSet<&str> = read.unchanged.iter().map(String::as_str).collect();
    keep.extend(read.changed.iter().map(|l| l.item.id.as_str()));
    let changed: Vec<&LoadedItem> = read.changed.iter().collect();
    let mut report = apply(
        &generation,
        root,
        &indexed,
        &changed,
        &keep,
        (&read.speakers, &read.themes),
    )?;
    report.unchanged = read.unchanged.len();
    report.items = keep.len();
    report.errors = read.errors;
    Ok(report)
}

/// Builds a whole new generation from the archive and switches to it, whatever the live one is.
pub fn reindex(
    root: &Path,
    archive: &Path,
    progress: &dyn Progress,
) -> Result<SyncReport, IndexError> {
    let lock = lock_rebuild(root, super::store::WRITER_WAIT)?;
    let temp_removed = remove_temp_files(archive);
    let mut report =
        rebuild_from_archive(&lock, root, archive, &mut KnownFiles::default(), progress)?;
    report.temp_removed = temp_removed;
    Ok(report)
}

/// Reads every archive file and builds a new generation from it, under the rebuild lock: each
/// item goes to the writer as soon as it is parsed and prepared (`prepare`: on every core, in
/// order), so memory does not grow with the archive.
fn rebuild_from_archive(
    lock: &RebuildLock,
    root: &Path,
    archive: &Path,
    known: &mut KnownFiles,
    progress: &dyn Progress,
) -> Result<SyncReport, IndexError> {
    let listing = match known.listing.take() {
        Some(listing) => listing,
        None => scan::stamps(archive)?,
    };
    let mut generation = NewGeneration::start(lock, root, listing.len())?;
    known.listing = Some(listing);
    let fields = generation.fields().clone();
    let adding = &mut generation;
    let read = prepare::in_parallel(
        &fields,
        |sink| read_archive_into(archive, None, known, progress, sink),
        move |_, document| adding.add_document(document),
    )?;
    let mut report = generation.finish(&read.themes, progress)?;
    report.errors = read.errors;
    Ok(report)
}

/// Brings the index up to date with an already loaded archive (every file parsed).
pub fn sync(root: &Path, loaded: &Loaded) -> Result<SyncReport, IndexError> {
    let generation = match open(root) {
        Ok(generation) => generation,
        Err(IndexError::Missing(_)) | Err(IndexError::Outdated { .. }) => {
            return super::generations::rebuild(root, loaded)
        }
        Err(e) => return Err(e),
    };
    let indexed = indexed_hashes(&generation)?;
    let changed: Vec<&LoadedItem> = loaded
        .items
        .iter()
        .filter(|l| indexed.get(&l.item.id) != Some(&indexed_hash(&loaded.speakers, l.hash)))
        .collect();
    let keep: HashSet<&str> = loaded.items.iter().map(|l| l.item.id.as_str()).collect();
    let mut report = apply(
        &generation,
        root,
        &indexed,
        &changed,
        &keep,
        (&loaded.speakers, &loaded.themes),
    )?;
    report.unchanged = loaded.items.len() - changed.len();
    report.items = loaded.items.len();
    Ok(report)
}

/// Writes the changes in one commit: removes ids not in `keep`, replaces `changed` items.
fn apply(
    generation: &Generation,
    root: &Path,
    indexed: &HashMap<String, u64>,
    changed: &[&LoadedItem],
    keep: &HashSet<&str>,
    (speakers, themes): (&SpeakerNames, &ThemeList),
) -> Result<SyncReport, IndexError> {
    let removed: Vec<&String> = indexed
        .keys()
        .filter(|id| !keep.contains(id.as_str()))
        .collect();
    let mut report = SyncReport {
        removed: removed.len(),
        themes_changed: generation.versions.themes != *themes,
        ..SyncReport::default()
    };
    for change in changed {
        if indexed.contains_key(&change.item.id) {
            report.updated += 1;
        } else {
            report.added += 1;
        }
    }
    if !report.changed() {
        return Ok(report);
    }
    let mut writer = open_writer(&generation.index, root, 1)?;
    let fields = &generation.fields;
    for id in removed {
        writer.delete_term(Term::from_field_text(fields.id, id));
    }
    let adding = &mut writer;
    prepare::in_parallel(
        fields,
        |sink| {
            changed
                .iter()
                .copied()
                .try_for_each(|change| sink(speakers, change))
        },
        move |change: &&LoadedItem, document| {
            adding.delete_term(Term::from_field_text(fields.id, &change.item.id));
            adding.add_document(document)?;
            Ok(())
        },
    )?;
    // Dropping the writer without this commit rolls every change back.
    let started = std::time::Instant::now();
    commit(&mut writer, themes)?;
    tracing::debug!("sync: committed in {:?}", started.elapsed());
    Ok(report)
}

/// The archive read against the index: ids whose bytes are unchanged (not parsed), parsed
/// items that are new or changed, and the problems.
pub(super) struct ArchiveRead {
    pub(super) speakers: SpeakerNames,
    pub(super) themes: ThemeList,
    pub(super) unchanged: Vec<String>,
    pub(super) changed: Vec<LoadedItem>,
    pub(super) errors: Vec<FileError>,
}

/// Hashes every item file (reading only those `known` cannot vouch for); parses only those
/// whose hash differs from `indexed` (all of them when `indexed` is `None`). Duplicate ids: the
/// first path in sorted order wins.
pub(super) fn read_archive(
    archive: &Path,
    indexed: Option<&HashMap<String, u64>>,
    known: &mut KnownFiles,
    progress: &dyn Progress,
) -> Result<ArchiveRead, IndexError> {
    let mut changed = Vec::new();
    let mut read = read_archive_into(archive, indexed, known, progress, &mut |_, item| {
        changed.push(item);
        Ok(())
    })?;
    read.changed = changed;
    Ok(read)
}

/// [`read_archive`], handing each parsed item to `sink` (with the speaker list) as soon as it
/// is read instead of keeping it: a rebuild streams the archive into the writer, so its memory
/// is bounded by the writer's budget, not by the archive. `changed` stays empty.
pub(super) fn read_archive_into(
    archive: &Path,
    indexed: Option<&HashMap<String, u64>>,
    known: &mut KnownFiles,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(&SpeakerNames, LoadedItem) -> Result<(), IndexError>,
) -> Result<ArchiveRead, IndexError> {
    let files = match known.listing.take() {
        Some(listing) => listing,
        None => scan::stamps(archive)?,
    };
    let mut read = ArchiveRead {
        speakers: SpeakerNames::default(),
        themes: ThemeList::default(),
        unchanged: Vec::new(),
        changed: Vec::new(),
        errors: Vec::new(),
    };
    match SpeakerNames::load(archive) {
        Ok(names) => read.speakers = names,
        Err(error) => read.errors.push(error),
    }
    match ThemeList::load(archive) {
        Ok(themes) => read.themes = themes,
        Err(error) => read.errors.push(error),
    }
    let mut hashes = HashMap::with_capacity(files.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    progress.begin("reading", files.len() as u64);
    for (relative, stamp) in files {
        progress.advance(1);
        let path = archive.join(&relative);
        let hash = match known.hashes.get(&relative) {
            Some((old, hash)) if *old == stamp && stamp.settled() => *hash,
            _ => match std::fs::read(&path) {
                Ok(bytes) => fnv1a(&bytes),
                // Removed since the listing (a `git pull` or a move in progress): not an item now.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    read.errors.push(FileError {
                        path,
                        line: 1,
                        message: format!("cannot read the file: {e}"),
                    });
                    continue;
                }
            },
        };
        hashes.insert(relative.clone(), (stamp, hash));
        let id = Item::id_for_path(&relative);
        if let Some(first) = seen.get(&id) {
            read.errors.push(duplicate(&path, &id, first));
            continue;
        }
        if indexed.and_then(|map| map.get(&id)) == Some(&indexed_hash(&read.speakers, hash)) {
            seen.insert(id.clone(), path);
            read.unchanged.push(id);
            continue;
        }
        match load_file(&path, &relative) {
            Ok(item) => {
                seen.insert(item.item.id.clone(), path);
                sink(&read.speakers, item)?;
            }
            Err(mut errors) => read.errors.append(&mut errors),
        }
    }
    progress.finish();
    known.hashes = hashes;
    Ok(read)
}

/// The content hash the index keeps for an item: its file's hash mixed with the speaker list's,
/// so that editing `speakers.toml` re-indexes items under their new names.
pub(super) fn indexed_hash(speakers: &SpeakerNames, file_hash: u64) -> u64 {
    file_hash ^ speakers.fingerprint.rotate_left(17)
}

/// The document for an item, with canonical speaker names.
pub(super) fn document(
    fields: &Fields,
    speakers: &SpeakerNames,
    item: &LoadedItem,
) -> TantivyDocument {
    let mut canonical = speakers.apply(&item.item);
    let paragraphs = crate::archive::paragraphs::paragraphs(&canonical.body);
    let body = crate::archive::paragraphs::indexed_text(&paragraphs);
    canonical.attributions = super::quotes::attribute_in(&canonical, &paragraphs, &body, speakers);
    for text in &canonical.attributions.unmatched {
        tracing::warn!(
            "{}: the `[[quotes]]` correction with text = {text:?} matches no quotation in the text; check its first words",
            item.item.path
        );
    }
    let changed = crate::archive::stamp::seconds_of(item.changed);
    to_document(
        fields,
        &canonical,
        &body,
        indexed_hash(speakers, item.hash),
        changed,
    )
}

fn duplicate(path: &Path, id: &str, first: &Path) -> FileError {
    FileError {
        path: path.to_path_buf(),
        line: 1,
        message: format!(
            "duplicate id `{id}`: {} gives the same id; rename one of the two files",
            first.display()
        ),
    }
}
