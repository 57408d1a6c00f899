//! The search index: a derived, rebuildable copy of the archive in tantivy.
//!
//! Layout: `index/CURRENT` names the live generation, a folder `index/gen-*` beside it. A full
//! rebuild writes a new generation and switches `CURRENT` atomically (write + rename), so
//! readers never see a half-built index; an incremental sync updates the live generation in
//! one commit. The analyzer and schema versions ride in every commit's payload; a generation
//! with other versions is never searched. Knows nothing of HTTP or HTML.

pub mod schema;
pub mod store;

pub use schema::{build_schema, Fields, FACETS, SCHEMA_VERSION};
pub use store::{open, rebuild, sync, Generation, IndexError, SyncReport};
