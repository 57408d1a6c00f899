//! The search index: a derived, rebuildable copy of the archive in tantivy.
//!
//! Layout: `index/CURRENT` names the live generation, a folder `index/gen-*` beside it. A full
//! rebuild writes a new generation and switches `CURRENT` atomically (write + rename), so
//! readers never see a half-built index; an incremental sync updates the live generation in
//! one commit. The analyzer and schema versions ride in every commit's payload; a generation
//! with other versions is never searched, except by a server that says so while it rebuilds.
//! Knows nothing of HTTP or HTML.

mod dimension;
pub(crate) mod facet_names;
pub mod generations;
pub(crate) mod live;
mod prepare;
pub(crate) mod progress;
pub(crate) mod quotes;
pub(crate) mod schema;
pub(crate) mod status;
pub(crate) mod store;
pub(crate) mod sync;
pub(crate) mod upsert;

pub use dimension::Dimension;
pub use generations::rebuild;
pub use progress::{Progress, Quiet};
pub use schema::{build_schema, Fields, SCHEMA_VERSION, UNMATCHED_QUOTE_FLAG};
pub use store::{open, open_for_serving, Generation, IndexError, SyncReport};
pub use sync::{reindex, sync, sync_archive};
pub use upsert::upsert_files;
