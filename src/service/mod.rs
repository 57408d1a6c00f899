//! The application layer between the front ends (`web`, `cli`) and archive, index and ingest:
//! use-cases that both front ends need live here, so neither imports the other.
//!
//! Today: the JSON shapes of results and items (`json`, for `/api/*` and `lectern search
//! --json`) and the archivists' users file (`users`). Issue 16 moves the editor's save, trash and
//! restore with their audit, and the switching of index generations, here as well.

pub mod json;
pub mod users;
