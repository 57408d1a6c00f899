//! The archive as harvesters and feed readers see it: every item with its datestamp, and the
//! deleted items found in the trash.
//!
//! Live items come from the index; their datestamps from their files (`archive::stamp`: the
//! later of modification and status-change time). Deleted items come from `archive/_trash`.
//! Without a known archive folder every datestamp is the time the index last switched
//! generation. Reads only; never writes to the archive or the index.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::WebError;
use super::AppState;
use crate::archive::stamp::{changed_at, load_trash, trash_root};
use crate::archive::Item;
use crate::search;

/// An item with the time its file last changed.
#[derive(Debug, Clone)]
pub struct Stamped {
    pub item: Item,
    pub changed: SystemTime,
}

/// An item that was deleted (moved to the trash). Its metadata is known when its file still
/// parses; an unreadable trashed file is still reported, by the id its path gives.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub id: String,
    pub item: Option<Item>,
    pub changed: SystemTime,
}

/// Every live item, sorted by id, with its datestamp.
pub async fn live(state: &AppState) -> Result<Vec<Stamped>, WebError> {
    let generation = state.generation()?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let items = search::all_items(&generation).map_err(WebError::internal)?;
        Ok(stamp(&state, items))
    })
    .await
    .map_err(WebError::internal)?
}

/// Items with their datestamps (from their files; see the module doc for the fallback).
pub fn stamp(state: &AppState, items: Vec<Item>) -> Vec<Stamped> {
    let fallback = index_time(state.index_root());
    items
        .into_iter()
        .map(|item| {
            let changed = state
                .archive_root()
                .and_then(|root| changed_at(&root.join(&item.path)).ok())
                .unwrap_or(fallback);
            Stamped { item, changed }
        })
        .collect()
}

/// Every deleted item that is not live again, sorted by id.
pub async fn deleted(state: &AppState, live: &[Stamped]) -> Result<Vec<Deleted>, WebError> {
    let Some(archive) = state.archive_root().map(Path::to_path_buf) else {
        return Ok(Vec::new());
    };
    let live_ids: std::collections::HashSet<String> =
        live.iter().map(|s| s.item.id.clone()).collect();
    let mut found = tokio::task::spawn_blocking(move || trashed(&archive))
        .await
        .map_err(WebError::internal)?
        .map_err(WebError::internal)?;
    found.retain(|d| !live_ids.contains(&d.id));
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found.dedup_by(|a, b| a.id == b.id);
    Ok(found)
}

fn trashed(archive: &Path) -> std::io::Result<Vec<Deleted>> {
    let trash = trash_root(archive);
    let loaded = load_trash(archive)?;
    let mut out: Vec<Deleted> = loaded
        .items
        .into_iter()
        .map(|loaded| {
            let changed =
                changed_at(&trash.join(&loaded.item.path)).unwrap_or(SystemTime::UNIX_EPOCH);
            Deleted {
                id: loaded.item.id.clone(),
                item: Some(loaded.item),
                changed,
            }
        })
        .collect();
    for error in loaded.errors {
        let relative: PathBuf = error
            .path
            .strip_prefix(&trash)
            .unwrap_or(&error.path)
            .into();
        out.push(Deleted {
            id: Item::id_for_path(&relative),
            item: None,
            changed: changed_at(&error.path).unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    Ok(out)
}

/// When the index last switched generation: the datestamp of last resort.
fn index_time(index_root: &Path) -> SystemTime {
    changed_at(&index_root.join("CURRENT")).unwrap_or(SystemTime::UNIX_EPOCH)
}
