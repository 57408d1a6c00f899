//! Indexing a few item files the caller has just written, without reading the rest of the archive.
//!
//! [`upsert_files`] parses only the given files and, in one commit, replaces their documents
//! (delete by id, add) with the same canonical speaker names, content hash and commit payload
//! (analyzer, schema, theme list) as a full sync, through `sync::document` and `store::commit`.
//! It opens the writer for that one commit, like every sync. Without a usable generation it
//! does a full [`sync_archive`] instead. Other changes in the archive (edits by hand,
//! `speakers.toml`) are left to the next sync (the server's watcher, or `lectern index`).

use std::path::Path;

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::progress::Quiet;
use super::store::{commit, open, open_writer, IndexError, SyncReport};
use super::sync::{document, sync_archive};
use crate::archive::load::load_file;
use crate::archive::{SpeakerNames, ThemeList};

/// Brings the index up to date for the item files at `relatives` (relative to `archive`):
/// parses them alone and upserts them in one commit. A missing or outdated index gets a full
/// sync instead. Files that do not parse are reported in `errors` and left out.
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
    report.themes_changed = generation.versions.themes != themes;
    let mut items = Vec::new();
    for relative in relatives {
        match load_file(&archive.join(relative), Path::new(relative)) {
            Ok(item) => items.push(item),
            Err(mut errors) => report.errors.append(&mut errors),
        }
    }
    if items.is_empty() && !report.themes_changed {
        return Ok(report);
    }
    generation.reader.reload()?;
    let searcher = generation.reader.searcher();
    let mut writer = open_writer(&generation.index, root, 1)?;
    let fields = &generation.fields;
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
    report.items = searcher.num_docs() as usize + report.added;
    Ok(report)
}
