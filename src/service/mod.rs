//! The application layer between the front ends (`web`, `cli`) and archive, index and ingest:
//! the use-cases both front ends need live here, so neither imports the other, and each front
//! end only parses a request, calls one of these and renders the answer.
//!
//! - `library`: the live index generation (switched when `index/CURRENT` changes) and indexing
//!   the files a change wrote;
//! - `editing`: save, trash and restore with the audit log (`audit`) and an incremental index
//!   update;
//! - `users`: the archivists' users file;
//! - `json`: the JSON shapes of results and items (`/api/*` and `lectern search --json`);
//! - `error`: [`ServiceError`], mapped to HTTP in one place (`web::error`).

pub mod audit;
pub mod editing;
pub mod error;
pub mod json;
pub mod library;
pub mod users;

pub use error::ServiceError;
