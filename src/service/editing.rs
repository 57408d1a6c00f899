//! Changing the archive: saving an item (new or edited, never over a version the editor has not
//! seen), moving one to the trash and restoring it, each written to the audit log and followed
//! by an incremental index update of the files it touched (`Library::update_files`).
//!
//! The web editor (`web::admin`) parses its forms and renders the answers; everything between
//! is here. Every method does file work and runs on a blocking thread.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::library::Library;
use super::{audit, ServiceError};
use crate::archive::load::load_file;
use crate::archive::{Item, ItemField};
use crate::ingest::save::{self, path_for, Mode};

/// An item to save: the file text and the item it gives, checked by the same rules as files on
/// disk.
pub struct Edit {
    pub text: String,
    pub item: Item,
    /// The item's path when editing an existing item; `None` for a new one.
    pub path: Option<String>,
    /// When editing: the file's version when the form was opened ([`file_version`]); empty
    /// skips the check.
    pub base: String,
}

/// What a change did: the item's id and path, and whether the index has it yet.
pub struct Change {
    pub id: String,
    pub path: String,
    /// `Err(ServiceError::NotIndexed)` when the archive changed but the index could not follow
    /// yet (the next sync picks it up).
    pub indexed: Result<(), ServiceError>,
}

/// The archive being edited.
pub struct Editor {
    archive: PathBuf,
    /// Held by a save from its version check to its write.
    saving: Mutex<()>,
}

impl Editor {
    pub fn new(archive: &Path) -> Editor {
        Editor {
            archive: archive.to_path_buf(),
            saving: Mutex::new(()),
        }
    }

    /// Saves a new item under a free name, or an edited one over its file if that file is still
    /// the version the edit started from; audits it and indexes the file.
    pub fn save(&self, library: &Library, user: &str, edit: Edit) -> Result<Change, ServiceError> {
        let Edit {
            text,
            mut item,
            path,
            base,
        } = edit;
        let relative = match &path {
            Some(path) => path.clone(),
            None => path_for(&item, None).map_err(|e| ServiceError::Invalid(e.to_string()))?,
        };
        // One save at a time: the version check and the write happen together.
        let saving = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        let old = match &path {
            Some(path) => Some(self.read(path).ok_or_else(|| {
                ServiceError::Invalid(format!(
                    "{path} is no longer in the archive (deleted meanwhile?): nothing saved"
                ))
            })?),
            None => None,
        };
        if old.is_some() && !base.is_empty() {
            let current = std::fs::read(self.archive.join(&relative)).unwrap_or_default();
            let version = file_version(&current);
            if version != base {
                return Err(ServiceError::Changed {
                    current: String::from_utf8_lossy(&current).into_owned(),
                    version,
                });
            }
        }
        let mode = if old.is_some() {
            Mode::Replace
        } else {
            Mode::NewUnique
        };
        save::save(&self.archive, &mut item, Some(&text), &relative, mode)
            .map_err(|e| ServiceError::Invalid(e.to_string()))?;
        drop(saving);
        let (action, changed) = match &old {
            Some(old) => ("update", changed_fields(old, &item)),
            None => ("create", vec!["created".to_string()]),
        };
        audit::record(&self.archive, user, action, &item.id, &item.path, &changed);
        Ok(self.indexed(library, item.id, item.path))
    }

    /// Moves the item with this id to the trash (`archive/_trash/<its path>`).
    pub fn trash(&self, library: &Library, user: &str, id: &str) -> Result<Change, ServiceError> {
        let item = self
            .find(library, id)
            .ok_or_else(|| ServiceError::NotFound(format!("no item {id} in the archive")))?;
        save::trash(&self.archive, &item.path)?;
        let changed = ["moved to _trash".to_string()];
        audit::record(
            &self.archive,
            user,
            "delete",
            &item.id,
            &item.path,
            &changed,
        );
        Ok(self.indexed(library, item.id, item.path))
    }

    /// Moves `_trash/<path>` back to `<path>`, refusing to overwrite an item saved there since.
    pub fn restore(
        &self,
        library: &Library,
        user: &str,
        path: &str,
    ) -> Result<Change, ServiceError> {
        save::restore(&self.archive, path)?;
        let id = Item::id_for_path(Path::new(path));
        let changed = ["restored from _trash".to_string()];
        audit::record(&self.archive, user, "restore", &id, path, &changed);
        Ok(self.indexed(library, id, path.to_string()))
    }

    /// The paths of the items in the trash.
    pub fn trashed(&self) -> Vec<String> {
        save::trashed(&self.archive)
    }

    /// The item with this id and its file's version, read from its file (the file is what gets
    /// edited).
    pub fn open(&self, library: &Library, id: &str) -> Option<(Item, String)> {
        let item = self.find(library, id)?;
        let bytes = std::fs::read(self.archive.join(&item.path)).ok()?;
        Some((item, file_version(&bytes)))
    }

    /// The item with this id, read from its file. The index says which file; only when the
    /// index does not know the id yet (a file added by hand a moment ago) are the archive's
    /// file names listed (paths give ids; nothing else is read).
    pub fn find(&self, library: &Library, id: &str) -> Option<Item> {
        let indexed = library
            .live()
            .and_then(|generation| crate::search::records::get(&generation, id).ok().flatten());
        if let Some(record) = indexed {
            if let Some(item) = self.read(&record.item.path).filter(|i| i.id == id) {
                return Some(item);
            }
        }
        let listed = crate::archive::scan::ids(&self.archive).ok()?;
        self.read(listed.get(id)?).filter(|i| i.id == id)
    }

    /// The item in the file at `relative`, parsed from that one file.
    fn read(&self, relative: &str) -> Option<Item> {
        load_file(&self.archive.join(relative), Path::new(relative))
            .ok()
            .map(|l| l.item)
    }

    fn indexed(&self, library: &Library, id: String, path: String) -> Change {
        let indexed = library.update_files(&self.archive, std::slice::from_ref(&path));
        Change { id, path, indexed }
    }
}

/// The version of a file's bytes that an edit carries in [`Edit::base`].
pub fn file_version(bytes: &[u8]) -> String {
    format!("{:016x}", crate::archive::load::fnv1a(bytes))
}

/// The names of the fields that differ between two versions of an item (for the audit log).
pub fn changed_fields(old: &Item, new: &Item) -> Vec<String> {
    let mut changed = Vec::new();
    let mut check = |field: ItemField, differs: bool| {
        if differs {
            changed.push(field.as_str().to_string());
        }
    };
    check(ItemField::Title, old.title != new.title);
    check(ItemField::Date, old.date != new.date);
    check(ItemField::Kind, old.kind != new.kind);
    check(ItemField::Speakers, old.speakers != new.speakers);
    check(ItemField::Themes, old.themes != new.themes);
    check(ItemField::Series, old.series != new.series);
    check(ItemField::Event, old.event != new.event);
    check(
        ItemField::Organisation,
        old.organisation != new.organisation,
    );
    check(ItemField::Language, old.language != new.language);
    check(ItemField::Source, old.source != new.source);
    check(ItemField::Url, old.url != new.url);
    check(ItemField::Summary, old.summary != new.summary);
    check(ItemField::Body, old.body != new.body);
    check(ItemField::Quotes, old.quotes != new.quotes);
    changed
}
