//! Cheap looks at the archive folder: which item files exist, and a stamp (size, modification
//! time) for each that changes whenever a file is added, edited, moved or removed.
//!
//! Used by the indexer (to hash files before parsing any) and by the server's watcher (to
//! notice changes without reading files). Reads metadata only; knows nothing of the index.
//! Also finds the temporary files an interrupted atomic write left behind ([`temp_files`]) and
//! removes the stale ones ([`remove_stale_temp_files`]).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::item::Item;
use super::load::{is_item_path, relative_string};

/// What a file's metadata says about its content: it changed if its stamp changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified: u128,
}

/// How old a modification time must be before an unchanged stamp is trusted to mean unchanged
/// content: a file written twice within one timestamp tick could otherwise keep its stamp.
const SETTLED: Duration = Duration::from_secs(2);

impl Stamp {
    fn of(metadata: &std::fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Stamp {
            len: metadata.len(),
            modified,
        }
    }

    /// Whether the file was last modified long enough ago for its stamp to be trusted.
    pub fn settled(&self) -> bool {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        self.modified != 0 && now.saturating_sub(self.modified) > SETTLED.as_nanos()
    }
}

/// Every item file below `root` (relative paths), sorted. Lists folders; stats no file.
pub fn item_paths(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    walk(root, root, &mut |relative, _| paths.push(relative))?;
    paths.sort();
    Ok(paths)
}

/// The item file paths below `root` by the id each gives (`Item::id_for_path`), the first in
/// sorted order for an id that several give. Parses nothing: the id comes from the path, so a
/// file written by hand and not yet indexed (or one that does not parse) still counts.
pub fn ids(root: &Path) -> std::io::Result<HashMap<String, String>> {
    let mut ids = HashMap::new();
    for relative in item_paths(root)? {
        ids.entry(Item::id_for_path(&relative))
            .or_insert_with(|| relative_string(&relative));
    }
    Ok(ids)
}

/// Every item file below `root` with its stamp. Stats files; reads none. Comparing two of
/// these maps tells whether anything was added, removed, renamed or edited.
pub fn stamps(root: &Path) -> std::io::Result<BTreeMap<PathBuf, Stamp>> {
    let mut stamps = BTreeMap::new();
    walk(root, root, &mut |relative, entry| {
        // A file removed between listing and stat is simply not there.
        if let Ok(metadata) = entry.metadata() {
            stamps.insert(relative, Stamp::of(&metadata));
        }
    })?;
    Ok(stamps)
}

fn walk(
    root: &Path,
    dir: &Path,
    found: &mut dyn FnMut(PathBuf, &std::fs::DirEntry),
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(root, &path, found)?;
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if file_type.is_symlink() && !link_inside(root, &path) {
            tracing::warn!(
                "{}: a link to a file outside the archive is not an item (copy the file into the archive)",
                path.display()
            );
            continue;
        }
        if is_item_path(&relative) {
            found(relative, &entry);
        }
    }
    Ok(())
}

/// Whether the symbolic link at `path` resolves to a file inside the archive `root`. A link
/// that leaves the archive (or leads nowhere) is not followed: the archive is what is served.
pub fn link_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// How old a temporary file of ours must be before it counts as left behind: no write takes
/// this long, so a write in progress (in this process or another) is never disturbed.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// A temporary file of an atomic write (`archive::write::is_temp_name`) found in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempFile {
    /// Relative to the archive, with `/`.
    pub path: String,
    /// Since its last modification (zero when the clock or the file says otherwise).
    pub age: Duration,
}

impl TempFile {
    pub fn stale(&self) -> bool {
        self.age >= STALE_TEMP_AGE
    }
}

/// Every temporary file of ours in the folders that hold items (those the item walk enters),
/// sorted by path. Matches by name only (`archive::write::is_temp_name`); stats those files.
pub fn temp_files(root: &Path) -> std::io::Result<Vec<TempFile>> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            // A folder removed or unreadable since it was listed: nothing of ours to find.
            Err(_) if dir != root => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let Ok(entry) = entry else {
                continue;
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                if !name.starts_with('.') && !name.starts_with('_') {
                    dirs.push(entry.path());
                }
            } else if file_type.is_file() && super::write::is_temp_name(&name) {
                let path = entry.path();
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let age = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .unwrap_or_default();
                found.push(TempFile {
                    path: relative_string(relative),
                    age,
                });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Removes the temporary files of ours older than [`STALE_TEMP_AGE`]; returns those removed.
/// A file that cannot be removed is left (and found again next time).
pub fn remove_stale_temp_files(root: &Path) -> std::io::Result<Vec<TempFile>> {
    let mut removed = temp_files(root)?;
    removed.retain(|temp| temp.stale() && std::fs::remove_file(root.join(&temp.path)).is_ok());
    Ok(removed)
}
