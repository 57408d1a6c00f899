//! The application layer's one error type: what went wrong in a use-case, in words for the
//! person who asked, typed by what they can do about it. `web::error` maps it to HTTP in one
//! place (a page, JSON or XML); the CLI prints it.

use crate::index::IndexError;
use crate::ingest::save::SaveError;
use crate::ingest::Unusable;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No item (or file) with this id or path.
    #[error("{0}")]
    NotFound(String),
    /// Something to fix in what was sent (a form field, a file that cannot be read).
    #[error("{0}")]
    Invalid(String),
    /// Refused because it would overwrite an item that is there now.
    #[error("{0}")]
    Exists(String),
    /// The file changed since the form was opened: its current text and version.
    #[error("the file changed since the form was opened")]
    Changed { current: String, version: String },
    /// No usable index (being built, or missing): try again in a moment.
    #[error("{0}")]
    Unavailable(String),
    /// The archive was changed, but the index could not be brought up to date.
    #[error("saved, but the index could not be updated yet ({0}); it will be on the next sync")]
    NotIndexed(String),
    /// Anything else: logged with its cause, never shown as a trace.
    #[error("{0}")]
    Internal(String),
}

impl ServiceError {
    pub fn internal(error: impl std::fmt::Display) -> ServiceError {
        ServiceError::Internal(error.to_string())
    }
}

impl From<SaveError> for ServiceError {
    fn from(error: SaveError) -> ServiceError {
        match &error {
            SaveError::Exists(_) => ServiceError::Exists(error.to_string()),
            SaveError::BadPath(_) => ServiceError::Invalid(error.to_string()),
            SaveError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                ServiceError::NotFound(error.to_string())
            }
            SaveError::Io { .. } => ServiceError::Internal(error.to_string()),
        }
    }
}

impl From<IndexError> for ServiceError {
    fn from(error: IndexError) -> ServiceError {
        match &error {
            IndexError::Missing(_)
            | IndexError::Outdated { .. }
            | IndexError::Busy(_)
            | IndexError::RebuildBusy(..) => ServiceError::Unavailable(error.to_string()),
            IndexError::Tantivy(_) | IndexError::Io(_) => ServiceError::Internal(error.to_string()),
        }
    }
}

impl From<Unusable> for ServiceError {
    fn from(error: Unusable) -> ServiceError {
        ServiceError::Invalid(error.0)
    }
}
