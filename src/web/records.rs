//! The deleted items, as harvesters and feed readers see them: every item file in
//! `archive/_trash`, with its datestamp. Live records come from the index
//! (`search::records`), by key and in pages; only the trash is read from files, and it holds
//! only what archivists deleted. Reads only; never writes to the archive or the index.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::archive::scan::{self, Stamp};
use crate::archive::stamp::{changed_at, load_trash, trash_root};
use crate::archive::Item;
use crate::search::records::Record;

/// An item that was deleted (moved to the trash). Its metadata is known when its file still
/// parses; an unreadable trashed file is still reported, by the id its path gives.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub id: String,
    pub item: Option<Item>,
    pub changed: SystemTime,
}

/// The trash as last parsed, per trash folder, with the stamps of its files then.
type Parsed = (BTreeMap<PathBuf, Stamp>, Arc<Vec<Deleted>>);
static PARSED: LazyLock<Mutex<HashMap<PathBuf, Parsed>>> = LazyLock::new(Default::default);

fn parsed() -> MutexGuard<'static, HashMap<PathBuf, Parsed>> {
    PARSED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Every item file in the trash (live again or not: the caller checks the index). The files
/// are parsed again only when one of their stamps changed (or one is too fresh to trust), so
/// an OAI-PMH page costs a listing of the trash, not a parse of every deleted item.
pub fn trashed(archive: &Path) -> std::io::Result<Arc<Vec<Deleted>>> {
    let trash = trash_root(archive);
    if !trash.is_dir() {
        return Ok(Arc::default());
    }
    let stamps = scan::stamps(&trash)?;
    let seen = parsed()
        .get(&trash)
        .filter(|(seen, _)| *seen == stamps)
        .map(|(_, deleted)| Arc::clone(deleted));
    if let Some(deleted) = seen {
        return Ok(deleted);
    }
    let deleted = Arc::new(parse_trash(archive, &trash)?);
    if stamps.values().all(Stamp::settled) {
        parsed().insert(trash, (stamps, Arc::clone(&deleted)));
    }
    Ok(deleted)
}

fn parse_trash(archive: &Path, trash: &Path) -> std::io::Result<Vec<Deleted>> {
    let loaded = load_trash(archive)?;
    let mut out: Vec<Deleted> = loaded
        .items
        .into_iter()
        .map(|loaded| Deleted {
            id: loaded.item.id.clone(),
            changed: loaded.changed,
            item: Some(loaded.item),
        })
        .collect();
    for error in loaded.errors {
        let relative: PathBuf = error.path.strip_prefix(trash).unwrap_or(&error.path).into();
        out.push(Deleted {
            id: Item::id_for_path(&relative),
            item: None,
            changed: changed_at(&error.path).unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    Ok(out)
}

/// Items found by a search with the datestamps the index keeps for them.
pub fn stamped(
    generation: &crate::index::Generation,
    items: Vec<Item>,
) -> tantivy::Result<Vec<Record>> {
    let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
    let changed = crate::search::records::changed_of(generation, &ids)?;
    Ok(items
        .into_iter()
        .zip(changed)
        .map(|(item, changed)| Record {
            item,
            changed: changed.unwrap_or(SystemTime::UNIX_EPOCH),
        })
        .collect())
}
