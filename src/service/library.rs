//! The index an archive is served from: the live generation of an index folder, switched when
//! `index/CURRENT` names another one, and brought up to date for the files an edit changed.
//!
//! The web server holds one [`Library`] and asks it for the generation to search; the editor
//! (`service::editing`) and `lectern add` index what they wrote through [`index_files`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::ServiceError;
use crate::index::{self, Generation, IndexError, SyncReport};

/// The live index generation of one index folder.
pub struct Library {
    index_root: PathBuf,
    live: RwLock<Option<Arc<Generation>>>,
}

impl Library {
    /// Opens the live generation if there is one (else [`Library::generation`] is unavailable
    /// until a refresh finds one).
    pub fn open(index_root: &Path) -> Library {
        let library = Library {
            index_root: index_root.to_path_buf(),
            live: RwLock::new(None),
        };
        library.refresh();
        library
    }

    pub fn index_root(&self) -> &Path {
        &self.index_root
    }

    /// The generation being served, if any.
    pub fn live(&self) -> Option<Arc<Generation>> {
        self.live.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The generation being served, or why there is none.
    pub fn generation(&self) -> Result<Arc<Generation>, ServiceError> {
        self.live().ok_or_else(|| {
            ServiceError::Unavailable(
                IndexError::Missing(self.index_root.clone()).to_string()
                    + "; try again in a moment",
            )
        })
    }

    /// Picks up a switched generation (`CURRENT` changed) or new commits in the live one.
    pub fn refresh(&self) {
        let current = index::store::current_generation(&self.index_root);
        match (self.live(), current) {
            (Some(live), Some(name)) if live.name == name => {
                if let Err(e) = live.reader.reload() {
                    tracing::warn!("could not reload the index: {e}");
                }
            }
            (_, Some(_)) => match index::open_for_serving(&self.index_root) {
                Ok(generation) => {
                    if generation.outdated {
                        tracing::warn!(
                            "serving index generation {} built by analyzer v{} / schema v{} (this version needs v{} / v{}) until the rebuild finishes",
                            generation.name,
                            generation.versions.analyzer,
                            generation.versions.schema,
                            crate::analysis::ANALYZER_VERSION,
                            index::SCHEMA_VERSION
                        );
                    } else {
                        tracing::info!("serving index generation {}", generation.name);
                    }
                    *self.live.write().unwrap_or_else(|e| e.into_inner()) =
                        Some(Arc::new(generation));
                }
                Err(e) => tracing::warn!("cannot open the index: {e}"),
            },
            (_, None) => {}
        }
    }

    /// Indexes the item files an edit wrote, moved or removed ([`index_files`]), then serves
    /// the new state. A failure is logged and comes back as [`ServiceError::NotIndexed`].
    pub fn update_files(&self, archive: &Path, paths: &[String]) -> Result<(), ServiceError> {
        match index_files(&self.index_root, archive, paths) {
            Ok(_) => {
                self.refresh();
                Ok(())
            }
            Err(e) => {
                tracing::error!("index sync after an edit failed: {e:#}");
                Err(ServiceError::NotIndexed(e.to_string()))
            }
        }
    }
}

/// Brings the index up to date for the item files at `paths` (relative to the archive): only
/// those files are read (`index::upsert_files`), so a change costs the same in an archive of
/// any size.
pub fn index_files(
    index_root: &Path,
    archive: &Path,
    paths: &[String],
) -> Result<SyncReport, IndexError> {
    index::upsert_files(index_root, archive, paths)
}
