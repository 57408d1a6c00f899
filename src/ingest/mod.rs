//! Ingest: turning what archivists bring (Markdown, text pasted from PDFs, PDFs, WebVTT and
//! SubRip transcripts, JSON Lines) into archive items, and saving them.
//!
//! Uses `archive` (item model, front matter, atomic writes) and `analysis` (cleanup, language
//! detection); after a save it calls `index::sync`. Knows nothing of HTTP or the command line:
//! `cli::add`, `cli::import` and the web editor call in here.

pub mod bulk;
pub(crate) mod draft;
pub(crate) mod encoding;
pub mod jsonl;
pub mod pdf;
pub mod save;
pub(crate) mod source;
pub mod subtitles;
pub(crate) mod suggest;

pub use draft::{build, Draft, Metadata, Origin};

/// Why a file, a form or a record could not become an item: the message names the file (or
/// field) and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unusable(pub String);

pub use source::{read_source, Source, SourceKind};
pub use suggest::Known;
