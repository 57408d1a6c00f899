//! Lectern: an archive of lectures, talks and event reports with Dutch-aware full-text search.
//!
//! Dependencies run one way: `archive` (files, front matter, items) and `analysis` (text
//! analysis) -> `index` (tantivy) -> `search` (queries, results as data) -> `service` (use-cases both
//! front ends share) -> `web` (HTTP, HTML, JSON) and `cli`. See ARCHITECTURE.md.

pub mod analysis;
pub mod archive;
pub mod cli;
pub mod config;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod search;
pub(crate) mod service;
pub mod web;
