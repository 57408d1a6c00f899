//! Indexing a few item files the caller has just written, without reading the rest of the archive.
//!
//! [`upsert_files`] parses only the given files and, in one commit, replaces their documents
//! (delete by id, add) with the same canonical speaker names, content hash and commit payload
//! (analyzer, schema, theme list) as a full sync, through `sync::document` and `store::commit`.
//! It opens the writer for that one commit, like every sync. Without a usable generation, or
//! when the speaker list changed since the last sync (which re-indexes every item), it does a
//! full [`sync_archive`] instead. Other files edited by hand are left to the next sync (the
//! server's watcher, or `lectern index`).

use std::path::Path;

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use super::progress::Quiet;
use super::store::{commit, open, open_writer, Generation, IndexError, SyncReport};
use super::sync::{document, indexed_hash, sync_archive};
use crate::archive::load::{fnv1a, load_file};
use crate::archive::{Item, SpeakerNames, ThemeList};

/// Brings the index up to date for the item files at `relatives` (relative to `archive`):
/// parses them alone and upserts them in one commit; a path whose file is gone (deleted, moved
/// to the trash) removes its item. A missing or outdated index gets a full sync instead. Files
/// that do not parse are reported in `errors` and left out.
pub fn upsert_files(
    root: &Path,
    archive: &Path,
    relatives: &[String],
) -> Result<SyncReport, IndexError> {
    let generation = match open(root) {
        Ok(generation) => generation,
        Err(IndexError::Missing(_)) | Err(IndexError::Outdated { .. }) => {
            return sync_archive(root, archive, &Quiet)
        }
        Err(e) => return Err(e),
    };
    let mut report = SyncReport::default();
    let speakers = SpeakerNames::load(archive).unwrap_or_else(|error| {
        report.errors.push(error);
        SpeakerNames::default()
    });
    let themes = ThemeList::load(archive).unwrap_or_else(|error| {
        report.errors.push(error);
        ThemeList::default()
    });
    if !in_step(&generation, archive, &speakers)? {
        return sync_archive(root, archive, &Quiet);
    }
    report.themes_changed = generation.versions.themes != themes;
    let mut items = Vec::new();
    let mut gone = Vec::new();
    for relative in relatives {
        let path = archive.join(relative);
        if !path.exists() {
            gone.push(Item::id_for_path(Path::new(relative)));
            continue;
        }
        match load_file(&path, Path::new(relative)) {
            Ok(item) => items.push(item),
            Err(mut errors) => report.errors.append(&mut errors),
        }
    }
    if items.is_empty() && gone.is_empty() && !report.themes_changed {
        return Ok(report);
    }
    generation.reader.reload()?;
    let searcher = generation.reader.searcher();
    let mut writer = open_writer(&generation.index, root, 1)?;
    let fields = &generation.fields;
    for id in &gone {
        let id = Term::from_field_text(fields.id, id);
        let query = TermQuery::new(id.clone(), IndexRecordOption::Basic);
        if searcher.search(&query, &Count)? > 0 {
            report.removed += 1;
        }
        writer.delete_term(id);
    }
    for item in &items {
        let id = Term::from_field_text(fields.id, &item.item.id);
        let query = TermQuery::new(id.clone(), IndexRecordOption::Basic);
        if searcher.search(&query, &Count)? > 0 {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        writer.delete_term(id);
        writer.add_document(document(fields, &speakers, item))?;
    }
    // Dropping the writer without this commit rolls every change back.
    commit(&mut writer, &themes)?;
    report.items = (searcher.num_docs() as usize + report.added).saturating_sub(report.removed);
    Ok(report)
}

/// Whether the index was synced with this speaker list: the first indexed item's file, hashed
/// with it, gives the hash the index keeps. If not, `speakers.toml` (or that file) changed since
/// the last sync, and only a full sync brings every item up to date.
fn in_step(
    generation: &Generation,
    archive: &Path,
    speakers: &SpeakerNames,
) -> Result<bool, IndexError> {
    let searcher = generation.reader.searcher();
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let Some(doc) =
            (0..segment.max_doc()).find(|&doc| alive.is_none_or(|bits| bits.is_alive(doc)))
        else {
            continue;
        };
        let kept = segment.fast_fields().u64("hash")?.first(doc).unwrap_or(0);
        let stored: TantivyDocument = searcher.doc(DocAddress::new(ordinal as u32, doc))?;
        let item = stored
            .get_first(generation.fields.item)
            .and_then(|value| value.as_str())
            .and_then(|json| serde_json::from_str::<Item>(json).ok());
        let Some(item) = item else { return Ok(false) };
        return Ok(match std::fs::read(archive.join(&item.path)) {
            Ok(bytes) => indexed_hash(speakers, fnv1a(&bytes)) == kept,
            Err(_) => false,
        });
    }
    Ok(true)
}
